"""Wydarzenia: the year's list and plan, the event window, registrations, invitations, grid."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from skimlll_desktop.models import (
    Affiliation,
    EventStatus,
    EventType,
    Organization,
    OrganizationType,
    Person,
    RegistrationStatus,
)
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.events import (
    EventDetails,
    EventQuery,
    list_events,
    list_registrations,
    register_person,
    save_event,
)
from skimlll_desktop.ui.attendance_grid_dialog import AttendanceGridDialog
from skimlll_desktop.ui.event_dialog import TAB_REGISTRATIONS, EventDialog
from skimlll_desktop.ui.events_page import EventsPage
from skimlll_desktop.ui.invite_dialog import InviteDialog
from skimlll_desktop.ui.registrations_model import RegistrationsTableModel

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()


@pytest.fixture(autouse=True)
def questions(monkeypatch) -> list[str]:
    """Questions the windows ask (unsaved changes…) are answered "Discard" and recorded."""
    asked: list[str] = []

    def answer(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    opened = open_database(db_path)
    yield opened
    opened.dispose()


@pytest.fixture
def page(qtbot, database: Database) -> EventsPage:
    widget = EventsPage()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_database(database)
    widget.show()
    return widget


def _event(database: Database, title: str, day: date, *, kind: EventType = EventType.WORKSHOP,
           status: EventStatus = EventStatus.PLANNED, capacity: int | None = None,
           days: int = 1) -> int:
    saved = save_event(database, EventDetails(
        type=kind, title=title, starts_on=day, ends_on=day + timedelta(days=days - 1),
        status=status, capacity=capacity))
    assert saved.id is not None
    return saved.id


def _people(database: Database, *names: tuple[str, str, str]) -> list[int]:
    with database.transaction() as session:
        people = [Person(first_name=first, last_name=last, email=email)
                  for first, last, email in names]
        session.add_all(people)
        session.flush()
        return [person.id for person in people]


def _activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` the active one, as the window manager does when it opens."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def _titles(page: EventsPage) -> list[str]:
    model = page.table.model()
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def _open_dialog(qtbot, page: EventsPage, event_id: int) -> EventDialog:
    dialog = page.open_event(event_id)
    assert isinstance(dialog, EventDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_the_page_lists_the_year_and_counts_partner_mornings(
    page: EventsPage, database: Database
) -> None:
    year = TODAY.year
    _event(database, "Poranek styczniowy", date(year, 1, 13), kind=EventType.PARTNER_MORNING,
           status=EventStatus.HELD)
    _event(database, "Poranek lutowy", date(year, 2, 10), kind=EventType.PARTNER_MORNING,
           status=EventStatus.HELD)
    _event(database, "Poranek dzisiejszy", TODAY, kind=EventType.PARTNER_MORNING)
    _event(database, "Warsztaty dwudniowe", date(year, 5, 21), days=2)
    _event(database, "Zeszłoroczna konferencja", date(year - 1, 9, 23),
           kind=EventType.CONFERENCE)
    page.refresh()

    assert page.year_spin.value() == year
    assert sorted(_titles(page)) == sorted(["Poranek styczniowy", "Poranek lutowy",
                                            "Poranek dzisiejszy", "Warsztaty dwudniowe"])
    plan = page.findChild(QLabel, "eventsPlanLabel")
    assert plan.text() == "Poranki partnerskie: 2 z 10"
    assert page.plan_progress.value() == 2 and page.plan_progress.maximum() == 10
    assert "1" in page.plan_note.text()  # the one planned for today
    assert page.count_label.text() == "4 wydarzenia"

    page.type_combo.setCurrentIndex(page.type_combo.findData(EventType.WORKSHOP))
    assert _titles(page) == ["Warsztaty dwudniowe"]
    row = page.model.row_of(page.model.event_row(0).id)  # type: ignore[union-attr]
    assert page.model.index(row, page.model.COLUMN_DATES).data().startswith("21–22 maja")

    page.type_combo.setCurrentIndex(0)
    page.year_spin.setValue(year - 1)
    assert _titles(page) == ["Zeszłoroczna konferencja"]
    assert page.plan_label.text() == "Poranki partnerskie: 0 z 10"


def test_search_is_debounced_and_ignores_diacritics(qtbot, page: EventsPage,
                                                    database: Database) -> None:
    _event(database, "Żabno: edukacja dorosłych", TODAY)
    _event(database, "Kraków: kompetencje cyfrowe", TODAY)
    page.refresh()
    qtbot.keyClicks(page.search, "zabno")
    assert len(_titles(page)) == 2  # not on every keystroke: debounced
    qtbot.waitUntil(lambda: _titles(page) == ["Żabno: edukacja dorosłych"], timeout=3000)
    assert page.count_label.text() == "Znaleziono: 1 wydarzenie"


def test_an_empty_year_offers_the_first_event(qtbot, page: EventsPage) -> None:
    assert page.stack.currentWidget() is page.empty
    button = page.findChild(QPushButton, "addFirstEvent")
    assert button is not None and button.isVisible()
    assert str(TODAY.year) in page.empty.title()


def test_a_new_event_with_its_end_before_its_start_shows_the_field_error(
    qtbot, page: EventsPage, database: Database
) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(EventDialog, "eventDialog")
    assert dialog is not None
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "eventTitle"), "Poranek o kompetencjach")
    starts = dialog.findChild(QDateEdit, "eventStartsOn")
    ends = dialog.findChild(QDateEdit, "eventEndsOn")
    starts.setDate(QDate(TODAY.year, 6, 10))
    ends.setDate(QDate(TODAY.year, 6, 9))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    error = dialog.findChild(QLabel, "eventEndsOnError")
    assert error.isVisible()
    assert error.text() == "Wydarzenie nie może się skończyć, zanim się zacznie."
    assert dialog.tabs.currentIndex() == 0
    assert list_events(database, EventQuery(year=TODAY.year)) == []
    assert not dialog.tabs.isTabEnabled(TAB_REGISTRATIONS)

    ends.setDate(QDate(TODAY.year, 6, 11))  # a two-day event: two sessions follow the dates
    assert len(dialog.sessions_editor.sessions()) == 2
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not error.isVisible()
    rows = list_events(database, EventQuery(year=TODAY.year))
    assert [(r.title, r.sessions) for r in rows] == [("Poranek o kompetencjach", 2)]
    assert _titles(page) == ["Poranek o kompetencjach"]
    assert dialog.tabs.isTabEnabled(TAB_REGISTRATIONS)
    dialog.reject()


def test_a_bad_session_time_is_shown_under_the_sessions(qtbot, page: EventsPage) -> None:
    dialog = page.add_event()
    assert isinstance(dialog, EventDialog)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Warsztaty")
    dialog.sessions_editor.table.item(0, 3).setText("9:75")
    assert not dialog.save()
    error = dialog.findChild(QLabel, "eventSessionsError")
    assert "9:75" in error.text()
    dialog.sessions_editor.table.item(0, 3).setText("9.30")
    assert dialog.save()
    assert dialog.record().sessions[0].starts_at.isoformat() == "09:30:00"
    dialog.reject()


def _select_person(dialog: EventDialog, name: str) -> None:
    panel = dialog.registrations
    model = panel.table.model()
    for row in range(model.rowCount()):
        if model.index(row, RegistrationsTableModel.COLUMN_NAME).data() == name:
            panel.table.selectRow(row)
            return
    raise AssertionError(f"{name} is not listed")


def test_cancelling_on_a_full_event_announces_the_promotion(
    qtbot, page: EventsPage, database: Database
) -> None:
    event_id = _event(database, "Poranek z limitem", TODAY, capacity=1)
    anna, bogdan = _people(database, ("Anna", "Nowak", "anna@example.pl"),
                           ("Bogdan", "Żak", "bogdan@example.pl"))
    assert register_person(database, event_id, anna) is RegistrationStatus.REGISTERED
    assert register_person(database, event_id, bogdan) is RegistrationStatus.WAITING
    page.refresh()
    dialog = _open_dialog(qtbot, page, event_id)
    dialog.show_tab(TAB_REGISTRATIONS)
    _select_person(dialog, "Anna Nowak")

    combo = dialog.findChild(QComboBox, "registrationStatusCombo")
    index = combo.findData(RegistrationStatus.CANCELLED)
    assert index > 0
    assert combo.findData(RegistrationStatus.WALK_IN) < 0  # not an allowed move
    with qtbot.waitSignal(dialog.registrations_changed, timeout=3000):
        combo.activated.emit(index)

    message = dialog.findChild(QLabel, "registrationsMessage")
    assert message.isVisible()
    assert "Bogdan Żak" in message.text()
    statuses = {r.name: r.status for r in list_registrations(database, event_id)}
    assert statuses == {"Anna Nowak": RegistrationStatus.CANCELLED,
                        "Bogdan Żak": RegistrationStatus.REGISTERED}
    shown = {dialog.registrations.model.registration(r).name:  # type: ignore[union-attr]
             dialog.registrations.model.registration(r).status  # type: ignore[union-attr]
             for r in range(dialog.registrations.model.rowCount())}
    assert shown == statuses
    assert page.model.event_row(0).registered == 1  # type: ignore[union-attr]
    dialog.reject()


def _school_people(database: Database) -> tuple[list[int], int]:
    """Two people of a school, one of an employer; returns the school's people and the other."""
    with database.transaction() as session:
        school = Organization(name="Szkoła Podstawowa nr 1 w Żabnie",
                              type=OrganizationType.SCHOOL)
        firm = Organization(name="Tatra-Trans sp. z o.o.", type=OrganizationType.EMPLOYER)
        people = [Person(first_name="Ewa", last_name="Ćwikła", email="ewa@sp1.pl"),
                  Person(first_name="Jan", last_name="Łoś", email="jan@sp1.pl"),
                  Person(first_name="Olga", last_name="Bąk", email="olga@tatra.pl")]
        for person, organization in zip(people, (school, school, firm), strict=True):
            person.affiliations.append(Affiliation(organization=organization, is_primary=True))
        session.add_all(people)
        session.flush()
        return [people[0].id, people[1].id], people[2].id


