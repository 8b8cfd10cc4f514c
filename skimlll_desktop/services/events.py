"""Events: the year's list and plan, the event form with its sessions, registrations.

Registration statuses move along allowed transitions only (invited → registered
→ attended / absent / cancelled; waiting when the event is full; walk-in at the
door). Cancelling a registration of a full event moves the first person on the
waiting list up, and says who.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    Event,
    EventSession,
    EventStatus,
    EventType,
    Organization,
    Person,
    Registration,
    RegistrationStatus,
    Theme,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.erasure import shown_name
from skimlll_desktop.services.errors import (
    RecordNotFoundError,
    StaleRecordError,
    UserFacingError,
)
from skimlll_desktop.services.event_types import event_type_label, event_type_labels
from skimlll_desktop.services.polish_text import words
from skimlll_desktop.services.registry import FormErrors

PARTNER_MORNINGS_A_YEAR = 10
# Registrations that hold a seat.
TAKING_A_SEAT = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED,
                 RegistrationStatus.WALK_IN)
PRESENT = (RegistrationStatus.ATTENDED, RegistrationStatus.WALK_IN)
# "Registered" wherever counts are shown: who signed up in advance (not walk-ins, the
# waiting list, the cancelled or the invited who never answered).
SIGNED_UP = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED,
             RegistrationStatus.ABSENT)

ALLOWED = {
    RegistrationStatus.INVITED: {RegistrationStatus.REGISTERED, RegistrationStatus.CANCELLED,
                                 RegistrationStatus.WAITING},
    RegistrationStatus.REGISTERED: {RegistrationStatus.CANCELLED, RegistrationStatus.ATTENDED,
                                    RegistrationStatus.ABSENT},
    RegistrationStatus.WAITING: {RegistrationStatus.REGISTERED, RegistrationStatus.CANCELLED},
    RegistrationStatus.ATTENDED: {RegistrationStatus.ABSENT, RegistrationStatus.REGISTERED},
    RegistrationStatus.ABSENT: {RegistrationStatus.ATTENDED, RegistrationStatus.REGISTERED},
    RegistrationStatus.CANCELLED: {RegistrationStatus.REGISTERED, RegistrationStatus.WAITING},
    RegistrationStatus.WALK_IN: {RegistrationStatus.CANCELLED, RegistrationStatus.ABSENT},
}


class NotRegisteredError(UserFacingError):
    """The person has no registration for the event (and is not a walk-in)."""


# --- the list of events -----------------------------------------------------------------


@dataclass(frozen=True)
class EventQuery:
    year: int | None = None
    type: str | None = None  # an event type's code
    status: EventStatus | None = None
    text: str = ""


@dataclass(frozen=True)
class EventRow:
    id: int
    uuid: uuid.UUID
    title: str
    type: str  # the event type's code
    starts_on: date
    ends_on: date
    status: EventStatus
    sessions: int
    registered: int  # SIGNED_UP
    attended: int  # PRESENT, walk-ins included
    capacity: int | None
    seats_taken: int  # TAKING_A_SEAT, against the capacity
    type_label: str = ""  # the type as the list of event types names it


def list_events(database: Database, query: EventQuery = EventQuery()) -> list[EventRow]:
    """Events in date order with their counts (a year holds tens of events, not thousands)."""
    sessions = (select(func.count(EventSession.id)).where(EventSession.event_id == Event.id)
                .scalar_subquery())

    def registrations(statuses: tuple[RegistrationStatus, ...]):
        return (select(func.count(Registration.id)).where(
            Registration.event_id == Event.id, Registration.status.in_(statuses))
            .scalar_subquery())

    statement = select(Event.id, Event.uuid, Event.title, Event.type, Event.starts_on,
                       Event.ends_on, Event.status, sessions, registrations(SIGNED_UP),
                       registrations(PRESENT), Event.capacity,
                       registrations(TAKING_A_SEAT)).order_by(Event.starts_on, Event.id)
    if query.year is not None:
        statement = statement.where(Event.starts_on >= date(query.year, 1, 1),
                                    Event.starts_on <= date(query.year, 12, 31))
    if query.type is not None:
        statement = statement.where(Event.type == query.type)
    if query.status is not None:
        statement = statement.where(Event.status == query.status)
    with database.transaction() as session:
        labels = event_type_labels(session)
        rows = [EventRow(*row, type_label=labels.get(row.type, row.type))
                for row in session.execute(statement)]
    tokens = words(query.text)
    if tokens:
        rows = [row for row in rows
                if all(any(w.startswith(t) for w in words(row.title)) for t in tokens)]
    return rows


@dataclass(frozen=True)
class YearPlan:
    year: int
    target: int
    partner_mornings_held: int
    partner_mornings_planned: int
    by_type: dict[str, int]  # events held (not cancelled) by type code


def year_plan(database: Database, year: int) -> YearPlan:
    """Partner mornings held against the target of ten a year, and the year by type."""
    rows = list_events(database, EventQuery(year=year))
    today = date.today()
    mornings = [r for r in rows if r.type == EventType.PARTNER_MORNING
                and r.status is not EventStatus.CANCELLED]
    held = [r for r in mornings if r.status is EventStatus.HELD or r.ends_on < today]
    by_type = Counter(r.type for r in rows if r.status is not EventStatus.CANCELLED)
    return YearPlan(year, PARTNER_MORNINGS_A_YEAR, len(held), len(mornings) - len(held),
                    dict(by_type))


# --- the event form ----------------------------------------------------------------------


@dataclass(frozen=True)
class SessionForm:
    number: int
    day: date
    title: str = ""
    starts_at: time | None = None
    ends_at: time | None = None


@dataclass(frozen=True)
class EventDetails:
    id: int | None = None
    uuid: uuid.UUID | None = None
    version: int | None = None
    type: str = EventType.PARTNER_MORNING  # an event type's code
    title: str = ""
    description: str = ""
    venue_name: str = ""
    venue_address: str = ""
    gmina_teryt: str = ""
    starts_on: date = field(default_factory=date.today)
    ends_on: date = field(default_factory=date.today)
    capacity: int | None = None
    status: EventStatus = EventStatus.PLANNED
    training_hours: int = 0
    organiser: str = ""
    notes: str = ""
    theme_ids: tuple[int, ...] = ()
    partner_ids: tuple[int, ...] = ()
    sessions: tuple[SessionForm, ...] = ()
    type_label: str = field(default="", compare=False)  # read only: the type's name


def _details(session: Session, event: Event) -> EventDetails:
    return EventDetails(
        id=event.id, uuid=event.uuid, version=event.version, type=event.type,
        type_label=event_type_label(session, event.type),
        title=event.title, description=event.description, venue_name=event.venue_name,
        venue_address=event.venue_address, gmina_teryt=event.gmina_teryt or "",
        starts_on=event.starts_on, ends_on=event.ends_on, capacity=event.capacity,
        status=event.status, training_hours=event.training_hours, organiser=event.organiser,
        notes=event.notes, theme_ids=tuple(t.id for t in event.themes),
        partner_ids=tuple(o.id for o in event.partners),
        sessions=tuple(SessionForm(s.number, s.day, s.title, s.starts_at, s.ends_at)
                       for s in event.sessions),
    )


def get_event(database: Database, event_id: int) -> EventDetails:
    with database.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        return _details(session, event)


def find_event_id(database: Database, event_uuid: str) -> int:
    """The event's key from its UUID (as the command line gives it)."""
    try:
        wanted = uuid.UUID(str(event_uuid))
    except ValueError as error:
        raise UserFacingError(_("{value} is not a valid identifier (UUID).").format(
            value=event_uuid)) from error
    with database.transaction() as session:
        found = session.scalar(select(Event.id).where(Event.uuid == wanted))
    if found is None:
        raise RecordNotFoundError(_("There is no event {uuid} in this database.").format(
            uuid=event_uuid))
    return found


