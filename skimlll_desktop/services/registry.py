"""The registry's screens, Qt-free: lists with filters, details, and saving forms.

Lists are described by a query dataclass (filters + order) and fetched as a
count plus pages of plain rows, sorted and filtered in SQL. Details come as
frozen dataclasses carrying the record's version; saving a form validates
every field (:class:`FormErrors` maps a field to its message) and refuses a
stale save.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    Event,
    EventSession,
    Gender,
    Gmina,
    Membership,
    Organization,
    OrganizationType,
    Person,
    Pillar,
    Powiat,
    Registration,
    RegistrationStatus,
    Theme,
    organization_themes,
)
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.errors import (
    RecordNotFoundError,
    StaleRecordError,
    UserFacingError,
)
from skimlll_desktop.services.polish_text import words
from skimlll_desktop.services.search import ORGANIZATION, matching_ids
from skimlll_desktop.services.validators import (
    InvalidValue,
    normalise_email,
    normalise_krs,
    normalise_nip,
    normalise_phone,
    normalise_regon,
)

DEFAULT_THEMES = ("edukacja włączająca", "zielone kompetencje",
                  "nowoczesne technologie w edukacji", "edukacja kulturalna",
                  "kształcenie na odległość")


class FormErrors(UserFacingError):
    """Fields whose values cannot be saved: field name → message (shown next to the field)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some fields need correcting."))
        self.errors = errors


# --- choices for filters and forms --------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def powiat_choices(database: Database) -> list[Choice]:
    with database.transaction() as session:
        return [Choice(teryt, name) for teryt, name in session.execute(
            select(Powiat.teryt, Powiat.name).order_by(Powiat.teryt))]


def gmina_choices(database: Database) -> list[Choice]:
    """Every gmina, labelled unambiguously ("Gorlice — gmina miejska (powiat gorlicki)")."""
    from skimlll_desktop.services.teryt import TerytIndex

    with database.transaction() as session:
        index = TerytIndex.load(session)
    from skimlll_desktop.services.polish_text import sort_key

    return sorted((Choice(g.teryt, g.label) for g in index.gminy.values()),
                  key=lambda choice: sort_key(choice.label))


def theme_choices(database: Database) -> list[Choice]:
    with database.transaction() as session:
        themes = session.scalars(select(Theme).order_by(Theme.name)).all()
        if not themes:
            session.add_all(Theme(name=name) for name in DEFAULT_THEMES)
            session.flush()
            themes = session.scalars(select(Theme).order_by(Theme.name)).all()
        return [Choice(str(theme.id), theme.name) for theme in themes]


def add_theme(database: Database, name: str) -> Choice:
    name = " ".join(name.split())
    if not name:
        raise FormErrors({"name": _("Give the theme a name.")})
    with database.transaction() as session:
        existing = session.scalar(select(Theme).where(func.lower(Theme.name) == name.lower()))
        if existing is not None:
            return Choice(str(existing.id), existing.name)
        theme = Theme(name=name)
        session.add(theme)
        session.flush()
        return Choice(str(theme.id), theme.name)


# --- organisation list -------------------------------------------------------------------


@dataclass(frozen=True)
class OrganizationQuery:
    text: str = ""
    type: OrganizationType | None = None
    pillar: Pillar | None = None
    powiat_teryt: str | None = None
    members_only: bool = False  # an MPKU membership active today
    theme_id: int | None = None
    order_by: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    uuid: uuid.UUID
    name: str
    type: OrganizationType
    gmina: str
    powiat: str
    nip: str
    email: str
    phone: str
    member_since: date | None


def _type_in_label_order():
    """Organisation types ranked by their label in the user's language, Polish order."""
    from skimlll_desktop.services.labels import organization_type_label
    from skimlll_desktop.services.polish_text import sort_key

    ranked = sorted(OrganizationType, key=lambda kind: sort_key(organization_type_label(kind)))
    return case({kind.value: rank for rank, kind in enumerate(ranked)},
                value=Organization.type)


def _member_since():
    return (select(func.min(Membership.since))
            .where(Membership.organization_id == Organization.id).scalar_subquery())


def _organization_order(order_by: str):
    """The column to sort by: names by their Polish sort keys, never by code point."""
    match order_by:
        case "type":
            return _type_in_label_order()
        case "gmina":
            return Gmina.sort_key
        case "powiat":
            return Powiat.sort_key
        case "nip":
            return Organization.nip
        case "email":
            return func.nullif(func.lower(Organization.email), "")
        case "phone":
            return func.nullif(Organization.phone, "")
        case "member_since":
            return _member_since()
    return Organization.sort_key


