"""What every record gets: UUID, UTC timestamps, optimistic locking, the audit log."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import select

from skimlll_desktop.models import AuditAction, AuditEntry, Gender, Organization, Person
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.errors import StaleRecordError
from skimlll_desktop.services.settings import load_document_settings, save_document_settings


def _add_person(database: Database, **values) -> int:
    with database.transaction() as session:
        person = Person(first_name="Łucja", last_name="Żółkiewska", **values)
        session.add(person)
        session.flush()
        return person.id


def test_record_gets_uuid_utc_timestamps_and_version(any_db: Database) -> None:
    person_id = _add_person(any_db)
    with any_db.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None
        assert person.uuid is not None and person.uuid.version == 4
        assert person.created_at.tzinfo is UTC and person.updated_at.tzinfo is UTC
        assert person.version == 1
        first_update = person.updated_at
        person.email = "lucja@example.pl"
    with any_db.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None
        assert person.version == 2
        assert person.updated_at >= first_update


def test_stale_save_is_refused(any_db: Database) -> None:
    """Two users open the same person; the second save must not overwrite the first."""
    person_id = _add_person(any_db)
    other_desk = open_database(any_db.location)
    try:
        with (
            pytest.raises(StaleRecordError) as refused,
            other_desk.transaction() as slow_session,
        ):
                slow_copy = slow_session.get(Person, person_id)
                assert slow_copy is not None
                with any_db.transaction() as fast_session:
                    fast_copy = fast_session.get(Person, person_id)
                    assert fast_copy is not None
                    fast_copy.phone = "+48 12 616 00 00"
                slow_copy.phone = "+48 600 000 000"
        assert "Ktoś inny" in refused.value.message
    finally:
        other_desk.dispose()
    with any_db.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None
        assert person.phone == "+48 12 616 00 00"
        assert person.version == 2


def test_stale_settings_save_is_refused(any_db: Database) -> None:
    mine = load_document_settings(any_db)
    theirs = load_document_settings(any_db)
    save_document_settings(any_db, theirs.with_changes(project_name="Projekt A"))
    with pytest.raises(StaleRecordError):
        save_document_settings(any_db, mine.with_changes(project_name="Projekt B"))
    assert load_document_settings(any_db).project_name == "Projekt A"


def test_settings_round_trip_with_images(any_db: Database) -> None:
    settings = load_document_settings(any_db)
    assert settings.institution_name == "Wojewódzki Urząd Pracy w Krakowie"
    saved = save_document_settings(
        any_db, settings.with_changes(institution_name="WUP Kraków", logo=b"\x89PNG fake")
    )
    assert saved.institution_name == "WUP Kraków" and saved.logo == b"\x89PNG fake"
    again = save_document_settings(any_db, saved.with_changes(logo=None))
    assert again.logo is None and again.institution_name == "WUP Kraków"


def _audit(database: Database, table: str, record_id: int) -> list[AuditEntry]:
    with database.transaction() as session:
        return list(session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id)
        ))


def test_audit_log_for_insert_update_delete(any_db: Database) -> None:
    with any_db.transaction() as session:
        organization = Organization(name="Gmina Łącko", nip="7340009469")
        session.add(organization)
        session.flush()
        organization_id = organization.id
        organization_uuid = str(organization.uuid)
    with any_db.transaction() as session:
        organization = session.get(Organization, organization_id)
        assert organization is not None
        organization.name = "Urząd Gminy Łącko"
        organization.phone = "+48 18 444 61 00"
    with any_db.transaction() as session:
        session.delete(session.get(Organization, organization_id))

    inserted, updated, deleted = _audit(any_db, "organizations", organization_id)
    assert [inserted.action, updated.action, deleted.action] == [
        AuditAction.INSERT, AuditAction.UPDATE, AuditAction.DELETE]
    assert inserted.record_uuid == organization_uuid
    assert inserted.changes["name"] == "Gmina Łącko" and inserted.changes["nip"] == "7340009469"
    assert updated.changes == {
        "name": ["Gmina Łącko", "Urząd Gminy Łącko"],
        "phone": ["", "+48 18 444 61 00"],
    }
    assert deleted.changes["name"] == "Urząd Gminy Łącko"
    assert all(entry.actor for entry in (inserted, updated, deleted))
    assert inserted.at.tzinfo is UTC


def test_audit_records_enum_values_and_skips_unchanged_saves(any_db: Database) -> None:
    person_id = _add_person(any_db, gender=Gender.FEMININE)
    with any_db.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.last_name = "Żółkiewska"  # the same value: not a change
    with any_db.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.gender = Gender.MASCULINE
    entries = _audit(any_db, "people", person_id)
    assert [entry.action for entry in entries] == [AuditAction.INSERT, AuditAction.UPDATE]
    assert entries[0].changes["gender"] == "f"
    assert entries[1].changes == {"gender": ["f", "m"]}


def test_failed_transaction_writes_no_audit(any_db: Database) -> None:
    with pytest.raises(RuntimeError), any_db.transaction() as session:
        session.add(Person(first_name="Jan", last_name="Nowak"))
        session.flush()
        raise RuntimeError("the user's action failed half-way")
    with any_db.transaction() as session:
        assert session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "people")).all() == []
        assert session.scalars(select(Person)).all() == []
