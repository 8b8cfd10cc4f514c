"""reference data, settings and audit log

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-23 22:41:51.857022
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('action', sa.Enum('insert', 'update', 'delete', name='auditaction', native_enum=False, length=8), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('record_uuid', sa.String(length=36), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_log_record', ['table_name', 'record_id'], unique=False)

    op.create_table('powiaty',
    sa.Column('teryt', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.Enum('powiat', 'miasto na prawach powiatu', name='powiatkind', native_enum=False, length=40), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_powiaty')),
    sa.UniqueConstraint('teryt', name=op.f('uq_powiaty_teryt')),
    sa.UniqueConstraint('uuid', name=op.f('uq_powiaty_uuid'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('blob', sa.LargeBinary(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settings')),
    sa.UniqueConstraint('key', name=op.f('uq_settings_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_settings_uuid'))
    )
    op.create_table('gminy',
    sa.Column('teryt', sa.String(length=7), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('type', sa.Enum('1', '2', '3', name='gminatype', native_enum=False), nullable=False),
    sa.Column('powiat_teryt', sa.String(length=4), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['powiat_teryt'], ['powiaty.teryt'], name=op.f('fk_gminy_powiat_teryt_powiaty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gminy')),
    sa.UniqueConstraint('teryt', name=op.f('uq_gminy_teryt')),
    sa.UniqueConstraint('uuid', name=op.f('uq_gminy_uuid'))
    )
    with op.batch_alter_table('gminy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gminy_powiat_teryt'), ['powiat_teryt'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('gminy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gminy_powiat_teryt'))

    op.drop_table('gminy')
    op.drop_table('settings')
    op.drop_table('powiaty')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_record')
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
