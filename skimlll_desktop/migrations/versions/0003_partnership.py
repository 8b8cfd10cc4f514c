"""partnership registry and search index

People's links to organisations move from ``people.organization_id`` to
``affiliations`` (with a role; a person may represent several institutions).
Sort keys (Polish alphabetical order) and the search index are computed for the
records already there.

Revision ID: 0003_partnership
Revises: 0002_registry_events
Create Date: 2026-11-23 22:55:17.943163
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0003_partnership'
down_revision = '0002_registry_events'
branch_labels = None
depends_on = None

FOLDED_TEXT = sa.String(300).with_variant(sa.String(300, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table('search_words',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('word', sa.String(length=64).with_variant(sa.String(length=64, collation='C'), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_words'))
    )
    with op.batch_alter_table('search_words', schema=None) as batch_op:
        batch_op.create_index('ix_search_words_lookup', ['kind', 'word', 'record_id'], unique=False)
        batch_op.create_index('ix_search_words_record', ['kind', 'record_id'], unique=False)

    op.create_table('themes',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes')),
    sa.UniqueConstraint('name', name=op.f('uq_themes_name')),
    sa.UniqueConstraint('uuid', name=op.f('uq_themes_uuid'))
    )
    op.create_table('affiliations',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_affiliations_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_affiliations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations')),
    sa.UniqueConstraint('person_id', 'organization_id', name=op.f('uq_affiliations_person_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_affiliations_uuid'))
    )
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliations_organization_id'), ['organization_id'], unique=False)

    op.create_table('memberships',
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('declaration_signed_on', sa.Date(), nullable=True),
    sa.Column('programme_council_seat', sa.Boolean(), nullable=False),
    sa.Column('wzk_pillar', sa.Enum('education', 'economy', 'strategic_management', 'eu_funds', 'social_dialogue', name='pillar', native_enum=False, length=32), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_memberships_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('uuid', name=op.f('uq_memberships_uuid'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_organization_id'), ['organization_id'], unique=False)

    op.create_table('organization_themes',
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_themes_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_organization_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organization_id', 'theme_id', name=op.f('pk_organization_themes'))
    )
    op.create_table('person_themes',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_themes_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_person_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'theme_id', name=op.f('pk_person_themes'))
    )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('powiat_teryt', sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column('sort_key', sa.String(length=600), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('search_name', FOLDED_TEXT, nullable=False,
                                      server_default=''))
        batch_op.create_index(batch_op.f('ix_organizations_search_name'), ['search_name'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_powiat_teryt'), ['powiat_teryt'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_sort_key'), ['sort_key'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organizations_powiat_teryt_powiaty'), 'powiaty', ['powiat_teryt'], ['teryt'])

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('consent_note', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('sort_key', sa.String(length=500), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('search_name', FOLDED_TEXT, nullable=False,
                                      server_default=''))
        batch_op.create_index(batch_op.f('ix_people_search_name'), ['search_name'],
                              unique=False)
        batch_op.drop_index(batch_op.f('ix_people_organization_id'))
        batch_op.create_index(batch_op.f('ix_people_sort_key'), ['sort_key'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_people_organization_id_organizations'), type_='foreignkey')
        batch_op.drop_column('organization_id')



def _move_organization_links_to_affiliations() -> None:
    connection = op.get_bind()
    links = connection.execute(sa.text(
        "SELECT id, organization_id FROM people WHERE organization_id IS NOT NULL")).all()
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    affiliations = sa.table(
        "affiliations", sa.column("person_id"), sa.column("organization_id"),
        sa.column("role"), sa.column("is_primary"), sa.column("uuid", sa.Uuid()),
        sa.column("created_at"), sa.column("updated_at"), sa.column("version"))
    rows = [{"person_id": person_id, "organization_id": organization_id, "role": "",
             "is_primary": True, "uuid": uuid.uuid4(), "created_at": now, "updated_at": now,
             "version": 1} for person_id, organization_id in links]
    if rows:
        op.bulk_insert(affiliations, rows)


def _compute_sort_keys_and_search_index() -> None:
    # Uses the program's own folding, so keys and index match what the program writes.
    from skimlll_desktop.services.polish_text import sort_key
    from skimlll_desktop.services.search import ORGANIZATION, PERSON, reindex, search_name

    connection = op.get_bind()
    people = connection.execute(sa.text("SELECT id, last_name, first_name FROM people")).all()
    for person_id, last_name, first_name in people:
        name = f"{last_name} {first_name}"
        connection.execute(
            sa.text("UPDATE people SET sort_key = :key, search_name = :name WHERE id = :id"),
            {"key": sort_key(name), "name": search_name(name), "id": person_id})
    organizations = connection.execute(sa.text("SELECT id, name FROM organizations")).all()
    for organization_id, name in organizations:
        connection.execute(
            sa.text("UPDATE organizations SET sort_key = :key, search_name = :name "
                    "WHERE id = :id"),
            {"key": sort_key(name), "name": search_name(name), "id": organization_id})
    reindex(connection, PERSON)
    reindex(connection, ORGANIZATION)


def downgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organization_id', sa.INTEGER(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_people_organization_id_organizations'), 'organizations', ['organization_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_index(batch_op.f('ix_people_sort_key'))
        batch_op.drop_index(batch_op.f('ix_people_search_name'))
        batch_op.drop_column('search_name')
        batch_op.create_index(batch_op.f('ix_people_organization_id'), ['organization_id'], unique=False)
        batch_op.drop_column('sort_key')
        batch_op.drop_column('consent_note')
        batch_op.drop_column('consent_at')

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organizations_powiat_teryt_powiaty'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organizations_sort_key'))
        batch_op.drop_index(batch_op.f('ix_organizations_search_name'))
        batch_op.drop_column('search_name')
        batch_op.drop_index(batch_op.f('ix_organizations_powiat_teryt'))
        batch_op.drop_column('sort_key')
        batch_op.drop_column('powiat_teryt')

    op.drop_table('person_themes')
    op.drop_table('organization_themes')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_organization_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliations_organization_id'))

    op.drop_table('affiliations')
    op.drop_table('themes')
    with op.batch_alter_table('search_words', schema=None) as batch_op:
        batch_op.drop_index('ix_search_words_record')
        batch_op.drop_index('ix_search_words_lookup')

    op.drop_table('search_words')
