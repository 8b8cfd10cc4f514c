"""gminy and powiaty: a Polish sort key of the name, so lists sort by them in Polish order

Revision ID: 0008_place_sort_keys
Revises: 0007_search_covering_index
Create Date: 2026-11-24 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from skimlll_desktop.services.polish_text import sort_key

revision = "0008_place_sort_keys"
down_revision = "0007_search_covering_index"
branch_labels = None
depends_on = None

TABLES = ("powiaty", "gminy")


def upgrade() -> None:
    connection = op.get_bind()
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("sort_key", sa.String(length=200), nullable=False,
                                          server_default=""))
        table = sa.table(name, sa.column("id", sa.Integer), sa.column("name", sa.String),
                         sa.column("sort_key", sa.String))
        rows = connection.execute(sa.select(table.c.id, table.c.name)).all()
        for id_, place in rows:
            connection.execute(table.update().where(table.c.id == id_)
                               .values(sort_key=sort_key(place)))


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("sort_key")
