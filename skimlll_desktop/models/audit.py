"""The audit log: who changed which record, when, and from what to what."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from skimlll_desktop.models.base import Base, UTCDateTime, str_enum, utcnow


class AuditAction(enum.StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    MERGE = "merge"  # two records became one: changes say which and what moved


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction, 8))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int | None]
    record_uuid: Mapped[str | None] = mapped_column(String(36))
    # {field: [old, new]} for updates; {field: value} for inserts and deletes.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
