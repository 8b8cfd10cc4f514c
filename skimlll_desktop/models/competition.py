"""The competition "Edukacyjna Gmina Małopolski": editions, entries, jury and scores."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import Record, str_enum
from skimlll_desktop.models.reference import GminaType
from skimlll_desktop.models.registry import Person

POINTS = Numeric(7, 2)


class EditionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"  # call for entries open
    SCORING = "scoring"
    FINAL = "final"  # locked: results announced


class FormalCheck(enum.StrEnum):
    PENDING = "pending"
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"


class CompetitionEdition(Record):
    __tablename__ = "competition_editions"

    year: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200))
    call_opens_on: Mapped[date | None]
    deadline: Mapped[date | None]
    jury_meeting_on: Mapped[date | None]
    gala_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"))
    status: Mapped[EditionStatus] = mapped_column(str_enum(EditionStatus, 10),
                                                  default=EditionStatus.DRAFT)

    categories: Mapped[list[CompetitionCategory]] = relationship(
        back_populates="edition", cascade="all, delete-orphan",
        order_by="CompetitionCategory.position")
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="edition", cascade="all, delete-orphan", order_by="Criterion.position")
    awards: Mapped[list[Award]] = relationship(back_populates="edition",
                                               cascade="all, delete-orphan")
    entries: Mapped[list[Entry]] = relationship(back_populates="edition",
                                                cascade="all, delete-orphan")
    jurors: Mapped[list[Juror]] = relationship(back_populates="edition",
                                               cascade="all, delete-orphan")


class CompetitionCategory(Record):
    __tablename__ = "competition_categories"

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("competition_editions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    gmina_type: Mapped[GminaType | None] = mapped_column(str_enum(GminaType, 1))
    position: Mapped[int] = mapped_column(default=0)

    edition: Mapped[CompetitionEdition] = relationship(back_populates="categories")


class Criterion(Record):
    __tablename__ = "criteria"

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("competition_editions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[Decimal] = mapped_column(POINTS, default=Decimal(1))
    max_points: Mapped[int] = mapped_column(default=10)
    position: Mapped[int] = mapped_column(default=0)

    edition: Mapped[CompetitionEdition] = relationship(back_populates="criteria")


class Award(Record):
    __tablename__ = "awards"

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("competition_editions.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    places: Mapped[int] = mapped_column(default=3)  # laureates per category
    honourable_mentions: Mapped[int] = mapped_column(default=0)

    edition: Mapped[CompetitionEdition] = relationship(back_populates="awards")


class Entry(Record):
    """A gmina's submission; one per gmina per edition."""

    __tablename__ = "competition_entries"
    __table_args__ = (UniqueConstraint("edition_id", "gmina_teryt"),)

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("competition_editions.id", ondelete="CASCADE"))
    gmina_teryt: Mapped[str] = mapped_column(ForeignKey("gminy.teryt"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("competition_categories.id", ondelete="SET NULL"))
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    submitted_on: Mapped[date | None]
    title: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    formal_check: Mapped[FormalCheck] = mapped_column(str_enum(FormalCheck, 12),
                                                      default=FormalCheck.PENDING)
    formal_note: Mapped[str] = mapped_column(Text, default="")

    edition: Mapped[CompetitionEdition] = relationship(back_populates="entries")
    attachments: Mapped[list[EntryAttachment]] = relationship(
        back_populates="entry", cascade="all, delete-orphan")


class EntryAttachment(Record):
    """A file copied into the program's data folder for an entry."""

    __tablename__ = "entry_attachments"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("competition_entries.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(255))
    stored_as: Mapped[str] = mapped_column(String(400))  # relative to the attachments folder
    size: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64))

    entry: Mapped[Entry] = relationship(back_populates="attachments")


class Juror(Record):
    __tablename__ = "jurors"
    __table_args__ = (UniqueConstraint("edition_id", "person_id"),)

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("competition_editions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))

    edition: Mapped[CompetitionEdition] = relationship(back_populates="jurors")
    person: Mapped[Person] = relationship()
    conflicts: Mapped[list[ConflictOfInterest]] = relationship(
        back_populates="juror", cascade="all, delete-orphan")


class ConflictOfInterest(Record):
    """A juror's declared conflict with a gmina or a whole powiat."""

    __tablename__ = "conflicts_of_interest"

    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    gmina_teryt: Mapped[str | None] = mapped_column(ForeignKey("gminy.teryt"))
    powiat_teryt: Mapped[str | None] = mapped_column(ForeignKey("powiaty.teryt"))
    note: Mapped[str] = mapped_column(String(300), default="")

    juror: Mapped[Juror] = relationship(back_populates="conflicts")


class Score(Record):
    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("juror_id", "entry_id", "criterion_id"),)

    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("competition_entries.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    points: Mapped[Decimal] = mapped_column(POINTS)


class JurorComment(Record):
    __tablename__ = "juror_comments"
    __table_args__ = (UniqueConstraint("juror_id", "entry_id"),)

    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("competition_entries.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")
