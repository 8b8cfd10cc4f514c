"""The editable list of event types (poranek partnerski, warsztaty, konferencja…).

The built-in types keep their codes (``models.EventType``: the year plan counts
the partner mornings by it) and a translated label unless staff renamed them;
types staff add get a generated code and the name they typed. A type in use is
hidden rather than deleted: old events keep it, new events are not offered it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _, ngettext
from skimlll_desktop.models import Event, EventType, EventTypeEntry
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import RecordNotFoundError, UserFacingError
from skimlll_desktop.services.labels import EVENT_TYPES
from skimlll_desktop.services.polish_text import fold

MAX_NAME = 120


class EventTypeError(UserFacingError):
    """A change to the list that cannot be made (the message says why)."""


@dataclass(frozen=True)
class EventTypeChoice:
    code: str
    label: str
    hidden: bool
    built_in: bool
    events: int  # how many events have this type


def _label(entry: EventTypeEntry) -> str:
    if entry.name:
        return entry.name
    if entry.code in EventType.__members__.values():
        return _(EVENT_TYPES[EventType(entry.code)])
    return entry.code


def event_type_labels(session: Session) -> dict[str, str]:
    """Every type's label by its code, hidden ones included (for showing events)."""
    return {entry.code: _label(entry) for entry in session.scalars(select(EventTypeEntry))}


def event_type_label(session: Session, code: str) -> str:
    return event_type_labels(session).get(code, code)


def event_type_choices(database: Database, include_hidden: bool = True) -> list[EventTypeChoice]:
    """The list in its order; without the hidden types when offering a type for a new event."""
    counts = (select(Event.type, func.count(Event.id)).group_by(Event.type))
    with database.transaction() as session:
        used = dict(session.execute(counts).all())
        entries = session.scalars(select(EventTypeEntry).order_by(
            EventTypeEntry.position, EventTypeEntry.id)).all()
        return [EventTypeChoice(entry.code, _label(entry), entry.hidden,
                                entry.code in EventType.__members__.values(),
                                used.get(entry.code, 0))
                for entry in entries if include_hidden or not entry.hidden]


def _entry(session: Session, code: str) -> EventTypeEntry:
    entry = session.scalar(select(EventTypeEntry).where(EventTypeEntry.code == code))
    if entry is None:
        raise RecordNotFoundError(_("This event type no longer exists."))
    return entry


def _checked_name(session: Session, name: str, code: str | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise EventTypeError(_("Give the event type a name."))
    if len(name) > MAX_NAME:
        raise EventTypeError(_("The name is too long (at most {n} characters).").format(
            n=MAX_NAME))
    for entry in session.scalars(select(EventTypeEntry).where(EventTypeEntry.code != code)):
        if fold(_label(entry)) == fold(name):
            raise EventTypeError(_("The list already has the type {name}.").format(
                name=_label(entry)))
    return name


def add_event_type(database: Database, name: str) -> str:
    """A new type at the end of the list; its code."""
    with database.transaction() as session:
        name = _checked_name(session, name)
        last = session.scalar(select(func.max(EventTypeEntry.position))) or 0
        code = f"custom_{uuid.uuid4().hex[:12]}"
        session.add(EventTypeEntry(code=code, name=name, position=last + 1))
        return code


def rename_event_type(database: Database, code: str, name: str) -> None:
    """A new name; for a built-in type an empty name brings its own label back."""
    with database.transaction() as session:
        entry = _entry(session, code)
        if not name.strip() and code in EventType.__members__.values():
            entry.name = ""
            return
        entry.name = _checked_name(session, name, code)


def set_event_type_hidden(database: Database, code: str, hidden: bool) -> None:
    with database.transaction() as session:
        entry = _entry(session, code)
        if hidden:
            visible = session.scalar(select(func.count(EventTypeEntry.id)).where(
                EventTypeEntry.hidden.is_(False), EventTypeEntry.code != code)) or 0
            if visible == 0:
                raise EventTypeError(_("At least one event type must stay on offer."))
        entry.hidden = hidden


def move_event_type(database: Database, code: str, step: int) -> None:
    """Move a type up (step -1) or down (+1) the list."""
    with database.transaction() as session:
        entries = list(session.scalars(select(EventTypeEntry).order_by(
            EventTypeEntry.position, EventTypeEntry.id)))
        index = next((i for i, e in enumerate(entries) if e.code == code), None)
        if index is None:
            raise RecordNotFoundError(_("This event type no longer exists."))
        target = index + step
        if not 0 <= target < len(entries):
            return
        entries.insert(target, entries.pop(index))
        for position, entry in enumerate(entries):
            if entry.position != position:
                entry.position = position


def delete_event_type(database: Database, code: str) -> None:
    """Delete a type staff added and no event uses (otherwise: hide it)."""
    with database.transaction() as session:
        entry = _entry(session, code)
        if code in EventType.__members__.values():
            raise EventTypeError(_("A built-in event type cannot be deleted; hide it instead."))
        used = session.scalar(select(func.count(Event.id)).where(Event.type == code)) or 0
        if used:
            raise EventTypeError(ngettext(
                "{name} is the type of {n} event: hide it instead, so it keeps its type.",
                "{name} is the type of {n} events: hide it instead, so they keep their type.",
                used).format(name=_label(entry), n=used))
        session.delete(entry)
