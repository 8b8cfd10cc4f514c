"""Importing registrations from an online form's Excel export.

Each row is matched to a person already in the registry (same e-mail first,
then a similar name in the same institution or gmina — the duplicate rules of
the registry); the rest become new people. The preview says which is which and
writes nothing; applying it creates the new people and registers everyone in
one transaction (the waiting list takes over when the event is full).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Affiliation,
    Event,
    Organization,
    Person,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.duplicates import person_duplicates
from skimlll_desktop.services.errors import RecordNotFoundError
from skimlll_desktop.services.events import TAKING_A_SEAT
from skimlll_desktop.services.excel_reading import SheetProblem, cell_text, read_sheet
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.services.partner_import import split_person_name
from skimlll_desktop.services.polish_text import fold, words
from skimlll_desktop.services.teryt import TerytIndex
from skimlll_desktop.services.validators import InvalidValue, normalise_email, normalise_phone

SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": ("Imię i nazwisko", "Uczestnik", "Full name", "Name"),
    "first_name": ("Imię", "First name"),
    "last_name": ("Nazwisko", "Last name", "Surname"),
    "email": ("Adres e-mail", "E-mail", "Email", "Mail"),
    "phone": ("Numer telefonu", "Telefon", "Phone"),
    "institution": ("Nazwa instytucji", "Instytucja", "Organizacja", "Reprezentowana instytucja",
                    "Institution", "Organisation", "Organization"),
    "position": ("Stanowisko", "Funkcja", "Position"),
    "gmina": ("Gmina", "Municipality"),
    "consent": ("Zgoda", "Wyrażam zgodę", "Zgoda na przetwarzanie danych", "Consent"),
}
REQUIRED: tuple[str, ...] = ()
YES = {"tak", "t", "yes", "y", "1", "true", "prawda", "x", "zgoda", "wyrazam zgode"}

EXISTING, NEW, SKIP = "existing", "new", "skip"


@dataclass(frozen=True)
class RegistrationRowPreview:
    row: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    institution: str
    position: str
    gmina_teryt: str | None
    consent: bool
    action: str = NEW
    person_id: int | None = None
    match_reason: str = ""
    problems: tuple[SheetProblem, ...] = ()


@dataclass
class RegistrationImportPreview:
    event_id: int
    rows: list[RegistrationRowPreview] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


@dataclass(frozen=True)
class RegistrationImportResult:
    matched: int
    created: int
    skipped: int
    waiting: int


def _column(header, name: str) -> str | None:
    return header.header_of(name)


def preview_registration_import(
    database: Database, event_id: int, path: Path, sheet: str | None = None,
    overrides: Mapping[str, int | None] | None = None,
) -> Job[RegistrationImportPreview]:
    data = read_sheet(Path(path), SYNONYMS, REQUIRED, sheet, overrides)
    columns = data.header.columns
    if "full_name" not in columns and "last_name" not in columns:
        from skimlll_desktop.services.excel_reading import UnreadableWorkbook

        raise UnreadableWorkbook(_("No column with names (Imię i nazwisko, or Nazwisko) in "
                                   "{name}.").format(name=Path(path).name))
    preview = RegistrationImportPreview(event_id)
    yield Progress(0, len(data.rows), _("Checking rows…"))
    with database.transaction() as session:
        if session.get(Event, event_id) is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        teryt = TerytIndex.load(session)
        seen_emails: dict[str, int] = {}
        for done, (number, cells) in enumerate(data.rows, start=1):
            def value(name: str, cells: tuple[Any, ...] = cells) -> str:
                index = columns.get(name)
                return cell_text(cells[index]) if index is not None and index < len(
                    cells) else ""

            problems: list[SheetProblem] = []
            first, last = value("first_name"), value("last_name")
            if not last and value("full_name"):
                first, last, _title = split_person_name(value("full_name"))
            if not last or not first:
                problems.append(SheetProblem(number, _column(data.header, "last_name") or
                                             _column(data.header, "full_name"),
                                             _("Give the first and last name.")))
            email = phone = None
            try:
                email = normalise_email(value("email"))
            except InvalidValue as invalid:
                problems.append(SheetProblem(number, _column(data.header, "email"),
                                             invalid.message))
            try:
                phone = normalise_phone(value("phone"))
            except InvalidValue as invalid:
                problems.append(SheetProblem(number, _column(data.header, "phone"),
                                             invalid.message, blocking=False))
            gmina = None
            if value("gmina"):
                resolved = teryt.resolve_gmina(value("gmina"), "", value("institution"))
                gmina = resolved.gmina.teryt if resolved.gmina else None
            if email and email.lower() in seen_emails:
                problems.append(SheetProblem(number, _column(data.header, "email"), _(
                    "The same person as in row {row}: skipped.").format(
                        row=seen_emails[email.lower()])))
            elif email:
                seen_emails[email.lower()] = number
            row = RegistrationRowPreview(
                number, first, last, email, phone, value("institution"), value("position"),
                gmina, fold(value("consent")).strip(" .") in YES, problems=tuple(problems))
            if any(p.blocking for p in problems):
                row = replace(row, action=SKIP)
            else:
                row = _match(session, row)
            preview.rows.append(row)
            if done % 200 == 0:
                yield Progress(done, len(data.rows), _("Checking rows…"))
    return preview


def _match(session, row: RegistrationRowPreview) -> RegistrationRowPreview:
    organization_ids: tuple[int, ...] = ()
    if row.institution:
        organization_ids = tuple(session.scalars(select(Organization.id).where(
            Organization.search_name == " ".join(words(row.institution)))))
    candidates = person_duplicates(session, row.first_name, row.last_name, row.email,
                                   row.gmina_teryt, organization_ids)
    by_email = [c for c in candidates if c.code == "email"]
    chosen = by_email[0] if by_email else (candidates[0] if len(candidates) == 1 else None)
    if chosen is None:
        return row
    return replace(row, action=EXISTING, person_id=chosen.id, match_reason=chosen.reason)


def apply_registration_import(
    database: Database, preview: RegistrationImportPreview
) -> Job[RegistrationImportResult]:
    accepted = [row for row in preview.rows if row.action != SKIP]
    yield Progress(0, len(accepted), _("Saving…"))
    created = waiting = 0
    with database.transaction() as session:
        event = session.get(Event, preview.event_id)
        if event is None:
            raise RecordNotFoundError(_("This event no longer exists."))
        taken = session.scalar(select(func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.status.in_(TAKING_A_SEAT))) or 0
        for done, row in enumerate(accepted, start=1):
            person = session.get(Person, row.person_id) if row.person_id else None
            if person is None:
                person = _new_person(session, row)
                created += 1
            registration = session.scalar(select(Registration).where(
                Registration.event_id == event.id, Registration.person_id == person.id))
            if registration is not None and registration.status in TAKING_A_SEAT:
                continue
            full = event.capacity is not None and taken >= event.capacity
            status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
            waiting += full
            taken += not full
            if registration is None:
                registration = Registration(event_id=event.id, person_id=person.id)
                session.add(registration)
            registration.status = status
            registration.registered_at = utcnow()
            if done % 200 == 0:
                session.flush()
                yield Progress(done, len(accepted), _("Saving…"))
    return RegistrationImportResult(preview.count(EXISTING), created, preview.count(SKIP),
                                    waiting)


def _new_person(session, row: RegistrationRowPreview) -> Person:
    person = Person(first_name=row.first_name, last_name=row.last_name, email=row.email or "",
                    phone=row.phone or "", position=row.position, gmina_teryt=row.gmina_teryt,
                    consent_at=utcnow() if row.consent else None,
                    consent_note=_("registration form") if row.consent else "")
    if row.institution:
        key = " ".join(words(row.institution))
        organization = session.scalar(select(Organization).where(
            Organization.search_name == key).limit(1)) or Organization(
                name=re.sub(r"\s+", " ", row.institution).strip())
        person.affiliations.append(Affiliation(organization=organization, role=row.position))
    session.add(person)
    session.flush()
    return person


