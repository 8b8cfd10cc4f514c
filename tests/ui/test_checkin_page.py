"""Obecność: the check-in screen driven with the keyboard alone, over a real database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QMessageBox,
    QPushButton,
    QWidget,
)

from skimlll_desktop.models import EventType, Person, RegistrationStatus
from skimlll_desktop.services.checkin import attendance_counter, check_in
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.events import (
    EventDetails,
    SessionForm,
    list_registrations,
    register_person,
    save_event,
)
from skimlll_desktop.ui.checkin_page import CheckinPage, order_for_the_door
from skimlll_desktop.ui.event_formatting import time_text
from skimlll_desktop.ui.walk_in_dialog import WalkInDialog

TODAY = date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def no_questions(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard)


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    opened = open_database(db_path)
    yield opened
    opened.dispose()


def _people(database: Database, *names: tuple[str, str]) -> list[int]:
    with database.transaction() as session:
        people = [Person(first_name=first, last_name=last) for first, last in names]
        session.add_all(people)
        session.flush()
        return [person.id for person in people]


@pytest.fixture
def event(database: Database) -> tuple[int, dict[str, int]]:
    """Today's two-day workshop with three registered people; one more in the registry."""
    saved = save_event(database, EventDetails(
        type=EventType.WORKSHOP, title="Warsztaty w Żabnie", starts_on=TODAY,
        ends_on=TODAY + timedelta(days=1),
        sessions=(SessionForm(1, TODAY, "Dzień pierwszy"),
                  SessionForm(2, TODAY + timedelta(days=1), "Dzień drugi"))))
    assert saved.id is not None
    ids = _people(database, ("Łucja", "Żółkiewska"), ("Jan", "Kowalski"), ("Anna", "Kowalska"),
                  ("Piotr", "Kowalczyk"))
    names = dict(zip(("lucja", "jan", "anna", "piotr"), ids, strict=True))
    for key in ("lucja", "jan", "anna"):
        register_person(database, saved.id, names[key])
    return saved.id, names


@pytest.fixture
def page(qtbot, database: Database, event: tuple[int, dict[str, int]]) -> CheckinPage:
    widget = CheckinPage()
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.set_database(database)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)
    search = widget.findChild(QLineEdit, "checkinSearch")
    qtbot.waitUntil(search.hasFocus, timeout=3000)
    return widget


def _search(page: CheckinPage) -> QLineEdit:
    return page.findChild(QLineEdit, "checkinSearch")


def _type(qtbot, page: CheckinPage, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.results_updated, timeout=3000):
        qtbot.keyClicks(_search(page), text)


def _shown(page: CheckinPage) -> list[str]:
    view = page.findChild(QListView, "checkinResults")
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _highlighted(page: CheckinPage) -> str:
    return page.findChild(QListView, "checkinResults").currentIndex().data()


def _counter(page: CheckinPage) -> str:
    return page.findChild(QLabel, "checkinCounter").text()


def test_the_event_and_the_session_of_today_are_chosen(
    page: CheckinPage, event: tuple[int, dict[str, int]]
) -> None:
    event_id, _names = event
    assert page.findChild(QComboBox, "checkinEvent").currentData() == event_id
    sessions = page.findChild(QComboBox, "checkinSession")
    assert sessions.count() == 2 and sessions.currentData() == 1
    assert "dzień 1" in sessions.currentText()
    assert _counter(page) == "obecnych 0 z 3 zarejestrowanych"


