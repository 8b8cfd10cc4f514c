"""people: a Polish sort key of the first name, for lists sorted by first names

Revision ID: 0011_first_name_key
Revises: 0010_people_erased
Create Date: 2026-11-24 03:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_first_name_key"
down_revision = "0010_people_erased"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    # Uses the program's own key, so the stored keys match what the program writes.
    from skimlll_desktop.services.polish_text import sort_key

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_name_key", sa.String(length=200), nullable=False,
                                      server_default=""))
        batch_op.create_index(batch_op.f("ix_people_first_name_key"), ["first_name_key"],
                              unique=False)
    connection = op.get_bind()
    people = sa.table("people", sa.column("id", sa.Integer),
                      sa.column("first_name", sa.String), sa.column("first_name_key", sa.String))
    rows = connection.execute(sa.select(people.c.id, people.c.first_name)).all()
    statement = (people.update().where(people.c.id == sa.bindparam("person_id"))
                 .values(first_name_key=sa.bindparam("key")))
    for start in range(0, len(rows), BATCH):
        connection.execute(statement, [{"person_id": id_, "key": sort_key(first or "")}
                                       for id_, first in rows[start:start + BATCH]])


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_first_name_key"))
        batch_op.drop_column("first_name_key")
