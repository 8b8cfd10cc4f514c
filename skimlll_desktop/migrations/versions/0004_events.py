"""events: themes, partners, session times, registration time

Revision ID: 0004_events
Revises: 0003_partnership
Create Date: 2026-11-23 23:20:46.774007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_events'
down_revision = '0003_partnership'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event_partners',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_partners_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_event_partners_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'organization_id', name=op.f('pk_event_partners'))
    )
    op.create_table('event_themes',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_themes_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_event_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'theme_id', name=op.f('pk_event_themes'))
    )
    with op.batch_alter_table('event_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.Time(), nullable=True))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organiser', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=False, server_default=''))

    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_at', sa.DateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_column('registered_at')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('notes')
        batch_op.drop_column('organiser')

    with op.batch_alter_table('event_sessions', schema=None) as batch_op:
        batch_op.drop_column('ends_at')
        batch_op.drop_column('starts_at')

    op.drop_table('event_themes')
    op.drop_table('event_partners')