def test_keyboard_only_check_in_counter_and_undo(
    qtbot, page: CheckinPage, database: Database, event: tuple[int, dict[str, int]]
) -> None:
    event_id, names = event
    search = _search(page)
    _type(qtbot, page, "kowal")
    assert _shown(page)[:2] == ["Anna Kowalska", "Jan Kowalski"]  # registered first
    assert _shown(page)[2] == "Piotr Kowalczyk"  # then the registry
    assert _highlighted(page) == "Anna Kowalska"
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert _highlighted(page) == "Jan Kowalski"
    assert search.hasFocus() and search.text() == "kowal"

    with qtbot.waitSignal(page.checked_in, timeout=3000) as done:
        qtbot.keyClick(search, Qt.Key.Key_Return)
    result = done.args[0]
    assert result.person_name == "Jan Kowalski" and not result.already
    banner = page.findChild(QLabel, "checkinBannerText")
    assert banner.isVisible()
    assert banner.text().startswith("Jan Kowalski — obecność odnotowana, ")
    assert _counter(page) == "obecnych 1 z 3 zarejestrowanych"
    assert attendance_counter(database, event_id, 1).present == 1  # committed already
    assert search.text() == "" and search.hasFocus()
    assert page.findChild(QPushButton, "checkinUndo").isVisible()

    _type(qtbot, page, "zolk")  # no Polish letters needed
    assert _shown(page) == ["Łucja Żółkiewska"]
    with qtbot.waitSignal(page.checked_in, timeout=3000):
        qtbot.keyClick(search, Qt.Key.Key_Enter)
    assert _counter(page) == "obecnych 2 z 3 zarejestrowanych"

    with qtbot.waitSignal(page.check_in_undone, timeout=3000) as undone:
        qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)
    assert undone.args == ["Łucja Żółkiewska"]
    assert _counter(page) == "obecnych 1 z 3 zarejestrowanych"
    assert banner.text() == "Cofnięto obecność: Łucja Żółkiewska"
    assert search.hasFocus()
    statuses = {r.person_id: r.status for r in list_registrations(database, event_id)}
    assert statuses[names["lucja"]] is RegistrationStatus.REGISTERED
    assert statuses[names["jan"]] is RegistrationStatus.ATTENDED

    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)  # and the one before
    assert attendance_counter(database, event_id, 1).present == 0
    assert _counter(page) == "obecnych 0 z 3 zarejestrowanych"
    assert not page.can_undo()


def test_a_second_check_in_of_the_same_person_changes_nothing(
    qtbot, page: CheckinPage, database: Database, event: tuple[int, dict[str, int]]
) -> None:
    event_id, names = event
    done = check_in(database, event_id, names["anna"], 1)
    page.update_counter()
    _type(qtbot, page, "anna")
    view = page.findChild(QListView, "checkinResults")
    since = f"obecność odnotowana o {time_text(done.checked_in_at)}"
    assert since in view.currentIndex().data(Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(_search(page), Qt.Key.Key_Return)
    assert "była już odnotowana" in page.banner_message()
    assert not page.can_undo()  # nothing new to take back
    assert attendance_counter(database, event_id, 1).present == 1


def test_the_second_session_is_counted_separately(
    qtbot, page: CheckinPage, database: Database, event: tuple[int, dict[str, int]]
) -> None:
    event_id, _names = event
    sessions = page.findChild(QComboBox, "checkinSession")
    sessions.setCurrentIndex(sessions.findData(2))
    page.focus_search()
    _type(qtbot, page, "jan kow")
    with qtbot.waitSignal(page.checked_in, timeout=3000):
        qtbot.keyClick(_search(page), Qt.Key.Key_Return)
    assert attendance_counter(database, event_id, 2).present == 1
    assert attendance_counter(database, event_id, 1).present == 0


def test_someone_not_registered_is_added_as_a_walk_in_with_ctrl_enter(
    qtbot, page: CheckinPage, database: Database, event: tuple[int, dict[str, int]]
) -> None:
    event_id, names = event
    search = _search(page)
    _type(qtbot, page, "kowalczyk")
    assert _shown(page) == ["Piotr Kowalczyk"]
    with qtbot.waitSignal(page.walk_in_offered, timeout=3000):
        qtbot.keyClick(search, Qt.Key.Key_Return)
    offer = page.findChild(QPushButton, "checkinAddWalkIn")
    assert offer.isVisible()
    assert "Piotr Kowalczyk" in page.banner_message()
    assert attendance_counter(database, event_id, 1).present == 0

    with qtbot.waitSignal(page.checked_in, timeout=3000):
        qtbot.keyClick(search, Qt.Key.Key_Return, CTRL)
    assert not offer.isVisible()
    statuses = {r.person_id: r.status for r in list_registrations(database, event_id)}
    assert statuses[names["piotr"]] is RegistrationStatus.WALK_IN
    assert _counter(page) == "obecnych 1 z 4 zarejestrowanych"


def test_a_new_person_shows_likely_duplicates_before_adding(
    qtbot, page: CheckinPage, database: Database, event: tuple[int, dict[str, int]]
) -> None:
    event_id, names = event
    search = _search(page)
    _type(qtbot, page, "Piotr Kowalczyk")
    qtbot.keyClick(search, Qt.Key.Key_N, CTRL)
    dialog = page.findChild(WalkInDialog, "walkInDialog")
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLineEdit, "walkInFirstName").text() == "Piotr"
    assert dialog.findChild(QLineEdit, "walkInLastName").text() == "Kowalczyk"
    dialog.findChild(QCheckBox, "walkInConsent").setChecked(True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "walkInAdd"), Qt.MouseButton.LeftButton)

    duplicates = dialog.findChild(QListWidget, "walkInDuplicates")
    assert duplicates.isVisible() and duplicates.count() == 1
    assert duplicates.item(0).text().startswith("Piotr Kowalczyk")
    with qtbot.waitSignal(page.checked_in, timeout=3000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "walkInUseExisting"),
                         Qt.MouseButton.LeftButton)
    with database.transaction() as session:
        assert session.query(Person).filter_by(last_name="Kowalczyk").count() == 1
    statuses = {r.person_id: r.status for r in list_registrations(database, event_id)}
    assert statuses[names["piotr"]] is RegistrationStatus.WALK_IN
    assert page.banner_message().startswith("Piotr Kowalczyk — obecność odnotowana")


