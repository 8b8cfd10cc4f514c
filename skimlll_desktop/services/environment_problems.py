"""What the computer, not the program, refused: a full disk, a read-only file, no permission,
a database another program holds — told in words a user can act on.

The GUI's last-resort handler, its background jobs and the command line ask
:func:`environment_problem` before falling back to "something went wrong". Nothing
is lost either way: every write is one transaction, rolled back on the error.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator

from skimlll_desktop.i18n import _

DISK_FULL = "disk_full"
READ_ONLY = "read_only"
NO_PERMISSION = "no_permission"
BUSY = "busy"

_OS_ERRORS = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EROFS: READ_ONLY,
              errno.EACCES: NO_PERMISSION, errno.EPERM: NO_PERMISSION}
# SQLite reports these as text (sqlite3.OperationalError, wrapped by SQLAlchemy).
_SQLITE_TEXTS = (("database or disk is full", DISK_FULL),
                 ("attempt to write a readonly database", READ_ONLY),
                 ("database is locked", BUSY), ("database table is locked", BUSY))


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (SQLAlchemy's ``orig``), and its causes."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]


def problem_kind(error: BaseException) -> str | None:
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno in _OS_ERRORS:
            return _OS_ERRORS[link.errno]
        text = str(link).lower()
        for fragment, kind in _SQLITE_TEXTS:
            if fragment in text:
                return kind
    return None


def environment_problem(error: BaseException) -> str | None:
    """A message for an error the computer caused, or None for anything else."""
    kind = problem_kind(error)
    if kind == DISK_FULL:
        return _("There is no free space left on the disk, so this last action was not "
                 "saved. What you saved before is safe. Free some space (or choose another "
                 "folder) and try again.")
    if kind == READ_ONLY:
        return _("The database or the folder can only be read, not written, so nothing was "
                 "saved. Check the file's permissions, or copy the database to a folder you "
                 "can write to.")
    if kind == NO_PERMISSION:
        return _("The system did not allow the program to write there (no permission), so "
                 "nothing was saved. Choose another folder, or ask your administrator.")
    if kind == BUSY:
        return _("The database is busy: another copy of the program is saving to it. "
                 "Nothing was saved; try again in a moment.")
    return None
