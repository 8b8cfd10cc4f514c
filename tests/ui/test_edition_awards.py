"""The edition dialog's awards: title, places and honourable mentions per category, in order;
added, removed and moved; refused when invalid; read-only when the edition is final."""

from __future__ import annotations

import pytest
from competition_data import YEAR, edition
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSpinBox

from skimlll_desktop.models import EditionStatus
from skimlll_desktop.services.competition import set_edition_status
from skimlll_desktop.services.competition_awards import DEFAULT_AWARD, AwardSpec, list_awards
from skimlll_desktop.services.database import Database
from skimlll_desktop.ui.edition_dialog import EditionDialog


@pytest.fixture
def dialog(qtbot, sqlite_db: Database) -> EditionDialog:
    edition(sqlite_db, status=EditionStatus.OPEN)
    dialog = EditionDialog(sqlite_db, YEAR, criteria_editable=True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(dialog: EditionDialog) -> list[tuple[str, str, str]]:
    table = dialog.awards_table
    return [tuple(table.item(row, column).text() for column in range(3))  # type: ignore[misc]
            for row in range(table.rowCount())]


def test_the_awards_are_added_edited_moved_removed_and_saved(
        qtbot, dialog: EditionDialog, sqlite_db: Database) -> None:
    assert _rows(dialog) == [(DEFAULT_AWARD.title, "3", "0")]
    qtbot.mouseClick(dialog.award_buttons["add"], Qt.MouseButton.LeftButton)
    table = dialog.awards_table
    assert table.rowCount() == 2 and table.currentRow() == 1
    editor = table.focusWidget()  # the new title is being typed
    assert editor is not None
    qtbot.keyClicks(editor, "Grand Prix")  # QTest types ASCII only
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    table.item(1, dialog.AWARD_MENTIONS).setData(Qt.ItemDataRole.EditRole, 2)
    # the numbers are edited with a spin box of 0–99
    table.setCurrentCell(1, dialog.AWARD_PLACES)
    table.editItem(table.item(1, dialog.AWARD_PLACES))
    spin = table.findChild(QSpinBox, "awardCountEditor")
    assert spin is not None and (spin.minimum(), spin.maximum()) == (0, 99)
    table.closePersistentEditor(table.item(1, dialog.AWARD_PLACES))
    qtbot.mouseClick(dialog.award_buttons["up"], Qt.MouseButton.LeftButton)
    assert _rows(dialog) == [("Grand Prix", "1", "2"), (DEFAULT_AWARD.title, "3", "0")]
    assert table.currentRow() == 0
    dialog.move_award(-1)  # already at the top: nothing moves
    assert _rows(dialog)[0][0] == "Grand Prix"
    qtbot.mouseClick(dialog.award_buttons["add"], Qt.MouseButton.LeftButton)
    table.item(2, dialog.AWARD_TITLE).setText("Do usunięcia")
    qtbot.mouseClick(dialog.award_buttons["remove"], Qt.MouseButton.LeftButton)
    assert table.rowCount() == 2
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert list_awards(sqlite_db, YEAR) == [AwardSpec("Grand Prix", 1, 2), DEFAULT_AWARD]


def test_invalid_awards_are_shown_under_the_table_and_nothing_is_saved(
        dialog: EditionDialog, sqlite_db: Database) -> None:
    dialog.awards_table.item(0, dialog.AWARD_TITLE).setText("  ")
    dialog.table.item(0, dialog.COLUMN_WEIGHT).setText("4")  # a valid criteria change
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "1" in dialog.errors.messages()["awards"]
    assert dialog.tabs.currentWidget().isAncestorOf(dialog.awards_table)  # the tab is shown
    assert dialog.findChild(QLabel, "awardsTableError").isVisibleTo(dialog)
    assert list_awards(sqlite_db, YEAR) == [DEFAULT_AWARD]
    from skimlll_desktop.services.competition import edition_info

    assert edition_info(sqlite_db, YEAR).criteria[0].weight != 4  # nothing saved at all
    dialog.awards_table.item(0, dialog.AWARD_TITLE).setText("Tytuł")
    dialog.awards_table.item(0, dialog.AWARD_PLACES).setData(Qt.ItemDataRole.EditRole, 0)
    dialog.accept()
    assert "awards" in dialog.errors.messages()  # no place in total
    dialog.awards_table.item(0, dialog.AWARD_PLACES).setData(Qt.ItemDataRole.EditRole, 5)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert list_awards(sqlite_db, YEAR) == [AwardSpec("Tytuł", 5, 0)]


def test_the_awards_of_a_final_edition_are_read_only(qtbot, sqlite_db: Database) -> None:
    edition(sqlite_db)
    set_edition_status(sqlite_db, YEAR, EditionStatus.FINAL)
    dialog = EditionDialog(sqlite_db, YEAR, criteria_editable=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.awards_table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not any(button.isEnabled() for button in dialog.award_buttons.values())
    assert dialog.findChild(QLabel, "awardsLockedNote") is not None
    assert _rows(dialog) == [(DEFAULT_AWARD.title, "3", "0")]
