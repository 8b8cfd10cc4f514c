"""Inviting people to an event by filters: how many match, how many are new, invite them.

The filters are the people list's (:class:`~skimlll_desktop.services.people.PeopleQuery`:
powiat, type of institution, pillar, MPKU membership, theme, search text) plus
"attended an event before" (present at any earlier event, walk-ins included).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, exists, func, select

from skimlll_desktop.models import Person, Registration
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.events import PRESENT, invite_people
from skimlll_desktop.services.people import PeopleQuery, where_people_match


@dataclass(frozen=True)
class InvitationPreview:
    matching: int  # people the filters find
    already_listed: int  # of them, already on the event's list (any status)

    @property
    def new(self) -> int:
        return self.matching - self.already_listed


def _matching(query: PeopleQuery, attended_before: bool, columns: Select) -> Select:
    statement = where_people_match(columns, query)
    if attended_before:
        statement = statement.where(exists().where(Registration.person_id == Person.id,
                                                   Registration.status.in_(PRESENT)))
    return statement


def _listed(event_id: int):  # type: ignore[no-untyped-def]
    return exists().where(Registration.person_id == Person.id,
                          Registration.event_id == event_id)


def invitation_preview(database: Database, event_id: int, query: PeopleQuery,
                       attended_before: bool = False) -> InvitationPreview:
    """Counts for the invite dialog (two COUNT queries, fast on the whole registry)."""
    counting = select(func.count()).select_from(Person)
    with database.transaction() as session:
        matching = session.scalar(_matching(query, attended_before, counting)) or 0
        listed = session.scalar(_matching(query, attended_before, counting)
                                .where(_listed(event_id))) or 0
    return InvitationPreview(matching, listed)


def invite_matching(database: Database, event_id: int, query: PeopleQuery,
                    attended_before: bool = False) -> int:
    """Invite everyone the filters find who is not on the list yet; returns how many."""
    with database.transaction() as session:
        ids = list(session.scalars(_matching(query, attended_before, select(Person.id))
                                   .where(~_listed(event_id)).order_by(Person.sort_key)))
    return invite_people(database, event_id, ids) if ids else 0
