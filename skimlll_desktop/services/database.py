"""Opening the database: one code path for a SQLite file and a PostgreSQL server.

``open_database`` first looks at the database without changing it (is it a
database at all, is it whole, is its schema older, current or newer than this
program), refuses what it cannot use with a clear message, backs a SQLite file
up before migrating it, applies the Alembic migrations and returns a
:class:`Database` with a session factory that writes the audit log.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import DatabaseProblem, StaleRecordError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
FULL_CHECK_BELOW = 64 * 1024 * 1024  # bytes; see _sqlite_revision


@dataclass(frozen=True)
class DatabaseLocation:
    """Where the data lives: a SQLite file (``path``) or a server URL."""

    url: URL

    @property
    def path(self) -> Path | None:
        if self.url.get_backend_name() == "sqlite" and self.url.database:
            return Path(self.url.database)
        return None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def display(self) -> str:
        """For the status bar and messages: the file path, or the URL without password."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)


def resolve_location(db: str | Path | None) -> DatabaseLocation:
    """``None`` → the default file; ``…://…`` → a SQLAlchemy URL; anything else → a file path."""
    if db is None:
        from skimlll_desktop.paths import default_database_path

        db = default_database_path()
    text = str(db)
    if "://" in text:
        return DatabaseLocation(make_url(text))
    path = Path(text).expanduser().resolve()
    return DatabaseLocation(URL.create("sqlite", database=str(path)))


class SchemaState(enum.Enum):
    NEW = "new"  # no file, an empty file, or a server database without our tables
    OUTDATED = "outdated"  # ours, at an older revision: will be migrated
    CURRENT = "current"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