def _active_membership(today: date):
    return and_(Membership.organization_id == Organization.id,
                or_(Membership.since.is_(None), Membership.since <= today),
                or_(Membership.until.is_(None), Membership.until >= today))


def _organization_filters(statement: Select, query: OrganizationQuery) -> Select:
    tokens = words(query.text)
    if tokens:
        statement = statement.where(Organization.id.in_(matching_ids(ORGANIZATION, tokens)))
    if query.type is not None:
        statement = statement.where(Organization.type == query.type)
    if query.powiat_teryt:
        statement = statement.where(Organization.powiat_teryt == query.powiat_teryt)
    if query.members_only:
        statement = statement.where(exists().where(_active_membership(date.today())))
    if query.pillar is not None:
        statement = statement.where(exists().where(
            Membership.organization_id == Organization.id, Membership.wzk_pillar == query.pillar))
    if query.theme_id is not None:
        statement = statement.where(exists().where(
            organization_themes.c.organization_id == Organization.id,
            organization_themes.c.theme_id == query.theme_id))
    return statement


def count_organizations(database: Database, query: OrganizationQuery) -> int:
    statement = _organization_filters(select(func.count(Organization.id)), query)
    with database.transaction() as session:
        return session.scalar(statement) or 0


def list_organizations(
    database: Database, query: OrganizationQuery, offset: int = 0, limit: int = 200
) -> list[OrganizationRow]:
    since = _member_since()
    statement = (
        select(Organization.id, Organization.uuid, Organization.name, Organization.type,
               func.coalesce(Gmina.name, ""), func.coalesce(Powiat.name, ""),
               func.coalesce(Organization.nip, ""), Organization.email, Organization.phone,
               since)
        .outerjoin(Gmina, Organization.gmina_teryt == Gmina.teryt)
        .outerjoin(Powiat, Organization.powiat_teryt == Powiat.teryt)
    )
    column = _organization_order(query.order_by)
    # blanks last either way, as in a spreadsheet (and the same on both engines)
    order = (column.desc() if query.descending else column.asc()).nulls_last()
    statement = _organization_filters(statement, query).order_by(
        order, Organization.sort_key, Organization.id).offset(offset).limit(limit)
    with database.transaction() as session:
        return [OrganizationRow(*row) for row in session.execute(statement)]


# --- organisation details and form ---------------------------------------------------------


@dataclass(frozen=True)
class MembershipInfo:
    since: date | None
    until: date | None
    declaration_signed_on: date | None
    programme_council_seat: bool
    wzk_pillar: Pillar | None


@dataclass(frozen=True)
class LinkedPerson:
    id: int
    name: str
    role: str
    email: str


@dataclass(frozen=True)
class EventAttended:
    event_id: int
    title: str
    starts_on: date
    status: RegistrationStatus
    sessions_attended: int
    sessions: int


@dataclass(frozen=True)
class OrganizationDetails:
    id: int | None = None
    uuid: uuid.UUID | None = None
    version: int | None = None
    name: str = ""
    short_name: str = ""
    type: OrganizationType = OrganizationType.OTHER
    nip: str = ""
    regon: str = ""
    krs: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    gmina_teryt: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    theme_ids: tuple[int, ...] = ()
    membership: MembershipInfo | None = None
    people: tuple[LinkedPerson, ...] = field(default=(), compare=False)
    events: tuple[EventAttended, ...] = field(default=(), compare=False)


def get_organization(database: Database, organization_id: int) -> OrganizationDetails:
    with database.transaction() as session:
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise RecordNotFoundError(_("This institution no longer exists."))
        membership = organization.memberships[-1] if organization.memberships else None
        people = tuple(sorted(
            (LinkedPerson(a.person.id, a.person.full_name, a.role, a.person.email)
             for a in organization.affiliations), key=lambda p: p.name))
        person_ids = [p.id for p in people]
        return OrganizationDetails(
            id=organization.id, uuid=organization.uuid, version=organization.version,
            name=organization.name, short_name=organization.short_name, type=organization.type,
            nip=organization.nip or "", regon=organization.regon or "",
            krs=organization.krs or "", address=organization.address,
            postal_code=organization.postal_code, city=organization.city,
            gmina_teryt=organization.gmina_teryt or "", website=organization.website,
            email=organization.email, phone=organization.phone, notes=organization.notes,
            theme_ids=tuple(t.id for t in organization.themes),
            membership=MembershipInfo(membership.since, membership.until,
                                      membership.declaration_signed_on,
                                      membership.programme_council_seat,
                                      membership.wzk_pillar) if membership else None,
            people=people,
            events=tuple(_events_of(session, person_ids)),
        )


