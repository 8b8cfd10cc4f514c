"""Problems a user can meet, each with a clear message in the program's language.

Services raise these; the GUI shows ``message`` in a dialog (or next to a
field), the command line prints it on one line of stderr. Nothing else should
reach the user.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A problem explained to the user; ``message`` is already translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseProblem(UserFacingError):
    """The database cannot be opened as it is; nothing was changed in it."""

    NOT_A_DATABASE = "not_a_database"
    DAMAGED = "damaged"
    NEWER_SCHEMA = "newer_schema"
    UNREACHABLE = "unreachable"
    NOT_SUPPORTED = "not_supported"

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class StaleRecordError(UserFacingError):
    """Someone else saved the record after it was read: the save was refused."""


class RecordNotFoundError(UserFacingError):
    """The record no longer exists (deleted meanwhile, or a wrong id)."""
