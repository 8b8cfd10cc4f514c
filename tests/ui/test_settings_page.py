"""Ustawienia: document settings saved to the database, stale saves refused, images, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.services.database import open_database
from skimlll_desktop.services.settings import load_document_settings, save_document_settings
from skimlll_desktop.ui.main_window import MainWindow
from skimlll_desktop.ui.settings_page import MAX_IMAGE_BYTES, SettingsPage


def _page(window: MainWindow) -> SettingsPage:
    window.show_area("settingsArea")
    page = window.findChild(SettingsPage, "settingsArea")
    assert page is not None
    return page


def _png(path: Path, width: int = 120, height: int = 40) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5aa6"))
    assert image.save(str(path), "PNG")
    return path


def test_fields_are_grouped_labelled_and_loaded(window: MainWindow) -> None:
    page = _page(window)
    groups = {box.title() for box in page.findChildren(QGroupBox)}
    assert {_("Institution"), _("Project"), _("Images in document headers"),
            _("Language")} <= groups
    for name in ("institutionName", "institutionAddress", "projectName", "fundingNote",
                 "languageCombo"):
        field = page.findChild(QWidget, name)
        assert field is not None, name
        buddies = [label for label in page.findChildren(QLabel) if label.buddy() is field]
        assert buddies, f"{name} has no label"
    assert page.findChild(QLineEdit, "institutionName").text() == (
        "Wojewódzki Urząd Pracy w Krakowie")
    assert not page.findChild(QPushButton, "saveSettings").isEnabled()  # nothing changed yet


def test_saved_settings_are_reloaded(make_window, db_path: Path, qtbot) -> None:
    window = make_window(db_path)
    page = _page(window)
    name = page.findChild(QLineEdit, "institutionName")
    name.clear()
    qtbot.keyClicks(name, "Urzad Gminy ")  # QTest types ASCII only
    name.insert("Żabno")
    assert name.text() == "Urzad Gminy Żabno"
    page.findChild(QPlainTextEdit, "fundingNote").setPlainText("Środki KPO")
    save = page.findChild(QPushButton, "saveSettings")
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == _("Settings saved.")
    assert not save.isEnabled()

    database = open_database(db_path)
    try:
        stored = load_document_settings(database)
    finally:
        database.dispose()
    assert stored.institution_name == "Urzad Gminy Żabno"
    assert stored.funding_note == "Środki KPO"

    window.close()
    again = _page(make_window(db_path))
    assert again.findChild(QLineEdit, "institutionName").text() == "Urzad Gminy Żabno"
    assert again.findChild(QPlainTextEdit, "fundingNote").toPlainText() == "Środki KPO"


def test_ctrl_s_in_the_file_menu_saves(window: MainWindow) -> None:
    page = _page(window)
    page.findChild(QLineEdit, "institutionAddress").setText("ul. Testowa 1, 30-001 Kraków")
    action = window.findChild(QAction, "actionSave")
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+S"
    action.trigger()
    assert load_document_settings(window.database).institution_address == (
        "ul. Testowa 1, 30-001 Kraków")


def test_a_stale_save_is_refused_with_the_message_and_the_form_reloads(
    window: MainWindow, db_path: Path
) -> None:
    page = _page(window)
    other_desk = open_database(db_path)
    try:
        theirs = load_document_settings(other_desk)
        save_document_settings(other_desk, theirs.with_changes(institution_name="Ich nazwa"))
    finally:
        other_desk.dispose()

    page.findChild(QLineEdit, "institutionName").setText("Moja nazwa")
    assert page.save() is False
    message = page.findChild(QLabel, "settingsMessage")
    assert message.isVisible()
    assert "Ktoś inny" in message.text() or "Someone else" in message.text()
    assert page.findChild(QLineEdit, "institutionName").text() == "Ich nazwa"
    assert load_document_settings(window.database).institution_name == "Ich nazwa"
    # after the reload a save goes through again
    page.findChild(QLineEdit, "institutionName").setText("Moja nazwa")
    assert page.save() is True
    assert not message.isVisible()


def test_logo_and_funding_bar_are_chosen_shown_saved_and_cleared(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    logo = _png(tmp_path / "logo.png", 80, 80)
    bar = _png(tmp_path / "bar.png", 600, 60)
    chosen = iter([str(logo), str(bar)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (next(chosen), ""))
    page.findChild(QPushButton, "chooseLogo").click()
    page.findChild(QPushButton, "chooseFundingBar").click()
    assert not page.findChild(QLabel, "logoPreview").pixmap().isNull()
    assert not page.findChild(QLabel, "fundingBarPreview").pixmap().isNull()
    assert page.save()
    stored = load_document_settings(window.database)
    assert stored.logo == logo.read_bytes()
    assert stored.funding_bar == bar.read_bytes()

    page.findChild(QPushButton, "clearLogo").click()
    assert page.findChild(QLabel, "logoPreview").pixmap().isNull()
    assert page.save()
    assert load_document_settings(window.database).logo is None
    assert not page.findChild(QPushButton, "clearLogo").isEnabled()


def test_a_file_that_is_not_an_image_or_too_large_is_refused(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"not an image at all")
    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\x89PNG" + b"\0" * MAX_IMAGE_BYTES)
    chosen = iter([str(fake), str(huge)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (next(chosen), ""))
    error = page.findChild(QLabel, "logoError")
    page.findChild(QPushButton, "chooseLogo").click()
    assert error.isVisible() and "PNG" in error.text()
    page.findChild(QPushButton, "chooseLogo").click()
    assert error.isVisible() and "MB" in error.text()
    assert not page.has_unsaved_changes()


def test_language_is_kept_in_qsettings_and_applies_after_restart(
    window: MainWindow, settings: QSettings
) -> None:
    page = _page(window)
    combo = page.findChild(QComboBox, "languageCombo")
    assert combo.currentData() == "pl"
    combo.setCurrentIndex(combo.findData("en"))
    assert settings.value("language") == "en"
    note = page.findChild(QLabel, "languageNote")
    assert note.isVisible() and note.text() == _(
        "Stored on this computer only. A change takes effect after the program is restarted.")
    assert window.statusBar().currentMessage() == _(
        "Language saved. It takes effect after the program is restarted.")
