"""How the field's enumerations are named for people, in the program's language."""

from __future__ import annotations

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.models import (
    DocumentKind,
    DocumentStatus,
    EventStatus,
    EventType,
    OrganizationType,
    Pillar,
    RegistrationStatus,
)

ORGANIZATION_TYPES = {
    OrganizationType.LOCAL_GOVERNMENT: N_("gmina or powiat office"),
    OrganizationType.SCHOOL: N_("school"),
    OrganizationType.UNIVERSITY: N_("university"),
    OrganizationType.TRAINING_INSTITUTION: N_("training institution"),
    OrganizationType.EMPLOYER: N_("employer"),
    OrganizationType.EMPLOYERS_ORGANISATION: N_("employers' organisation"),
    OrganizationType.NGO: N_("NGO"),
    OrganizationType.LABOUR_OFFICE: N_("labour office"),
    OrganizationType.LIBRARY_CULTURE: N_("library or culture centre"),
    OrganizationType.OTHER: N_("other"),
}

PILLARS = {
    Pillar.EDUCATION: N_("education"),
    Pillar.ECONOMY: N_("economy"),
    Pillar.STRATEGIC_MANAGEMENT: N_("strategic management"),
    Pillar.EU_FUNDS: N_("EU funds"),
    Pillar.SOCIAL_DIALOGUE: N_("social dialogue"),
}

EVENT_TYPES = {
    EventType.PARTNER_MORNING: N_("partner morning"),
    EventType.WORKSHOP: N_("workshop"),
    EventType.CONFERENCE: N_("conference"),
    EventType.GALA: N_("gala"),
    EventType.LOCAL_LEADERS_WORKSHOP: N_("local leaders workshop"),
    EventType.THINK_TANK: N_("Think Tank meeting"),
    EventType.LLL_LABORATORY: N_("LLL laboratory"),
}


EVENT_STATUSES = {
    EventStatus.PLANNED: N_("planned"),
    EventStatus.OPEN: N_("open for registration"),
    EventStatus.HELD: N_("held"),
    EventStatus.CANCELLED: N_("cancelled"),
}

REGISTRATION_STATUSES = {
    RegistrationStatus.INVITED: N_("invited"),
    RegistrationStatus.REGISTERED: N_("registered"),
    RegistrationStatus.ATTENDED: N_("attended"),
    RegistrationStatus.ABSENT: N_("absent"),
    RegistrationStatus.CANCELLED: N_("cancelled registration"),
    RegistrationStatus.WALK_IN: N_("walk-in"),
    RegistrationStatus.WAITING: N_("waiting list"),
}


DOCUMENT_KINDS = {
    DocumentKind.PARTICIPATION: N_("certificate of participation"),
    DocumentKind.DIPLOMA: N_("diploma"),
    DocumentKind.THANKS: N_("thank-you letter"),
}

DOCUMENT_STATUSES = {
    DocumentStatus.VALID: N_("valid"),
    DocumentStatus.REVOKED: N_("revoked"),
    DocumentStatus.REPLACED: N_("replaced"),
}


def document_kind_label(value: DocumentKind) -> str:
    return _(DOCUMENT_KINDS[value])


def document_status_label(value: DocumentStatus) -> str:
    return _(DOCUMENT_STATUSES[value])


def event_status_label(value: EventStatus) -> str:
    return _(EVENT_STATUSES[value])


def registration_status_label(value: RegistrationStatus) -> str:
    return _(REGISTRATION_STATUSES[value])


def organization_type_label(value: OrganizationType) -> str:
    return _(ORGANIZATION_TYPES[value])


def pillar_label(value: Pillar) -> str:
    return _(PILLARS[value])


