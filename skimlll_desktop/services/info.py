"""What is in a database: schema version and counts (``skimlll info``, the About box)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text

from skimlll_desktop.models import (
    Attendance,
    AuditEntry,
    Event,
    Gmina,
    Organization,
    Person,
    Powiat,
    Registration,
)
from skimlll_desktop.services.database import Database

COUNTED = {
    "powiaty": Powiat,
    "gminy": Gmina,
    "organizations": Organization,
    "people": Person,
    "events": Event,
    "registrations": Registration,
    "attendances": Attendance,
    "audit_log": AuditEntry,
}


@dataclass(frozen=True)
class DatabaseInfo:
    location: str
    engine: str
    schema_revision: str
    counts: dict[str, int]


def database_info(database: Database) -> DatabaseInfo:
    with database.transaction() as session:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        counts = {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in COUNTED.items()
        }
    return DatabaseInfo(
        location=database.location.display(),
        engine=database.engine.dialect.name,
        schema_revision=revision,
        counts=counts,
    )
