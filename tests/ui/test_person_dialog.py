"""A person's card: institutions and roles, RODO consent, history, validation, duplicates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTabWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Attendance,
    Event,
    EventSession,
    EventType,
    Gender,
    OrganizationType,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.people import PeopleQuery, count_people
from skimlll_desktop.services.registry import (
    OrganizationDetails,
    PersonDetails,
    get_person,
    save_organization,
    save_person,
)
from skimlll_desktop.ui.duplicates_dialog import DuplicatesDialog
from skimlll_desktop.ui.institution_picker import InstitutionPickerDialog
from skimlll_desktop.ui.main_window import MainWindow
from skimlll_desktop.ui.person_dialog import COLUMN_PRIMARY, COLUMN_ROLE, PersonDialog


def _activate(qtbot, dialog: QDialog) -> None:
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _new_dialog(qtbot, window: MainWindow) -> PersonDialog:
    window.show_area("peopleArea")
    dialog = window.people_page.add_record()
    assert isinstance(dialog, PersonDialog)
    _activate(qtbot, dialog)
    return dialog


def _open_dialog(qtbot, window: MainWindow, person_id: int) -> PersonDialog:
    window.show_area("peopleArea")
    dialog = window.people_page.open_record(person_id)
    assert isinstance(dialog, PersonDialog)
    _activate(qtbot, dialog)
    return dialog


def _field(dialog: QDialog, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def _type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Type over the field (QTest types ASCII only: Polish letters are inserted as typed)."""
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def _pick(qtbot, dialog: PersonDialog, search: str, role: str) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, "personAddInstitution"),
                     Qt.MouseButton.LeftButton)
    picker = dialog.findChild(InstitutionPickerDialog, "institutionPicker")
    assert picker is not None and picker.isVisible()
    with qtbot.waitSignal(picker.results_shown):
        picker.findChild(QLineEdit, "institutionPickerSearch").setText(search)
    results = picker.findChild(QListWidget, "institutionPickerResults")
    assert results.count() >= 1
    picker.findChild(QLineEdit, "institutionPickerRole").setText(role)
    qtbot.mouseClick(picker.findChild(QPushButton, "institutionPickerAdd"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(InstitutionPickerDialog) is None)


@pytest.fixture
def institutions(setup_db: Database) -> dict[str, int]:
    ids = {}
    for key, name, kind in (("school", "Zespół Szkół Łącko", OrganizationType.SCHOOL),
                            ("office", "Urząd Gminy Łącko", OrganizationType.LOCAL_GOVERNMENT)):
        saved = save_organization(setup_db, OrganizationDetails(name=name, type=kind,
                                                                gmina_teryt="1210092"))
        assert saved.id is not None
        ids[key] = saved.id
    return ids


def test_a_person_with_two_institutions_and_consent_is_saved(
    qtbot, window: MainWindow, setup_db: Database, institutions: dict[str, int]
) -> None:
    dialog = _new_dialog(qtbot, window)
    assert dialog.objectName() == "personDialog" and dialog.windowTitle() == "Nowa osoba"
    _type_into(qtbot, _field(dialog, "personFirstName"), "Łucja")
    _type_into(qtbot, _field(dialog, "personLastName"), "Żółkiewska")
    _type_into(qtbot, _field(dialog, "personTitle"), "dr")
    _type_into(qtbot, _field(dialog, "personEmail"), "Lucja.Zolkiewska@Lacko.PL")
    gender = dialog.findChild(QComboBox, "personGender")
    assert [gender.itemText(i) for i in range(gender.count())] == ["—", "kobieta", "mężczyzna"]
    gender.setCurrentIndex(gender.findData(Gender.FEMININE))
    consent = dialog.findChild(QCheckBox, "personConsent")
    note = _field(dialog, "personConsentNote")
    assert not note.isEnabled()
    consent.setChecked(True)
    assert note.isEnabled()
    _type_into(qtbot, note, "formularz zgłoszeniowy")

    dialog.tabs.setCurrentIndex(1)
    _pick(qtbot, dialog, "zespol", "nauczycielka")
    _pick(qtbot, dialog, "urzad lacko", "radna")
    table = dialog.findChild(QTableWidget, "personInstitutions")
    assert table.rowCount() == 2
    assert table.item(0, COLUMN_PRIMARY).checkState() == Qt.CheckState.Checked
    table.item(1, COLUMN_PRIMARY).setCheckState(Qt.CheckState.Checked)  # the office first
    assert table.item(0, COLUMN_PRIMARY).checkState() == Qt.CheckState.Unchecked
    table.item(1, COLUMN_ROLE).setText("radna gminy")
    assert dialog.tabs.tabText(1) == "Instytucje (0)"  # counted as saved

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.findChild(QPushButton, "savePerson"), Qt.MouseButton.LeftButton)
    person = get_person(setup_db, saved.args[0])
    assert (person.first_name, person.last_name, person.title, person.gender) == (
        "Łucja", "Żółkiewska", "dr", Gender.FEMININE)
    assert person.email == "Lucja.Zolkiewska@lacko.pl"  # the domain is case-insensitive
    assert person.consent and person.consent_note == "formularz zgłoszeniowy"
    roles = {a.organization_id: (a.role, a.is_primary) for a in person.affiliations}
    assert roles == {institutions["school"]: ("nauczycielka", False),
                     institutions["office"]: ("radna gminy", True)}
    assert dialog.tabs.tabText(1) == "Instytucje (2)"
    assert dialog.windowTitle() == "Łucja Żółkiewska"
    page = window.people_page
    qtbot.waitUntil(lambda: page.model.total_count() == 1)
    assert page.model.index(0, 2).data() == "Urząd Gminy Łącko"  # the primary institution


