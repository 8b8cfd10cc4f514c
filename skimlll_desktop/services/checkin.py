"""Check-in at the venue (Obecność): find a person as you type, mark them present.

Each check-in is its own committed transaction, so pulling the plug loses
nothing already shown as checked in. Checking the same person in twice changes
nothing (idempotent); the last check-in can be undone. A walk-in is added
quickly with a consent tick-box; the screen warns about likely duplicates first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    Event,
    EventSession,
    Organization,
    Person,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.erasure import not_erased
from skimlll_desktop.services.errors import RecordNotFoundError, UserFacingError
from skimlll_desktop.services.events import NotRegisteredError
from skimlll_desktop.services.polish_text import fold, words
from skimlll_desktop.services.search import PERSON, matching_ids
from skimlll_desktop.services.validators import normalise_email

EXPECTED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED,
            RegistrationStatus.WALK_IN, RegistrationStatus.ABSENT)


@dataclass(frozen=True)
class CheckinCandidate:
    person_id: int
    name: str
    institution: str
    status: RegistrationStatus | None  # None: not on the event's list
    present_since: datetime | None = None  # checked in for this session at (UTC)

    @property
    def present(self) -> bool:
        return self.present_since is not None


@dataclass(frozen=True)
class Counter:
    present: int
    registered: int


@dataclass(frozen=True)
class CheckinResult:
    attendance_id: int
    person_name: str
    checked_in_at: datetime
    already: bool  # was checked in before: nothing changed
    counter: Counter


def _session_id(session: Session, event_id: int, number: int) -> int:
    found = session.scalar(select(EventSession.id).where(
        EventSession.event_id == event_id, EventSession.number == number))
    if found is None:
        if session.get(Event, event_id) is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        raise UserFacingError(_("The event has no session number {n}.").format(n=number))
    return found


def counter(session: Session, event_id: int, session_id: int) -> Counter:
    present = session.scalar(select(func.count(Attendance.id)).where(
        Attendance.session_id == session_id)) or 0
    registered = session.scalar(select(func.count(Registration.id)).where(
        Registration.event_id == event_id, Registration.status.in_(EXPECTED))) or 0
    return Counter(present, registered)


def attendance_counter(database: Database, event_id: int, session_number: int) -> Counter:
    """"obecnych X z Y zarejestrowanych" for a session."""
    with database.transaction() as session:
        return counter(session, event_id, _session_id(session, event_id, session_number))


def find_for_checkin(
    database: Database, event_id: int, session_number: int, text: str, limit: int = 12
) -> list[CheckinCandidate]:
    """The event's people matching the typed text first, then others from the registry."""
    tokens = words(text)
    with database.transaction() as session:
        session_id = _session_id(session, event_id, session_number)
        institution = (select(func.min(Organization.name))
                       .join(Affiliation, Affiliation.organization_id == Organization.id)
                       .where(Affiliation.person_id == Person.id, Affiliation.is_primary)
                       .scalar_subquery())
        present_since = (select(func.min(Attendance.checked_in_at))
                         .where(Attendance.registration_id == Registration.id,
                                Attendance.session_id == session_id).scalar_subquery())
        statement = (
            select(Person.id, Person.first_name, Person.last_name, institution,
                   Registration.status, present_since)
            .join(Registration, (Registration.person_id == Person.id)
                  & (Registration.event_id == event_id))
            .where(not_erased())
            .order_by(Person.sort_key, Person.id)
        )
        if tokens:
            statement = statement.where(Person.id.in_(matching_ids(PERSON, tokens)))
        found = [CheckinCandidate(pid, f"{first} {last}", org or "", status, since)
                 for pid, first, last, org, status, since in session.execute(
                     statement.limit(limit))]
        if tokens and len(found) < limit:
            listed = select(Registration.person_id).where(Registration.event_id == event_id)
            others = session.execute(
                select(Person.id, Person.first_name, Person.last_name, institution)
                .where(Person.id.in_(matching_ids(PERSON, tokens)), Person.id.not_in(listed))
                .order_by(Person.sort_key, Person.id).limit(limit - len(found)))
            found += [CheckinCandidate(pid, f"{first} {last}", org or "", None)
                      for pid, first, last, org in others]
        return found


