from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from skimlll_desktop.models import Person
from skimlll_desktop.services.backup import (
    backup_database,
    backup_if_due,
    list_backups,
    restore_database,
)
from skimlll_desktop.services.database import open_database
from skimlll_desktop.services.errors import DatabaseProblem, UserFacingError


def _people(path: Path) -> list[str]:
    database = open_database(path)
    try:
        with database.transaction() as session:
            return sorted(p.last_name for p in session.query(Person))
    finally:
        database.dispose()


def _add(path: Path, last_name: str) -> None:
    database = open_database(path)
    try:
        with database.transaction() as session:
            session.add(Person(first_name="Anna", last_name=last_name))
    finally:
        database.dispose()


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _add(path, "Śliwa")
    copy = backup_database(path, tmp_path / "copies" / "friday.db")
    _add(path, "Wójcik")
    assert _people(path) == ["Wójcik", "Śliwa"] or _people(path) == ["Śliwa", "Wójcik"]

    safety = restore_database(path, copy)

    assert _people(path) == ["Śliwa"]
    assert safety is not None and sorted(_people(safety)) == ["Wójcik", "Śliwa"]
    assert [backup.path for backup in list_backups(path)] == [safety]


def test_backup_while_the_database_is_open_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "open.db"
    database = open_database(path)
    try:
        with database.transaction() as session:
            session.add(Person(first_name="Jan", last_name="Gąsienica"))
        copy = backup_database(path, tmp_path / "copy.db")
    finally:
        database.dispose()
    assert _people(copy) == ["Gąsienica"]


def test_restore_refuses_a_bad_file_and_keeps_the_database(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _add(path, "Kowalska")
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    with pytest.raises(DatabaseProblem):
        restore_database(path, bad)
    assert _people(path) == ["Kowalska"]
    with pytest.raises(UserFacingError):
        restore_database(path, tmp_path / "missing.db")


def test_backup_cannot_overwrite_the_database(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _add(path, "Nowak")
    with pytest.raises(UserFacingError):
        backup_database(path, path)


def test_backup_to_an_unwritable_place_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _add(path, "Nowak")
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(UserFacingError) as refused:
        backup_database(path, blocker / "copy.db")
    assert "nie może zostać zapisana" in refused.value.message


def test_scheduled_backup_once_a_day(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _add(path, "Nowak")
    first = backup_if_due(path)
    assert first is not None and first.exists()
    assert backup_if_due(path) is None
    assert backup_if_due(path, every=timedelta(0)) is not None
