"""The event's registrations panel: import from a form's Excel export, the event file."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

import skimlll_desktop.ui.registrations_panel as panel_module
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.events import EventDetails, list_registrations, save_event
from skimlll_desktop.ui.registrations_panel import RegistrationsPanel

TIMEOUT = 30_000


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "panel.db")
    yield database
    database.dispose()


@pytest.fixture
def panel(qtbot, database: Database) -> RegistrationsPanel:
    event = save_event(database, EventDetails(title="Poranek w Żabnie", capacity=2,
                                              starts_on=date(2026, 3, 3),
                                              ends_on=date(2026, 3, 3)))
    panel = RegistrationsPanel(database)
    qtbot.addWidget(panel)
    panel.set_event(event.id or 0, event.title, event.sessions)
    return panel


def _form(path: Path) -> Path:
    workbook = Workbook()
    workbook.active.append(["Imię", "Nazwisko", "E-mail", "Instytucja"])
    workbook.active.append(["Łucja", "Żółkiewska", "lucja@example.pl", "Gmina Żabno"])
    workbook.active.append(["Jan", "Nowak", "jan@example.pl", ""])
    workbook.active.append(["Ewa", "Ćwikła", "ewa@example.pl", ""])
    workbook.active.append(["", "", "zly@", ""])
    workbook.save(path)
    return path


def test_import_registrations_asks_then_registers_with_a_waiting_list(
    qtbot, monkeypatch, panel: RegistrationsPanel, database: Database, tmp_path: Path
) -> None:
    source = _form(tmp_path / "formularz.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    asked: list[str] = []
    errors: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(panel_module, "show_message",
                        lambda title, text, **kwargs: errors.append(text))
    panel.import_registrations()
    qtbot.waitUntil(lambda: bool(errors) or not panel.message.isHidden(), timeout=TIMEOUT)
    assert errors == []
    assert "Nowe osoby: 3" in asked[0] and "Pominięte wiersze: 1" in asked[0]
    rows = list_registrations(database, panel.event_id() or 0)
    assert sorted(r.status.value for r in rows) == ["registered", "registered", "waiting"]
    assert "rezerwowej: 1" in panel.message.text()


def test_event_file_is_written(qtbot, monkeypatch, panel: RegistrationsPanel,
                               tmp_path: Path) -> None:
    target = tmp_path / "teczka.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    errors: list[str] = []
    monkeypatch.setattr(panel_module, "show_message",
                        lambda title, text, **kwargs: errors.append(text))
    panel.write_event_file()
    qtbot.waitUntil(lambda: bool(errors) or target.exists(), timeout=TIMEOUT)
    assert errors == []
    with zipfile.ZipFile(target) as archive:
        assert "podsumowanie.pdf" in archive.namelist()
