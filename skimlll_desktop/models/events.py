"""Events, their sessions (days), registrations and attendance per session."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import Base, Record, UTCDateTime, str_enum
from skimlll_desktop.models.partnership import Theme
from skimlll_desktop.models.registry import Organization, Person

event_themes = Table(
    "event_themes",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

event_partners = Table(
    "event_partners",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"),
           primary_key=True),
)


class EventType(enum.StrEnum):
    """The built-in event types (codes in ``event_types``); staff may add their own."""

    PARTNER_MORNING = "partner_morning"  # poranek partnerski
    WORKSHOP = "workshop"  # warsztaty
    CONFERENCE = "conference"  # konferencja
    GALA = "gala"
    LOCAL_LEADERS_WORKSHOP = "local_leaders_workshop"  # warsztaty z liderami lokalnymi
    THINK_TANK = "think_tank"
    LLL_LABORATORY = "lll_laboratory"  # laboratorium LLL


class EventStatus(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    HELD = "held"
    CANCELLED = "cancelled"


class RegistrationStatus(enum.StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    ATTENDED = "attended"
    ABSENT = "absent"
    CANCELLED = "cancelled"
    WALK_IN = "walk_in"
    WAITING = "waiting"  # on the waiting list: the event was full


class EventTypeEntry(Record):
    """One entry of the editable list of event types.

    The built-in types have an :class:`EventType` code and no name of their own
    (their label is translated); a type staff added has a generated code and the
    name they gave it. A hidden type is not offered for new events.
    """

    __tablename__ = "event_types"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    position: Mapped[int] = mapped_column(default=0)
    hidden: Mapped[bool] = mapped_column(default=False)


class Event(Record):
    __tablename__ = "events"

    # an EventTypeEntry's code: an EventType value or a type staff added
    type: Mapped[str] = mapped_column(ForeignKey("event_types.code"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    gmina_teryt: Mapped[str | None] = mapped_column(ForeignKey("gminy.teryt"))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    capacity: Mapped[int | None]
    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus), default=EventStatus.PLANNED
    )
    training_hours: Mapped[int] = mapped_column(default=0)
    organiser: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")  # notes and conclusions

    themes: Mapped[list[Theme]] = relationship(secondary="event_themes")
    partners: Mapped[list[Organization]] = relationship(secondary="event_partners")

    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event", order_by="EventSession.number", cascade="all, delete-orphan"
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class EventSession(Record):
    """One day or block of an event; attendance is taken per session."""

    __tablename__ = "event_sessions"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    number: Mapped[int]
    day: Mapped[date]
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[time | None]
    ends_at: Mapped[time | None]

    event: Mapped[Event] = relationship(back_populates="sessions")


class Registration(Record):
    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(
        str_enum(RegistrationStatus), default=RegistrationStatus.INVITED
    )
    # when the person registered (or joined the waiting list: its order)
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship(back_populates="registrations")
    person: Mapped[Person] = relationship()
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="registration", cascade="all, delete-orphan"
    )


class Attendance(Record):
    """A person present at one session, with the check-in time."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("registration_id", "session_id"),)

    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE")
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime)

    registration: Mapped[Registration] = relationship(back_populates="attendances")
