"""Konkurs: editions and their stages, the lock of a final edition and its reopening,
entries with the formal check and attachments, the jury, the map."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from competition_data import (
    GORLICE,
    KRAKOW,
    LACKO,
    NOWOSADECKI,
    SZCZAWA,
    YEAR,
    edition,
    people,
    score_everything,
)
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QColor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from sqlalchemy import select

from skimlll_desktop.models import AuditEntry, EditionStatus
from skimlll_desktop.services.competition import (
    edition_info,
    list_entries,
    list_jurors,
    set_edition_status,
)
from skimlll_desktop.services.competition_details import edition_dates
from skimlll_desktop.services.database import Database
from skimlll_desktop.ui import competition_entries
from skimlll_desktop.ui.competition_entries import COLUMN_FORMAL, COLUMN_SUBMITTED, COLUMN_TITLE
from skimlll_desktop.ui.competition_page import (
    TAB_ENTRIES,
    TAB_JURY,
    TAB_MAP,
    TAB_SCORING,
    CompetitionPage,
)
from skimlll_desktop.ui.competition_texts import warning_color
from skimlll_desktop.ui.edition_dialog import EditionDialog, NewEditionDialog
from skimlll_desktop.ui.entry_dialog import EntryDialog, FormalCheckDialog
from skimlll_desktop.ui.gmina_map_widget import LAUREATE, GminaMapWidget, map_colors
from skimlll_desktop.ui.jury_dialog import JurorDialog
from skimlll_desktop.ui.scoring_grid_model import FIRST_CRITERION

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def page(qtbot, sqlite_db: Database) -> CompetitionPage:
    page = CompetitionPage()
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.set_database(sqlite_db)
    page.show()
    return page


def _answer(monkeypatch: pytest.MonkeyPatch, *answers: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    queue = list(answers)

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _editable_controls(page: CompetitionPage) -> dict[str, bool]:
    names = ("addEntry", "formalCheckEntry", "addAttachment", "addJuror", "editEdition")
    return {name: page.findChild(QAbstractButton, name).isEnabled() for name in names}


def test_without_an_edition_the_page_offers_to_create_one(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = page.findChild(QWidget, "competitionEmptyState")
    assert empty.isVisible() and not page.tabs.isVisible()

    def fill(dialog: NewEditionDialog) -> int:
        dialog.year_spin.setValue(2026)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewEditionDialog, "exec", fill)
    page.findChild(QAbstractButton, "createFirstEdition").click()
    assert page.year() == 2026 and page.status() == "draft"
    assert page.tabs.isVisible() and not empty.isVisible()
    assert page.advance_button.text() == "Otwórz nabór zgłoszeń"
    info = edition_info(sqlite_db, 2026)
    assert info.name == "Edukacyjna Gmina Małopolski 2026" and len(info.criteria) == 5
    assert info.deadline == date(2026, 9, 30)  # the deadline followed the year typed
    # A second edition with the same year is refused next to the field.
    rejected: list[str] = []

    def again(dialog: NewEditionDialog) -> int:
        dialog.year_spin.setValue(2026)
        dialog.accept()
        rejected.append(dialog.errors.messages().get("year", ""))
        return dialog.result()

    monkeypatch.setattr(NewEditionDialog, "exec", again)
    page.new_edition()
    assert "2026" in rejected[0]


def test_the_edition_moves_through_its_stages_and_a_final_one_is_locked_until_reopened(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = edition(sqlite_db, status=EditionStatus.DRAFT)
    page.reload_editions()
    assert page.year() == YEAR and page.status() == "draft"
    assert all(_editable_controls(page)[name] for name in ("addEntry", "addJuror",
                                                           "editEdition"))
    page.advance_button.click()
    assert page.status() == "open"
    page.advance_button.click()
    assert page.status() == "scoring"
    score_everything(sqlite_db, data)

    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    page.advance_button.click()
    assert page.status() == "final" and edition_info(sqlite_db, YEAR).status is \
        EditionStatus.FINAL
    assert page.lock_banner.isVisible() and "ponowne otwarcie" in page.lock_banner.text()
    page.show_tab(TAB_ENTRIES)
    page.entries.table.selectRow(0)
    assert not any(_editable_controls(page).values())
    assert not page.advance_button.isVisible() and page.reopen_button.isVisible()
    page.show_tab(TAB_SCORING)
    grid = page.scoring.model
    assert not grid.is_editable()
    assert not grid.flags(grid.index(0, FIRST_CRITERION)) & Qt.ItemFlag.ItemIsEditable
    assert page.scoring.notice.isVisible()

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Yes)
    page.reopen_button.click()
    assert page.status() == "final" and "dzienniku zmian" in asked[0]
    page.reopen_button.click()
    assert page.status() == "scoring" and not page.lock_banner.isVisible()
    page.show_tab(TAB_SCORING)
    assert grid.is_editable()
    assert grid.flags(grid.index(0, FIRST_CRITERION)) & Qt.ItemFlag.ItemIsEditable
    page.show_tab(TAB_ENTRIES)
    page.entries.table.selectRow(0)
    assert all(_editable_controls(page).values())
    with sqlite_db.transaction() as session:
        logged = [entry.changes for entry in session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "competition_editions"))]
    assert {"reopened": ["final", "scoring"]} in logged


def test_typed_scores_survive_a_change_elsewhere_on_the_page(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db)
    people(sqlite_db, ("Celina", "Łukasik"))
    page.reload_editions()
    page.show_tab(TAB_SCORING)
    grid = page.scoring.model
    grid.setData(grid.index(0, FIRST_CRITERION), "6,5")

    def pick(dialog: JurorDialog) -> int:
        dialog.search.setText("lukasik")
        dialog.find_people()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(JurorDialog, "exec", pick)
    page.show_tab(TAB_JURY)
    page.jury.add_button.click()
    page.show_tab(TAB_SCORING)
    assert page.scoring.juror_combo.count() == 3  # the new juror is there…
    assert grid.index(0, FIRST_CRITERION).data() == "6,5"  # …and the typed score too
    assert page.has_unsaved_changes()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert page.confirm_leave() and asked and not page.has_unsaved_changes()


def test_dates_and_criteria_are_edited_before_scoring_only(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    page.reload_editions()

    def edit(dialog: EditionDialog) -> int:
        assert dialog.table.rowCount() == 5 and dialog.add_button.isEnabled()
        dialog.table.item(0, dialog.COLUMN_WEIGHT).setText("2,5")
        dialog.table.item(4, dialog.COLUMN_MAX).setText("20")
        dialog.meeting_edit.set_value(dialog.deadline_edit.value().replace(day=1))  # type: ignore[union-attr]
        dialog.accept()
        assert "jury_meeting_on" in dialog.errors.messages()  # before the deadline
        dialog.meeting_edit.set_value(dialog.deadline_edit.value().replace(month=11))  # type: ignore[union-attr]
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EditionDialog, "exec", edit)
    page.edit_button.click()
    criteria = edition_info(sqlite_db, YEAR).criteria
    assert str(criteria[0].weight.normalize()) == "2.5" and criteria[4].max_points == 20
    assert edition_dates(sqlite_db, YEAR).jury_meeting_on.month == 11  # type: ignore[union-attr]

    set_edition_status(sqlite_db, YEAR, EditionStatus.SCORING)
    page.reload_editions()

    def locked(dialog: EditionDialog) -> int:
        assert not dialog.add_button.isEnabled()
        assert dialog.findChild(QWidget, "criteriaLockedNote") is not None
        dialog.reject()
        return 0

    monkeypatch.setattr(EditionDialog, "exec", locked)
    page.edit_button.click()


def test_entries_list_flags_late_entries_and_takes_a_formal_check(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    page.reload_editions()
    page.show_tab(TAB_ENTRIES)
    entries = page.entries
    assert entries.count_label.text() == "4 zgłoszenia"
    krakow = entries.table.item(_table_row(entries, "Kraków"), COLUMN_SUBMITTED)
    assert krakow.text() == "3 października 2026 · po terminie"
    assert krakow.foreground().color() == warning_color()
    gorlice = entries.table.item(_table_row(entries, "Gorlice"), COLUMN_SUBMITTED)
    assert "po terminie" not in gorlice.text() and gorlice.foreground().color() != warning_color()

    def incomplete(dialog: FormalCheckDialog) -> int:
        dialog.options["incomplete"].setChecked(True)
        dialog.accept()  # no reason: refused next to the field
        assert dialog.errors.messages()["formal_note"] == "Napisz, czego brakuje."
        dialog.note.setPlainText("brak uchwały rady gminy")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FormalCheckDialog, "exec", incomplete)
    entries.table.selectRow(_table_row(entries, "Gorlice"))
    entries.formal_button.click()
    row = _table_row(entries, "Gorlice")
    assert entries.table.item(row, COLUMN_FORMAL).text() == \
        "niekompletne: brak uchwały rady gminy"
    by_gmina = {e.gmina_teryt: e for e in list_entries(sqlite_db, YEAR)}
    assert by_gmina[GORLICE].formal_note == "brak uchwały rady gminy"

    entries.search.setText("krakow")  # no Polish letters needed
    visible = [entries.table.item(r, 0).text() for r in range(entries.table.rowCount())
               if not entries.table.isRowHidden(r)]
    assert visible == ["Kraków"]


def _table_row(entries: competition_entries.EntriesPanel, gmina: str) -> int:
    return next(row for row in range(entries.table.rowCount())
                if entries.table.item(row, 0).text() == gmina)


def test_an_entry_is_added_with_a_gmina_of_malopolska_once(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    page.reload_editions()
    messages: list[str] = []

    def add(teryt: str):  # type: ignore[no-untyped-def]
        def fill(dialog: EntryDialog) -> int:
            dialog.gmina.lineEdit().setText("zabno")  # finds Żabno without Polish letters
            dialog.gmina.set_value(teryt)
            dialog.title_edit.setText("Szkoła otwarta")
            dialog.accept()
            messages.append(dialog.errors.messages().get("gmina", ""))
            return dialog.result()
        return fill

    monkeypatch.setattr(EntryDialog, "exec", add("1216153"))  # Żabno, urban-rural
    page.entries.table.setFocus()
    qtbot.keyClick(page.entries.table, "n", Qt.KeyboardModifier.ControlModifier)
    added = {e.gmina_teryt: e for e in list_entries(sqlite_db, YEAR)}
    assert added["1216153"].category == "gmina miejsko-wiejska" and messages == [""]
    assert page.entries.selected_entry().gmina == "Żabno"  # type: ignore[union-attr]
    assert page.entries.count_label.text() == "5 zgłoszeń"

    monkeypatch.setattr(EntryDialog, "exec", add(LACKO))
    page.entries.add_entry()
    assert "Łącko" in messages[1] and len(list_entries(sqlite_db, YEAR)) == 5


def test_attachments_are_copied_listed_and_opened(
    qtbot, page: CompetitionPage, sqlite_db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    page.reload_editions()
    entries = page.entries
    source = tmp_path / "uchwała.pdf"
    source.write_bytes(b"%PDF-1.4 uchwala")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kwargs: ([str(source)], ""))
    entries.table.selectRow(_table_row(entries, "Szczawa"))
    worker = entries.add_attachments()
    assert worker is not None
    with qtbot.waitSignal(worker.ended, timeout=10_000):
        pass
    assert entries.selected_entry().gmina == "Szczawa"  # type: ignore[union-attr]
    assert entries.attachments.count() == 1
    assert entries.attachments.item(0).text().startswith("uchwała.pdf")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.keyClick(entries.attachments, "\r")
    assert len(opened) == 1
    copy = Path(opened[0].toLocalFile())
    assert copy != source and copy.read_bytes() == source.read_bytes()
    assert copy.is_relative_to(competition_entries.attachments_folder())


def test_an_entry_is_corrected_and_deleted_with_its_scores_only_when_confirmed(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_everything(sqlite_db, edition(sqlite_db))
    page.reload_editions()
    entries = page.entries
    assert not entries.edit_button.isEnabled() and not entries.delete_button.isEnabled()
    entries.table.selectRow(_table_row(entries, "Gorlice"))
    assert entries.edit_button.isEnabled() and entries.delete_button.isEnabled()
    seen: list[tuple[str, bool]] = []

    def correct(dialog: EntryDialog) -> int:
        seen.append((dialog.title_edit.text(), dialog.gmina.isEnabled()))
        dialog.title_edit.setText("Gorlice uczą się razem")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EntryDialog, "exec", correct)
    entries.table.setFocus()
    qtbot.keyClick(entries.table, Qt.Key.Key_F2)
    assert seen == [(f"Zgłoszenie {GORLICE}", False)]  # scored: the gmina stays
    row = _table_row(entries, "Gorlice")
    assert entries.table.item(row, COLUMN_TITLE).text() == "Gorlice uczą się razem"
    assert entries.selected_entry().gmina == "Gorlice"  # type: ignore[union-attr]

    entries.table.selectRow(_table_row(entries, "Kraków"))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Yes)
    qtbot.keyClick(entries.table, Qt.Key.Key_Delete)
    assert "Kraków" in asked[0] and "10" in asked[0]  # says how many scores go
    assert len(list_entries(sqlite_db, YEAR)) == 4
    qtbot.keyClick(entries.table, Qt.Key.Key_Delete)
    assert {e.gmina for e in list_entries(sqlite_db, YEAR)} == {"Gorlice", "Łącko", "Szczawa"}
    assert entries.count_label.text() == "3 zgłoszenia"
    assert "3 zgłoszenia" in page.facts_label.text()
    assert scoring_grid_points(sqlite_db) == 20  # Kraków's ten scores went with it


def test_the_entries_context_menu_offers_the_corrections(
    qtbot, page: CompetitionPage, sqlite_db: Database
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    page.reload_editions()
    page.entries.table.selectRow(0)
    menu = page.entries.context_menu()
    enabled = {action.objectName(): action.isEnabled() for action in menu.actions()
               if action.objectName()}
    assert enabled == {"entriesContextCheck": True, "entriesContextEdit": True,
                       "entriesContextAttach": True, "entriesContextAdd": True,
                       "entriesContextDelete": True}
    set_edition_status(sqlite_db, YEAR, EditionStatus.SCORING)
    set_edition_status(sqlite_db, YEAR, EditionStatus.FINAL)
    page.reload_editions()
    page.entries.table.selectRow(0)
    assert not any(action.isEnabled() for action in page.entries.context_menu().actions()
                   if not action.isSeparator())
    assert not page.entries.delete_selected()  # locked: nothing asked, nothing deleted
    assert len(list_entries(sqlite_db, YEAR)) == 4


def test_an_attachment_is_removed_with_the_delete_key(
    qtbot, page: CompetitionPage, sqlite_db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from skimlll_desktop.services.competition import attach_file
    from skimlll_desktop.services.competition_details import entry_attachments

    data = edition(sqlite_db, status=EditionStatus.OPEN)
    szczawa = data["entries"][SZCZAWA]  # type: ignore[index]
    for name in ("uchwała.pdf", "program.pdf"):
        (tmp_path / name).write_bytes(name.encode())
        attach_file(sqlite_db, szczawa, tmp_path / name,
                    competition_entries.attachments_folder())
    page.reload_editions()
    entries = page.entries
    entries.table.selectRow(_table_row(entries, "Szczawa"))
    assert entries.attachments.count() == 2 and entries.remove_attachment_button.isEnabled()
    entries.attachments.setCurrentRow(0)
    first = entries.selected_attachment()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    entries.attachments.setFocus()
    qtbot.keyClick(entries.attachments, Qt.Key.Key_Delete)
    assert first is not None and first.file_name in asked[0]
    remaining = [a.file_name for a in entry_attachments(sqlite_db, szczawa)]
    assert len(remaining) == 1 and first.file_name not in remaining
    assert entries.attachments.count() == 1
    assert entries.selected_entry().gmina == "Szczawa"  # type: ignore[union-attr]


def _jury_row(page: CompetitionPage, name: str) -> int:
    return next(row for row in range(page.jury.table.rowCount())
                if page.jury.table.item(row, 0).text() == name)


def test_a_juror_with_scores_is_removed_only_after_a_confirmation(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_everything(sqlite_db, edition(sqlite_db))
    page.reload_editions()
    page.show_tab(TAB_JURY)
    jury = page.jury
    jury.table.selectRow(_jury_row(page, "Bogdan Sędzia"))
    assert jury.remove_button.isEnabled()
    window_delete = QAction(page)  # like the main window's Edit → Delete (for lists)
    window_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    page.addAction(window_delete)
    taken: list[bool] = []
    window_delete.triggered.connect(lambda: taken.append(True))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Yes)
    jury.table.setFocus()
    qtbot.keyClick(jury.table, Qt.Key.Key_Delete)
    assert "Bogdan Sędzia" in asked[0] and "10" in asked[0] and not taken
    assert len(list_jurors(sqlite_db, YEAR)) == 2
    assert page.delete_selected()  # Edit → Delete on the Jury tab: the same question
    assert [j.name for j in list_jurors(sqlite_db, YEAR)] == ["Anna Jurorska"]
    assert jury.table.rowCount() == 1 and "1 juror" in page.facts_label.text()
    assert scoring_grid_points(sqlite_db) == 20  # Anna's stay
    page.show_tab(TAB_SCORING)
    assert page.scoring.juror_combo.count() == 1


def test_a_jurors_conflicts_are_changed_but_not_over_their_scores(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from skimlll_desktop.services.competition import save_scores, scoring_grid

    data = edition(sqlite_db)
    anna = data["jurors"]["anna"]  # type: ignore[index]
    gorlice = data["entries"][GORLICE]  # type: ignore[index]
    save_scores(sqlite_db, YEAR, anna, {(gorlice, data["criteria"][0]): Decimal(7)})  # type: ignore[index]
    page.reload_editions()
    page.show_tab(TAB_JURY)
    page.jury.table.selectRow(_jury_row(page, "Anna Jurorska"))
    refused: list[str] = []

    def declare(dialog: JurorDialog) -> int:
        assert not dialog.findChild(QWidget, "jurorPersonGroup").isVisibleTo(dialog)
        assert dialog.conflict_codes() == []
        dialog.add_conflict(KRAKOW)
        dialog.add_conflict(GORLICE)
        dialog.accept()  # Anna has scored Gorlice: refused under the list
        refused.append(dialog.errors.messages().get("conflicts", ""))
        dialog.conflicts.setCurrentRow(1)
        dialog.remove_conflict()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(JurorDialog, "exec", declare)
    page.jury.table.setFocus()
    qtbot.keyClick(page.jury.table, Qt.Key.Key_F2)
    assert "Gorlice" in refused[0]
    row = _jury_row(page, "Anna Jurorska")
    assert page.jury.table.item(row, 1).text().startswith("Kraków")
    assert scoring_grid(sqlite_db, YEAR, anna).conflicted == {data["entries"][KRAKOW]}  # type: ignore[index]

    def clear(dialog: JurorDialog) -> int:
        assert dialog.conflict_codes() == [NOWOSADECKI]
        dialog.conflicts.setCurrentRow(0)
        dialog.remove_conflict()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(JurorDialog, "exec", clear)
    page.jury.table.selectRow(_jury_row(page, "Bogdan Sędzia"))
    page.jury.conflicts_button.click()
    assert {j.name: j.conflicts for j in list_jurors(sqlite_db, YEAR)}["Bogdan Sędzia"] == ()


def test_a_page_behind_another_computer_does_not_move_the_edition(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    page.reload_editions()
    assert page.advance_button.text() == "Rozpocznij ocenę kapituły"
    for status in (EditionStatus.SCORING, EditionStatus.FINAL):  # on another computer
        set_edition_status(sqlite_db, YEAR, status)
    shown: list[str] = []
    monkeypatch.setattr("skimlll_desktop.ui.competition_page.show_message",
                        lambda _title, text, *args, **kwargs: shown.append(text))
    page.advance_button.click()  # "open → scoring" would reopen the final edition
    assert len(shown) == 1 and "2026" in shown[0]
    assert edition_info(sqlite_db, YEAR).status is EditionStatus.FINAL
    assert page.status() == "final" and page.lock_banner.isVisible()  # shown as it is now


def test_a_juror_is_added_from_the_people_with_a_powiat_conflict(
    qtbot, page: CompetitionPage, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edition(sqlite_db, status=EditionStatus.OPEN)
    people(sqlite_db, ("Celina", "Łukasik"))
    page.reload_editions()
    page.show_tab(TAB_JURY)
    assert page.jury.table.rowCount() == 2
    conflicts = page.jury.table.item(1, 1).text()
    assert conflicts == "powiat nowosądecki (cały)"

    def pick(dialog: JurorDialog) -> int:
        assert dialog.people.count() == 1  # the jurors already on the jury are not offered
        dialog.search.setText("lukasik")
        dialog.find_people()
        assert dialog.people.currentItem().text() == "Łukasik Celina"
        dialog.add_conflict(NOWOSADECKI)
        dialog.add_conflict(KRAKOW)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(JurorDialog, "exec", pick)
    page.jury.add_button.click()
    jurors = {j.name: j for j in list_jurors(sqlite_db, YEAR)}
    assert set(jurors["Celina Łukasik"].conflicts) == {NOWOSADECKI, KRAKOW}
    assert page.jury.table.rowCount() == 3


def test_the_map_paints_the_gminy_and_lists_szczawa_which_it_cannot_draw(
    qtbot, sqlite_db: Database
) -> None:
    widget = GminaMapWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    widget.set_data({KRAKOW, GORLICE}, {KRAKOW}, {KRAKOW: "Kraków", GORLICE: "Gorlice"})
    assert widget.missing_text() == ""
    image = widget.canvas.grab().toImage()
    colors = {image.pixel(x, y) for x in range(0, image.width(), 7)
              for y in range(0, image.height(), 7)}
    assert len(colors) > 3  # not blank: background, gminy, borders, the laureate
    krakow = widget.canvas.to_widget(widget.canvas.paths()[KRAKOW].boundingRect().center())
    assert widget.canvas.gmina_at(krakow) == KRAKOW
    assert QColor(image.pixel(krakow.toPoint())).rgb() == map_colors()[LAUREATE].rgb()
    assert widget.canvas.tooltip_text(KRAKOW) == "Kraków — laureat"

    widget.set_data({KRAKOW, SZCZAWA}, set(), {SZCZAWA: "Szczawa"})
    assert "Szczawa" in widget.missing_text() and widget.missing_label.isVisible()


def test_the_map_tab_shows_the_editions_laureates(
    qtbot, page: CompetitionPage, sqlite_db: Database
) -> None:
    score_everything(sqlite_db, edition(sqlite_db))
    page.reload_editions()
    page.show_tab(TAB_MAP)
    canvas = page.map.canvas
    assert canvas.kind_of(KRAKOW) == canvas.kind_of(GORLICE) == LAUREATE
    assert "Szczawa" in page.map.missing_text()
    texts = [page.map.laureates_list.item(i).text() for i in
             range(page.map.laureates_list.count())]
    assert texts[0] == "gmina miejska" and "1. Gorlice" in texts[1]


def _assert_named(root: QWidget) -> None:
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if type(widget).__name__ in ("QWidget", "QScrollArea", "QTabBar", "QStackedWidget"):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(),
                                                        QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo or a date field
        assert widget.objectName(), f"{type(widget).__name__} {widget!r} has no name"
        assert widget.accessibleName() or (isinstance(widget, QLineEdit)
                                           and widget.placeholderText()), widget.objectName()


def test_every_interactive_widget_has_a_name_and_an_accessible_name(
    page: CompetitionPage, sqlite_db: Database
) -> None:
    score_everything(sqlite_db, edition(sqlite_db))
    page.reload_editions()
    for tab in range(page.tabs.count()):
        page.show_tab(tab)
        _assert_named(page)
    entry = list_entries(sqlite_db, YEAR)[0]
    for dialog in (NewEditionDialog(sqlite_db, 2027, page),
                   EditionDialog(sqlite_db, YEAR, True, page), EntryDialog(sqlite_db, YEAR, page),
                   FormalCheckDialog(sqlite_db, entry, page),
                   JurorDialog(sqlite_db, YEAR, (), page), page.ranking.show_rules()):
        dialog.show()
        _assert_named(dialog)
        dialog.reject()


def test_the_page_does_not_load_the_database_stack_when_imported() -> None:
    code = ("import sys\n"
            "import skimlll_desktop.ui.competition_page\n"
            "print(','.join(m for m in ('sqlalchemy', 'alembic', 'babel.dates') "
            "if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.strip() == ""


def test_closing_the_database_clears_the_page(page: CompetitionPage, sqlite_db: Database) -> None:
    edition(sqlite_db)
    page.reload_editions()
    assert page.year() == YEAR
    page.set_database(None)
    QApplication.processEvents()
    assert page.year() is None and not page.new_button.isEnabled()


def test_the_tour_saves_every_competition_screen(
    qtbot, sqlite_db: Database, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    from skimlll_desktop.ui.competition_tour import SHOT_NAMES, capture_competition_screens

    score_everything(sqlite_db, edition(sqlite_db))
    before = scoring_grid_points(sqlite_db)
    saved = capture_competition_screens(sqlite_db, tmp_path, "30-", size=(1000, 640))
    assert [path.name for path in saved] == [f"30-{name}.png" for name in SHOT_NAMES]
    assert all(not QImage(str(path)).isNull() for path in saved)
    assert scoring_grid_points(sqlite_db) == before == 30  # typed and read, nothing saved


def scoring_grid_points(database: Database) -> int:
    from skimlll_desktop.services.competition import scoring_grid

    return sum(len(scoring_grid(database, YEAR, j.id).points)
               for j in list_jurors(database, YEAR))
