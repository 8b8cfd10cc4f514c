"""What the computer refused (a full disk, a busy or read-only database) told plainly."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from skimlll_desktop.services import database as database_module
from skimlll_desktop.services.database import open_database
from skimlll_desktop.services.environment_problems import environment_problem
from skimlll_desktop.services.registry import OrganizationDetails, save_organization


def _wrapped(message: str) -> OperationalError:
    """How SQLAlchemy hands over an error of SQLite."""
    return OperationalError("INSERT …", {}, sqlite3.OperationalError(message))


def test_each_kind_gets_its_own_message() -> None:
    full = environment_problem(OSError(errno.ENOSPC, "No space left on device"))
    assert full is not None and "miejsca na dysku" in full
    assert environment_problem(_wrapped("database or disk is full")) == full
    read_only = environment_problem(_wrapped("attempt to write a readonly database"))
    assert read_only is not None and "tylko do odczytu" in read_only
    assert environment_problem(OSError(errno.EROFS, "Read-only file system")) == read_only
    denied = environment_problem(PermissionError(errno.EACCES, "Permission denied"))
    assert denied is not None and "uprawnień" in denied
    busy = environment_problem(_wrapped("database is locked"))
    assert busy is not None and "zajęta" in busy
    assert len({full, read_only, denied, busy}) == 4


def test_a_cause_is_found_and_other_errors_are_not_guessed() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as disk:
            raise RuntimeError("saving the workbook failed") from disk
    except RuntimeError as error:
        assert environment_problem(error) == environment_problem(OSError(errno.ENOSPC, ""))
    assert environment_problem(ValueError("bad value")) is None
    assert environment_problem(OSError(errno.ENOENT, "No such file")) is None


def test_a_database_another_program_is_writing_to(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "wspolna.db"
    database = open_database(path)
    other = sqlite3.connect(path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock, like a long save elsewhere
    try:
        with pytest.raises(OperationalError) as refused:
            save_organization(database, OrganizationDetails(name="Fundacja Zajęta"))
        assert "zajęta" in (environment_problem(refused.value) or "")
    finally:
        other.rollback()
        other.close()
    save_organization(database, OrganizationDetails(name="Fundacja Zajęta"))  # free again
    database.dispose()
