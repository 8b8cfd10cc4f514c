"""Certificates, diplomas and thank-you letters: templates and the register of issued ones."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import JSON_TYPE, Record, UTCDateTime, str_enum


class DocumentKind(enum.StrEnum):
    PARTICIPATION = "participation"  # zaświadczenie o udziale
    DIPLOMA = "diploma"  # dyplom
    THANKS = "thanks"  # podziękowanie


class Orientation(enum.StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class DocumentStatus(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    REPLACED = "replaced"


class DocumentTemplate(Record):
    """Editable text with placeholders ({imię_nazwisko}, {wziął/wzięła/wziął(-ęła)}…)."""

    __tablename__ = "document_templates"

    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    name: Mapped[str] = mapped_column(String(200))
    orientation: Mapped[Orientation] = mapped_column(str_enum(Orientation, 10),
                                                     default=Orientation.PORTRAIT)
    heading: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_role: Mapped[str] = mapped_column(String(300), default="")
    issue_place: Mapped[str] = mapped_column(String(100), default="")
    background: Mapped[bytes | None] = mapped_column(LargeBinary)
    is_default: Mapped[bool] = mapped_column(default=False)


class DocumentCounter(Record):
    """The last number used per kind and year: numbers only ever go up."""

    __tablename__ = "document_counters"
    __table_args__ = (UniqueConstraint("kind", "year"),)

    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    year: Mapped[int]
    last: Mapped[int] = mapped_column(default=0)


class DocumentAsset(Record):
    """An image used on issued documents, kept by its hash so a reprint is identical."""

    __tablename__ = "document_assets"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class IssuedDocument(Record):
    """One issued document: its number, holder, and the exact inputs it was printed from."""

    __tablename__ = "issued_documents"
    __table_args__ = (Index("ix_issued_documents_person", "person_id"),
                      Index("ix_issued_documents_event", "event_id"))

    number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    year: Mapped[int]
    serial: Mapped[int]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    holder_name: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(400), default="")  # the event or award
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[DocumentStatus] = mapped_column(str_enum(DocumentStatus, 10),
                                                   default=DocumentStatus.VALID)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("issued_documents.id", ondelete="SET NULL"))
    # Everything the page was drawn from (texts, values, asset hashes) and its hash.
    inputs: Mapped[dict] = mapped_column(JSON_TYPE)
    inputs_sha256: Mapped[str] = mapped_column(String(64))

    replaced_by: Mapped[IssuedDocument | None] = relationship(remote_side="IssuedDocument.id")
