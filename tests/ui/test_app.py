"""The entry point: start-up order, benchmark contract, language, last database, last resort."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QMessageBox

from skimlll_desktop.app import initial_database, install_qt_translations
from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.ui import errors

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "babel.dates")


def _run_app(db: Path, mark: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``main(DB)`` in a fresh interpreter with the benchmark mark and isolated user folders."""
    code = textwrap.dedent(f"""
        import sys
        from skimlll_desktop.app import main
        code = main({str(db)!r})
        print("HEAVY", ",".join(m for m in {HEAVY!r} if m in sys.modules), flush=True)
        raise SystemExit(code)
    """)
    env = dict(os.environ)
    env.update({
        "SKIMLLL_BENCH_MARK": mark,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path / "home"),
    })
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )


def test_first_paint_comes_before_the_database_stack_is_imported(
    tmp_path: Path, db_path: Path
) -> None:
    before = db_path.read_bytes()
    result = _run_app(db_path, "first-paint", tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "BENCH first-paint"
    assert lines[-1] == "HEAVY "  # none of them
    assert db_path.read_bytes() == before  # not even opened


def test_people_list_benchmark_opens_the_database_and_shows_the_rows(
    tmp_path: Path, db_path: Path, people_adder
) -> None:
    people_adder([(f"Nowak{i}", "Anna") for i in range(250)])
    result = _run_app(db_path, "people-list", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "BENCH people-list" in result.stdout.splitlines()
    assert "sqlalchemy" in result.stdout.splitlines()[-1]


def test_benchmark_on_a_bad_file_exits_with_the_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"no database here" * 100)
    result = _run_app(bad, "people-list", tmp_path)
    assert result.returncode == 1
    assert "BENCH error:" in result.stderr and "bad.db" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == b"no database here" * 100


def test_the_database_is_the_argument_else_the_last_one_else_the_default(
    tmp_path: Path, settings: QSettings
) -> None:
    assert initial_database(None, settings) is None  # nothing remembered: the default
    existing = tmp_path / "ostatnia.db"
    existing.write_bytes(b"")
    settings.setValue("database/last", str(existing))
    assert initial_database(None, settings) == str(existing)
    assert initial_database("inna.db", settings) == "inna.db"
    existing.unlink()  # moved away meanwhile: do not make a new empty file there
    assert initial_database(None, settings) is None
    settings.setValue("database/last", "postgresql://office-server/skimlll")
    assert initial_database(None, settings) == "postgresql://office-server/skimlll"


def test_qt_own_strings_are_polish(qapp) -> None:
    installed = install_qt_translations(qapp, "pl")
    try:
        assert installed, "qtbase_pl.qm not found"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_unexpected_error_shows_a_short_message_and_logs_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec",
        lambda box: shown.append((box.objectName(), box.text(), box.informativeText())) or 0,
    )
    try:
        raise KeyError("internal detail")
    except KeyError as error:
        errors.handle_exception(type(error), error, error.__traceback__)
    assert len(shown) == 1
    name, text, details = shown[0]
    assert name == "unexpectedErrorDialog"
    assert text == errors.unexpected_error_message()
    assert "Traceback" not in text + details and "internal detail" not in text + details
    log = errors.log_file()
    assert log is not None and str(log) in details
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError: 'internal detail'" in logged


def test_a_user_facing_error_that_escaped_shows_its_own_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    problem = UserFacingError(_("A backup cannot overwrite the database itself."))
    errors.handle_exception(UserFacingError, problem, None)
    assert shown == [problem.message]
    log = errors.log_file()
    assert log is None or not log.exists() or problem.message not in log.read_text()


def test_a_full_disk_that_escaped_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    problem = OSError(errno.ENOSPC, "No space left on device")
    errors.handle_exception(OSError, problem, None)
    assert len(shown) == 1 and "Brak wolnego miejsca na dysku" in shown[0]


class _Emitter(QObject):
    happened = Signal(int)


def test_emitting_many_signals_does_not_exhaust_true() -> None:
    """PySide6 6.12.0 loses a reference to True on every emit (pyproject pins Qt below it)."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.happened.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(3000):
        emitter.happened.emit(n)
    assert len(received) == 3000
    assert abs(sys.getrefcount(True) - before) < 50
