"""The jury's Excel round trip: a personalised scoring sheet per juror, and reading it back.

Each juror's sheet lists only their entries (never a conflicted one), one column
per criterion with the allowed range in the header and a validation rule in the
cells; the structure is protected, only score and comment cells are editable.
Hidden identifiers (juror, entries, criteria) tie every cell back to the
database. Reading the filled sheets reports every problem per cell — a changed
identifier, text in a score cell, a score over the maximum, extra rows — and
writes nothing until confirmed; then all sheets' scores go in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from skimlll_desktop.i18n import _
from skimlll_desktop.models import CompetitionEdition, Criterion, Entry, Juror
from skimlll_desktop.services.competition import (
    apply_scores,
    conflicted_pairs,
    edition_in,
    list_jurors,
    scoring_grid,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.excel_reading import SheetProblem
from skimlll_desktop.services.files import safe_file_name

FIRST_ROW = 5  # entries start here; row 3 holds hidden criterion ids, row 4 the headers
ID_ROW = 3
HEADER_ROW = 4


def export_scoring_sheets(database: Database, year: int, path: Path,
                          juror_ids: list[int] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from skimlll_desktop.services.excel_writing import save_workbook

    jurors = [j for j in list_jurors(database, year) if juror_ids is None or j.id in juror_ids]
    if not jurors:
        raise UserFacingError(_("The edition has no jurors yet."))
    with database.transaction() as session:
        juror_uuids = {j.id: str(j.uuid) for j in session.scalars(select(Juror).where(
            Juror.id.in_([j.id for j in jurors])))}
        criterion_uuids = {c.id: str(c.uuid) for c in session.scalars(select(Criterion).where(
            Criterion.edition_id == edition_in(session, year).id))}
        entry_uuids = {e.id: str(e.uuid) for e in session.scalars(select(Entry).where(
            Entry.edition_id == edition_in(session, year).id))}
    workbook = Workbook()
    workbook.remove(workbook.active)
    used_titles: set[str] = set()
    editable = PatternFill("solid", fgColor="FFF8E1")
    for juror in jurors:
        grid = scoring_grid(database, year, juror.id)
        title = (safe_file_name(juror.name, max_length=25) or "juror")[:28]
        while title in used_titles:
            title = f"{title[:26]}-{len(used_titles)}"
        used_titles.add(title)
        sheet = workbook.create_sheet(title)
        sheet["A1"] = juror_uuids[juror.id]
        sheet["B1"] = _("Scoring sheet — {juror}").format(juror=juror.name)
        sheet["B1"].font = Font(bold=True, size=13)
        sheet["B2"] = _("Edition {year}. Type scores in the yellow cells only; "
                        "do not change the other cells.").format(year=year)
        headers = [_("Gmina"), _("Entry")] + [
            f"{c.name} (0–{c.max_points}, ×{c.weight.normalize()})" for c in grid.criteria] + [
            _("Comment")]
        sheet.cell(row=ID_ROW, column=1, value="ids")
        for index, criterion in enumerate(grid.criteria):
            sheet.cell(row=ID_ROW, column=4 + index, value=criterion_uuids[criterion.id])
        for index, header in enumerate(headers, start=2):
            cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row = FIRST_ROW
        for entry in grid.entries:
            if entry.id in grid.conflicted:
                continue
            sheet.cell(row=row, column=1, value=entry_uuids[entry.id])
            sheet.cell(row=row, column=2, value=entry.gmina).data_type = "s"
            sheet.cell(row=row, column=3, value=entry.title).data_type = "s"
            for index, criterion in enumerate(grid.criteria):
                cell = sheet.cell(row=row, column=4 + index,
                                  value=grid.points.get((entry.id, criterion.id)))
                cell.protection = Protection(locked=False)
                cell.fill = editable
            comment = sheet.cell(row=row, column=4 + len(grid.criteria),
                                 value=grid.comments.get(entry.id, ""))
            comment.data_type = "s"
            comment.protection = Protection(locked=False)
            comment.fill = editable
            row += 1
        for index, criterion in enumerate(grid.criteria):
            letter = sheet.cell(row=1, column=4 + index).column_letter
            validation = DataValidation(
                type="decimal", operator="between", formula1="0",
                formula2=str(criterion.max_points), allow_blank=True, showErrorMessage=True,
                errorTitle=_("Score out of range"),
                error=_("Type a number from 0 to {max}.").format(max=criterion.max_points))
            validation.add(f"{letter}{FIRST_ROW}:{letter}{max(row - 1, FIRST_ROW)}")
            sheet.add_data_validation(validation)
            sheet.column_dimensions[letter].width = 16
        sheet.column_dimensions["A"].hidden = True
        sheet.row_dimensions[ID_ROW].hidden = True
        sheet.column_dimensions["B"].width = 24
        sheet.column_dimensions["C"].width = 40
        last = sheet.cell(row=1, column=4 + len(grid.criteria)).column_letter
        sheet.column_dimensions[last].width = 40
        sheet.row_dimensions[HEADER_ROW].height = 48
        sheet.freeze_panes = f"D{FIRST_ROW}"
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
    return save_workbook(workbook, Path(path))


@dataclass
class ScoresPreview:
    year: int
    # juror id → {(entry id, criterion id): points or None}
    points: dict[int, dict[tuple[int, int], Decimal | None]] = field(default_factory=dict)
    comments: dict[int, dict[int, str]] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)
    new: int = 0
    changed: int = 0


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def read_scoring_sheets(database: Database, year: int, path: Path) -> ScoresPreview:
    """Read filled sheets; every problem per cell; nothing is written."""
    from openpyxl import load_workbook

    from skimlll_desktop.services.competition import parse_points
    from skimlll_desktop.services.excel_reading import _open_workbook, cell_text

    _open_workbook(Path(path)).close()  # the same clear messages for bad files
    workbook = load_workbook(Path(path), data_only=True)
    preview = ScoresPreview(year)
    with database.transaction() as session:
        edition: CompetitionEdition = edition_in(session, year)
        jurors = {j.uuid: j for j in edition.jurors}
        criteria = {c.uuid: c for c in edition.criteria}
        entries = {e.uuid: e for e in edition.entries}
        conflicted = conflicted_pairs(session, edition)
        for sheet in workbook.worksheets:
            juror = jurors.get(_uuid(sheet["A1"].value))
            if juror is None:
                preview.problems.append(SheetProblem(1, None, _(
                    "Sheet {sheet}: not a scoring sheet of a juror of the {year} edition; "
                    "skipped.").format(sheet=sheet.title, year=year)))
                continue
            headers = {column: cell_text(sheet.cell(row=HEADER_ROW, column=column).value)
                       for column in range(1, sheet.max_column + 1)}
            columns: dict[int, Criterion] = {}
            for column in range(4, sheet.max_column + 1):
                criterion = criteria.get(_uuid(sheet.cell(row=ID_ROW, column=column).value))
                if criterion is not None:
                    columns[column] = criterion
            if len(columns) != len(criteria):
                preview.problems.append(SheetProblem(ID_ROW, None, _(
                    "Sheet {sheet}: the criteria columns were changed; skipped.").format(
                        sheet=sheet.title)))
                continue
            comment_column = max(columns) + 1
            points: dict[tuple[int, int], Decimal | None] = {}
            comments: dict[int, str] = {}
            for row in range(FIRST_ROW, sheet.max_row + 1):
                values = [sheet.cell(row=row, column=c).value for c in columns]
                key = sheet.cell(row=row, column=1).value
                if key is None and all(v in (None, "") for v in values):
                    continue
                entry = entries.get(_uuid(key))
                where = _("Sheet {sheet}").format(sheet=sheet.title)
                if entry is None:
                    preview.problems.append(SheetProblem(row, None, _(
                        "{where}: a row that is not an entry of this sheet (changed or added "
                        "row); skipped.").format(where=where)))
                    continue
                if (juror.id, entry.id) in conflicted:
                    preview.problems.append(SheetProblem(row, None, _(
                        "{where}: the juror declared a conflict with this gmina; "
                        "skipped.").format(where=where)))
                    continue
                for column, criterion in columns.items():
                    value = sheet.cell(row=row, column=column).value
                    if value in (None, ""):
                        continue
                    try:
                        points[(entry.id, criterion.id)] = parse_points(value,
                                                                        criterion.max_points)
                    except ValueError:
                        preview.problems.append(SheetProblem(row, headers.get(column), _(
                            "{where}: {value} is not a score from 0 to {max}.").format(
                                where=where, value=value, max=criterion.max_points)))
                comments[entry.id] = cell_text(sheet.cell(row=row, column=comment_column).value)
            existing = {(s.entry_id, s.criterion_id): s.points for s in _scores(session,
                                                                                 juror.id)}
            for key_, value in points.items():
                if key_ not in existing:
                    preview.new += 1
                elif existing[key_] != value:
                    preview.changed += 1
            preview.points[juror.id] = points
            preview.comments[juror.id] = comments
    return preview


def _scores(session, juror_id: int):
    from skimlll_desktop.models import Score

    return session.scalars(select(Score).where(Score.juror_id == juror_id))


def apply_scoring_sheets(database: Database, preview: ScoresPreview) -> tuple[int, int]:
    """Write every sheet's scores in one transaction (all or nothing)."""
    added = changed = 0
    with database.transaction() as session:
        edition = edition_in(session, preview.year)
        for juror_id, points in preview.points.items():
            a, c = apply_scores(session, edition, juror_id, points,
                                preview.comments.get(juror_id, {}))
            added += a
            changed += c
    return added, changed


