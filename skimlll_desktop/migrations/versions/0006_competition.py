"""competition: editions, entries, jury, scores

Revision ID: 0006_competition
Revises: 0005_documents
Create Date: 2026-11-23 23:30:51.605026
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_competition'
down_revision = '0005_documents'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('competition_editions',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('call_opens_on', sa.Date(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('jury_meeting_on', sa.Date(), nullable=True),
    sa.Column('gala_event_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'open', 'scoring', 'final', name='editionstatus', native_enum=False, length=10), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['gala_event_id'], ['events.id'], name=op.f('fk_competition_editions_gala_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competition_editions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_competition_editions_uuid')),
    sa.UniqueConstraint('year', name=op.f('uq_competition_editions_year'))
    )
    op.create_table('awards',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('honourable_mentions', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['competition_editions.id'], name=op.f('fk_awards_edition_id_competition_editions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awards')),
    sa.UniqueConstraint('uuid', name=op.f('uq_awards_uuid'))
    )
    op.create_table('competition_categories',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('gmina_type', sa.Enum('1', '2', '3', name='gminatype', native_enum=False), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['competition_editions.id'], name=op.f('fk_competition_categories_edition_id_competition_editions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competition_categories')),
    sa.UniqueConstraint('uuid', name=op.f('uq_competition_categories_uuid'))
    )
    op.create_table('criteria',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('weight', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('max_points', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['competition_editions.id'], name=op.f('fk_criteria_edition_id_competition_editions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criteria')),
    sa.UniqueConstraint('uuid', name=op.f('uq_criteria_uuid'))
    )
    op.create_table('jurors',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['competition_editions.id'], name=op.f('fk_jurors_edition_id_competition_editions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_jurors_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jurors')),
    sa.UniqueConstraint('edition_id', 'person_id', name=op.f('uq_jurors_edition_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_jurors_uuid'))
    )
    op.create_table('competition_entries',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('gmina_teryt', sa.String(length=7), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('formal_check', sa.Enum('pending', 'complete', 'incomplete', name='formalcheck', native_enum=False, length=12), nullable=False),
    sa.Column('formal_note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['competition_categories.id'], name=op.f('fk_competition_entries_category_id_competition_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['edition_id'], ['competition_editions.id'], name=op.f('fk_competition_entries_edition_id_competition_editions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['gmina_teryt'], ['gminy.teryt'], name=op.f('fk_competition_entries_gmina_teryt_gminy')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['people.id'], name=op.f('fk_competition_entries_submitted_by_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competition_entries')),
    sa.UniqueConstraint('edition_id', 'gmina_teryt', name=op.f('uq_competition_entries_edition_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_competition_entries_uuid'))
    )
    op.create_table('conflicts_of_interest',
    sa.Column('juror_id', sa.Integer(), nullable=False),
    sa.Column('gmina_teryt', sa.String(length=7), nullable=True),
    sa.Column('powiat_teryt', sa.String(length=4), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['gmina_teryt'], ['gminy.teryt'], name=op.f('fk_conflicts_of_interest_gmina_teryt_gminy')),
    sa.ForeignKeyConstraint(['juror_id'], ['jurors.id'], name=op.f('fk_conflicts_of_interest_juror_id_jurors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['powiat_teryt'], ['powiaty.teryt'], name=op.f('fk_conflicts_of_interest_powiat_teryt_powiaty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts_of_interest')),
    sa.UniqueConstraint('uuid', name=op.f('uq_conflicts_of_interest_uuid'))
    )
    op.create_table('entry_attachments',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('stored_as', sa.String(length=400), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['competition_entries.id'], name=op.f('fk_entry_attachments_entry_id_competition_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_attachments')),
    sa.UniqueConstraint('uuid', name=op.f('uq_entry_attachments_uuid'))
    )
    op.create_table('juror_comments',
    sa.Column('juror_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['competition_entries.id'], name=op.f('fk_juror_comments_entry_id_competition_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['juror_id'], ['jurors.id'], name=op.f('fk_juror_comments_juror_id_jurors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_juror_comments')),
    sa.UniqueConstraint('juror_id', 'entry_id', name=op.f('uq_juror_comments_juror_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_juror_comments_uuid'))
    )
    op.create_table('scores',
    sa.Column('juror_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criteria.id'], name=op.f('fk_scores_criterion_id_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entry_id'], ['competition_entries.id'], name=op.f('fk_scores_entry_id_competition_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['juror_id'], ['jurors.id'], name=op.f('fk_scores_juror_id_jurors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scores')),
    sa.UniqueConstraint('juror_id', 'entry_id', 'criterion_id', name=op.f('uq_scores_juror_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_scores_uuid'))
    )
    with op.batch_alter_table('scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scores_entry_id'), ['entry_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scores_entry_id'))

    op.drop_table('scores')
    op.drop_table('juror_comments')
    op.drop_table('entry_attachments')
    op.drop_table('conflicts_of_interest')
    op.drop_table('competition_entries')
    op.drop_table('jurors')
    op.drop_table('criteria')
    op.drop_table('competition_categories')
    op.drop_table('awards')
    op.drop_table('competition_editions')
