"""Getting a database ready for work, and getting out of a bad one.

``open_database_job`` is what the program does when it starts or switches
databases, as a job (see :mod:`skimlll_desktop.services.jobs`) so the GUI can
run it off its own thread: check and migrate the database, load the reference
data, make the daily automatic backup.

``restore_over_broken`` puts the latest good backup in place of a file that
cannot be opened: the unusable file is moved aside unchanged (never
overwritten or deleted) before the backup is copied in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from skimlll_desktop.i18n import _
from skimlll_desktop.services.database import Database, DatabaseLocation, open_database
from skimlll_desktop.services.jobs import Job, Progress

SET_ASIDE_SUFFIX = ".unusable"
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class OpenedDatabase:
    """An open database and what happened on the way."""

    database: Database
    automatic_backup: Path | None  # the daily backup made now, if one was due


def open_database_job(db: str | Path | DatabaseLocation | None) -> Job[OpenedDatabase]:
    """Open (checking and migrating), load reference data, make the daily backup.

    Raises :class:`~skimlll_desktop.services.errors.DatabaseProblem` when the
    database cannot be used; the database is never left open when the job
    fails or is stopped.
    """
    from skimlll_desktop.services.backup import backup_if_due
    from skimlll_desktop.services.reference_data import ensure_reference_data

    yield Progress(0, 3, _("Opening the database…"))
    database = open_database(db)
    try:
        yield Progress(1, 3, _("Loading reference data…"))
        ensure_reference_data(database)
        yield Progress(2, 3, _("Checking backups…"))
        path = database.location.path
        made = backup_if_due(path) if path is not None else None
        yield Progress(3, 3, _("Database ready."))
    except BaseException:  # including GeneratorExit when the job is stopped
        database.dispose()
        raise
    return OpenedDatabase(database, made)


def set_aside(database: Path) -> Path:
    """Move an unusable database file (and its SQLite companions) aside, byte for byte.

    Returns the new path of the file: next to the automatic backups, named so
    that it is never mistaken for a backup.
    """
    from skimlll_desktop.services.backup import backups_folder

    folder = backups_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{database.name}.{stamp}{SET_ASIDE_SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{database.name}.{stamp}-{counter}{SET_ASIDE_SUFFIX}"
    os.replace(database, target)
    for companion in _SQLITE_COMPANIONS:
        extra = database.with_name(database.name + companion)
        if extra.exists():
            os.replace(extra, target.with_name(target.name + companion))
    return target


def restore_over_broken(database: Path, backup: Path) -> Path | None:
    """Replace an unusable database file with a backup; the unusable file is kept aside.

    The backup is checked first; if it is not usable nothing is touched. Returns
    where the old file was put (None when there was no file).
    """
    from skimlll_desktop.services.backup import restore_database
    from skimlll_desktop.services.database import resolve_location, schema_state
    from skimlll_desktop.services.errors import UserFacingError

    if not backup.is_file():
        raise UserFacingError(_("The file {path} does not exist.").format(path=backup))
    schema_state(resolve_location(backup))  # raises DatabaseProblem for a bad backup
    kept = set_aside(database) if database.exists() else None
    try:
        restore_database(database, backup)
    except Exception:
        if kept is not None:  # put the old file back; drop the half-written new one
            for suffix in ("", *_SQLITE_COMPANIONS):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
            os.replace(kept, database)
        raise
    return kept
