"""Migrations, and files the program must refuse without changing them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from skimlll_desktop.models import Base, EventType
from skimlll_desktop.services.backup import list_backups
from skimlll_desktop.services.database import (
    SchemaState,
    open_database,
    resolve_location,
    schema_state,
)
from skimlll_desktop.services.errors import DatabaseProblem
from skimlll_desktop.services.migrations import first_revision, head_revision, upgrade_to_head
from skimlll_desktop.services.polish_text import sort_key


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_empty_file_is_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    assert schema_state(resolve_location(path)) is SchemaState.NEW
    open_database(path).dispose()
    assert _revision(path) == head_revision()
    assert schema_state(resolve_location(path)) is SchemaState.CURRENT


def test_file_at_first_revision_is_backed_up_and_upgraded_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, first_revision())
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO powiaty (teryt, name, kind, uuid, created_at, updated_at, version) "
            "VALUES ('1201', 'bocheński', 'powiat', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', "
            "'2025-01-01 10:00:00', '2025-01-01 10:00:00', 1)"))
    engine.dispose()
    assert first_revision() != head_revision()
    assert schema_state(resolve_location(path)) is SchemaState.OUTDATED
    before = path.read_bytes()

    open_database(path).dispose()

    assert _revision(path) == head_revision()
    with sqlite3.connect(path) as connection:
        powiat = connection.execute(
            "SELECT name, uuid FROM powiaty WHERE teryt = '1201'").fetchone()
        assert powiat == ("bocheński", "a1b2c3d4e5f60718293a4b5c6d7e8f90")  # kept, not replaced
        assert connection.execute("SELECT count(*) FROM gminy").fetchone() == (183,)
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"people", "events", "registrations"} <= tables
    backups = list_backups(path)
    assert len(backups) == 1 and backups[0].reason == "before-update"
    assert backups[0].path.parent == path.parent / "old-backups"
    assert _revision(backups[0].path) == first_revision()
    assert len(backups[0].path.read_bytes()) == len(before)


def test_models_and_migrations_agree(any_db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    database = open_database(any_db_url)
    try:
        with database.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        database.dispose()
    assert differences == []


def _refused_unchanged(path: Path, kind: str) -> str:
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as refused:
        open_database(path)
    assert refused.value.kind == kind
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()
    assert list_backups(path) == []
    return refused.value.message


def test_newer_schema_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).dispose()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    message = _refused_unchanged(path, DatabaseProblem.NEWER_SCHEMA)
    assert "nowszą wersję" in message and "9999_from_the_future" in message


def test_garbage_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"PK\x03\x04 this is a zip or a spreadsheet, not a database" * 50)
    message = _refused_unchanged(path, DatabaseProblem.NOT_A_DATABASE)
    assert "nie jest bazą" in message


def test_damaged_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    database = open_database(path)
    from skimlll_desktop.services.reference_data import ensure_reference_data

    ensure_reference_data(database)
    database.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, len(data) - page_size, page_size):
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))
    message = _refused_unchanged(path, DatabaseProblem.DAMAGED)
    assert "uszkodzona" in message


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other_program.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    assert "nie jest bazą" in _refused_unchanged(path, DatabaseProblem.NOT_A_DATABASE)


def test_missing_folder_is_a_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(DatabaseProblem) as refused:
        open_database(tmp_path / "no" / "such" / "folder" / "x.db")
    assert refused.value.kind == DatabaseProblem.UNREACHABLE


def test_sqlite_connection_settings(sqlite_db) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_unreachable_server_is_a_clear_problem() -> None:
    with pytest.raises(DatabaseProblem) as refused:
        open_database("postgresql+psycopg://nobody@127.0.0.1:9/nothing?connect_timeout=2")
    assert refused.value.kind == DatabaseProblem.UNREACHABLE


def test_upgrades_fill_the_new_keys_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "0008.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, "0007_search_covering_index")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO powiaty (teryt, name, kind, uuid, created_at, updated_at, version) "
            "VALUES ('1201', 'bocheński', 'powiat', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', "
            "'2025-01-01 10:00:00', '2025-01-01 10:00:00', 1)"))
        connection.execute(text(
            "INSERT INTO people (first_name, last_name, title, position, email, phone, notes, "
            "consent_note, sort_key, search_name, uuid, created_at, updated_at, version) "
            "VALUES ('Łucja', 'Żółkiewska', '', '', '', '', '', '', '', '', "
            "'b1b2c3d4e5f60718293a4b5c6d7e8f90', '2025-01-01 10:00:00', "
            "'2025-01-01 10:00:00', 1)"))
    upgrade_to_head(engine)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT sort_key FROM powiaty WHERE teryt = '1201'"
                                  ).fetchone() == (sort_key("bocheński"),)
        assert connection.execute("SELECT first_name_key, erased_at FROM people").fetchone() == (
            sort_key("Łucja"), None)
        codes = [row[0] for row in connection.execute(
            "SELECT code FROM event_types ORDER BY position")]
    assert codes == [kind.value for kind in EventType]