def create_db_engine(location: DatabaseLocation) -> Engine:
    """The engine for a location; SQLite gets WAL, foreign keys and a busy timeout."""
    if location.is_sqlite:
        engine = create_engine(
            location.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(location.url, pool_pre_ping=True)


class Database:
    """An open, migrated database: the engine and a factory of short sessions."""

    def __init__(self, location: DatabaseLocation, engine: Engine) -> None:
        from skimlll_desktop.services.audit import install_audit
        from skimlll_desktop.services.search import install_search_index

        self.location = location
        self.engine = engine
        self.session_factory = sessionmaker(engine, expire_on_commit=False)
        install_search_index(self.session_factory)
        install_audit(self.session_factory, actor_for(location))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on error, always close.

        A save that lost the race against another one (optimistic locking)
        comes out as :class:`StaleRecordError` with a message for the user.
        """
        try:
            with self.session_factory.begin() as session:
                yield session
        except StaleDataError as error:
            raise StaleRecordError(stale_record_message()) from error

    def dispose(self) -> None:
        self.engine.dispose()


def stale_record_message() -> str:
    return _(
        "Someone else changed this record after you opened it. Your changes were not "
        "saved: close the form, open the record again and repeat your changes."
    )


def actor_for(location: DatabaseLocation) -> str:
    """Who makes the changes: the operating-system user, with the database user if any."""
    import getpass

    try:
        user = getpass.getuser()
    except Exception:  # no login name in some service contexts
        user = "?"
    if location.url.username:
        return f"{user} (db: {location.url.username})"
    return user


# --- looking before touching -------------------------------------------------------------


def _not_a_database(location: DatabaseLocation) -> DatabaseProblem:
    return DatabaseProblem(
        DatabaseProblem.NOT_A_DATABASE,
        _("The file {path} is not a SKiMLLL database. It was not changed. "
          "Open another file or create a new database.").format(path=location.display()),
    )


def _damaged(location: DatabaseLocation, detail: str) -> DatabaseProblem:
    return DatabaseProblem(
        DatabaseProblem.DAMAGED,
        _("The database {path} is damaged ({detail}). It was not changed. "
          "Restore the latest backup or open another file.").format(
            path=location.display(), detail=detail
        ),
    )


def _newer(location: DatabaseLocation, revision: str) -> DatabaseProblem:
    return DatabaseProblem(
        DatabaseProblem.NEWER_SCHEMA,
        _("The database {path} was saved by a newer version of SKiMLLL Desktop "
          "(schema {revision}). It was not changed. Update the program, or open another "
          "file.").format(path=location.display(), revision=revision),
    )


def _sqlite_revision(location: DatabaseLocation) -> str | SchemaState | None:
    """Read a SQLite file strictly read-only: its revision, or NEW; raise if unusable."""
    path = location.path
    assert path is not None
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState.NEW
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseProblem(
            DatabaseProblem.UNREACHABLE,
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror),
        ) from error
    if header != SQLITE_HEADER:
        raise _not_a_database(location)
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise _damaged(location, str(error)) from error
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision: str | SchemaState | None = SchemaState.NEW
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else SchemaState.NEW
        elif tables:
            raise _not_a_database(location)
        # The full check reads the whole file: always before a migration, and on every
        # open of files small enough for it to be quick (large ones: before migrations).
        from skimlll_desktop.services.migrations import head_revision

        if revision != head_revision() or path.stat().st_size < FULL_CHECK_BELOW:
            check = connection.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _damaged(location, "; ".join(str(row[0]) for row in check[:3]))
        return revision
    except sqlite3.DatabaseError as error:
        raise _damaged(location, str(error)) from error
    finally:
        connection.close()


def _server_revision(engine: Engine, location: DatabaseLocation) -> str | SchemaState | None:
    from sqlalchemy import inspect, text

    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return SchemaState.NEW
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except OperationalError as error:
        raise DatabaseProblem(
            DatabaseProblem.UNREACHABLE,
            _("Cannot connect to the database server {url}. Check the address and that the "
              "server is running.").format(url=location.display()),
        ) from error
    return row[0] if row else SchemaState.NEW


def schema_state(location: DatabaseLocation, engine: Engine | None = None) -> SchemaState:
    """Where the database stands against this program's migrations, changing nothing.

    Raises :class:`DatabaseProblem` for a file that is not a database, a damaged
    file, a schema newer than the program, or an unreachable server.
    """
    from skimlll_desktop.services.migrations import head_revision, is_known_revision

    if location.is_sqlite:
        revision = _sqlite_revision(location)
    else:
        assert engine is not None
        revision = _server_revision(engine, location)
    if isinstance(revision, SchemaState):
        return revision
    if revision is None or not is_known_revision(revision):
        raise _newer(location, str(revision))
    return SchemaState.CURRENT if revision == head_revision() else SchemaState.OUTDATED


def open_database(db: str | Path | DatabaseLocation | None, *, backup: bool = True) -> Database:
    """Check, back up if a migration is due, migrate, and open the database.

    A new or just-updated database also gets the reference data (TERYT).
    """
    from skimlll_desktop.services.backup import backup_before_migration
    from skimlll_desktop.services.migrations import upgrade_to_head

    location = db if isinstance(db, DatabaseLocation) else resolve_location(db)
    engine = None if location.is_sqlite else create_db_engine(location)
    state = schema_state(location, engine)
    if location.is_sqlite:
        assert location.path is not None
        if not location.path.parent.exists():
            raise DatabaseProblem(
                DatabaseProblem.UNREACHABLE,
                _("The folder {folder} does not exist.").format(folder=location.path.parent),
            )
        if state is SchemaState.OUTDATED and backup:
            backup_before_migration(location.path)
        engine = create_db_engine(location)
    assert engine is not None
    if state is not SchemaState.CURRENT:
        try:
            upgrade_to_head(engine)
        except SQLAlchemyError as error:
            engine.dispose()
            raise DatabaseProblem(
                DatabaseProblem.DAMAGED,
                _("The database {path} could not be updated to this version of the program "
                  "({detail}). The backup made before the update is next to it.").format(
                    path=location.display(), detail=type(error).__name__
                ),
            ) from error
    database = Database(location, engine)
    if state is not SchemaState.CURRENT:
        from skimlll_desktop.services.reference_data import ensure_reference_data

        ensure_reference_data(database)  # a new or updated database gets current TERYT data
    return database
