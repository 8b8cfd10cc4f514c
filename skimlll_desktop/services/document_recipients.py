"""Recipients of documents picked by hand: people from the registry, in the order chosen."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from skimlll_desktop.models import Affiliation, Gmina, Organization, Person
from skimlll_desktop.services.certificates import Recipient
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.erasure import not_erased


def people_recipients(database: Database, person_ids: Sequence[int]) -> list[Recipient]:
    """One recipient per person (name, gender, main institution, gmina); unknown ids skipped."""
    if not person_ids:
        return []
    institution = (select(Organization.name)
                   .join(Affiliation, Affiliation.organization_id == Organization.id)
                   .where(Affiliation.person_id == Person.id, Affiliation.is_primary)
                   .limit(1).scalar_subquery())
    statement = (select(Person.id, Person.first_name, Person.last_name, Person.gender,
                        institution, Gmina.name)
                 .outerjoin(Gmina, Person.gmina_teryt == Gmina.teryt)
                 .where(Person.id.in_(list(person_ids)), not_erased()))
    with database.transaction() as session:
        found = {pid: Recipient(pid, f"{first} {last}", gender, org or "", gmina or "")
                 for pid, first, last, gender, org, gmina in session.execute(statement)}
    return [found[pid] for pid in dict.fromkeys(person_ids) if pid in found]