def test_removing_an_institution_keeps_one_primary(
    qtbot, window: MainWindow, setup_db: Database, institutions: dict[str, int]
) -> None:
    from skimlll_desktop.services.registry import AffiliationInfo

    person = save_person(setup_db, PersonDetails(
        first_name="Jan", last_name="Kowal", affiliations=(
            AffiliationInfo(institutions["school"], role="dyrektor", is_primary=True),
            AffiliationInfo(institutions["office"], role="radny"))))
    assert person.id is not None
    dialog = _open_dialog(qtbot, window, person.id)
    table = dialog.findChild(QTableWidget, "personInstitutions")
    remove = dialog.findChild(QPushButton, "personRemoveInstitution")
    assert not remove.isEnabled()
    table.selectionModel().select(
        table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert remove.isEnabled()
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 1
    assert table.item(0, COLUMN_PRIMARY).checkState() == Qt.CheckState.Checked
    assert dialog.has_unsaved_changes()
    assert dialog.save()
    [only] = get_person(setup_db, person.id).affiliations
    assert (only.organization_id, only.is_primary) == (institutions["office"], True)


def _event_with_attendance(database: Database, person_id: int) -> None:
    with database.transaction() as session:
        event = Event(type=EventType.WORKSHOP, title="Warsztaty o kompetencjach przyszłości",
                      starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 11))
        first = EventSession(number=1, day=date(2026, 3, 10))
        second = EventSession(number=2, day=date(2026, 3, 11))
        event.sessions.extend([first, second])
        session.add(event)
        registration = Registration(event=event, person_id=person_id,
                                    status=RegistrationStatus.ATTENDED)
        session.add(registration)
        session.flush()
        session.add(Attendance(registration=registration, session_id=first.id,
                               checked_in_at=datetime(2026, 3, 10, 8, 55, tzinfo=UTC)))


def test_history_shows_the_events_a_person_attended(
    qtbot, window: MainWindow, setup_db: Database
) -> None:
    person = save_person(setup_db, PersonDetails(first_name="Anna", last_name="Nowak"))
    assert person.id is not None
    _event_with_attendance(setup_db, person.id)
    dialog = _open_dialog(qtbot, window, person.id)
    tabs = dialog.findChild(QTabWidget, "personTabs")
    assert tabs.tabText(3) == "Historia (1)" and tabs.isTabEnabled(3)
    history = dialog.findChild(QTableWidget, "personHistory")
    assert history.rowCount() == 1
    row = [history.item(0, column).text() for column in range(history.columnCount())]
    assert row == ["Warsztaty o kompetencjach przyszłości", "10 marca 2026",
                   _("attended"), "1 z 2"]
    assert dialog.findChild(QLabel, "personHistoryHint").text() != _("No events yet.")


