"""The partnership itself: MPKU membership, pillars, themes of interest, people's roles."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import Base, Record, str_enum
from skimlll_desktop.models.registry import Organization, Person


class Pillar(enum.StrEnum):
    """The five pillars of the regional coordination team (WZK)."""

    EDUCATION = "education"  # oświata
    ECONOMY = "economy"  # gospodarka
    STRATEGIC_MANAGEMENT = "strategic_management"  # zarządzanie strategiczne
    EU_FUNDS = "eu_funds"  # fundusze europejskie
    SOCIAL_DIALOGUE = "social_dialogue"  # dialog społeczny


class Membership(Record):
    """An organisation's membership in MPKU, with its seats and representation."""

    __tablename__ = "memberships"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    since: Mapped[date | None]
    until: Mapped[date | None]
    declaration_signed_on: Mapped[date | None]
    programme_council_seat: Mapped[bool] = mapped_column(default=False)
    wzk_pillar: Mapped[Pillar | None] = mapped_column(str_enum(Pillar))
    notes: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship(back_populates="memberships")

    def is_active(self, on: date) -> bool:
        started = self.since is None or self.since <= on
        return started and (self.until is None or on <= self.until)


class Affiliation(Record):
    """A person's link to an organisation, with their role there."""

    __tablename__ = "affiliations"
    __table_args__ = (UniqueConstraint("person_id", "organization_id"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    is_primary: Mapped[bool] = mapped_column(default=True)

    person: Mapped[Person] = relationship(back_populates="affiliations")
    organization: Mapped[Organization] = relationship(back_populates="affiliations")


organization_themes = Table(
    "organization_themes",
    Base.metadata,
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

person_themes = Table(
    "person_themes",
    Base.metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class Theme(Record):
    """A theme of interest (edukacja włączająca, zielone kompetencje…): an editable list."""

    __tablename__ = "themes"

    name: Mapped[str] = mapped_column(String(120), unique=True)
