"""Listing people for the Osoby screen: a count and pages of rows, sorted in SQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select

from skimlll_desktop.models import Affiliation, Gmina, Organization, Person
from skimlll_desktop.services.database import Database

SORTABLE = ("last_name", "first_name", "organization", "email", "gmina")


@dataclass(frozen=True)
class PeopleQuery:
    """What the list shows: a filter text and the order."""

    text: str = ""
    order_by: str = "last_name"
    descending: bool = False


@dataclass(frozen=True)
class PersonRow:
    id: int
    uuid: uuid.UUID
    last_name: str
    first_name: str
    organization: str
    email: str
    gmina: str


def _filtered(statement: Select, query: PeopleQuery) -> Select:
    text = query.text.strip()
    if text:
        pattern = f"%{text}%"
        statement = statement.where(
            or_(
                Person.last_name.ilike(pattern),
                Person.first_name.ilike(pattern),
                Person.email.ilike(pattern),
            )
        )
    return statement


def count_people(database: Database, query: PeopleQuery) -> int:
    statement = _filtered(select(func.count()).select_from(Person), query)
    with database.transaction() as session:
        return session.scalar(statement) or 0


def list_people(
    database: Database, query: PeopleQuery, offset: int = 0, limit: int = 200
) -> list[PersonRow]:
    """One page of the list, in the query's order (ties broken by id, so pages are stable)."""
    columns = {
        "last_name": Person.sort_key,
        "first_name": Person.first_name,
        "organization": Organization.name,
        "email": Person.email,
        "gmina": Gmina.name,
    }
    order_column = columns.get(query.order_by, Person.sort_key)
    order = order_column.desc() if query.descending else order_column.asc()
    statement = (
        select(
            Person.id,
            Person.uuid,
            Person.last_name,
            Person.first_name,
            func.coalesce(Organization.name, ""),
            Person.email,
            func.coalesce(Gmina.name, ""),
        )
        .outerjoin(Affiliation, (Affiliation.person_id == Person.id) & Affiliation.is_primary)
        .outerjoin(Organization, Affiliation.organization_id == Organization.id)
        .outerjoin(Gmina, Person.gmina_teryt == Gmina.teryt)
    )
    statement = _filtered(statement, query).order_by(order, Person.id).offset(offset).limit(limit)
    with database.transaction() as session:
        return [PersonRow(*row) for row in session.execute(statement)]
