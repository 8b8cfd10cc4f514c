"""certificates: templates, counters, assets, issued documents

Revision ID: 0005_documents
Revises: 0004_events
Create Date: 2026-11-23 23:27:06.263037
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_documents'
down_revision = '0004_events'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_assets',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_assets')),
    sa.UniqueConstraint('sha256', name=op.f('uq_document_assets_sha256')),
    sa.UniqueConstraint('uuid', name=op.f('uq_document_assets_uuid'))
    )
    op.create_table('document_counters',
    sa.Column('kind', sa.Enum('participation', 'diploma', 'thanks', name='documentkind', native_enum=False, length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_counters')),
    sa.UniqueConstraint('kind', 'year', name=op.f('uq_document_counters_kind')),
    sa.UniqueConstraint('uuid', name=op.f('uq_document_counters_uuid'))
    )
    op.create_table('document_templates',
    sa.Column('kind', sa.Enum('participation', 'diploma', 'thanks', name='documentkind', native_enum=False, length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('orientation', sa.Enum('portrait', 'landscape', name='orientation', native_enum=False, length=10), nullable=False),
    sa.Column('heading', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('signatory_name', sa.String(length=200), nullable=False),
    sa.Column('signatory_role', sa.String(length=300), nullable=False),
    sa.Column('issue_place', sa.String(length=100), nullable=False),
    sa.Column('background', sa.LargeBinary(), nullable=True),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_templates')),
    sa.UniqueConstraint('uuid', name=op.f('uq_document_templates_uuid'))
    )
    op.create_table('issued_documents',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('participation', 'diploma', 'thanks', name='documentkind', native_enum=False, length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('holder_name', sa.String(length=300), nullable=False),
    sa.Column('subject', sa.String(length=400), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=120), nullable=False),
    sa.Column('status', sa.Enum('valid', 'revoked', 'replaced', name='documentstatus', native_enum=False, length=10), nullable=False),
    sa.Column('revoked_reason', sa.Text(), nullable=False),
    sa.Column('replaced_by_id', sa.Integer(), nullable=True),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('inputs_sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_issued_documents_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_issued_documents_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['replaced_by_id'], ['issued_documents.id'], name=op.f('fk_issued_documents_replaced_by_id_issued_documents'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents')),
    sa.UniqueConstraint('number', name=op.f('uq_issued_documents_number')),
    sa.UniqueConstraint('uuid', name=op.f('uq_issued_documents_uuid'))
    )
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.create_index('ix_issued_documents_event', ['event_id'], unique=False)
        batch_op.create_index('ix_issued_documents_person', ['person_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_issued_documents_person')
        batch_op.drop_index('ix_issued_documents_event')

    op.drop_table('issued_documents')
    op.drop_table('document_templates')
    op.drop_table('document_counters')
    op.drop_table('document_assets')