def _validate_event(session: Session, form: EventDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    if form.type not in event_type_labels(session):
        errors["type"] = _("Choose the type of event from the list.")
    if not form.title.strip():
        errors["title"] = _("The event's title is missing.")
    if form.ends_on < form.starts_on:
        errors["ends_on"] = _("The event cannot end before it begins.")
    if form.capacity is not None and form.capacity < 0:
        errors["capacity"] = _("The number of places cannot be negative.")
    if form.training_hours < 0:
        errors["training_hours"] = _("The number of hours cannot be negative.")
    numbers = [s.number for s in form.sessions]
    if len(set(numbers)) != len(numbers):
        errors["sessions"] = _("Two sessions have the same number.")
    for s in form.sessions:
        if not form.starts_on <= s.day <= form.ends_on:
            errors["sessions"] = _("Session {n} is outside the event's dates.").format(n=s.number)
        if s.starts_at and s.ends_at and s.ends_at <= s.starts_at:
            errors["sessions"] = _("Session {n} ends before it begins.").format(n=s.number)
    return errors


def default_sessions(starts_on: date, ends_on: date) -> tuple[SessionForm, ...]:
    """One session a day."""
    days = (ends_on - starts_on).days + 1
    return tuple(SessionForm(n + 1, starts_on + timedelta(days=n)) for n in range(max(days, 1)))


def save_event(database: Database, form: EventDetails) -> EventDetails:
    sessions = form.sessions or default_sessions(form.starts_on, form.ends_on)
    with database.transaction() as session:
        errors = _validate_event(session, form)
        if errors:
            raise FormErrors(errors)
        if form.id is None:
            event = Event(type=form.type, title=form.title.strip(), starts_on=form.starts_on,
                          ends_on=form.ends_on)
            session.add(event)
        else:
            found = session.get(Event, form.id)
            if found is None:
                raise RecordNotFoundError(_("This event no longer exists."))
            if form.version is not None and found.version != form.version:
                raise StaleRecordError(stale_record_message())
            event = found
            event.updated_at = utcnow()  # a saved form is a new version, sessions included
        values = {
            "type": form.type, "title": form.title.strip(), "description": form.description,
            "venue_name": form.venue_name.strip(), "venue_address": form.venue_address.strip(),
            "gmina_teryt": form.gmina_teryt or None, "starts_on": form.starts_on,
            "ends_on": form.ends_on, "capacity": form.capacity, "status": form.status,
            "training_hours": form.training_hours, "organiser": form.organiser.strip(),
            "notes": form.notes,
        }
        for key, value in values.items():
            if getattr(event, key) != value:
                setattr(event, key, value)
        themes = list(session.scalars(select(Theme).where(Theme.id.in_(form.theme_ids))))
        if {t.id for t in event.themes} != {t.id for t in themes}:
            event.themes = themes
        partners = list(session.scalars(select(Organization).where(
            Organization.id.in_(form.partner_ids))))
        if {o.id for o in event.partners} != {o.id for o in partners}:
            event.partners = partners
        _save_sessions(session, event, sessions)
        session.flush()
        event_id = event.id
    return get_event(database, event_id)


def _save_sessions(session: Session, event: Event, wanted: tuple[SessionForm, ...]) -> None:
    existing = {s.number: s for s in event.sessions}
    numbers = {s.number for s in wanted}
    for number, old in existing.items():
        if number not in numbers:
            has_attendance = session.scalar(select(func.count(Attendance.id)).where(
                Attendance.session_id == old.id))
            if has_attendance:
                raise UserFacingError(_("Session {n} has attendance records and cannot be "
                                        "removed.").format(n=number))
            event.sessions.remove(old)
    for form in wanted:
        target = existing.get(form.number)
        if target is None:
            target = EventSession(number=form.number, day=form.day)
            event.sessions.append(target)
        for key in ("day", "title", "starts_at", "ends_at"):
            if getattr(target, key) != getattr(form, key):
                setattr(target, key, getattr(form, key))


def delete_event(database: Database, event_id: int, version: int) -> None:
    with database.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            return
        if event.version != version:
            raise StaleRecordError(stale_record_message())
        session.delete(event)


# --- registrations ----------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    version: int
    person_id: int
    person_uuid: uuid.UUID
    name: str
    institution: str
    email: str
    status: RegistrationStatus
    sessions_attended: int


def list_registrations(database: Database, event_id: int) -> list[RegistrationRow]:
    primary = (select(Affiliation.person_id, func.min(Organization.name).label("name"))
               .join(Organization, Affiliation.organization_id == Organization.id)
               .where(Affiliation.is_primary).group_by(Affiliation.person_id).subquery())
    attended = (select(func.count(Attendance.id)).where(
        Attendance.registration_id == Registration.id).scalar_subquery())
    statement = (
        select(Registration.id, Registration.version, Person.id, Person.uuid,
               Person.first_name, Person.last_name, Person.erased_at, primary.c.name,
               Person.email, Registration.status, attended)
        .join(Person, Registration.person_id == Person.id)
        .outerjoin(primary, primary.c.person_id == Person.id)
        .where(Registration.event_id == event_id)
        .order_by(Person.sort_key, Person.id)
    )
    with database.transaction() as session:
        return [RegistrationRow(id_, version, person_id, person_uuid,
                                shown_name(first, last, erased), institution or "", email,
                                status, sessions_attended)
                for (id_, version, person_id, person_uuid, first, last, erased, institution,
                     email, status, sessions_attended) in session.execute(statement)]


def _seats_taken(session: Session, event_id: int) -> int:
    return session.scalar(select(func.count(Registration.id)).where(
        Registration.event_id == event_id, Registration.status.in_(TAKING_A_SEAT))) or 0


def invite_people(database: Database, event_id: int, person_ids: list[int]) -> int:
    """Add people to an event as invited; people already on it are left as they are."""
    with database.transaction() as session:
        if session.get(Event, event_id) is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        present = set(session.scalars(select(Registration.person_id).where(
            Registration.event_id == event_id)))
        new = [pid for pid in dict.fromkeys(person_ids) if pid not in present]
        session.add_all(Registration(event_id=event_id, person_id=pid,
                                     status=RegistrationStatus.INVITED) for pid in new)
    return len(new)


def register_person(database: Database, event_id: int, person_id: int) -> RegistrationStatus:
    """Register someone: a seat if there is one, the waiting list if the event is full."""
    with database.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        registration = session.scalar(select(Registration).where(
            Registration.event_id == event_id, Registration.person_id == person_id))
        if registration is not None and registration.status in TAKING_A_SEAT:
            return registration.status
        full = event.capacity is not None and _seats_taken(session, event_id) >= event.capacity
        status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
        if registration is None:
            registration = Registration(event_id=event_id, person_id=person_id)
            session.add(registration)
        registration.status = status
        registration.registered_at = utcnow()
        return status


@dataclass(frozen=True)
class StatusChange:
    status: RegistrationStatus
    promoted_person: str | None = None  # moved up from the waiting list


def change_registration_status(
    database: Database, registration_id: int, new_status: RegistrationStatus, version: int
) -> StatusChange:
    with database.transaction() as session:
        registration = session.get(Registration, registration_id)
        if registration is None:
            raise RecordNotFoundError(_("This registration no longer exists."))
        if registration.version != version:
            raise StaleRecordError(stale_record_message())
        old = registration.status
        if new_status == old:
            return StatusChange(old)
        if new_status not in ALLOWED[old]:
            from skimlll_desktop.services.labels import registration_status_label

            raise UserFacingError(_("A registration cannot go from {old} to {new}.").format(
                old=registration_status_label(old), new=registration_status_label(new_status)))
        event = registration.event
        if new_status is RegistrationStatus.REGISTERED and event.capacity is not None and (
                _seats_taken(session, event.id) >= event.capacity):
            new_status = RegistrationStatus.WAITING
        registration.status = new_status
        if new_status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
            registration.registered_at = registration.registered_at or utcnow()
        if new_status in (RegistrationStatus.ABSENT, RegistrationStatus.CANCELLED,
                          RegistrationStatus.REGISTERED):
            for attendance in list(registration.attendances):
                registration.attendances.remove(attendance)
        promoted = None
        if old in TAKING_A_SEAT and new_status not in TAKING_A_SEAT:
            session.flush()
            promoted = _promote_from_waiting_list(session, event)
        return StatusChange(new_status, promoted)


def _promote_from_waiting_list(session: Session, event: Event) -> str | None:
    if event.capacity is not None and _seats_taken(session, event.id) >= event.capacity:
        return None
    first = session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.WAITING)
        .order_by(Registration.registered_at, Registration.id).limit(1))
    if first is None:
        return None
    first.status = RegistrationStatus.REGISTERED
    return first.person.full_name


def invitee_emails(database: Database, event_id: int,
                   statuses: tuple[RegistrationStatus, ...] = (
                       RegistrationStatus.INVITED, RegistrationStatus.REGISTERED,
                       RegistrationStatus.WAITING)) -> str:
    """The e-mail addresses to paste into a BCC field, separated by "; "."""
    with database.transaction() as session:
        emails = session.scalars(
            select(Person.email).join(Registration, Registration.person_id == Person.id)
            .where(Registration.event_id == event_id, Registration.status.in_(statuses),
                   Person.email != "").order_by(Person.sort_key))
        return "; ".join(dict.fromkeys(e.strip() for e in emails if e.strip()))