def test_missing_names_and_a_bad_email_are_shown_under_their_fields(
    qtbot, window: MainWindow, setup_db: Database
) -> None:
    dialog = _new_dialog(qtbot, window)
    email = _field(dialog, "personEmail")
    _type_into(qtbot, email, "anna@")
    qtbot.keyClick(email, Qt.Key.Key_Tab)
    email_error = dialog.findChild(QLabel, "personEmailError")
    assert email_error.isVisible() and email_error.text()
    with qtbot.assertNotEmitted(dialog.saved):
        assert not dialog.save()
    last_error = dialog.findChild(QLabel, "personLastNameError")
    first_error = dialog.findChild(QLabel, "personFirstNameError")
    assert first_error.text() == _("The first name is missing.") == "Brak imienia."
    assert last_error.isVisible() and last_error.text() == _("The last name is missing.")
    assert _field(dialog, "personFirstName").hasFocus()  # the first bad field, in form order
    assert count_people(setup_db, PeopleQuery()) == 0


def test_the_same_email_is_warned_about_as_a_possible_duplicate(
    qtbot, window: MainWindow, setup_db: Database, monkeypatch
) -> None:
    save_person(setup_db, PersonDetails(first_name="Anna", last_name="Nowak",
                                        email="anna.nowak@example.pl"))
    seen: list[str] = []

    def exec_(self: DuplicatesDialog) -> int:
        listed = self.findChild(QListWidget, "duplicatesList")
        seen.extend(listed.item(row).text() for row in range(listed.count()))
        self.findChild(QPushButton, "duplicatesCancel").click()
        return 0

    monkeypatch.setattr(DuplicatesDialog, "exec", exec_)
    dialog = _new_dialog(qtbot, window)
    _type_into(qtbot, _field(dialog, "personFirstName"), "Anna")
    _type_into(qtbot, _field(dialog, "personLastName"), "Nowakowska")
    _type_into(qtbot, _field(dialog, "personEmail"), "ANNA.NOWAK@example.pl")
    assert not dialog.save()
    assert seen == ["Anna Nowak — ten sam e-mail"]
    assert count_people(setup_db, PeopleQuery()) == 1


def test_a_stale_person_save_is_refused(
    qtbot, window: MainWindow, setup_db: Database, monkeypatch
) -> None:
    person = save_person(setup_db, PersonDetails(first_name="Jan", last_name="Nowak"))
    assert person.id is not None
    dialog = _open_dialog(qtbot, window, person.id)
    save_person(setup_db, replace(person, position="dyrektor"))
    _type_into(qtbot, _field(dialog, "personPosition"), "wicedyrektor")
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not dialog.save()
    assert asked and asked[0].startswith(stale_record_message())
    assert get_person(setup_db, person.id).position == "dyrektor"
    assert dialog.findChild(QLabel, "personMessage").text() == stale_record_message()


def test_people_list_filters_by_institution_type_powiat_and_membership(
    make_window, db_path: Path, setup_db: Database, institutions: dict[str, int]
) -> None:
    from datetime import date as day

    from skimlll_desktop.services.registry import (
        AffiliationInfo,
        MembershipInfo,
        get_organization,
    )

    office = get_organization(setup_db, institutions["office"])
    save_organization(setup_db, replace(office, membership=MembershipInfo(
        day(2020, 1, 1), None, None, False, None)))
    save_person(setup_db, PersonDetails(first_name="Ewa", last_name="Szkolna", affiliations=(
        AffiliationInfo(institutions["school"]),)))
    save_person(setup_db, PersonDetails(first_name="Jan", last_name="Urzędnik", affiliations=(
        AffiliationInfo(institutions["office"]),)))
    save_person(setup_db, PersonDetails(first_name="Olga", last_name="Krakowska",
                                        gmina_teryt="1261011"))
    window = make_window(db_path)
    window.show_area("peopleArea")
    page = window.people_page

    def names() -> list[str]:
        return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]

    assert names() == ["Krakowska", "Szkolna", "Urzędnik"]
    type_filter = window.findChild(QComboBox, "peopleTypeFilter")
    type_filter.setCurrentIndex(type_filter.findData(OrganizationType.SCHOOL))
    assert names() == ["Szkolna"]
    type_filter.setCurrentIndex(0)
    powiat = window.findChild(QComboBox, "peoplePowiatFilter")
    powiat.setCurrentIndex(powiat.findData("1261"))
    assert names() == ["Krakowska"]
    powiat.setCurrentIndex(powiat.findData("1210"))
    assert names() == ["Szkolna", "Urzędnik"]
    window.findChild(QCheckBox, "peopleMembersOnly").setChecked(True)
    assert names() == ["Urzędnik"]
    assert window.findChild(QLabel, "peopleCountLabel").text() == "Znaleziono: 1 osoba"
