"""Bulk INSERTs of records for large writers (imports, demo data).

The ORM's unit of work costs about a hundred microseconds per object; a writer
of thousands of new rows sends them as Core INSERTs instead. What the session
hooks would have done is done here too: each row is stamped like a record made
by the ORM (UUID, timestamps, version, column defaults), its insertion is
written to the audit log (unless the session switched the log off), and the
caller asks for the search index of what it wrote (:meth:`BulkWriter.index`).

The new ids come back with ``INSERT … RETURNING`` in the rows' order: the
``uuid`` column is the insert sentinel (``models.base.Record``), so SQLAlchemy
sends many rows per statement on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from skimlll_desktop.models import Record
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.audit import audit_enabled, record_insertions
from skimlll_desktop.services.search import Kind, index_new_records


def _defaults(table: Table) -> dict[str, Any]:
    """What the ORM would store for a column a row leaves out: its default, or NULL."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        if column.default is not None and column.default.is_scalar:
            defaults[column.key] = column.default.arg
        elif column.nullable and not column.primary_key and column.server_default is None:
            defaults[column.key] = None
    return defaults


class BulkWriter:
    """Bulk INSERTs in one session's transaction, each row stamped like an ORM record."""

    def __init__(self, session: Session, chunk: int = 1000) -> None:
        self.session = session
        self.chunk = chunk
        self.now = utcnow()

    def insert(self, model: type[Record], rows: list[dict[str, Any]]) -> list[int]:
        """Insert records; their new ids in the rows' order.

        The dicts get their stamps and the defaults of the columns they leave out
        (rows of one statement must name the same columns).
        """
        if not rows:
            return []
        table: Table = model.__table__  # type: ignore[assignment]
        defaults = _defaults(table)
        for row in rows:
            for key, value in defaults.items():
                row.setdefault(key, value)
            row["uuid"] = uuid.uuid4()
            row["created_at"] = self.now
            row["updated_at"] = self.now
            row["version"] = 1
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = [id_ for (id_,) in self.session.execute(statement, rows)]
        if audit_enabled(self.session):
            record_insertions(self.session, table.name, rows, ids)
        return ids

    def link(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert rows of an association table (no record columns, not audited)."""
        if rows:
            self.session.execute(insert(table), rows)

    def index(self, kind: Kind, rows: Sequence[dict[str, Any]], ids: Sequence[int]) -> None:
        """The search index of records inserted here (the ORM hooks do not see them)."""
        index_new_records(self.session.connection(), kind,
                          ({**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)),
                          chunk=self.chunk * 5)
