"""The data layer: SQLAlchemy models, no Qt. Importing this registers every table."""

from skimlll_desktop.models.audit import AuditAction, AuditEntry
from skimlll_desktop.models.base import Base, Record
from skimlll_desktop.models.events import (
    Attendance,
    Event,
    EventSession,
    EventStatus,
    EventType,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.models.reference import Gmina, GminaType, Powiat, PowiatKind
from skimlll_desktop.models.registry import Gender, Organization, OrganizationType, Person
from skimlll_desktop.models.settings import Setting

__all__ = [
    "Attendance",
    "AuditAction",
    "AuditEntry",
    "Base",
    "Event",
    "EventSession",
    "EventStatus",
    "EventType",
    "Gender",
    "Gmina",
    "GminaType",
    "Organization",
    "OrganizationType",
    "Person",
    "Powiat",
    "PowiatKind",
    "Record",
    "Registration",
    "RegistrationStatus",
    "Setting",
]