def test_invite_by_filters_adds_the_people_found(qtbot, page: EventsPage,
                                                 database: Database) -> None:
    (ewa, jan), olga = _school_people(database)
    earlier = _event(database, "Wcześniejszy poranek", TODAY - timedelta(days=30))
    register_person(database, earlier, jan)
    from skimlll_desktop.services.checkin import check_in

    check_in(database, earlier, jan)
    event_id = _event(database, "Warsztaty dla szkół", TODAY)
    page.refresh()
    dialog = _open_dialog(qtbot, page, event_id)
    dialog.show_tab(TAB_REGISTRATIONS)
    invite = dialog.registrations.invite()
    assert isinstance(invite, InviteDialog)
    qtbot.addWidget(invite)

    type_filter = invite.findChild(QComboBox, "inviteTypeFilter")
    type_filter.setCurrentIndex(type_filter.findData(OrganizationType.SCHOOL))
    count = invite.findChild(QLabel, "inviteCount")
    qtbot.waitUntil(lambda: count.text().startswith("Znaleziono: 2 osoby"), timeout=3000)
    invite.findChild(QCheckBox, "inviteAttendedBefore").setChecked(True)
    qtbot.waitUntil(lambda: count.text().startswith("Znaleziono: 1 osoba"), timeout=3000)
    invite.findChild(QCheckBox, "inviteAttendedBefore").setChecked(False)
    confirm = invite.findChild(QPushButton, "inviteConfirm")
    qtbot.waitUntil(lambda: confirm.text() == "Zaproś 2 osoby", timeout=3000)

    with qtbot.waitSignal(dialog.registrations_changed, timeout=3000):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    rows = list_registrations(database, event_id)
    assert {r.person_id for r in rows} == {ewa, jan}
    assert {r.status for r in rows} == {RegistrationStatus.INVITED}
    assert olga not in {r.person_id for r in rows}
    assert dialog.registrations.model.rowCount() == 2
    assert "2 osoby" in dialog.findChild(QLabel, "registrationsMessage").text()
    dialog.reject()


