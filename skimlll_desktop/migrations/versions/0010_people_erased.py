"""people: erased (anonymised) records keep past events' counts

Revision ID: 0010_people_erased
Revises: 0009_event_types
Create Date: 2026-11-24 03:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_people_erased"
down_revision = "0009_event_types"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
        # every list counts "not erased": an index keeps that count as quick as before
        batch_op.create_index(batch_op.f("ix_people_erased_at"), ["erased_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_erased_at"))
        batch_op.drop_column("erased_at")