def check_in(
    database: Database, event_id: int, person_id: int, session_number: int = 1,
    walk_in: bool = False,
) -> CheckinResult:
    """Mark a person present at a session now; committed before it returns."""
    with database.transaction() as session:
        session_id = _session_id(session, event_id, session_number)
        person = session.get(Person, person_id)
        if person is None:
            raise RecordNotFoundError(_("This person no longer exists."))
        registration = session.scalar(select(Registration).where(
            Registration.event_id == event_id, Registration.person_id == person_id))
        if registration is None or registration.status not in (*EXPECTED,
                                                                RegistrationStatus.INVITED):
            if not walk_in:
                raise NotRegisteredError(_(
                    "{name} is not registered for this event. Add them as a walk-in.").format(
                        name=person.full_name))
            if registration is None:
                registration = Registration(event_id=event_id, person_id=person_id,
                                            registered_at=utcnow())
                session.add(registration)
            registration.status = RegistrationStatus.WALK_IN
        elif registration.status is not RegistrationStatus.WALK_IN:
            registration.status = RegistrationStatus.ATTENDED
        session.flush()
        attendance = session.scalar(select(Attendance).where(
            Attendance.registration_id == registration.id, Attendance.session_id == session_id))
        already = attendance is not None
        if attendance is None:
            attendance = Attendance(registration_id=registration.id, session_id=session_id,
                                    checked_in_at=utcnow())
            session.add(attendance)
            session.flush()
        return CheckinResult(attendance.id, person.full_name, attendance.checked_in_at,
                             already, counter(session, event_id, session_id))


def undo_check_in(database: Database, attendance_id: int) -> Counter | None:
    """Take a check-in back (a mistaken click); the registration returns to what it was."""
    with database.transaction() as session:
        attendance = session.get(Attendance, attendance_id)
        if attendance is None:
            return None
        registration = attendance.registration
        session_id = attendance.session_id
        session.delete(attendance)
        session.flush()
        remaining = session.scalar(select(func.count(Attendance.id)).where(
            Attendance.registration_id == registration.id)) or 0
        if not remaining:
            registration.status = (RegistrationStatus.CANCELLED
                                   if registration.status is RegistrationStatus.WALK_IN
                                   else RegistrationStatus.REGISTERED)
        return counter(session, registration.event_id, session_id)


@dataclass(frozen=True)
class WalkIn:
    first_name: str
    last_name: str
    institution: str = ""
    email: str = ""
    consent: bool = False


def add_walk_in(
    database: Database, event_id: int, session_number: int, walk_in: WalkIn
) -> CheckinResult:
    """Create the person (with their institution, found or added) and check them in."""
    from skimlll_desktop.services.registry import FormErrors
    from skimlll_desktop.services.validators import InvalidValue

    errors: dict[str, str] = {}
    if not walk_in.last_name.strip():
        errors["last_name"] = _("The last name is missing.")
    if not walk_in.first_name.strip():
        errors["first_name"] = _("The first name is missing.")
    email = None
    try:
        email = normalise_email(walk_in.email)
    except InvalidValue as invalid:
        errors["email"] = invalid.message
    if errors:
        raise FormErrors(errors)
    with database.transaction() as session:
        _session_id(session, event_id, session_number)
        person = Person(first_name=" ".join(walk_in.first_name.split()),
                        last_name=" ".join(walk_in.last_name.split()), email=email or "",
                        consent_at=utcnow() if walk_in.consent else None,
                        consent_note=_("walk-in, consent given at the venue")
                        if walk_in.consent else "")
        name = " ".join(walk_in.institution.split())
        if name:
            organization = next((o for o in session.scalars(select(Organization).where(
                Organization.search_name == " ".join(words(name)))) if fold(o.name) == fold(
                    name)), None) or Organization(name=name)
            person.affiliations.append(Affiliation(organization=organization, is_primary=True))
        session.add(person)
        session.flush()
        person_id = person.id
    return check_in(database, event_id, person_id, session_number, walk_in=True)
