"""Scal: two selected rows merged through the dialog; every link stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QRadioButton, QTableView

from skimlll_desktop.models import Event, EventType, Registration, RegistrationStatus
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.registry import (
    AffiliationInfo,
    OrganizationDetails,
    PersonDetails,
    get_organization,
    get_person,
    save_organization,
    save_person,
)
from skimlll_desktop.ui.main_window import MainWindow
from skimlll_desktop.ui.merge_dialog import MergeDialog
from skimlll_desktop.ui.registry_page import RegistryListPage


def _select_rows(table: QTableView, rows: list[int]) -> None:
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), flags)


def _register(database: Database, person_id: int, title: str, day: date) -> int:
    with database.transaction() as session:
        event = Event(type=EventType.PARTNER_MORNING, title=title, starts_on=day, ends_on=day)
        session.add(event)
        session.add(Registration(event=event, person_id=person_id,
                                 status=RegistrationStatus.REGISTERED))
        session.flush()
        return event.id


def _open_merge(window: MainWindow, page: RegistryListPage) -> MergeDialog:
    _select_rows(page.table, [0, 1])
    action = window.findChild(QAction, "actionMerge")
    assert action.isEnabled()
    action.trigger()
    dialog = page.findChild(MergeDialog, "mergeDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_merging_two_people_keeps_both_registrations(
    qtbot, make_window, db_path: Path, setup_db: Database, monkeypatch
) -> None:
    first = save_person(setup_db, PersonDetails(first_name="Anna", last_name="Nowak",
                                                email="anna.nowak@example.pl"))
    second = save_person(setup_db, PersonDetails(first_name="Anna", last_name="Nowakowa",
                                                 phone="600 100 200"))
    assert first.id is not None and second.id is not None
    morning = _register(setup_db, first.id, "Poranek partnerski — marzec", date(2026, 3, 5))
    workshop = _register(setup_db, second.id, "Warsztaty — kwiecień", date(2026, 4, 9))
    window = make_window(db_path)
    window.show_area("peopleArea")
    page = window.people_page
    assert page.model.total_count() == 2
    dialog = _open_merge(window, page)
    assert dialog.windowTitle() == "Scal dwie osoby"
    values = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)
              if label.objectName().startswith("mergeValue")}
    assert "Anna Nowak" in values.values() and "Anna Nowakowa" in values.values()
    assert "+48 600 100 200" in values.values()
    dialog.findChild(QRadioButton, "mergeKeepSecond").setChecked(True)  # keep "Nowakowa"
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    confirm = dialog.findChild(QPushButton, "mergeConfirm")
    with qtbot.assertNotEmitted(dialog.merged):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("Scalić „Anna Nowak” z „Anna Nowakowa”?")
    assert get_person(setup_db, first.id).id == first.id  # cancelled: nothing merged

    with qtbot.waitSignal(dialog.merged) as merged:
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert merged.args[0] == second.id
    kept = get_person(setup_db, second.id)
    assert {event.event_id for event in kept.events} == {morning, workshop}
    assert kept.email == "anna.nowak@example.pl"  # the empty field filled from the other
    result = dialog.findChild(QLabel, "mergeResult")
    assert result.isVisible() and result.text().startswith("Scalono: 1 powiązanie")
    assert not confirm.isVisible()
    assert dialog.findChild(QPushButton, "mergeCancel").text() == "Zamknij"
    assert page.model.total_count() == 1
    assert page.selected_ids() == [second.id]
    assert window.statusBar().currentMessage() == result.text()


def test_merging_two_institutions_moves_their_people(
    qtbot, make_window, db_path: Path, setup_db: Database, monkeypatch
) -> None:
    kept = save_organization(setup_db, OrganizationDetails(name="Gmina Łącko",
                                                           nip="7340009469"))
    other = save_organization(setup_db, OrganizationDetails(name="Urząd Gminy Łącko",
                                                            city="Łącko"))
    assert kept.id is not None and other.id is not None
    person = save_person(setup_db, PersonDetails(first_name="Jan", last_name="Wójt",
                                                 affiliations=(AffiliationInfo(other.id),)))
    window = make_window(db_path)
    window.show_area("partnersArea")
    dialog = _open_merge(window, window.partners_page)
    assert dialog.windowTitle() == "Scal dwie instytucje"
    assert dialog.records()[dialog.kept_index()].id == kept.id  # "Gmina Łącko" is listed first
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.merged):
        assert dialog.merge()
    merged = get_organization(setup_db, kept.id)
    assert [p.id for p in merged.people] == [person.id]
    assert merged.city == "Łącko"
    assert window.partners_page.model.total_count() == 1


def test_a_stale_merge_is_refused(
    qtbot, make_window, db_path: Path, setup_db: Database, monkeypatch
) -> None:
    first = save_person(setup_db, PersonDetails(first_name="Ewa", last_name="Abacka"))
    second = save_person(setup_db, PersonDetails(first_name="Ewa", last_name="Babacka"))
    window = make_window(db_path)
    window.show_area("peopleArea")
    dialog = _open_merge(window, window.people_page)
    save_person(setup_db, replace(first, position="dyrektorka"))  # someone else, meanwhile
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    with qtbot.assertNotEmitted(dialog.merged):
        assert not dialog.merge()
    assert dialog.findChild(QLabel, "mergeMessage").isVisible()
    assert get_person(setup_db, second.id).id == second.id
    with qtbot.waitSignal(dialog.merged):  # the comparison was read again: now it merges
        assert dialog.merge()


def test_merge_needs_exactly_two_rows(
    make_window, db_path: Path, setup_db: Database, monkeypatch
) -> None:
    for last in ("Abacka", "Babacka", "Cabacka"):
        save_person(setup_db, PersonDetails(first_name="Ewa", last_name=last))
    window = make_window(db_path)
    window.show_area("peopleArea")
    page = window.people_page
    said: list[str] = []
    monkeypatch.setattr("skimlll_desktop.ui.registry_page.show_message",
                        lambda _title, text, **_kwargs: said.append(text))
    _select_rows(page.table, [0, 1, 2])
    assert not window.findChild(QAction, "actionMerge").isEnabled()
    assert page.merge_selected() is None
    assert said and "dwa" in said[0]
    assert page.findChild(MergeDialog) is None


def test_the_table_context_menu_offers_merge_for_two_rows(
    make_window, db_path: Path, setup_db: Database
) -> None:
    for last in ("Abacka", "Babacka"):
        save_person(setup_db, PersonDetails(first_name="Ewa", last_name=last))
    window = make_window(db_path)
    window.show_area("peopleArea")
    page = window.people_page
    _select_rows(page.table, [0])
    menu = page._context_menu()
    merge = menu.findChild(QAction, "peopleContextMerge")
    assert merge is not None and not merge.isEnabled()
    assert menu.findChild(QAction, "peopleContextOpen").isEnabled()
    _select_rows(page.table, [0, 1])
    menu = page._context_menu()
    merge = menu.findChild(QAction, "peopleContextMerge")
    assert merge.isEnabled() and merge.text() == "Scal…"
    merge.trigger()
    dialog = page.findChild(MergeDialog, "mergeDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
