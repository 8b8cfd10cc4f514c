"""Backups of a SQLite database file: before migrations, on a schedule, on demand.

Copies are made with SQLite's online backup API (consistent even while the
program has the file open in WAL mode), written under a temporary name and
moved into place, so a full disk or a killed process never leaves a half
backup looking like a whole one. Automatic copies go to a ``backups`` folder
next to the database file; the newest ``KEEP_AUTOMATIC`` of them are kept.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import DatabaseProblem, UserFacingError

KEEP_AUTOMATIC = 20
BACKUP_SUFFIX = ".db"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    reason: str


def backups_folder(database: Path) -> Path:
    return database.parent / f"{database.stem}-backups"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file, moved into place only when whole."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserFacingError(
            _("The backup could not be written to {path}: {reason}").format(
                path=target, reason=getattr(error, "strerror", None) or str(error)
            )
        ) from error


def _automatic_backup(database: Path, reason: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backups_folder(database)
    target = folder / f"{database.stem}-{stamp}-{reason}{BACKUP_SUFFIX}"
    copy_database(database, target)
    _prune(folder)
    return target


def backup_before_migration(database: Path) -> Path:
    return _automatic_backup(database, "before-update")


def list_backups(database: Path) -> list[BackupFile]:
    """Automatic backups of a database, newest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    found = []
    prefix = f"{database.stem}-"
    for path in folder.glob(f"{prefix}*{BACKUP_SUFFIX}"):
        parts = path.stem[len(prefix):].split("-", 2)
        try:
            made_at = datetime.strptime(f"{parts[0]}-{parts[1]}", "%Y%m%d-%H%M%S")
        except (ValueError, IndexError):
            continue
        found.append(BackupFile(path, made_at, parts[2] if len(parts) > 2 else ""))
    return sorted(found, key=lambda backup: (backup.made_at, backup.path.name), reverse=True)


def _prune(folder: Path) -> None:
    database_stem = None
    backups = sorted(folder.glob(f"*{BACKUP_SUFFIX}"), key=lambda p: p.name, reverse=True)
    for old in backups[KEEP_AUTOMATIC:]:
        if database_stem is None or old.name.startswith(database_stem):
            old.unlink(missing_ok=True)


def backup_if_due(database: Path, every: timedelta = timedelta(days=1)) -> Path | None:
    """The scheduled backup: one copy a day (or ``every``) while the program is used."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    latest = list_backups(database)
    if latest and datetime.now() - latest[0].made_at < every:
        return None
    return _automatic_backup(database, "daily")


def backup_database(database: Path, target: Path) -> Path:
    """A backup the user asked for, to a file of their choosing."""
    if target.resolve() == database.resolve():
        raise UserFacingError(_("A backup cannot overwrite the database itself."))
    copy_database(database, target)
    return target


def restore_database(database: Path, backup: Path) -> Path | None:
    """Replace the database's content with a backup's; the current content is backed up first.

    The backup is checked before anything is touched: it must be a whole
    SKiMLLL database, not newer than the program. Returns the safety copy of
    what was replaced (None when there was nothing to keep).
    """
    from skimlll_desktop.services.database import resolve_location, schema_state

    if not backup.is_file():
        raise UserFacingError(_("The file {path} does not exist.").format(path=backup))
    schema_state(resolve_location(backup))  # raises DatabaseProblem for a bad file
    safety = None
    if database.exists() and database.stat().st_size > 0:
        safety = _automatic_backup(database, "before-restore")
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(database)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as error:
        raise DatabaseProblem(
            DatabaseProblem.DAMAGED,
            _("The backup could not be restored ({detail}). The previous content is kept in "
              "{safety}.").format(detail=error, safety=safety),
        ) from error
    return safety