def test_a_new_person_without_a_match_is_added_and_checked_in(
    qtbot, page: CheckinPage, database: Database, event: tuple[int, dict[str, int]]
) -> None:
    event_id, _names = event
    dialog = page.new_person()
    assert isinstance(dialog, WalkInDialog)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "walkInAdd"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "walkInLastNameError")
    assert error.isVisible() and error.text()  # the last name is missing
    dialog.findChild(QLineEdit, "walkInFirstName").setText("Zofia")
    dialog.findChild(QLineEdit, "walkInLastName").setText("Ćwikła-O'Neill")
    dialog.findChild(QLineEdit, "walkInInstitution").setText("Gminny Ośrodek Kultury")
    with qtbot.waitSignal(page.checked_in, timeout=3000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "walkInAdd"),
                         Qt.MouseButton.LeftButton)
    rows = {r.name: r for r in list_registrations(database, event_id)}
    assert rows["Zofia Ćwikła-O'Neill"].status is RegistrationStatus.WALK_IN
    assert rows["Zofia Ćwikła-O'Neill"].institution == "Gminny Ośrodek Kultury"
    assert _counter(page) == "obecnych 1 z 4 zarejestrowanych"
    assert page.can_undo()


def test_events_of_today_come_first_then_the_coming_ones(database: Database) -> None:
    from skimlll_desktop.models import EventStatus
    from skimlll_desktop.services.events import EventQuery, list_events

    for title, day, status in (("Dawno", TODAY - timedelta(days=40), EventStatus.HELD),
                               ("Wczoraj", TODAY - timedelta(days=1), EventStatus.HELD),
                               ("Za tydzień", TODAY + timedelta(days=7), EventStatus.OPEN),
                               ("Jutro", TODAY + timedelta(days=1), EventStatus.OPEN),
                               ("Odwołane", TODAY, EventStatus.CANCELLED),
                               ("Dziś", TODAY, EventStatus.OPEN)):
        save_event(database, EventDetails(title=title, starts_on=day, ends_on=day,
                                          status=status))
    events = list_events(database, EventQuery())
    ordered = [e.title for e in order_for_the_door(events, TODAY)]
    assert ordered == ["Dziś", "Jutro", "Za tydzień", "Wczoraj", "Dawno"]


def test_widgets_have_names_accessible_names_and_tooltips(page: CheckinPage) -> None:
    for name in ("checkinEvent", "checkinSession", "checkinSearch", "checkinResults",
                 "checkinCounter", "checkinUndo", "checkinAddWalkIn", "checkinNewPerson",
                 "checkinPrintList"):
        widget = page.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    for name in ("checkinUndo", "checkinAddWalkIn", "checkinNewPerson", "checkinPrintList",
                 "checkinSearch"):
        assert page.findChild(QWidget, name).toolTip(), name
    buddies = {label.buddy().objectName() for label in page.findChildren(QLabel)
               if label.buddy() is not None}
    assert {"checkinEvent", "checkinSession"} <= buddies
