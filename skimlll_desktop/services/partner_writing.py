"""Writing a checked partner import: every accepted row in one transaction, all or nothing.

A first import brings thousands of new institutions at once, so they are written
as bulk INSERTs (``services.bulk_insert``), a chunk at a time with progress: the
institution, its membership and its contact person with the affiliation, each
audited and indexed for search like a record saved through a form. A contact
person named with the same e-mail in several new rows becomes one person with
an affiliation to each institution.

Rows that update an institution already in the registry, and new rows whose
contact person is already there (by e-mail), go through the ORM after the new
institutions: only changed fields are written and audited, old → new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import Affiliation, Membership, Organization, Person
from skimlll_desktop.services.bulk_insert import BulkWriter
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.services.partner_import import (
    CREATE,
    SKIP,
    UPDATE,
    ContactPerson,
    ImportPreview,
    ImportResult,
    PartnerRow,
)
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.services.search import (
    ORGANIZATION,
    PERSON,
    organization_name_keys,
    person_name_keys,
)

CHUNK = 500  # rows per progress report
_LOOKUP_BATCH = 500  # bound parameters per SELECT … IN (…)

_ORGANIZATION_FIELDS = ("name", "short_name", "type", "nip", "regon", "krs", "address",
                        "postal_code", "city", "gmina_teryt", "powiat_teryt", "website",
                        "email", "phone", "notes")
_CONTACT_FIELDS = ("title", "email", "phone")


def apply_partner_import(database: Database, preview: ImportPreview) -> Job[ImportResult]:
    """Write every accepted row of the preview in one transaction (all or nothing).

    Lookups do not flush (``no_autoflush``): the ORM's changes go to the database
    every few hundred rows, so the search index is rewritten in batches.
    """
    accepted = [row for row in preview.rows if row.action != SKIP]
    total = len(accepted)
    message = _("Saving…")
    yield Progress(0, total, message)
    with database.transaction() as session, session.no_autoflush:
        registered = _registered_emails(session, _contact_emails(accepted))
        in_bulk: list[PartnerRow] = []
        through_orm: list[PartnerRow] = []
        for row in accepted:
            (in_bulk if _is_new_with_new_contact(row, registered) else through_orm).append(row)
        writer = BulkWriter(session)
        contacts = _NewContacts()
        done = 0
        for start in range(0, len(in_bulk), CHUNK):
            chunk = in_bulk[start:start + CHUNK]
            _write_new_institutions(writer, chunk, contacts)
            done += len(chunk)
            yield Progress(done, total, message)
        contacts.write(writer)
        people_by_email = _people_by_email(session, _contact_emails(through_orm))
        for row in through_orm:
            _apply_row(session, row, people_by_email)
            done += 1
            if done % CHUNK == 0:
                session.flush()
                yield Progress(done, total, message)
        session.flush()
        # the last report comes before the commit: a Cancel here still undoes everything
        yield Progress(total, total, message)
    return ImportResult(
        imported=preview.count(CREATE),
        updated=preview.count(UPDATE),
        skipped=preview.count(SKIP),
        problems=tuple(preview.problems),
    )


def _contact_emails(rows: Iterable[PartnerRow]) -> set[str]:
    return {row.contact.email.lower() for row in rows
            if row.contact is not None and row.contact.email}


def _is_new_with_new_contact(row: PartnerRow, registered_emails: set[str]) -> bool:
    contact = row.contact
    return row.match_id is None and (
        contact is None or not contact.email or contact.email.lower() not in registered_emails)


def _batches(items: Iterable[str]) -> list[list[str]]:
    ordered = sorted(items)
    return [ordered[i:i + _LOOKUP_BATCH] for i in range(0, len(ordered), _LOOKUP_BATCH)]


def _registered_emails(session: Session, emails: set[str]) -> set[str]:
    found: set[str] = set()
    for batch in _batches(emails):
        found.update(email.lower() for email in session.scalars(
            select(Person.email).where(func.lower(Person.email).in_(batch))))
    return found


def _people_by_email(session: Session, emails: set[str]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for batch in _batches(emails):
        for person in session.scalars(select(Person).where(func.lower(Person.email).in_(batch))
                                      .order_by(Person.id)):
            people.setdefault(person.email.lower(), person)
    return people


# --- new institutions, in bulk ---------------------------------------------------------


def _organization_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in _ORGANIZATION_FIELDS
            if values.get(name) is not None}


def _write_new_institutions(writer: BulkWriter, rows: list[PartnerRow],
                            contacts: _NewContacts) -> None:
    organizations = []
    for row in rows:
        organization = _organization_values(row.values)
        organization.update(organization_name_keys(organization["name"]))
        organizations.append(organization)
    ids = writer.insert(Organization, organizations)
    memberships = [{"organization_id": id_, "since": row.values.get("joined_on"),
                    "wzk_pillar": row.values.get("pillar")}
                   for id_, row in zip(ids, rows, strict=True)
                   if row.values.get("joined_on") or row.values.get("pillar")]
    writer.insert(Membership, memberships)
    writer.index(ORGANIZATION, organizations, ids)
    for id_, row in zip(ids, rows, strict=True):
        if row.contact is not None:
            contacts.add(id_, row.contact)


@dataclass
class _NewContacts:
    """The new institutions' contact persons, one person per e-mail, written at the end."""

    people: list[dict[str, Any]] = field(default_factory=list)
    by_email: dict[str, int] = field(default_factory=dict)  # e-mail → index in people
    links: list[tuple[int, int, str]] = field(default_factory=list)  # person, org, role

    def add(self, organization_id: int, contact: ContactPerson) -> None:
        email = contact.email.lower() if contact.email else None
        index = self.by_email.get(email) if email else None
        if index is None:
            index = len(self.people)
            self.people.append({"first_name": contact.first_name,
                                "last_name": contact.last_name,
                                "title": "", "email": "", "phone": "", "position": ""})
            if email:
                self.by_email[email] = index
        person = self.people[index]
        for name in _CONTACT_FIELDS:  # a later row's value wins, as in a form
            if getattr(contact, name):
                person[name] = getattr(contact, name)
        if contact.position:
            person["position"] = contact.position
        self.links.append((index, organization_id, contact.position))

    def write(self, writer: BulkWriter) -> None:
        for person in self.people:
            person.update(person_name_keys(person["first_name"], person["last_name"]))
        ids = writer.insert(Person, self.people)
        affiliations = []
        linked: set[int] = set()
        for index, organization_id, role in self.links:
            affiliations.append({"person_id": ids[index], "organization_id": organization_id,
                                 "role": role, "is_primary": index not in linked})
            linked.add(index)
        writer.insert(Affiliation, affiliations)
        writer.index(PERSON, self.people, ids)


