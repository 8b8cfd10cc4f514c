"""Screenshots of the competition screens for the tour, on the demo data.

    capture_competition_screens(database, out_dir, "30-")

shows the Konkurs area on the current edition (being scored): the entries
list, the jury, one juror's scoring grid mid-entry (a conflicted row greyed out,
a bad score in red, typed but not saved), the ranking, a what-if without one or
two jurors (a pair whose absence makes a tie, when the data has one), and the
map of the final past edition with its laureates; then the preview of a filled
Excel scoring sheet with its problems. Nothing is saved: the typed scores are
thrown away and the sheet is only read.
"""

from __future__ import annotations

import tempfile
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from skimlll_desktop.ui.tour_shots import composed as _composed
from skimlll_desktop.ui.tour_shots import settle as _settle

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

WINDOW_SIZE = (1366, 768)
SHOT_NAMES = ("competition-entries", "competition-jury", "competition-scoring",
              "competition-ranking", "competition-what-if", "competition-map",
              "competition-scores-import", "competition-awards")



def _tie_making(database: Database, year: int, jurors: list[int]) -> tuple[int, ...]:
    """One or two jurors whose absence makes a tie (the first juror if none does)."""
    from skimlll_desktop.services.competition import competition_ranking

    for size in (1, 2):
        for left_out in combinations(jurors, size):
            ranking = competition_ranking(database, year, left_out)
            if any(e.tie for entries in ranking.values() for e in entries):
                return left_out
    return tuple(jurors[:1])


def capture_competition_screens(
    database: Database,
    out_dir: Path,
    prefix: str = "",
    *,
    size: tuple[int, int] = WINDOW_SIZE,
) -> list[Path]:
    """Save ``{prefix}{name}.png`` for each of :data:`SHOT_NAMES` that the data allows;
    returns the files written."""
    from skimlll_desktop.services.competition import list_editions
    from skimlll_desktop.ui.competition_page import (
        TAB_ENTRIES,
        TAB_JURY,
        TAB_MAP,
        TAB_RANKING,
        TAB_SCORING,
        CompetitionPage,
    )
    from skimlll_desktop.ui.competition_texts import FINAL

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(pixmap: QPixmap, name: str) -> None:
        target = out_dir / f"{prefix}{name}.png"
        pixmap.save(str(target))
        saved.append(target)

    editions = list_editions(database)
    if not editions:
        return saved
    current = next((e for e in editions if str(e.status) != FINAL), editions[0])
    final = next((e for e in editions if str(e.status) == FINAL), current)

    page = CompetitionPage()
    page.setWindowTitle("SKiMLLL Desktop")
    page.resize(*size)
    page.set_database(database)
    page.show()
    page.show_edition(current.year)
    page.show_tab(TAB_ENTRIES)
    late = next((entry for entry in page.entries.rows() if entry.late), None)
    if late is not None:
        page.entries.select_entry(late.id)
    _settle(150)
    save(page.grab(), "competition-entries")

    page.show_tab(TAB_JURY)
    _settle()
    save(page.grab(), "competition-jury")

    page.show_tab(TAB_SCORING)
    _type_mid_entry(page)
    _settle(150)
    save(page.grab(), "competition-scoring")
    page.scoring.model.set_grid(page.scoring.model.grid(), page.scoring.is_editable())

    page.show_tab(TAB_RANKING)
    _settle()
    save(page.grab(), "competition-ranking")
    jurors = [juror.id for juror in page.jury.jurors()]
    if jurors:
        for juror in _tie_making(database, current.year, jurors):
            page.ranking.set_juror_counted(juror, False)
        _scroll_to_tie(page)
        _settle()
        save(page.grab(), "competition-what-if")
        page.ranking.reset_what_if()

    page.show_edition(final.year)
    page.show_tab(TAB_MAP)
    _settle(150)
    _hover_a_laureate(page)
    _settle()
    save(page.grab(), "competition-map")

    page.show_edition(current.year)
    page.show_tab(TAB_SCORING)
    _settle()
    dialog = _scores_import_preview(database, page)
    if dialog is not None:
        _settle(150)
        save(_composed(page, dialog), "competition-scores-import")
        dialog.reject()
        dialog.deleteLater()

    from skimlll_desktop.ui.edition_dialog import EditionDialog

    edition = EditionDialog(database, current.year, criteria_editable=False, parent=page)
    edition.show()
    edition.tabs.setCurrentIndex(edition.tabs.count() - 1)  # the awards
    _settle(150)
    save(_composed(page, edition), "competition-awards")
    edition.reject()
    edition.deleteLater()
    page.close()
    page.deleteLater()
    _settle()
    return saved


