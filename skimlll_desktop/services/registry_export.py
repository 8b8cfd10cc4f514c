"""Excel export of partners and people: what the list shows, or everything.

People are personal data leaving the program: the export carries what the
office needs to work with a list (name, institution, contact, gmina) and
nothing more — no notes, no consents history, no audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Affiliation,
    Gmina,
    Membership,
    Organization,
    Person,
    Powiat,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.erasure import not_erased
from skimlll_desktop.services.excel_writing import Column, Sheet, write_workbook
from skimlll_desktop.services.labels import organization_type_label, pillar_label


def _partner_rows(database: Database, ids: list[int] | None) -> Iterator[list]:
    with database.transaction() as session:
        statement = (
            select(Organization, Gmina.name, Powiat.name)
            .outerjoin(Gmina, Organization.gmina_teryt == Gmina.teryt)
            .outerjoin(Powiat, Organization.powiat_teryt == Powiat.teryt)
            .order_by(Organization.sort_key, Organization.id)
        )
        if ids is not None:
            statement = statement.where(Organization.id.in_(ids))
        memberships: dict[int, Membership] = {}
        for membership in session.scalars(select(Membership).order_by(Membership.since)):
            memberships[membership.organization_id] = membership
        for organization, gmina, powiat in session.execute(statement):
            membership = memberships.get(organization.id)
            yield [
                organization.name, organization.short_name,
                organization_type_label(organization.type),
                organization.nip or "", organization.regon or "", organization.krs or "",
                organization.address, organization.postal_code, organization.city,
                gmina or "", powiat or "", organization.gmina_teryt or "",
                organization.email, organization.phone, organization.website,
                membership.since if membership else None,
                membership.until if membership else None,
                pillar_label(membership.wzk_pillar) if membership and membership.wzk_pillar
                else "",
                _("yes") if membership and membership.programme_council_seat else "",
            ]


def export_partners(database: Database, path: Path, ids: list[int] | None = None) -> Path:
    """The partners (all, or the given ids in list order) as a formatted xlsx."""
    columns = [Column(_("Name")), Column(_("Short name")), Column(_("Type")), Column("NIP"),
               Column("REGON"), Column("KRS"), Column(_("Address")), Column(_("Postal code")),
               Column(_("City")), Column(_("Gmina")), Column(_("Powiat")), Column("TERYT"),
               Column(_("E-mail")), Column(_("Phone")), Column(_("Website")),
               Column(_("Member since")), Column(_("Member until")), Column(_("WZK pillar")),
               Column(_("Programme Council"))]
    rows = list(_partner_rows(database, ids))
    return write_workbook(Path(path), [Sheet(_("Partners"), columns, rows)])


def export_people(database: Database, path: Path, ids: list[int] | None = None) -> Path:
    """People (all, or the given ids) as xlsx — contact data only, minimised."""
    with database.transaction() as session:
        organizations = (
            select(Affiliation.person_id,
                   func.min(Organization.name).label("organization"),
                   func.min(Affiliation.role).label("role"))
            .join(Organization, Affiliation.organization_id == Organization.id)
            .where(Affiliation.is_primary)
            .group_by(Affiliation.person_id)
            .subquery()
        )
        statement = (
            select(Person.title, Person.first_name, Person.last_name, Person.position,
                   organizations.c.organization, Person.email, Person.phone, Gmina.name)
            .outerjoin(organizations, organizations.c.person_id == Person.id)
            .outerjoin(Gmina, Person.gmina_teryt == Gmina.teryt)
            .where(not_erased())
            .order_by(Person.sort_key, Person.id)
        )
        if ids is not None:
            statement = statement.where(Person.id.in_(ids))
        rows = [[title, first, last, position, organization or "", email, phone, gmina or ""]
                for title, first, last, position, organization, email, phone, gmina
                in session.execute(statement)]
    columns = [Column(_("Title")), Column(_("First name")), Column(_("Last name")),
               Column(_("Position")), Column(_("Institution")), Column(_("E-mail")),
               Column(_("Phone")), Column(_("Gmina"))]
    return write_workbook(Path(path), [Sheet(_("People"), columns, rows)])
