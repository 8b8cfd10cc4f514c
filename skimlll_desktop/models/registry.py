"""The partnership's registry: organisations (partners) and people."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import Record, str_enum


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
    website: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    people: Mapped[list[Person]] = relationship(back_populates="organization")


class Person(Record):
    __tablename__ = "people"

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender, 1))
    title: Mapped[str] = mapped_column(String(60), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str] = mapped_column(String(200), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    gmina_teryt: Mapped[str | None] = mapped_column(ForeignKey("gminy.teryt"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization | None] = relationship(back_populates="people")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
