"""The partnership's registry: organisations (partners) and people."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import Record, UTCDateTime, str_enum

if TYPE_CHECKING:
    from skimlll_desktop.models.partnership import Affiliation, Membership, Theme


# Folded text is plain ASCII compared byte by byte: the "C" collation on PostgreSQL.
FOLDED_TEXT = String(300).with_variant(String(300, collation="C"), "postgresql")


class OrganizationType(enum.StrEnum):
    LOCAL_GOVERNMENT = "local_government"  # urząd gminy / starostwo
    SCHOOL = "school"
    UNIVERSITY = "university"
    TRAINING_INSTITUTION = "training_institution"
    EMPLOYER = "employer"
    EMPLOYERS_ORGANISATION = "employers_organisation"
    NGO = "ngo"
    LABOUR_OFFICE = "labour_office"
    LIBRARY_CULTURE = "library_culture"
    OTHER = "other"


class Gender(enum.StrEnum):
    """Grammatical gender for Polish documents (wziął / wzięła)."""

    FEMININE = "f"
    MASCULINE = "m"


class Organization(Record):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(80), default="")
    type: Mapped[OrganizationType] = mapped_column(
        str_enum(OrganizationType), default=OrganizationType.OTHER
    )
    nip: Mapped[str | None] = mapped_column(String(10), index=True)
    regon: Mapped[str | None] = mapped_column(String(14), index=True)
    krs: Mapped[str | None] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    gmina_teryt: Mapped[str | None] = mapped_column(ForeignKey("gminy.teryt"), index=True)
    powiat_teryt: Mapped[str | None] = mapped_column(ForeignKey("powiaty.teryt"), index=True)
    website: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Polish alphabetical order of the name (services.polish_text.sort_key), for ORDER BY.
    sort_key: Mapped[str] = mapped_column(String(600), default="", index=True)
    # The name folded to plain words ("gmina lacko"), for "begins with" search.
    search_name: Mapped[str] = mapped_column(FOLDED_TEXT, default="", index=True)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization", cascade="all, delete-orphan",
        order_by="Membership.since",
    )
    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )
    themes: Mapped[list[Theme]] = relationship(secondary="organization_themes")


class Person(Record):
    __tablename__ = "people"

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender, 1))
    title: Mapped[str] = mapped_column(String(60), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    gmina_teryt: Mapped[str | None] = mapped_column(ForeignKey("gminy.teryt"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # RODO: when and how the person agreed to be kept in the registry and contacted.
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_note: Mapped[str] = mapped_column(String(300), default="")
    # RODO erasure of someone who took part in events: the record stays without personal
    # data (and out of every list and search) so that past events keep their counts.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Polish alphabetical order of "last name first name", for ORDER BY.
    sort_key: Mapped[str] = mapped_column(String(500), default="", index=True)
    # ... and of the first name alone, for a list sorted by first names.
    first_name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    # "last first" folded to plain words ("zolkiewska lucja"), for "begins with" search.
    search_name: Mapped[str] = mapped_column(FOLDED_TEXT, default="", index=True)

    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    themes: Mapped[list[Theme]] = relationship(secondary="person_themes")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def primary_organization(self) -> Organization | None:
        """The institution the person represents first (people may belong to several)."""
        for affiliation in self.affiliations:
            if affiliation.is_primary:
                return affiliation.organization
        return self.affiliations[0].organization if self.affiliations else None
