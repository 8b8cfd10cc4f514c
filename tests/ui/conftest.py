"""GUI test fixtures: a fresh real SQLite database and a fresh main window per test.

Settings go to an INI file in the test's folder (never the user's), dialogs are
monkeypatched in the tests that meet them, and a test fails if it leaves a
background job running.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.reference_data import ensure_reference_data

OPEN_TIMEOUT_MS = 30_000

PersonSpec = tuple[str, str] | tuple[str, str, str]


@pytest.fixture(autouse=True)
def no_job_left_running(qapp: QApplication) -> Iterator[None]:
    """Like napari: a test that leaves a background job running fails."""
    yield
    finished = QThreadPool.globalInstance().waitForDone(10_000)
    qapp.processEvents()  # deliver the workers' last queued signals
    from skimlll_desktop.ui.jobs import running_workers

    assert finished, "a background job was still running after the test"
    assert running_workers() == 0, "a job worker was not released"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The window's QSettings, isolated in the test's folder."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh, migrated SQLite database with the reference data."""
    path = tmp_path / "skimlll.db"
    database = open_database(path)
    try:
        ensure_reference_data(database)
    finally:
        database.dispose()
    return path


def add_people(database_path: Path, people: Sequence[PersonSpec]) -> list[int]:
    """Test data setup through the ORM: (last, first[, email]) per person; returns the ids."""
    from skimlll_desktop.models import Person

    database: Database = open_database(database_path)
    try:
        with database.transaction() as session:
            records = []
            for spec in people:
                last, first = spec[0], spec[1]
                email = spec[2] if len(spec) > 2 else ""
                person = Person(last_name=last, first_name=first, email=email)
                session.add(person)
                records.append(person)
            session.flush()
            return [person.id for person in records]
    finally:
        database.dispose()


@pytest.fixture
def people_adder(db_path: Path) -> Callable[[Sequence[PersonSpec]], list[int]]:
    return lambda people: add_people(db_path, people)


@pytest.fixture
def make_window(qtbot, settings: QSettings):  # type: ignore[no-untyped-def]
    """Builds main windows on the test's settings; each is closed after the test."""
    from skimlll_desktop.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(database: Path | str | None = None, *, wait: bool = True) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        if database is not None:
            if wait:
                with qtbot.waitSignal(window.database_opened, timeout=OPEN_TIMEOUT_MS):
                    window.open_location(str(database))
            else:
                window.open_location(str(database))
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window, db_path: Path):  # type: ignore[no-untyped-def]
    """A main window with the test's database open."""
    return make_window(db_path)


@pytest.fixture
def setup_db(db_path: Path) -> Iterator[Database]:
    """The test's database, for setting up data through the services (windows open their own)."""
    database = open_database(db_path)
    try:
        yield database
    finally:
        database.dispose()
