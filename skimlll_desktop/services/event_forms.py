"""Small look-ups the event form needs: the names of its co-hosting partners."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from skimlll_desktop.models import Organization
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.registry import Choice


def organization_choices(database: Database, ids: Iterable[int]) -> list[Choice]:
    """The organisations with these ids (value: the id as text), in Polish name order."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    with database.transaction() as session:
        rows = session.execute(select(Organization.id, Organization.name)
                               .where(Organization.id.in_(wanted))
                               .order_by(Organization.sort_key, Organization.id))
        return [Choice(str(organization_id), name) for organization_id, name in rows]
