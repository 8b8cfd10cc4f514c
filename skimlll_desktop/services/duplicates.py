"""Likely duplicates, and merging two records into one without losing a link.

A likely duplicate shares a NIP, a REGON or an e-mail, or has a similar name
in the same gmina (rapidfuzz on folded names: rapidfuzz does not ignore Polish
diacritics by itself). The merge moves every row that points at the removed
record — found from the schema's foreign keys, so links added by later
features are kept too — onto the record that stays, fills the kept record's
empty fields, deletes the other and writes a "merge" entry to the audit log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Attendance,
    AuditAction,
    AuditEntry,
    Base,
    Organization,
    Person,
    Registration,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.errors import RecordNotFoundError, StaleRecordError
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.services.search import search_name

SIMILAR_NAME = 88  # rapidfuzz token_sort_ratio, 0..100


@dataclass(frozen=True)
class DuplicateCandidate:
    kind: str  # "organization" | "person"
    id: int
    uuid: uuid.UUID
    name: str
    reason: str  # for people: "ten sam NIP", "podobna nazwa w tej samej gminie"…
    code: str = ""  # for programs: "nip", "regon", "email", "similar_name"


def _similar(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(fold(a), fold(b)) >= SIMILAR_NAME


def organization_duplicates(
    session: Session,
    name: str,
    nip: str | None = None,
    regon: str | None = None,
    email: str | None = None,
    gmina_teryt: str | None = None,
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    found: dict[int, DuplicateCandidate] = {}

    def add(organization: Organization, reason: str, code: str) -> None:
        if organization.id != exclude_id and organization.id not in found:
            found[organization.id] = DuplicateCandidate(
                "organization", organization.id, organization.uuid, organization.name, reason,
                code)

    for column, value, reason, code in ((Organization.nip, nip, _("the same NIP"), "nip"),
                                        (Organization.regon, regon, _("the same REGON"),
                                         "regon")):
        if value:
            for organization in session.scalars(select(Organization).where(column == value)):
                add(organization, reason, code)
    if email:
        for organization in session.scalars(select(Organization).where(
                func.lower(Organization.email) == email.lower())):
            add(organization, _("the same e-mail"), "email")
    if name and gmina_teryt:
        for organization in session.scalars(select(Organization).where(
                Organization.gmina_teryt == gmina_teryt)):
            if _similar(organization.name, name):
                add(organization, _("a similar name in the same gmina"), "similar_name")
    return list(found.values())


def person_duplicates(
    session: Session,
    first_name: str,
    last_name: str,
    email: str | None = None,
    gmina_teryt: str | None = None,
    organization_ids: tuple[int, ...] = (),
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    found: dict[int, DuplicateCandidate] = {}

    def add(person: Person, reason: str, code: str) -> None:
        if person.id != exclude_id and person.id not in found:
            found[person.id] = DuplicateCandidate(
                "person", person.id, person.uuid, person.full_name, reason, code)

    if email:
        for person in session.scalars(select(Person).where(
                func.lower(Person.email) == email.lower())):
            add(person, _("the same e-mail"), "email")
    folded_last = search_name(last_name)
    if folded_last:
        stem = folded_last[:3]
        candidates = session.scalars(select(Person).where(
            Person.search_name >= stem, Person.search_name < stem + "{")).all()
        full_name = f"{first_name} {last_name}"
        for person in candidates:
            if not _similar(person.full_name, full_name):
                continue
            shares_place = bool(gmina_teryt) and person.gmina_teryt == gmina_teryt
            shares_organization = any(
                a.organization_id in organization_ids for a in person.affiliations)
            if shares_place:
                add(person, _("a similar name in the same gmina"), "similar_name")
            elif shares_organization:
                add(person, _("a similar name in the same institution"), "similar_name")
    return list(found.values())


# --- merging -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    removed_uuid: uuid.UUID
    moved: dict[str, int]  # table → rows moved onto the kept record


def _references(target: Table) -> list[tuple[Table, Any]]:
    """Every (table, column) in the schema with a foreign key to ``target.id``."""
    found = []
    for table in Base.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table is target and foreign_key.column.name == "id":
                found.append((table, foreign_key.parent))
    return found


def _unique_sets(table: Table, column: Any) -> list[list[Any]]:
    """The other columns of each unique key (or primary key) that includes ``column``."""
    keys = [list(constraint.columns) for constraint in table.constraints
            if constraint.__class__.__name__ in ("UniqueConstraint", "PrimaryKeyConstraint")]
    return [[c for c in key if c is not column] for key in keys if column in key and len(key) > 1]


def _move_links(session: Session, target: Table, keep: int, remove: int) -> dict[str, int]:
    """Point every link at ``remove`` to ``keep``; a link ``keep`` already has is dropped."""
    moved: dict[str, int] = {}
    for table, column in _references(target):
        for others in _unique_sets(table, column):
            kept = {tuple(row) for row in session.execute(select(*others).where(column == keep))}
            clashes = [row for row in session.execute(
                select(*others).where(column == remove)) if tuple(row) in kept]
            for row in clashes:
                session.execute(delete(table).where(
                    column == remove, *[o == v for o, v in zip(others, row, strict=True)]))
        result = session.execute(update(table).where(column == remove).values({column.key: keep}))
        if result.rowcount:
            moved[table.name] = result.rowcount
    return moved


def _merge_registrations(session: Session, keep: int, remove: int) -> None:
    """Both people registered for one event: keep one registration with all attendance."""
    kept = {r.event_id: r for r in session.scalars(
        select(Registration).where(Registration.person_id == keep))}
    for registration in session.scalars(select(Registration).where(
            Registration.person_id == remove)).all():
        target = kept.get(registration.event_id)
        if target is None:
            continue
        sessions = {a.session_id for a in target.attendances}
        for attendance in list(registration.attendances):
            if attendance.session_id not in sessions:
                session.add(Attendance(registration_id=target.id,
                                       session_id=attendance.session_id,
                                       checked_in_at=attendance.checked_in_at))
        session.delete(registration)
    session.flush()


def _fill_empty(keep: Any, remove: Any, fields: tuple[str, ...]) -> None:
    for name in fields:
        if getattr(keep, name) in (None, "") and getattr(remove, name) not in (None, ""):
            setattr(keep, name, getattr(remove, name))


_ORGANIZATION_FIELDS = ("short_name", "nip", "regon", "krs", "address", "postal_code", "city",
                        "gmina_teryt", "powiat_teryt", "website", "email", "phone")
_PERSON_FIELDS = ("gender", "title", "position", "email", "phone", "gmina_teryt", "consent_at",
                  "consent_note")


def _merge(
    database: Database, model: type, keep_id: int, remove_id: int,
    versions: tuple[int, int] | None, fields: tuple[str, ...],
) -> MergeResult:
    if keep_id == remove_id:
        raise ValueError("a record cannot be merged with itself")
    with database.transaction() as session:
        keep = session.get(model, keep_id)
        remove = session.get(model, remove_id)
        if keep is None or remove is None:
            raise RecordNotFoundError(_("One of the records no longer exists."))
        if versions is not None and (keep.version, remove.version) != versions:
            raise StaleRecordError(stale_record_message())
        if model is Person:
            _merge_registrations(session, keep_id, remove_id)
        removed_uuid = remove.uuid
        before = {name: getattr(keep, name) for name in fields}
        _fill_empty(keep, remove, fields)
        if model is Organization and keep.notes != remove.notes and remove.notes:
            keep.notes = f"{keep.notes}\n{remove.notes}".strip()
        session.flush()
        moved = _move_links(session, model.__table__, keep_id, remove_id)
        session.expire_all()
        session.delete(session.get(model, remove_id))
        filled = {name: [str(before[name]), str(getattr(keep, name))] for name in fields
                  if before[name] != getattr(keep, name)}
        session.execute(insert(AuditEntry), [{
            "at": utcnow(), "actor": session.info.get("actor") or _actor(database),
            "action": AuditAction.MERGE, "table_name": model.__tablename__,
            "record_id": keep_id, "record_uuid": str(keep.uuid),
            "changes": {"merged": str(removed_uuid), "moved": moved, "filled": filled},
        }])
    return MergeResult(keep_id, removed_uuid, moved)


def _actor(database: Database) -> str:
    from skimlll_desktop.services.database import actor_for

    return actor_for(database.location)


def merge_organizations(
    database: Database, keep_id: int, remove_id: int, versions: tuple[int, int] | None = None
) -> MergeResult:
    """Merge organisation ``remove_id`` into ``keep_id``; every link moves to the kept one."""
    return _merge(database, Organization, keep_id, remove_id, versions, _ORGANIZATION_FIELDS)


def merge_people(
    database: Database, keep_id: int, remove_id: int, versions: tuple[int, int] | None = None
) -> MergeResult:
    """Merge person ``remove_id`` into ``keep_id``; registrations, roles, themes… move along."""
    return _merge(database, Person, keep_id, remove_id, versions, _PERSON_FIELDS)
