"""Checks the registry's forms run before a save: likely duplicates of a new record.

Thin, Qt-free wrappers over :mod:`skimlll_desktop.services.duplicates` for the
screens: each opens its own unit of work and takes the form's dataclass, so
the ui never holds a session.
"""

from __future__ import annotations

from skimlll_desktop.services.database import Database
from skimlll_desktop.services.duplicates import (
    DuplicateCandidate,
    organization_duplicates,
    person_duplicates,
)
from skimlll_desktop.services.registry import OrganizationDetails, PersonDetails
from skimlll_desktop.services.validators import (
    InvalidValue,
    normalise_email,
    normalise_nip,
    normalise_regon,
)


def _normalised(normalise, value: str) -> str | None:  # type: ignore[no-untyped-def]
    """The stored form of a value, or None when it is empty or not valid (no match then)."""
    try:
        return normalise(value)
    except InvalidValue:
        return None


def likely_duplicate_organizations(
    database: Database, form: OrganizationDetails
) -> list[DuplicateCandidate]:
    """Organisations the form may describe again: same NIP/REGON/e-mail, similar name here."""
    with database.transaction() as session:
        return organization_duplicates(
            session,
            " ".join(form.name.split()),
            nip=_normalised(normalise_nip, form.nip),
            regon=_normalised(normalise_regon, form.regon),
            email=_normalised(normalise_email, form.email),
            gmina_teryt=form.gmina_teryt or None,
            exclude_id=form.id,
        )


def likely_duplicate_people(database: Database, form: PersonDetails) -> list[DuplicateCandidate]:
    """People the form may describe again: same e-mail, similar name in a shared place."""
    with database.transaction() as session:
        return person_duplicates(
            session,
            " ".join(form.first_name.split()),
            " ".join(form.last_name.split()),
            email=_normalised(normalise_email, form.email),
            gmina_teryt=form.gmina_teryt or None,
            organization_ids=tuple(a.organization_id for a in form.affiliations),
            exclude_id=form.id,
        )