# --- updates and known contact persons, through the ORM --------------------------------


def _apply_row(session: Session, row: PartnerRow,
               people_by_email: dict[str, Person]) -> Organization:
    values = row.values
    if row.match_id is not None:
        organization = session.get(Organization, row.match_id)
        assert organization is not None
        for name in _ORGANIZATION_FIELDS:
            new = values.get(name)
            if new not in (None, "") and getattr(organization, name) != new:
                setattr(organization, name, new)
    else:
        organization = Organization(**_organization_values(values))
        session.add(organization)
    if values.get("joined_on") or values.get("pillar"):
        membership = organization.memberships[-1] if organization.memberships else None
        if membership is None:
            membership = Membership()
            organization.memberships.append(membership)
        if values.get("joined_on") and membership.since != values["joined_on"]:
            membership.since = values["joined_on"]
        if values.get("pillar") and membership.wzk_pillar != values["pillar"]:
            membership.wzk_pillar = values["pillar"]
    if row.contact is not None:
        _apply_contact(session, organization, row.contact, people_by_email)
    return organization


def _apply_contact(session: Session, organization: Organization, contact: ContactPerson,
                   people_by_email: dict[str, Person]) -> None:
    person = people_by_email.get(contact.email.lower()) if contact.email else None
    if person is None and organization.id is not None:
        for affiliation in organization.affiliations:
            candidate = affiliation.person
            if fold(candidate.last_name) == fold(contact.last_name) and fold(
                    candidate.first_name) == fold(contact.first_name):
                person = candidate
                break
    if person is None:
        person = Person(first_name=contact.first_name, last_name=contact.last_name)
        session.add(person)
    for name in _CONTACT_FIELDS:
        new = getattr(contact, name)
        if new and getattr(person, name) != new:
            setattr(person, name, new)
    if contact.email:
        people_by_email[contact.email.lower()] = person
    if contact.position and person.position != contact.position:
        person.position = contact.position
    if not any(a.organization is organization for a in person.affiliations):
        person.affiliations.append(Affiliation(organization=organization, role=contact.position,
                                               is_primary=not person.affiliations))