def test_copy_emails_puts_the_bcc_addresses_on_the_clipboard(
    qtbot, page: EventsPage, database: Database
) -> None:
    event_id = _event(database, "Poranek", TODAY)
    people = _people(database, ("Anna", "Nowak", "anna@example.pl"),
                     ("Bogdan", "Żak", "bogdan@example.pl"), ("Celina", "Bez", ""))
    for person in people:
        register_person(database, event_id, person)
    QGuiApplication.clipboard().setText("")
    dialog = _open_dialog(qtbot, page, event_id)
    dialog.show_tab(TAB_REGISTRATIONS)
    qtbot.mouseClick(dialog.findChild(QPushButton, "copyEmailsButton"),
                     Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "anna@example.pl; bogdan@example.pl"
    assert "2 adresy" in dialog.findChild(QLabel, "registrationsMessage").text()
    dialog.reject()


def test_themes_and_co_hosting_partners_are_saved(
    qtbot, page: EventsPage, database: Database
) -> None:
    from skimlll_desktop.services.events import get_event
    from skimlll_desktop.ui.institution_picker import InstitutionPickerDialog

    (_school_ids, _olga) = _school_people(database)
    event_id = _event(database, "Poranek", TODAY)
    page.refresh()
    dialog = _open_dialog(qtbot, page, event_id)
    themes = dialog.themes_list
    themes.item(0).setCheckState(Qt.CheckState.Checked)
    picker = dialog.partners.add()
    assert isinstance(picker, InstitutionPickerDialog)
    assert not picker.role.isVisibleTo(picker)  # a partner has no role
    with qtbot.waitSignal(picker.results_shown, timeout=3000):
        qtbot.keyClicks(picker.search, "zabnie")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert [dialog.partners.list.item(r).text() for r in range(dialog.partners.list.count())] \
        == ["Szkoła Podstawowa nr 1 w Żabnie"]
    assert dialog.has_unsaved_changes()
    assert dialog.save()
    saved = get_event(database, event_id)
    assert len(saved.partner_ids) == 1 and saved.theme_ids == (
        int(themes.item(0).data(Qt.ItemDataRole.UserRole)),)
    dialog.reject()


def test_the_attendance_grid_saves_ticks_with_the_keyboard(
    qtbot, page: EventsPage, database: Database
) -> None:
    event_id = _event(database, "Warsztaty", TODAY, days=2)
    anna, bogdan = _people(database, ("Anna", "Nowak", ""), ("Bogdan", "Żak", ""))
    register_person(database, event_id, anna)
    register_person(database, event_id, bogdan)
    page.refresh()
    dialog = _open_dialog(qtbot, page, event_id)
    dialog.show_tab(TAB_REGISTRATIONS)
    grid = dialog.registrations.open_attendance_grid()
    assert isinstance(grid, AttendanceGridDialog)
    qtbot.addWidget(grid)
    _activate(qtbot, grid)
    table = grid.findChild(QTableView, "attendanceGrid")
    table.setFocus()
    assert table.currentIndex().row() == 0 and table.currentIndex().column() == 3
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Anna, day 1
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Bogdan, day 2
    assert grid.model.changes() == {
        (list_registrations(database, event_id)[0].id, 1): True,
        (list_registrations(database, event_id)[1].id, 2): True,
    }
    with qtbot.waitSignal(grid.saved, timeout=3000) as saved:
        qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [2]
    from skimlll_desktop.services.attendance import attendance_grid

    rows = {row.name: row.present for row in attendance_grid(database, event_id).rows}
    assert rows == {"Anna Nowak": (True, False), "Bogdan Żak": (False, True)}
    assert not grid.has_unsaved_changes()
    statuses = {r.name: r.status for r in list_registrations(database, event_id)}
    assert set(statuses.values()) == {RegistrationStatus.ATTENDED}
    grid.reject()
    dialog.reject()


def test_every_interactive_widget_has_a_name_and_labels_have_buddies(
    qtbot, page: EventsPage, database: Database
) -> None:
    event_id = _event(database, "Poranek", TODAY)
    page.refresh()
    dialog = _open_dialog(qtbot, page, event_id)
    for root in (page, dialog):
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QPushButton | QComboBox | QLineEdit | QCheckBox | QDateEdit) \
                    and widget.isVisibleTo(root) and not widget.objectName().startswith("qt_"):
                parent = widget.parentWidget()
                if isinstance(parent, QComboBox | QDateEdit) or type(parent).__name__ in (
                        "QAbstractSpinBox", "QSpinBox"):
                    continue  # the line edit inside a combo or a date field
                assert widget.objectName(), f"{type(widget).__name__} {widget!r} has no name"
                assert widget.accessibleName() or (isinstance(widget, QLineEdit) and \
                    widget.placeholderText()), widget.objectName()
    dialog.reject()


