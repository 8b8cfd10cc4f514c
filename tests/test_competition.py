"""The competition: entries, jury, the scoring round trip through Excel, locking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from skimlll_desktop.models import AuditEntry, EditionStatus, FormalCheck, Person
from skimlll_desktop.services.competition import (
    EditionLocked,
    add_entry,
    add_juror,
    competition_ranking,
    create_edition,
    edition_info,
    export_results,
    list_entries,
    save_scores,
    scoring_grid,
    set_edition_status,
    set_formal_check,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.registry import FormErrors
from skimlll_desktop.services.scoring_sheets import (
    apply_scoring_sheets,
    export_scoring_sheets,
    read_scoring_sheets,
)

LACKO, SZCZAWA, KRAKOW, GORLICE_R = "1210092", "1207132", "1261011", "1205042"


def _jury(db: Database) -> tuple[int, int]:
    with db.transaction() as session:
        a = Person(first_name="Anna", last_name="Jurorska")
        b = Person(first_name="Bogdan", last_name="Sędzia")
        session.add_all([a, b])
        session.flush()
        ids = (a.id, b.id)
    return (add_juror(db, 2026, ids[0]),
            add_juror(db, 2026, ids[1], conflicts=["1210"]))  # powiat nowosądecki


def _edition(db: Database) -> dict[str, int]:
    create_edition(db, 2026, deadline=date(2026, 9, 30))
    return {teryt: add_entry(db, 2026, teryt, f"Zgłoszenie {teryt}",
                             date(2026, 10, 2) if teryt == KRAKOW else date(2026, 9, 1))
            for teryt in (LACKO, SZCZAWA, KRAKOW, GORLICE_R)}


def test_entries_categories_late_flag_and_one_per_gmina(sqlite_db: Database) -> None:
    _edition(sqlite_db)
    rows = {row.gmina_teryt: row for row in list_entries(sqlite_db, 2026)}
    assert rows[KRAKOW].category == "gmina miejska" and rows[KRAKOW].late
    assert rows[LACKO].category == "gmina wiejska" and not rows[LACKO].late
    with pytest.raises(FormErrors) as refused:
        add_entry(sqlite_db, 2026, LACKO)
    assert "Łącko" in refused.value.errors["gmina"]
    with pytest.raises(FormErrors):
        add_entry(sqlite_db, 2026, "1465011")  # Warszawa is not in Małopolska
    assert len(edition_info(sqlite_db, 2026).criteria) == 5
    create_edition(sqlite_db, 2027)
    assert [c.name for c in edition_info(sqlite_db, 2027).criteria] == [
        c.name for c in edition_info(sqlite_db, 2026).criteria]  # copied


def test_conflicted_entries_are_not_scored(sqlite_db: Database) -> None:
    entries = _edition(sqlite_db)
    _anna, bogdan = _jury(sqlite_db)
    set_edition_status(sqlite_db, 2026, EditionStatus.SCORING)
    grid = scoring_grid(sqlite_db, 2026, bogdan)
    assert grid.conflicted == {entries[LACKO]}
    criterion = grid.criteria[0].id
    with pytest.raises(UserFacingError):
        save_scores(sqlite_db, 2026, bogdan, {(entries[LACKO], criterion): D(5)})
    with pytest.raises(ValueError):
        save_scores(sqlite_db, 2026, bogdan, {(entries[SZCZAWA], criterion): D(11)})


def test_a_formally_incomplete_entry_is_not_scored(sqlite_db: Database) -> None:
    entries = _edition(sqlite_db)
    anna, _bogdan = _jury(sqlite_db)
    set_formal_check(sqlite_db, entries[SZCZAWA], FormalCheck.INCOMPLETE, "brak podpisu wójta")
    set_edition_status(sqlite_db, 2026, EditionStatus.SCORING)
    grid = scoring_grid(sqlite_db, 2026, anna)
    assert entries[SZCZAWA] not in {entry.id for entry in grid.entries}
    assert {entries[LACKO], entries[KRAKOW]} <= {entry.id for entry in grid.entries}
    with pytest.raises(UserFacingError):
        save_scores(sqlite_db, 2026, anna, {(entries[SZCZAWA], grid.criteria[0].id): D(5)})


def test_final_edition_is_locked_and_reopening_is_logged(sqlite_db: Database) -> None:
    entries = _edition(sqlite_db)
    anna, _bogdan = _jury(sqlite_db)
    set_edition_status(sqlite_db, 2026, EditionStatus.SCORING)
    criterion = edition_info(sqlite_db, 2026).criteria[0].id
    save_scores(sqlite_db, 2026, anna, {(entries[LACKO], criterion): D(7)})
    set_edition_status(sqlite_db, 2026, EditionStatus.FINAL)
    with pytest.raises(EditionLocked):
        save_scores(sqlite_db, 2026, anna, {(entries[LACKO], criterion): D(9)})
    with pytest.raises(EditionLocked):
        add_entry(sqlite_db, 2026, "1201011")
    set_edition_status(sqlite_db, 2026, EditionStatus.SCORING)
    with sqlite_db.transaction() as session:
        logged = session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "competition_editions")).all()
        assert any(e.changes.get("reopened") == ["final", "scoring"] for e in logged)
    save_scores(sqlite_db, 2026, anna, {(entries[LACKO], criterion): D(9)})


def _fill(path: Path, value_for) -> None:
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        for row in range(5, sheet.max_row + 1):
            for column in range(4, 9):
                sheet.cell(row=row, column=column, value=value_for(sheet, row, column))
    workbook.save(path)


def test_excel_round_trip_and_ranking(sqlite_db: Database, tmp_path: Path) -> None:
    _edition(sqlite_db)
    _jury(sqlite_db)
    set_edition_status(sqlite_db, 2026, EditionStatus.SCORING)
    path = export_scoring_sheets(sqlite_db, 2026, tmp_path / "arkusze.xlsx")
    workbook = load_workbook(path)
    assert [s.max_row for s in workbook.worksheets] == [8, 7]  # Bogdan: no Łącko
    sheet = workbook.worksheets[0]
    assert sheet.protection.sheet and sheet["D5"].protection.locked is False
    assert sheet.column_dimensions["A"].hidden
    assert any("D5" in str(v.sqref) for v in sheet.data_validations.dataValidation)

    _fill(path, lambda sheet, row, column: 8 if row == 5 else 6)
    preview = read_scoring_sheets(sqlite_db, 2026, path)
    assert preview.problems == [] and preview.new == (4 + 3) * 5
    assert apply_scoring_sheets(sqlite_db, preview) == (35, 0)
    ranking = competition_ranking(sqlite_db, 2026)
    rural = ranking["gmina wiejska"]
    assert rural[0].score is not None and rural[0].jurors_scored >= 1
    results = load_workbook(export_results(sqlite_db, 2026, tmp_path / "wyniki.xlsx"))
    assert results.sheetnames == ["gmina miejska", "gmina wiejska"]


def test_tampered_sheet_reports_every_problem_and_writes_nothing(sqlite_db: Database,
                                                                 tmp_path: Path) -> None:
    _edition(sqlite_db)
    _jury(sqlite_db)
    set_edition_status(sqlite_db, 2026, EditionStatus.SCORING)
    path = export_scoring_sheets(sqlite_db, 2026, tmp_path / "arkusze.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.protection.sheet = False
    for column in range(4, 9):
        sheet.cell(row=5, column=column, value=5)
    sheet["D6"] = "dziewięć"  # text in a score cell
    sheet["E6"] = 12  # over the maximum of 10
    sheet["A7"] = "00000000-0000-0000-0000-000000000000"  # a changed entry id
    sheet["D7"] = 5
    sheet["D12"] = 7  # an extra row
    workbook.save(path)
    preview = read_scoring_sheets(sqlite_db, 2026, path)
    problems = {(p.row, p.column) for p in preview.problems}
    assert (6, sheet["D4"].value) in problems and (6, sheet["E4"].value) in problems
    assert (7, None) in problems and (12, None) in problems
    assert all("Arkusz" in p.message for p in preview.problems)
    info = edition_info(sqlite_db, 2026)
    assert all(not scoring_grid(sqlite_db, 2026, j).points
               for j in (1, 2)) and info.jurors == 2  # nothing written by reading
