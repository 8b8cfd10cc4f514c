"""Opening, creating, backing up and restoring databases from the window; bad files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton

from skimlll_desktop.services.backup import backup_if_due, list_backups
from skimlll_desktop.services.info import database_info
from skimlll_desktop.services.startup import SET_ASIDE_SUFFIX
from skimlll_desktop.ui.database_dialogs import DatabaseProblemDialog
from skimlll_desktop.ui.main_window import MainWindow

GARBAGE = b"This is a spreadsheet, not a database.\n" * 40
OPEN_TIMEOUT_MS = 30_000


def _answer_problem(monkeypatch: pytest.MonkeyPatch, *buttons: str) -> list[str]:
    """The problem dialog clicks its own buttons, in this order; returns the messages shown."""
    shown: list[str] = []
    answers = iter(buttons)

    def exec_(dialog: DatabaseProblemDialog) -> int:
        shown.append(dialog.findChild(QLabel, "problemMessage").text())
        button = dialog.findChild(QPushButton, next(answers))
        assert button is not None
        button.click()
        return int(dialog.result())

    monkeypatch.setattr(DatabaseProblemDialog, "exec", exec_)
    return shown


def _choose_file(monkeypatch: pytest.MonkeyPatch, method: str, *paths: Path) -> None:
    chosen = iter(str(path) for path in paths)
    monkeypatch.setattr(QFileDialog, method, lambda *args, **kwargs: (next(chosen), ""))


def test_garbage_file_shows_the_problem_and_is_left_byte_for_byte(
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "lista.db"
    garbage.write_bytes(GARBAGE)
    shown = _answer_problem(monkeypatch, "problemQuit")
    window = make_window()
    with qtbot.waitSignal(window.quit_requested, timeout=OPEN_TIMEOUT_MS):
        window.open_location(str(garbage))
    assert len(shown) == 1 and "lista.db" in shown[0]
    assert "Traceback" not in shown[0]
    assert garbage.read_bytes() == GARBAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lista.db", "settings.ini"]
    assert window.database is None


def test_problem_dialog_offers_the_latest_backup_and_restores_it(
    qtbot, make_window, db_path: Path, people_adder, monkeypatch: pytest.MonkeyPatch
) -> None:
    people_adder([("Nowak", "Anna"), ("Żak", "Łucja")])
    assert backup_if_due(db_path) is not None
    db_path.write_bytes(GARBAGE)
    shown = _answer_problem(monkeypatch, "problemRestoreBackup")
    window = make_window()
    with qtbot.waitSignal(window.database_opened, timeout=OPEN_TIMEOUT_MS):
        window.open_location(str(db_path))
    assert len(shown) == 1
    assert database_info(window.database).counts["people"] == 2
    kept = [p for p in db_path.parent.rglob(f"*{SET_ASIDE_SUFFIX}")]
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE  # moved aside, not destroyed
    assert all(backup.path != kept[0] for backup in list_backups(db_path))


def test_without_a_backup_the_restore_choice_is_not_offered(
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "zly.db"
    garbage.write_bytes(GARBAGE)
    offered: list[set[str]] = []

    def exec_(dialog: DatabaseProblemDialog) -> int:
        offered.append({button.objectName() for button in dialog.buttons.values()})
        dialog.reject()  # Esc
        return 0

    monkeypatch.setattr(DatabaseProblemDialog, "exec", exec_)
    window = make_window()
    with qtbot.waitSignal(window.quit_requested, timeout=OPEN_TIMEOUT_MS):
        window.open_location(str(garbage))
    assert offered == [{"problemOpenAnother", "problemCreateNew", "problemQuit"}]


def test_open_another_file_from_the_problem_dialog(
    qtbot, make_window, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "zly.db"
    garbage.write_bytes(GARBAGE)
    _answer_problem(monkeypatch, "problemOpenAnother")
    _choose_file(monkeypatch, "getOpenFileName", db_path)
    window = make_window()
    with qtbot.waitSignal(window.database_opened, timeout=OPEN_TIMEOUT_MS):
        window.open_location(str(garbage))
    assert window.database.location.path == db_path
    assert garbage.read_bytes() == GARBAGE


def test_a_failed_switch_keeps_the_open_database(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "zly.db"
    garbage.write_bytes(GARBAGE)
    _answer_problem(monkeypatch, "problemCancel")
    current = window.database
    _choose_file(monkeypatch, "getOpenFileName", garbage)
    with qtbot.waitSignal(window.database_failed, timeout=OPEN_TIMEOUT_MS):
        window.findChild(QAction, "actionOpenDatabase").trigger()
    assert window.database is current
    assert window.findChild(QLabel, "databaseLabel").toolTip() == str(current.location.path)


def test_new_database_from_the_file_menu_switches_and_remembers(
    qtbot, window: MainWindow, tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = window.database
    target = tmp_path / "nowa"
    _choose_file(monkeypatch, "getSaveFileName", target)
    with qtbot.waitSignal(window.database_opened, timeout=OPEN_TIMEOUT_MS):
        window.findChild(QAction, "actionNewDatabase").trigger()
    assert window.database is not old
    assert window.database.location.path == tmp_path / "nowa.db"
    assert (tmp_path / "nowa.db").stat().st_size > 0
    assert database_info(window.database).counts["gminy"] == 183  # reference data loaded
    assert settings.value("database/last") == str(tmp_path / "nowa.db")
    assert window.findChild(QLabel, "databaseLabel").text().endswith("nowa.db")


def test_new_database_never_overwrites_an_existing_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "arkusz.db"
    existing.write_bytes(GARBAGE)
    _choose_file(monkeypatch, "getSaveFileName", existing)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    current = window.database
    window.findChild(QAction, "actionNewDatabase").trigger()
    assert told and "arkusz.db" in told[0]
    assert existing.read_bytes() == GARBAGE
    assert window.database is current and not window.is_opening()


def _wait_for(qtbot, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(condition, timeout=OPEN_TIMEOUT_MS)


def test_backup_then_restore_from_the_file_menu(
    qtbot, make_window, db_path: Path, people_adder, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people_adder([("Nowak", "Anna")])
    window = make_window(db_path)
    copy = tmp_path / "kopia.db"
    _choose_file(monkeypatch, "getSaveFileName", copy)
    window.findChild(QAction, "actionBackup").trigger()
    _wait_for(qtbot, lambda: "kopia.db" in window.statusBar().currentMessage())
    assert copy.stat().st_size > 0

    people_adder([("Kowalski", "Jan"), ("Wiśniewska", "Ewa")])
    window.people_page.refresh()
    assert window.people_page.model.total_count() == 3

    _choose_file(monkeypatch, "getOpenFileName", copy)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question",
        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Yes,
    )
    with qtbot.waitSignal(window.database_opened, timeout=OPEN_TIMEOUT_MS):
        window.findChild(QAction, "actionRestore").trigger()
    assert asked and "kopia.db" in asked[0]
    assert window.people_page.model.total_count() == 1
    assert database_info(window.database).counts["people"] == 1
    safety = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert len(safety) == 1


def test_restore_is_not_done_without_confirmation(
    window: MainWindow, people_adder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "kopia.db"
    _choose_file(monkeypatch, "getOpenFileName", copy)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Cancel)
    current = window.database
    window.findChild(QAction, "actionRestore").trigger()
    assert window.database is current and not window.is_opening()