def _type_mid_entry(page: QWidget) -> None:
    """The first juror with a conflict: a few scores typed (one too high), not saved."""
    from skimlll_desktop.ui.competition_page import CompetitionPage
    from skimlll_desktop.ui.scoring_grid_model import FIRST_CRITERION

    assert isinstance(page, CompetitionPage)
    scoring = page.scoring
    for juror in page.jury.jurors():
        if juror.conflicts:
            scoring.show_juror(juror.id)
            break
    model = scoring.model
    conflicted = next((row for row in range(model.rowCount()) if model.is_conflicted(row)), 0)
    rows = [row for row in range(model.rowCount()) if not model.is_conflicted(row)]
    target = next((row for row in rows if row > conflicted), rows[0] if rows else None)
    if target is None or not model.is_editable():
        return
    columns = range(FIRST_CRITERION, model.comment_column())
    for offset, text in enumerate(("8", "7,5", "12")):
        if offset < len(columns):
            model.setData(model.index(target, columns[offset]), text)
    scoring.table.scrollTo(model.index(max(conflicted - 1, 0), FIRST_CRITERION))
    scoring.table.setCurrentIndex(model.index(target, columns[min(3, len(columns) - 1)]))
    scoring.table.setFocus()


def _hover_a_laureate(page: QWidget) -> None:
    """The pointer over the first laureate the map draws: its name in the legend row."""
    from PySide6.QtTest import QTest

    from skimlll_desktop.ui.competition_page import CompetitionPage
    from skimlll_desktop.ui.gmina_map_widget import LAUREATE

    assert isinstance(page, CompetitionPage)
    canvas = page.map.canvas
    for teryt, path in canvas.paths().items():
        if canvas.kind_of(teryt) == LAUREATE:
            point = canvas.to_widget(path.boundingRect().center())
            if canvas.gmina_at(point) == teryt:
                QTest.mouseMove(canvas, point.toPoint())
                return


def _scroll_to_tie(page: QWidget) -> None:
    from skimlll_desktop.ui.competition_page import CompetitionPage
    from skimlll_desktop.ui.ranking_view import COLUMN_NOTE

    assert isinstance(page, CompetitionPage)
    table = page.ranking.table
    for row in range(table.rowCount()):
        if page.ranking.cell_text(row, COLUMN_NOTE):
            table.scrollTo(table.model().index(row, 0))
            table.clearSelection()
            return


def _scores_import_preview(database: Database, page: QWidget) -> QWidget | None:
    """An exported sheet filled in with mistakes, read back (nothing is applied)."""
    from openpyxl import load_workbook

    from skimlll_desktop.services.competition import list_jurors
    from skimlll_desktop.services.scoring_sheets import (
        FIRST_ROW,
        export_scoring_sheets,
        read_scoring_sheets,
    )
    from skimlll_desktop.ui.competition_page import CompetitionPage
    from skimlll_desktop.ui.scores_import_dialog import ScoresImportDialog

    assert isinstance(page, CompetitionPage)
    year, juror = page.year(), page.scoring.juror_id()
    if year is None or juror is None:
        return None
    with tempfile.TemporaryDirectory(prefix="skimlll-tour-sheets-") as folder:
        path = Path(folder) / "karty-oceny.xlsx"
        export_scoring_sheets(database, year, path, [juror])
        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
        sheet.cell(row=FIRST_ROW, column=4, value=7)
        sheet.cell(row=FIRST_ROW + 1, column=5, value=11)
        sheet.cell(row=FIRST_ROW + 2, column=4, value="dobrze")
        sheet.cell(row=FIRST_ROW + 3, column=1, value="zmieniony-identyfikator")
        workbook.save(path)
        preview = read_scoring_sheets(database, year, path)
        names = {j.id: j.name for j in list_jurors(database, year)}
        dialog = ScoresImportDialog(path, preview, names, page)
    dialog.show()
    return dialog