def _events_of(session: Session, person_ids: list[int]) -> list[EventAttended]:
    if not person_ids:
        return []
    attended = (select(func.count(Attendance.id)).where(
        Attendance.registration_id == Registration.id).scalar_subquery())
    sessions = (select(func.count(EventSession.id)).where(
        EventSession.event_id == Event.id).scalar_subquery())
    rows = session.execute(
        select(Event.id, Event.title, Event.starts_on, Registration.status, attended, sessions)
        .join(Registration, Registration.event_id == Event.id)
        .where(Registration.person_id.in_(person_ids))
        .order_by(Event.starts_on.desc(), Event.id)
    )
    seen: dict[int, EventAttended] = {}
    for row in rows:
        if row[0] not in seen:
            seen[row[0]] = EventAttended(*row)
    return list(seen.values())


def _validated(errors: dict[str, str], name: str, normalise, value: str) -> Any:
    try:
        return normalise(value)
    except InvalidValue as invalid:
        errors[name] = invalid.message
        return None


def _check_version(record: Any, version: int | None) -> None:
    if version is not None and record.version != version:
        raise StaleRecordError(stale_record_message())


def save_organization(database: Database, form: OrganizationDetails) -> OrganizationDetails:
    """Create (``form.id`` is None) or update an organisation from its form."""
    errors: dict[str, str] = {}
    name = " ".join(form.name.split())
    if not name:
        errors["name"] = _("The institution's name is missing.")
    nip = _validated(errors, "nip", normalise_nip, form.nip)
    regon = _validated(errors, "regon", normalise_regon, form.regon)
    krs = _validated(errors, "krs", normalise_krs, form.krs)
    email = _validated(errors, "email", normalise_email, form.email)
    phone = _validated(errors, "phone", normalise_phone, form.phone)
    if form.postal_code.strip() and not _postal_code(form.postal_code):
        errors["postal_code"] = _("A postal code looks like 30-107.")
    membership = form.membership
    if membership and membership.since and membership.until and (
            membership.until < membership.since):
        errors["membership_until"] = _("The membership cannot end before it begins.")
    if errors:
        raise FormErrors(errors)
    with database.transaction() as session:
        if form.id is None:
            organization = Organization(name=name)
            session.add(organization)
        else:
            found = session.get(Organization, form.id)
            if found is None:
                raise RecordNotFoundError(_("This institution no longer exists."))
            _check_version(found, form.version)
            organization = found
        gmina = session.get(Gmina, _gmina_id(session, form.gmina_teryt)) if form.gmina_teryt \
            else None
        values = {
            "name": name, "short_name": form.short_name.strip(), "type": form.type,
            "nip": nip, "regon": regon, "krs": krs, "address": form.address.strip(),
            "postal_code": _postal_code(form.postal_code) or "", "city": form.city.strip(),
            "gmina_teryt": gmina.teryt if gmina else None,
            "powiat_teryt": gmina.powiat_teryt if gmina else None,
            "website": form.website.strip(), "email": email or "", "phone": phone or "",
            "notes": form.notes.strip(),
        }
        for key, value in values.items():
            if getattr(organization, key) != value:
                setattr(organization, key, value)
        themes = list(session.scalars(select(Theme).where(Theme.id.in_(form.theme_ids))))
        if {t.id for t in organization.themes} != {t.id for t in themes}:
            organization.themes = themes
        _save_membership(organization, membership)
        session.flush()
        organization_id = organization.id
    return get_organization(database, organization_id)


def _gmina_id(session: Session, teryt: str) -> int | None:
    return session.scalar(select(Gmina.id).where(Gmina.teryt == teryt))


def _postal_code(text: str) -> str | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"{digits[:2]}-{digits[2:]}" if len(digits) == 5 else None


def _save_membership(organization: Organization, info: MembershipInfo | None) -> None:
    current = organization.memberships[-1] if organization.memberships else None
    if info is None:
        if current is not None:
            organization.memberships.remove(current)
        return
    if current is None:
        current = Membership()
        organization.memberships.append(current)
    for key in ("since", "until", "declaration_signed_on", "programme_council_seat",
                "wzk_pillar"):
        if getattr(current, key) != getattr(info, key):
            setattr(current, key, getattr(info, key))


def delete_organization(database: Database, organization_id: int, version: int) -> None:
    with database.transaction() as session:
        organization = session.get(Organization, organization_id)
        if organization is None:
            return
        _check_version(organization, version)
        session.delete(organization)


# --- people --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AffiliationInfo:
    organization_id: int
    organization_name: str = ""
    role: str = ""
    is_primary: bool = False


