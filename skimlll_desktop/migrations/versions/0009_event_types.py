"""event types: an editable list (the built-in types first), events point at it

Revision ID: 0009_event_types
Revises: 0008_place_sort_keys
Create Date: 2026-11-24 02:00:00
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009_event_types"
down_revision = "0008_place_sort_keys"
branch_labels = None
depends_on = None

# The built-in codes, in the order the list starts with (models.events.EventType).
BUILT_IN = ("partner_morning", "workshop", "conference", "gala", "local_leaders_workshop",
            "think_tank", "lll_laboratory")


def upgrade() -> None:
    event_types = op.create_table(
        "event_types",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_types")),
        sa.UniqueConstraint("code", name=op.f("uq_event_types_code")),
        sa.UniqueConstraint("uuid", name=op.f("uq_event_types_uuid")),
    )
    now = datetime.now(UTC)
    if op.get_bind().dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    op.bulk_insert(event_types, [
        {"code": code, "name": "", "position": position, "hidden": False, "uuid": uuid.uuid4(),
         "created_at": now, "updated_at": now, "version": 1}
        for position, code in enumerate(BUILT_IN)])
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_events_type_event_types"), "event_types",
                                    ["type"], ["code"])


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_type_event_types"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_type"))
    op.drop_table("event_types")
