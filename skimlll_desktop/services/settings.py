"""Settings kept in the database, shared by everyone who opens it: what documents need.

The GUI reads a :class:`DocumentSettings` snapshot, lets the user edit a copy and
saves it with the snapshot it started from: a save over someone else's newer
change is refused (optimistic locking), never silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from skimlll_desktop.models import Setting
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.errors import StaleRecordError

TEXT_KEYS = ("institution_name", "institution_address", "project_name", "funding_note")
IMAGE_KEYS = ("logo", "funding_bar")

DEFAULTS = {
    "institution_name": "Wojewódzki Urząd Pracy w Krakowie",
    "institution_address": "pl. Na Stawach 1, 30-107 Kraków",
    "project_name": "System koordynacji i monitorowania regionalnych działań na rzecz "
    "uczenia się przez całe życie w Małopolsce (SKiMLLL)",
    "funding_note": "Projekt finansowany ze środków Krajowego Planu Odbudowy i Zwiększania "
    "Odporności (KPO)",
}


@dataclass(frozen=True)
class DocumentSettings:
    """What printed documents put in their header and footer."""

    institution_name: str = ""
    institution_address: str = ""
    project_name: str = ""
    funding_note: str = ""
    logo: bytes | None = None
    funding_bar: bytes | None = None
    # Version of each stored setting when it was read (absent: not stored yet).
    versions: dict[str, int] = field(default_factory=dict, compare=False)

    def with_changes(self, **changes: object) -> DocumentSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _stored(session: Session) -> dict[str, Setting]:
    keys = TEXT_KEYS + IMAGE_KEYS
    return {s.key: s for s in session.scalars(select(Setting).where(Setting.key.in_(keys)))}


def load_document_settings(database: Database) -> DocumentSettings:
    with database.transaction() as session:
        stored = _stored(session)
    values: dict[str, object] = {}
    for key in TEXT_KEYS:
        values[key] = stored[key].value if key in stored else DEFAULTS.get(key, "")
    for key in IMAGE_KEYS:
        values[key] = stored[key].blob if key in stored else None
    versions = {key: setting.version for key, setting in stored.items()}
    return DocumentSettings(**values, versions=versions)  # type: ignore[arg-type]


def save_document_settings(database: Database, edited: DocumentSettings) -> DocumentSettings:
    """Save what changed since ``edited`` was read; refuse if someone saved in between."""
    with database.transaction() as session:
        stored = _stored(session)
        for spec in fields(DocumentSettings):
            key = spec.name
            if key == "versions":
                continue
            setting = stored.get(key)
            read_version = edited.versions.get(key)
            if (setting.version if setting else None) != read_version:
                raise StaleRecordError(stale_record_message())
            value = getattr(edited, key)
            if setting is None:
                setting = Setting(key=key)
                session.add(setting)
            if key in IMAGE_KEYS:
                if setting.blob != value:
                    setting.blob = value
            elif setting.value != value:
                setting.value = value
    return load_document_settings(database)
