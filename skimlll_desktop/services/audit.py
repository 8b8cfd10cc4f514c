"""The audit log, written automatically from the session for every ORM change.

Installed on the session factory: after each flush, one row per inserted,
updated or deleted record with who, when, which record, and the values (for an
update: old → new of the fields that changed). A unit of work can switch it off
with ``session.info["audit"] = False`` (reference data, bulk demo data).
Bulk writers that bypass the ORM (``services.bulk_insert``) record their
insertions with :func:`record_insertions`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, update
from sqlalchemy.orm import Session, sessionmaker

from skimlll_desktop.models import AuditAction, AuditEntry, Record
from skimlll_desktop.models.base import utcnow

# Bookkeeping and derived columns; their changes are not news.
_NOT_AUDITED = {"version", "updated_at", "created_at", "sort_key", "first_name_key",
                "search_name"}


def _plain(value: Any) -> Any:
    """A value as JSON can hold it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} B>"
    return str(value)


def _column_values(record: Record) -> dict[str, Any]:
    state = inspect(record)
    values = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _NOT_AUDITED or attr.key not in state.dict:
            continue
        values[attr.key] = _plain(state.dict[attr.key])
    return values


def _changed_values(record: Record) -> dict[str, list[Any]]:
    state = inspect(record)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _NOT_AUDITED:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[attr.key] = [_plain(old), _plain(new)]
    return changes


def _entry(actor: str, action: AuditAction, record: Record, changes: dict) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "actor": actor,
        "action": action,
        "table_name": record.__tablename__,
        "record_id": record.id,
        "record_uuid": str(record.uuid) if record.uuid else None,
        "changes": changes,
    }


def audit_rows(session: Session, actor: str) -> list[dict[str, Any]]:
    """The audit rows for what the session is flushing now."""
    rows = []
    for record in session.new:
        if isinstance(record, Record):
            rows.append(_entry(actor, AuditAction.INSERT, record, _column_values(record)))
    for record in session.dirty:
        if isinstance(record, Record) and session.is_modified(record, include_collections=False):
            changes = _changed_values(record)
            if changes:
                rows.append(_entry(actor, AuditAction.UPDATE, record, changes))
    for record in session.deleted:
        if isinstance(record, Record):
            rows.append(_entry(actor, AuditAction.DELETE, record, _column_values(record)))
    return rows


def audit_enabled(session: Session) -> bool:
    return session.info.get("audit", True)


def session_actor(session: Session) -> str:
    """Who makes this session's changes (set by :func:`install_audit`)."""
    return session.info.get("actor", "")


def record_insertions(session: Session, table_name: str, rows: Sequence[Mapping[str, Any]],
                      ids: Sequence[int]) -> None:
    """Audit rows for records a bulk writer inserted (the flush hook does not see them)."""
    at = utcnow()
    actor = session_actor(session)
    entries = [{
        "at": at,
        "actor": actor,
        "action": AuditAction.INSERT,
        "table_name": table_name,
        "record_id": id_,
        "record_uuid": str(row["uuid"]),
        "changes": {"id": id_, **{key: _plain(value) for key, value in row.items()
                                  if key not in _NOT_AUDITED}},
    } for row, id_ in zip(rows, ids, strict=True)]
    if entries:
        session.connection().execute(insert(AuditEntry), entries)


ERASED = {"erased": True}


def erase_from_audit_log(session: Session, table_name: str, record_id: int) -> None:
    """RODO erasure: the record's entries keep who did what and when, not its values."""
    session.flush()  # the entry of the deletion itself is written by the flush
    session.connection().execute(
        update(AuditEntry)
        .where(AuditEntry.table_name == table_name, AuditEntry.record_id == record_id)
        .values(changes=ERASED))


def install_audit(session_factory: sessionmaker[Session], actor: str) -> None:
    """Audit every flush of the factory's sessions, in the name of ``actor``."""
    session_factory.kw.setdefault("info", {}).setdefault("actor", actor)

    def write_audit(session: Session, _flush_context: Any) -> None:
        if not audit_enabled(session):
            return
        rows = audit_rows(session, session_actor(session) or actor)
        if rows:
            session.connection().execute(insert(AuditEntry), rows)

    event.listen(session_factory, "after_flush", write_audit)
