"""Ocena: a juror's scores typed with the keyboard only, checked per cell, saved with Ctrl+S;
conflicted rows read-only; the Excel round trip previewed before anything is written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from competition_data import GORLICE, KRAKOW, LACKO, SZCZAWA, YEAR, edition
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from skimlll_desktop.services.competition import scoring_grid
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.scoring_sheets import FIRST_ROW
from skimlll_desktop.ui.competition_texts import CONFLICT_TEXT, SCORING
from skimlll_desktop.ui.scores_import_dialog import ScoresImportDialog
from skimlll_desktop.ui.scoring_grid import ScoringGridWidget, progress_text
from skimlll_desktop.ui.scoring_grid_model import (
    ERROR_ROLE,
    FIRST_CRITERION,
    ScoringGridModel,
    ScoringTableView,
    range_message,
)


@pytest.fixture
def data(sqlite_db: Database) -> dict[str, object]:
    return edition(sqlite_db)


@pytest.fixture
def widget(qtbot, sqlite_db: Database, data: dict[str, object]) -> ScoringGridWidget:
    widget = ScoringGridWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_database(sqlite_db)
    widget.set_edition(YEAR, SCORING)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    return widget


def _type(qtbot, table: ScoringTableView, keys: str) -> None:
    """Keys as a user presses them: text goes to the open cell editor, if any."""
    for key in keys:
        editors = [editor for editor in table.findChildren(QLineEdit, "scoringCellEditor")
                   if editor.isVisible()]
        target: QWidget = editors[0] if editors else table
        if key == "\n":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        elif key == "\t":
            qtbot.keyClick(target, Qt.Key.Key_Tab)
        else:
            qtbot.keyClick(target, key)


def _row(model: ScoringGridModel, teryt: str) -> int:
    return next(row for row, entry in enumerate(model.entries) if entry.gmina_teryt == teryt)


def _saved(database: Database, juror: int) -> dict[tuple[int, int], Decimal]:
    return scoring_grid(database, YEAR, juror).points


def test_scores_typed_with_the_keyboard_only_are_saved_as_decimals(
    qtbot, widget: ScoringGridWidget, sqlite_db: Database, data: dict[str, object]
) -> None:
    anna = data["jurors"]["anna"]  # type: ignore[index]
    entries, criteria = data["entries"], data["criteria"]
    table, model = widget.table, widget.model
    assert widget.juror_id() == anna
    # In Polish order: Ł after L, not after Z.
    assert [e.gmina_teryt for e in model.entries] == [GORLICE, KRAKOW, LACKO, SZCZAWA]
    assert table.currentIndex() == model.index(0, FIRST_CRITERION)

    # Enter and Tab both move right; after the last criterion, on to the next gmina.
    _type(qtbot, table, "7,5\n8\t10\n0\n9.25\n6\n")
    assert table.currentIndex() == model.index(1, FIRST_CRITERION + 1)
    assert widget.progress_label.text() == progress_text(6, 20)
    assert model.index(0, FIRST_CRITERION).data() == "7,5"
    assert _saved(sqlite_db, anna) == {}  # typed, not saved

    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    gorlice, krakow = entries[GORLICE], entries[KRAKOW]  # type: ignore[index]
    assert _saved(sqlite_db, anna) == {
        (gorlice, criteria[0]): Decimal("7.5"), (gorlice, criteria[1]): Decimal("8"),  # type: ignore[index]
        (gorlice, criteria[2]): Decimal("10"), (gorlice, criteria[3]): Decimal("0"),  # type: ignore[index]
        (gorlice, criteria[4]): Decimal("9.25"), (krakow, criteria[0]): Decimal("6"),  # type: ignore[index]
    }
    assert not widget.has_unsaved_changes()
    assert table.currentIndex() == model.index(1, FIRST_CRITERION + 1)  # kept after saving

    # Delete empties a saved score; saving clears it in the database.
    table.setCurrentIndex(model.index(0, FIRST_CRITERION + 3))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (gorlice, criteria[3]) not in _saved(sqlite_db, anna)  # type: ignore[index]


def test_eleven_in_a_zero_to_ten_cell_is_refused_and_the_conflicted_row_is_read_only(
    qtbot, widget: ScoringGridWidget, sqlite_db: Database, data: dict[str, object]
) -> None:
    bogdan = data["jurors"]["bogdan"]  # type: ignore[index]
    assert widget.show_juror(bogdan)
    table, model = widget.table, widget.model
    lacko = _row(model, LACKO)

    # The conflicted row: greyed out, not editable, said so.
    assert model.is_conflicted(lacko)
    for column in range(model.columnCount()):
        index = model.index(lacko, column)
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEnabled
        assert not model.setData(index, "5")
    assert model.index(lacko, model.comment_column()).data() == CONFLICT_TEXT_PL
    assert "konflikt" in model.index(lacko, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert widget.progress_label.text() == progress_text(0, 15)  # 3 entries × 5 criteria

    # The cursor skips it: from the row above's last score straight to the row below.
    table.setCurrentIndex(model.index(lacko - 1, model.comment_column() - 1))
    _type(qtbot, table, "\n")
    assert table.currentIndex() == model.index(lacko + 1, FIRST_CRITERION)

    # 11 where 10 is the most: red, the message in the cell and under the grid.
    table.setCurrentIndex(model.index(0, FIRST_CRITERION))
    _type(qtbot, table, "11\n")
    bad = model.index(0, FIRST_CRITERION)
    assert bad.data() == "11"
    assert bad.data(ERROR_ROLE) == range_message(10)
    assert bad.data(Qt.ItemDataRole.ToolTipRole) == range_message(10)
    assert "od 0 do 10" in range_message(10)
    assert widget.problem.isVisible() and range_message(10) in widget.problem.text()
    _type(qtbot, table, "7\n")  # a good score next to it

    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _saved(sqlite_db, bogdan) == {}  # nothing saved while a cell is bad
    assert table.currentIndex() == bad  # the bad cell is shown
    assert widget.has_unsaved_changes()

    _type(qtbot, table, "10\n")
    assert bad.data(ERROR_ROLE) is None and not widget.problem.isVisible()
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    gorlice = data["entries"][GORLICE]  # type: ignore[index]
    criteria = data["criteria"]
    assert _saved(sqlite_db, bogdan) == {(gorlice, criteria[0]): Decimal("10"),  # type: ignore[index]
                                         (gorlice, criteria[1]): Decimal("7")}  # type: ignore[index]


CONFLICT_TEXT_PL = "konflikt interesów"


def test_the_conflict_text_is_polish() -> None:
    from skimlll_desktop.i18n import _

    assert _(CONFLICT_TEXT) == CONFLICT_TEXT_PL


def test_unsaved_scores_are_asked_about_before_switching_juror(
    qtbot, widget: ScoringGridWidget, sqlite_db: Database, data: dict[str, object],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, bogdan = data["jurors"]["anna"], data["jurors"]["bogdan"]  # type: ignore[index]
    _type(qtbot, widget.table, "5\n")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    widget.juror_combo.setCurrentIndex(widget.juror_combo.findData(bogdan))
    assert widget.juror_id() == anna and widget.has_unsaved_changes()
    assert widget.juror_combo.currentData() == anna
    widget.juror_combo.setCurrentIndex(widget.juror_combo.findData(bogdan))
    assert widget.juror_id() == bogdan and not widget.has_unsaved_changes()
    assert len(asked) == 2 and "Anna Jurorska" in asked[0]
    assert _saved(sqlite_db, anna) == {}


def test_excel_sheets_are_previewed_with_every_problem_and_written_only_when_confirmed(
    qtbot, widget: ScoringGridWidget, sqlite_db: Database, data: dict[str, object],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = data["jurors"]["anna"]  # type: ignore[index]
    criteria = data["criteria"]
    path = tmp_path / "karty.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))
    widget.export_sheets(all_jurors=False)
    qtbot.waitUntil(path.exists, timeout=10_000)
    QApplication.processEvents()

    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 1  # only the chosen juror's sheet
    sheet = workbook.worksheets[0]
    assert sheet.cell(row=FIRST_ROW, column=2).value == "Gorlice"
    sheet.cell(row=FIRST_ROW, column=4, value=11)  # over the maximum
    sheet.cell(row=FIRST_ROW, column=5, value="dużo")  # text in a score cell
    sheet.cell(row=FIRST_ROW, column=6, value=4)
    for column in range(4, 9):
        sheet.cell(row=FIRST_ROW + 1, column=column, value=6.5)  # Kraków: all fine
    workbook.save(path)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    with qtbot.waitSignal(widget.import_previewed, timeout=10_000) as shown:
        widget.import_sheets()
    dialog = shown.args[0]
    assert isinstance(dialog, ScoresImportDialog) and dialog.isVisible()
    messages = dialog.problem_messages()
    assert len(messages) == 2
    assert "11" in messages[0] and "od 0 do 10" in messages[0]
    assert "dużo" in messages[1]
    columns = [dialog.table.item(row, dialog.COLUMN_COLUMN).text() for row in range(2)]
    assert columns[0].startswith("Strategia") and columns[1].startswith("Współpraca")
    assert {dialog.table.item(row, dialog.COLUMN_ROW).text() for row in range(2)} == {
        str(FIRST_ROW)}
    assert dialog.preview.new == 6
    assert _saved(sqlite_db, anna) == {}  # nothing written yet

    with qtbot.waitSignal(widget.scores_saved, timeout=10_000):
        dialog.confirm.click()
    gorlice, krakow = data["entries"][GORLICE], data["entries"][KRAKOW]  # type: ignore[index]
    saved = _saved(sqlite_db, anna)
    assert saved == {(gorlice, criteria[2]): Decimal("4"),  # type: ignore[index]
                     **{(krakow, c): Decimal("6.5") for c in criteria}}  # type: ignore[attr-defined]
    assert widget.model.index(1, FIRST_CRITERION).data() == "6,5"  # the grid shows them


def test_cancelled_preview_writes_nothing(
    qtbot, widget: ScoringGridWidget, sqlite_db: Database, data: dict[str, object],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skimlll_desktop.services.scoring_sheets import export_scoring_sheets

    anna = data["jurors"]["anna"]  # type: ignore[index]
    path = export_scoring_sheets(sqlite_db, YEAR, tmp_path / "karty.xlsx")
    workbook = load_workbook(path)
    workbook.worksheets[0].cell(row=FIRST_ROW, column=4, value=3)
    workbook.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    with qtbot.waitSignal(widget.import_previewed, timeout=10_000) as shown:
        widget.import_sheets()
    dialog = shown.args[0]
    assert dialog.preview.new == 1 and dialog.problem_messages() == []
    dialog.reject()
    QApplication.processEvents()
    assert _saved(sqlite_db, anna) == {}
