"""After the event: who came to which session, a summary, and the attendance export."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    Event,
    EventSession,
    Gmina,
    Membership,
    Organization,
    OrganizationType,
    Person,
    Pillar,
    Powiat,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.erasure import shown_name
from skimlll_desktop.services.errors import RecordNotFoundError
from skimlll_desktop.services.events import PRESENT, SIGNED_UP

ON_THE_GRID = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED,
               RegistrationStatus.ABSENT, RegistrationStatus.WALK_IN,
               RegistrationStatus.INVITED)


@dataclass(frozen=True)
class GridRow:
    registration_id: int
    person_id: int
    name: str
    institution: str
    status: RegistrationStatus
    present: tuple[bool, ...]  # one per session, in session order
    checked_in_at: tuple[datetime | None, ...]


@dataclass(frozen=True)
class AttendanceGrid:
    event_title: str
    session_numbers: tuple[int, ...]
    rows: tuple[GridRow, ...]


def attendance_grid(database: Database, event_id: int) -> AttendanceGrid:
    """Everyone on the event's list with a tick per session (for marking the signed list)."""
    with database.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        sessions = [s.id for s in event.sessions]
        numbers = tuple(s.number for s in event.sessions)
        times: dict[tuple[int, int], datetime] = {
            (a.registration_id, a.session_id): a.checked_in_at
            for a in session.scalars(select(Attendance).join(Registration).where(
                Registration.event_id == event_id))}
        institution = (select(Organization.name)
                       .join(Affiliation, Affiliation.organization_id == Organization.id)
                       .where(Affiliation.person_id == Person.id, Affiliation.is_primary)
                       .limit(1).scalar_subquery())
        rows = []
        for registration_id, person_id, first, last, erased, org, status in session.execute(
                select(Registration.id, Person.id, Person.first_name, Person.last_name,
                       Person.erased_at, institution, Registration.status)
                .join(Person, Registration.person_id == Person.id)
                .where(Registration.event_id == event_id, Registration.status.in_(ON_THE_GRID))
                .order_by(Person.sort_key, Person.id)):
            stamps = tuple(times.get((registration_id, sid)) for sid in sessions)
            rows.append(GridRow(registration_id, person_id, shown_name(first, last, erased),
                                org or "",
                                status, tuple(s is not None for s in stamps), stamps))
        return AttendanceGrid(event.title, numbers, tuple(rows))


def save_attendance_grid(
    database: Database, event_id: int, marks: dict[tuple[int, int], bool]
) -> int:
    """Apply ticks: (registration id, session number) → present. Returns how many changed.

    A person ticked for any session is "attended" (walk-ins stay walk-ins); one with
    no tick left after the event is "absent".
    """
    changed = 0
    with database.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        session_ids = {s.number: s.id for s in event.sessions}
        touched: set[int] = set()
        for (registration_id, number), present in marks.items():
            registration = session.get(Registration, registration_id)
            if registration is None or registration.event_id != event_id:
                continue
            session_id = session_ids[number]
            existing = next((a for a in registration.attendances
                             if a.session_id == session_id), None)
            if present and existing is None:
                registration.attendances.append(Attendance(session_id=session_id,
                                                           checked_in_at=utcnow()))
                changed += 1
            elif not present and existing is not None:
                registration.attendances.remove(existing)
                changed += 1
            touched.add(registration_id)
        session.flush()
        for registration_id in touched:
            registration = session.get(Registration, registration_id)
            assert registration is not None
            if registration.attendances:
                if registration.status is not RegistrationStatus.WALK_IN:
                    registration.status = RegistrationStatus.ATTENDED
            elif registration.status in PRESENT:
                registration.status = RegistrationStatus.ABSENT
    return changed


@dataclass(frozen=True)
class EventSummary:
    registered: int
    attended: int
    walk_ins: int
    cancelled: int
    by_organization_type: dict[OrganizationType | None, int]  # of those present
    by_pillar: dict[Pillar | None, int]
    by_powiat: dict[str, int]


def event_summary(database: Database, event_id: int) -> EventSummary:
    with database.transaction() as session:
        if session.get(Event, event_id) is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        rows = session.execute(
            select(Registration.status, Person.id, Person.gmina_teryt)
            .join(Person, Registration.person_id == Person.id)
            .where(Registration.event_id == event_id)).all()
        present_ids = [pid for status, pid, _g in rows if status in PRESENT]
        organizations = dict(session.execute(
            select(Affiliation.person_id, Organization.id)
            .join(Organization, Affiliation.organization_id == Organization.id)
            .where(Affiliation.person_id.in_(present_ids), Affiliation.is_primary)).all())
        types = dict(session.execute(select(Organization.id, Organization.type).where(
            Organization.id.in_(organizations.values()))).all())
        org_powiat = dict(session.execute(select(Organization.id, Organization.powiat_teryt)
                                          .where(Organization.id.in_(organizations.values())))
                          .all())
        pillars = dict(session.execute(select(Membership.organization_id, Membership.wzk_pillar)
                                       .where(Membership.organization_id.in_(
                                           organizations.values()))).all())
        powiat_names = dict(session.execute(select(Powiat.teryt, Powiat.name)).all())
        gmina_powiat = dict(session.execute(select(Gmina.teryt, Gmina.powiat_teryt)).all())
    by_type: Counter[OrganizationType | None] = Counter()
    by_pillar: Counter[Pillar | None] = Counter()
    by_powiat: Counter[str] = Counter()
    for status, person_id, gmina in rows:
        if status not in PRESENT:
            continue
        organization = organizations.get(person_id)
        by_type[types.get(organization) if organization else None] += 1
        by_pillar[pillars.get(organization) if organization else None] += 1
        powiat = gmina_powiat.get(gmina) if gmina else None
        powiat = powiat or (org_powiat.get(organization) if organization else None)
        by_powiat[powiat_names.get(powiat, "") if powiat else ""] += 1
    statuses = Counter(status for status, _p, _g in rows)
    return EventSummary(
        registered=sum(statuses[s] for s in SIGNED_UP),
        attended=statuses[RegistrationStatus.ATTENDED] + statuses[RegistrationStatus.WALK_IN],
        walk_ins=statuses[RegistrationStatus.WALK_IN],
        cancelled=statuses[RegistrationStatus.CANCELLED],
        by_organization_type=dict(by_type), by_pillar=dict(by_pillar),
        by_powiat=dict(by_powiat),
    )


def export_attendance(database: Database, event_id: int, path: Path) -> Path:
    """Attendance as xlsx: who was present at which session, minimised (no contact data)."""
    from skimlll_desktop.services.excel_writing import Column, Sheet, write_workbook
    from skimlll_desktop.services.labels import registration_status_label

    grid = attendance_grid(database, event_id)
    with database.transaction() as session:
        event = session.get(Event, event_id)
        assert event is not None
        days = {s.number: s.day for s in session.scalars(select(EventSession).where(
            EventSession.event_id == event_id))}
    columns = [Column(_("No.")), Column(_("First and last name")), Column(_("Institution")),
               Column(_("Status"))]
    for number in grid.session_numbers:
        columns.append(Column(_("Session {n} ({date})").format(
            n=number, date=days[number].strftime("%d.%m.%Y"))))
    rows = []
    for index, row in enumerate(grid.rows, start=1):
        rows.append([index, row.name, row.institution, registration_status_label(row.status),
                     *[stamp if stamp is not None else "" for stamp in row.checked_in_at]])
    return write_workbook(Path(path), [Sheet(_("Attendance"), columns, rows)])