@dataclass(frozen=True)
class PersonDetails:
    id: int | None = None
    uuid: uuid.UUID | None = None
    version: int | None = None
    first_name: str = ""
    last_name: str = ""
    gender: Gender | None = None
    title: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    gmina_teryt: str = ""
    notes: str = ""
    consent: bool = False
    consent_note: str = ""
    affiliations: tuple[AffiliationInfo, ...] = ()
    theme_ids: tuple[int, ...] = ()
    events: tuple[EventAttended, ...] = field(default=(), compare=False)


def get_person(database: Database, person_id: int) -> PersonDetails:
    with database.transaction() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise RecordNotFoundError(_("This person no longer exists."))
        return PersonDetails(
            id=person.id, uuid=person.uuid, version=person.version,
            first_name=person.first_name, last_name=person.last_name, gender=person.gender,
            title=person.title, position=person.position, email=person.email,
            phone=person.phone, gmina_teryt=person.gmina_teryt or "", notes=person.notes,
            consent=person.consent_at is not None, consent_note=person.consent_note,
            affiliations=tuple(AffiliationInfo(a.organization_id, a.organization.name, a.role,
                                               a.is_primary) for a in person.affiliations),
            theme_ids=tuple(t.id for t in person.themes),
            events=tuple(_events_of(session, [person.id])),
        )


def save_person(database: Database, form: PersonDetails) -> PersonDetails:
    from skimlll_desktop.models.base import utcnow

    errors: dict[str, str] = {}
    first_name, last_name = " ".join(form.first_name.split()), " ".join(form.last_name.split())
    if not last_name:
        errors["last_name"] = _("The last name is missing.")
    if not first_name:
        errors["first_name"] = _("The first name is missing.")
    email = _validated(errors, "email", normalise_email, form.email)
    phone = _validated(errors, "phone", normalise_phone, form.phone)
    if errors:
        raise FormErrors(errors)
    with database.transaction() as session:
        if form.id is None:
            person = Person(first_name=first_name, last_name=last_name)
            session.add(person)
        else:
            found = session.get(Person, form.id)
            if found is None:
                raise RecordNotFoundError(_("This person no longer exists."))
            _check_version(found, form.version)
            person = found
        values = {
            "first_name": first_name, "last_name": last_name, "gender": form.gender,
            "title": form.title.strip(), "position": form.position.strip(),
            "email": email or "", "phone": phone or "",
            "gmina_teryt": form.gmina_teryt or None, "notes": form.notes.strip(),
            "consent_note": form.consent_note.strip(),
        }
        for key, value in values.items():
            if getattr(person, key) != value:
                setattr(person, key, value)
        if form.consent and person.consent_at is None:
            person.consent_at = utcnow()
        elif not form.consent and person.consent_at is not None:
            person.consent_at = None
        wanted = {a.organization_id: a for a in form.affiliations}
        for affiliation in list(person.affiliations):
            if affiliation.organization_id not in wanted:
                person.affiliations.remove(affiliation)
        existing = {a.organization_id: a for a in person.affiliations}
        primary_given = any(a.is_primary for a in form.affiliations)
        for position, info in enumerate(form.affiliations):
            affiliation = existing.get(info.organization_id)
            if affiliation is None:
                affiliation = Affiliation(organization_id=info.organization_id)
                person.affiliations.append(affiliation)
            is_primary = info.is_primary if primary_given else position == 0
            if affiliation.role != info.role:
                affiliation.role = info.role
            if affiliation.is_primary != is_primary:
                affiliation.is_primary = is_primary
        themes = list(session.scalars(select(Theme).where(Theme.id.in_(form.theme_ids))))
        if {t.id for t in person.themes} != {t.id for t in themes}:
            person.themes = themes
        session.flush()
        person_id = person.id
    return get_person(database, person_id)


def find_person_id(database: Database, person_uuid: str) -> int:
    """The person's key from their UUID (as the command line gives it)."""
    try:
        wanted = uuid.UUID(str(person_uuid))
    except ValueError as error:
        raise UserFacingError(_("{value} is not a valid identifier (UUID).").format(
            value=person_uuid)) from error
    with database.transaction() as session:
        found = session.scalar(select(Person.id).where(Person.uuid == wanted))
    if found is None:
        raise RecordNotFoundError(_("There is no person {uuid} in this database.").format(
            uuid=person_uuid))
    return found


def organization_names(database: Database, text: str, limit: int = 20) -> list[Choice]:
    """Organisations for a picker (e.g. a person's institution), best matches first."""
    from skimlll_desktop.services.search import search_records

    with database.transaction() as session:
        hits = search_records(session, text, limit=limit, kinds=(ORGANIZATION,))
    return [Choice(str(hit.id), hit.name) for hit in hits]

