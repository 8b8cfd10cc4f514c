"""What the competition screens need besides :mod:`competition`: an edition's name and
dates (call opens, deadline, jury meeting) and an entry's attachments with where they
are stored. Same rules: a final edition is locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skimlll_desktop.i18n import _
from skimlll_desktop.models import Entry
from skimlll_desktop.services.competition import check_editable, edition_in
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import RecordNotFoundError
from skimlll_desktop.services.registry import FormErrors


@dataclass(frozen=True)
class EditionDates:
    year: int
    name: str
    call_opens_on: date | None
    deadline: date | None
    jury_meeting_on: date | None


def edition_dates(database: Database, year: int) -> EditionDates:
    with database.transaction() as session:
        edition = edition_in(session, year)
        return EditionDates(edition.year, edition.name, edition.call_opens_on,
                            edition.deadline, edition.jury_meeting_on)


def set_edition_dates(database: Database, dates: EditionDates) -> None:
    """Rename the edition and move its dates; they must follow one another."""
    errors: dict[str, str] = {}
    if not dates.name.strip():
        errors["name"] = _("Give the edition a name.")
    if dates.call_opens_on and dates.deadline and dates.deadline < dates.call_opens_on:
        errors["deadline"] = _("The deadline cannot come before the call opens.")
    if dates.deadline and dates.jury_meeting_on and dates.jury_meeting_on < dates.deadline:
        errors["jury_meeting_on"] = _("The jury meets after the deadline.")
    if errors:
        raise FormErrors(errors)
    with database.transaction() as session:
        edition = edition_in(session, dates.year)
        check_editable(edition)
        edition.name = dates.name.strip()
        edition.call_opens_on = dates.call_opens_on
        edition.deadline = dates.deadline
        edition.jury_meeting_on = dates.jury_meeting_on


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    file_name: str  # as the user knew it
    stored_as: str  # relative to the attachments folder
    size: int

    def path(self, folder: Path) -> Path:
        return Path(folder) / self.stored_as


def entry_attachments(database: Database, entry_id: int) -> list[AttachmentInfo]:
    with database.transaction() as session:
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise RecordNotFoundError(_("This entry no longer exists."))
        return [AttachmentInfo(a.id, a.file_name, a.stored_as, a.size)
                for a in entry.attachments]
