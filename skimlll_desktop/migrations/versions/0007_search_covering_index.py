"""search: the per-record words index also covers the word

Revision ID: 0007_search_covering_index
Revises: 0006_competition
Create Date: 2026-11-23 23:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0007_search_covering_index"
down_revision = "0006_competition"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("search_words", schema=None) as batch_op:
        batch_op.drop_index("ix_search_words_record")
        batch_op.create_index("ix_search_words_record", ["kind", "record_id", "word"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("search_words", schema=None) as batch_op:
        batch_op.drop_index("ix_search_words_record")
        batch_op.create_index("ix_search_words_record", ["kind", "record_id"], unique=False)
