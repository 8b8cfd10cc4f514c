"""The data layer: SQLAlchemy models, no Qt. Importing this registers every table."""

from skimlll_desktop.models.audit import AuditAction, AuditEntry
from skimlll_desktop.models.base import Base, Record
from skimlll_desktop.models.documents import (
    DocumentAsset,
    DocumentCounter,
    DocumentKind,
    DocumentStatus,
    DocumentTemplate,
    IssuedDocument,
    Orientation,
)
from skimlll_desktop.models.events import (
    Attendance,
    Event,
    EventSession,
    EventStatus,
    EventType,
    Registration,
    RegistrationStatus,
    event_partners,
    event_themes,
)
from skimlll_desktop.models.partnership import (
    Affiliation,
    Membership,
    Pillar,
    Theme,
    organization_themes,
    person_themes,
)
from skimlll_desktop.models.reference import Gmina, GminaType, Powiat, PowiatKind
from skimlll_desktop.models.registry import Gender, Organization, OrganizationType, Person
from skimlll_desktop.models.search import SearchWord
from skimlll_desktop.models.settings import Setting

__all__ = [
    "Affiliation",
    "Attendance",
    "AuditAction",
    "AuditEntry",
    "Base",
    "DocumentAsset",
    "DocumentCounter",
    "DocumentKind",
    "DocumentStatus",
    "DocumentTemplate",
    "Event",
    "EventSession",
    "EventStatus",
    "EventType",
    "Gender",
    "Gmina",
    "GminaType",
    "IssuedDocument",
    "Membership",
    "Organization",
    "OrganizationType",
    "Orientation",
    "Person",
    "Pillar",
    "Powiat",
    "PowiatKind",
    "Record",
    "Registration",
    "RegistrationStatus",
    "SearchWord",
    "Setting",
    "Theme",
    "event_partners",
    "event_themes",
    "organization_themes",
    "person_themes",
]