def test_the_pages_do_not_load_the_database_stack_when_imported() -> None:
    code = ("import sys\n"
            "import skimlll_desktop.ui.events_page, skimlll_desktop.ui.checkin_page\n"
            "print(','.join(m for m in ('sqlalchemy', 'alembic', 'babel.dates') "
            "if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.strip() == ""


def test_enter_opens_the_selected_event(qtbot, page: EventsPage, database: Database) -> None:
    _event(database, "Poranek", TODAY)
    page.refresh()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.findChild(EventDialog, "eventDialog")
    assert dialog is not None and dialog.windowTitle() == "Poranek"
    qtbot.addWidget(dialog)
    dialog.reject()
    QApplication.processEvents()


def test_staff_edit_the_list_of_event_types(qtbot, monkeypatch, page: EventsPage,
                                            database: Database) -> None:
    from PySide6.QtWidgets import QInputDialog

    from skimlll_desktop.ui.event_types_dialog import EventTypesDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Webinarium", True))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    types = EventTypesDialog(database, page)
    qtbot.addWidget(types)
    types.add_button.click()
    assert types.labels()[-1] == "Webinarium" and types.delete_button.isEnabled()
    webinar = types.current_code()
    types.list.setCurrentRow(types.labels().index("gala"))
    assert not types.delete_button.isEnabled()  # a built-in type is hidden, not deleted
    types.hide_button.click()
    assert "ukryty" in types.list.currentItem().text()
    assert types.hide_button.text().replace("&", "") == "Pokaż"
    types.list.setCurrentRow(types.labels().index("Webinarium"))
    types.up_button.click()
    assert types.labels()[-2:] == ["Webinarium", "laboratorium LLL"]

    page.refresh()  # the filter offers the list as it is now
    assert page.type_combo.findData(webinar) > 0
    dialog = page.add_event()
    assert isinstance(dialog, EventDialog)
    qtbot.addWidget(dialog)
    offered = [dialog.type_combo.itemText(i) for i in range(dialog.type_combo.count())]
    assert "Webinarium" in offered and "gala" not in offered  # hidden: not for new events
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(webinar))
    dialog.title_edit.setText("Kompetencje cyfrowe online")
    assert dialog.save()
    dialog.close()
    page.refresh()
    assert page.model.event_row(0).type_label == "Webinarium"  # type: ignore[union-attr]

    types.reload()
    types.list.setCurrentRow(types.labels().index("Webinarium"))
    assert not types.delete_button.isEnabled()  # now in use
    assert "1 wydarzenie" in types.list.currentItem().text()
