"""An institution's card: inline validation, duplicates, stale saves, membership, themes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTabWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.models import OrganizationType, Pillar
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.registry import (
    AffiliationInfo,
    OrganizationDetails,
    OrganizationQuery,
    PersonDetails,
    count_organizations,
    get_organization,
    list_organizations,
    save_organization,
    save_person,
)
from skimlll_desktop.services.validators import InvalidValue, normalise_nip
from skimlll_desktop.ui.duplicates_dialog import DuplicatesDialog
from skimlll_desktop.ui.form_widgets import OptionalDateEdit, SearchableComboBox
from skimlll_desktop.ui.main_window import MainWindow
from skimlll_desktop.ui.organization_dialog import OrganizationDialog

GOOD_NIP = "7340009469"
BAD_NIP = "734-000-94-60"


def _nip_message(value: str) -> str:
    with pytest.raises(InvalidValue) as invalid:
        normalise_nip(value)
    return invalid.value.message


def _new_dialog(qtbot, window: MainWindow) -> OrganizationDialog:
    window.show_area("partnersArea")
    dialog = window.partners_page.add_record()
    assert isinstance(dialog, OrganizationDialog)
    _activate(qtbot, dialog)
    return dialog


def _open_dialog(qtbot, window: MainWindow, organization_id: int) -> OrganizationDialog:
    window.show_area("partnersArea")
    dialog = window.partners_page.open_record(organization_id)
    assert isinstance(dialog, OrganizationDialog)
    _activate(qtbot, dialog)
    return dialog


def _activate(qtbot, dialog: QDialog) -> None:
    """Focus goes to the active window only: make the dialog the one the user works in."""
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


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


def test_a_bad_nip_is_shown_under_the_field_and_nothing_is_saved_until_fixed(
    qtbot, window: MainWindow, setup_db: Database
) -> None:
    dialog = _new_dialog(qtbot, window)
    assert dialog.objectName() == "organizationDialog"
    assert dialog.windowTitle() == "Nowa instytucja"
    _type_into(qtbot, _field(dialog, "organizationName"), "  Urząd Gminy   Łącko ")
    _type_into(qtbot, _field(dialog, "organizationNip"), BAD_NIP)
    _type_into(qtbot, _field(dialog, "organizationPhone"), "18 444 61 00")
    _type_into(qtbot, _field(dialog, "organizationPostalCode"), "33390")
    dialog.tabs.setCurrentIndex(1)  # the error must bring the Details tab back
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveOrganization"),
                         Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "organizationNipError")
    assert error.isVisible()
    assert error.text() == _nip_message(BAD_NIP)
    assert error.text().startswith("Ten NIP ma błędną cyfrę kontrolną")
    nip = _field(dialog, "organizationNip")
    assert nip.property("invalid") is True
    assert dialog.tabs.currentIndex() == 0 and nip.hasFocus()
    assert not dialog.findChild(QLabel, "organizationNameError").isVisible()
    assert count_organizations(setup_db, OrganizationQuery()) == 0
    assert dialog.has_unsaved_changes()

    _type_into(qtbot, nip, "PL " + GOOD_NIP)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not error.isVisible() and nip.property("invalid") is False
    stored = get_organization(setup_db, saved.args[0])
    assert stored.name == "Urząd Gminy Łącko"
    assert (stored.nip, stored.phone, stored.postal_code) == (
        GOOD_NIP, "+48 18 444 61 00", "33-390")
    assert nip.text() == GOOD_NIP  # the form shows what was stored
    assert dialog.windowTitle() == "Urząd Gminy Łącko"
    assert not dialog.has_unsaved_changes()
    assert dialog.findChild(QLabel, "organizationSaveState").text() == "Zapisano."
    qtbot.waitUntil(lambda: window.partners_page.model.total_count() == 1)


def test_nip_regon_and_email_are_checked_when_the_field_is_left(
    qtbot, window: MainWindow
) -> None:
    dialog = _new_dialog(qtbot, window)
    nip = _field(dialog, "organizationNip")
    _type_into(qtbot, nip, "12345")
    qtbot.keyClick(nip, Qt.Key.Key_Tab)
    error = dialog.findChild(QLabel, "organizationNipError")
    assert error.isVisible() and error.text() == "NIP ma 10 cyfr."
    _type_into(qtbot, nip, GOOD_NIP)
    qtbot.keyClick(nip, Qt.Key.Key_Tab)
    assert not error.isVisible()
    email = _field(dialog, "organizationEmail")
    _type_into(qtbot, email, "sekretariat@")
    qtbot.keyClick(email, Qt.Key.Key_Tab)
    assert dialog.findChild(QLabel, "organizationEmailError").isVisible()
    regon = _field(dialog, "organizationRegon")
    _type_into(qtbot, regon, "12")
    qtbot.keyClick(regon, Qt.Key.Key_Tab)
    assert dialog.findChild(QLabel, "organizationRegonError").text() == \
        "REGON ma 9 lub 14 cyfr."


def test_a_duplicate_nip_is_warned_about_before_a_new_institution_is_saved(
    qtbot, window: MainWindow, setup_db: Database, monkeypatch
) -> None:
    existing = save_organization(setup_db, OrganizationDetails(
        name="Gmina Łącko", nip=GOOD_NIP, gmina_teryt="1210092"))
    shown: list[list[str]] = []
    choice = ["duplicatesCancel"]

    def exec_(self: DuplicatesDialog) -> int:
        listed = self.findChild(QListWidget, "duplicatesList")
        shown.append([listed.item(row).text() for row in range(listed.count())])
        self.findChild(QPushButton, choice[0]).click()
        return int(self.result())

    monkeypatch.setattr(DuplicatesDialog, "exec", exec_)
    dialog = _new_dialog(qtbot, window)
    _type_into(qtbot, _field(dialog, "organizationName"), "Urząd Gminy w Łącku")
    _type_into(qtbot, _field(dialog, "organizationNip"), "734 000 94 69")
    assert not dialog.save()
    assert shown == [["Gmina Łącko — ten sam NIP"]]
    assert count_organizations(setup_db, OrganizationQuery()) == 1

    choice[0] = "duplicatesOpenExisting"
    assert not dialog.save()
    assert dialog.record_id() == existing.id
    assert _field(dialog, "organizationName").text() == "Gmina Łącko"
    dialog.reject()

    second = _new_dialog(qtbot, window)
    _type_into(qtbot, _field(second, "organizationName"), "Urząd Gminy w Łącku")
    _type_into(qtbot, _field(second, "organizationNip"), GOOD_NIP)
    choice[0] = "duplicatesSaveAnyway"
    with qtbot.waitSignal(second.saved):
        assert second.save()
    assert len(shown) == 3
    assert count_organizations(setup_db, OrganizationQuery()) == 2
    _type_into(qtbot, _field(second, "organizationCity"), "Łącko")
    assert second.save()  # an existing record is not checked again
    assert len(shown) == 3


def test_a_stale_save_is_refused_and_the_record_can_be_reloaded(
    qtbot, window: MainWindow, setup_db: Database, monkeypatch
) -> None:
    original = save_organization(setup_db, OrganizationDetails(name="Fundacja Edukacji"))
    assert original.id is not None
    dialog = _open_dialog(qtbot, window, original.id)
    save_organization(setup_db, replace(original, city="Tarnów"))  # someone else, meanwhile
    _type_into(qtbot, _field(dialog, "organizationPhone"), "12 345 67 89")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    with qtbot.assertNotEmitted(dialog.saved):
        assert not dialog.save()
    assert asked[0].startswith(stale_record_message())
    stored = get_organization(setup_db, original.id)
    assert (stored.city, stored.phone) == ("Tarnów", "")
    message = dialog.findChild(QLabel, "organizationMessage")
    assert message.isVisible()
    assert _field(dialog, "organizationPhone").text() == "12 345 67 89"  # the edits stay

    assert not dialog.save()  # this time: reload
    assert _field(dialog, "organizationCity").text() == "Tarnów"
    assert _field(dialog, "organizationPhone").text() == ""
    assert not dialog.has_unsaved_changes()
    _type_into(qtbot, _field(dialog, "organizationPhone"), "12 345 67 89")
    assert dialog.save()
    assert get_organization(setup_db, original.id).phone == "+48 12 345 67 89"


def test_membership_dates_pillar_and_council_seat_are_saved(
    qtbot, window: MainWindow, setup_db: Database
) -> None:
    dialog = _new_dialog(qtbot, window)
    _type_into(qtbot, _field(dialog, "organizationName"), "Zespół Szkół w Żabnie")
    member = dialog.findChild(QCheckBox, "organizationMember")
    since = dialog.findChild(OptionalDateEdit, "organizationMemberSince")
    until = dialog.findChild(OptionalDateEdit, "organizationMemberUntil")
    assert not since.isEnabled()
    dialog.tabs.setCurrentIndex(1)
    member.setChecked(True)
    assert since.isEnabled() and since.value() is None and since.text() == "—"
    since.setFocus()
    qtbot.keyClicks(since, "15.03.2021")
    assert since.value() == date(2021, 3, 15)
    until.setFocus()
    qtbot.keyClicks(until, "01022020")
    assert until.value() == date(2020, 2, 1)
    dialog.findChild(QCheckBox, "organizationCouncilSeat").setChecked(True)
    pillar = dialog.findChild(QComboBox, "organizationPillar")
    pillar.setCurrentIndex(pillar.findData(Pillar.ECONOMY))
    dialog.tabs.setCurrentIndex(0)
    assert not dialog.save()
    assert dialog.tabs.currentIndex() == 1
    until_error = dialog.findChild(QLabel, "organizationMemberUntilError")
    assert until_error.isVisible()
    assert until_error.text() == _("The membership cannot end before it begins.")
    assert until_error.text().startswith("Członkostwo nie może")
    qtbot.keyClick(until, Qt.Key.Key_Delete)
    assert until.value() is None
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    membership = get_organization(setup_db, saved.args[0]).membership
    assert membership is not None
    assert (membership.since, membership.until, membership.programme_council_seat,
            membership.wzk_pillar) == (date(2021, 3, 15), None, True, Pillar.ECONOMY)
    window.partners_page.filters.members_only.setChecked(True)
    assert window.partners_page.model.total_count() == 1


def test_gmina_is_found_without_polish_letters(
    qtbot, window: MainWindow, setup_db: Database
) -> None:
    dialog = _new_dialog(qtbot, window)
    gmina = dialog.findChild(SearchableComboBox, "organizationGmina")
    assert gmina.value() == ""
    completer = gmina.completer()
    completer.setCompletionPrefix("zabno")
    assert completer.completionCount() == 1
    assert completer.currentCompletion().startswith("Żabno")
    completer.activated[str].emit(completer.currentCompletion())
    gmina.lineEdit().setText(completer.currentCompletion())
    gmina.lineEdit().editingFinished.emit()
    assert gmina.value() == "1216153"
    _type_into(qtbot, _field(dialog, "organizationName"), "Biblioteka w Żabnie")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(OrganizationType.LIBRARY_CULTURE))
    assert dialog.save()
    [row] = list_organizations(setup_db, OrganizationQuery())
    assert (row.gmina, row.powiat, row.type) == ("Żabno", "tarnowski",
                                                 OrganizationType.LIBRARY_CULTURE)


def test_a_new_theme_is_added_and_ticked(
    qtbot, window: MainWindow, setup_db: Database, monkeypatch
) -> None:
    dialog = _new_dialog(qtbot, window)
    _type_into(qtbot, _field(dialog, "organizationName"), "Centrum Kultury")
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *_args, **_kwargs: ("edukacja  obywatelska", True))
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.findChild(QPushButton, "organizationAddTheme"),
                     Qt.MouseButton.LeftButton)
    themes = dialog.findChild(QListWidget, "organizationThemes")
    ticked = [themes.item(row).text() for row in range(themes.count())
              if themes.item(row).checkState() == Qt.CheckState.Checked]
    assert ticked == ["edukacja obywatelska"]
    assert themes.count() >= 6  # the default themes are listed too
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    assert len(get_organization(setup_db, saved.args[0]).theme_ids) == 1
    assert window.partners_page.filters.theme_combo.findText("edukacja obywatelska") > 0


def test_escape_asks_about_unsaved_changes(
    qtbot, window: MainWindow, setup_db: Database, monkeypatch
) -> None:
    dialog = _new_dialog(qtbot, window)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answers.pop(0))
    notes = dialog.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "pierwsza linia")
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # a new line, not "save and close"
    qtbot.keyClicks(notes, "druga")
    assert notes.toPlainText() == "pierwsza linia\ndruga"
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(answers) == 1  # Cancel: stays open
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert count_organizations(setup_db, OrganizationQuery()) == 0


def test_people_tab_lists_the_institution_people_and_opens_their_card(
    qtbot, window: MainWindow, setup_db: Database
) -> None:
    organization = save_organization(setup_db, OrganizationDetails(name="Urząd Pracy"))
    assert organization.id is not None
    person = save_person(setup_db, PersonDetails(
        first_name="Anna", last_name="Nowak", email="anna@up.pl",
        affiliations=(AffiliationInfo(organization.id, role="dyrektorka"),)))
    dialog = _open_dialog(qtbot, window, organization.id)
    tabs = dialog.findChild(QTabWidget, "organizationTabs")
    assert tabs.tabText(3) == "Osoby (1)" and tabs.isTabEnabled(3)
    people = dialog.findChild(QTableWidget, "organizationPeople")
    assert [people.item(0, column).text() for column in range(3)] == [
        "Anna Nowak", "dyrektorka", "anna@up.pl"]
    tabs.setCurrentIndex(3)
    rect = people.visualItemRect(people.item(0, 0))
    qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    card = dialog.findChild(QDialog, "personDialog")
    assert card is not None and card.record_id() == person.id
    card.findChild(QLineEdit, "personLastName").setText("Nowak-Kowalska")
    with qtbot.waitSignal(card.saved):
        assert card.save()
    assert people.item(0, 0).text() == "Anna Nowak-Kowalska"
