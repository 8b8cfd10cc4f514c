"""RODO erasure of a person: nothing personal left, past events keep their counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from skimlll_desktop.models import AuditAction, AuditEntry, Person
from skimlll_desktop.services.attendance import event_summary
from skimlll_desktop.services.attendance_list import build_attendance_list
from skimlll_desktop.services.checkin import check_in, find_for_checkin
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.document_recipients import people_recipients
from skimlll_desktop.services.erasure import erase_person
from skimlll_desktop.services.events import (
    EventDetails,
    list_events,
    list_registrations,
    register_person,
    save_event,
)
from skimlll_desktop.services.people import PeopleQuery, count_people, list_people
from skimlll_desktop.services.registry import (
    AffiliationInfo,
    OrganizationDetails,
    PersonDetails,
    save_organization,
    save_person,
)
from skimlll_desktop.services.registry_export import export_people
from skimlll_desktop.services.search import search_records

PERSONAL = ("Żółkiewska", "Łucja", "zolkiewska", "234 567", "dyrektorka")


def _lucja(db: Database) -> PersonDetails:
    school = save_organization(db, OrganizationDetails(name="Szkoła w Łącku",
                                                       gmina_teryt="1210092"))
    person = save_person(db, PersonDetails(
        first_name="Łucja", last_name="Żółkiewska", email="l.zolkiewska@example.pl",
        gmina_teryt="1210092", consent=True, consent_note="formularz 2026",
        affiliations=(AffiliationInfo(school.id or 0, role="dyrektorka"),)))
    return save_person(db, replace(person, phone="601 234 567"))


def _audit_of(db: Database, person_id: int) -> tuple[list, str]:
    with db.transaction() as session:
        entries = session.execute(select(AuditEntry.action, AuditEntry.actor,
                                         AuditEntry.changes).where(
            AuditEntry.table_name == "people", AuditEntry.record_id == person_id)).all()
        everything = " ".join(str(changes) for changes in session.scalars(
            select(AuditEntry.changes)))
    return entries, everything


def test_someone_with_no_history_is_deleted_and_leaves_no_data_in_the_log(
    any_db: Database,
) -> None:
    person = _lucja(any_db)
    assert erase_person(any_db, person.id or 0, person.version or 0) is False
    with any_db.transaction() as session:
        assert session.get(Person, person.id) is None
    entries, everything = _audit_of(any_db, person.id or 0)
    assert [action for action, _actor, _changes in entries] == [
        AuditAction.INSERT, AuditAction.UPDATE, AuditAction.DELETE]
    assert all(changes == {"erased": True} and actor for _a, actor, changes in entries)
    for personal in PERSONAL[:4]:
        assert personal not in everything


def test_a_participant_is_anonymised_and_past_events_keep_their_counts(
    any_db: Database, tmp_path: Path,
) -> None:
    person = _lucja(any_db)
    other = save_person(any_db, PersonDetails(first_name="Jan", last_name="Nowak",
                                              gmina_teryt="1210092"))
    event = save_event(any_db, EventDetails(title="Warsztaty", starts_on=date(2026, 5, 12),
                                            ends_on=date(2026, 5, 12)))
    for someone in (person, other):
        register_person(any_db, event.id or 0, someone.id or 0)
        check_in(any_db, event.id or 0, someone.id or 0, 1)
    before = event_summary(any_db, event.id or 0)

    assert erase_person(any_db, person.id or 0, person.version or 0) is True

    after = event_summary(any_db, event.id or 0)
    assert (after.registered, after.attended) == (before.registered, before.attended) == (2, 2)
    assert after.by_powiat == before.by_powiat  # the gmina stays for the figures
    assert after.by_organization_type == before.by_organization_type
    assert list_events(any_db)[0].attended == 2
    names = [row.name for row in list_registrations(any_db, event.id or 0)]
    assert "osoba usunięta na własne żądanie (RODO)" in names and "Jan Nowak" in names
    # out of every list, search, export and new document
    assert [row.last_name for row in list_people(any_db, PeopleQuery())] == ["Nowak"]
    assert count_people(any_db, PeopleQuery()) == 1
    with any_db.transaction() as session:
        found = {hit.name for hit in search_records(session, "lacko")}  # by their gmina
    assert found == {"Szkoła w Łącku", "Jan Nowak"}
    assert [c.name for c in find_for_checkin(any_db, event.id or 0, 1, "")] == ["Jan Nowak"]
    assert [r.name for r in people_recipients(any_db, [person.id or 0, other.id or 0])] == [
        "Jan Nowak"]
    pages = PdfReader(build_attendance_list(any_db, event.id or 0, tmp_path / "l.pdf")).pages
    listed = "\n".join(page.extract_text() for page in pages)
    assert "Nowak" in listed and "—" not in listed.split("Imię i nazwisko", 1)[1]
    sheet = load_workbook(export_people(any_db, tmp_path / "p.xlsx", None)).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Nowak"]
    # nothing personal left, in the record or in the change log
    with any_db.transaction() as session:
        kept = session.get(Person, person.id)
        assert kept is not None and kept.erased_at is not None
        values = " ".join(str(getattr(kept, column.key)) for column in Person.__table__.columns)
        roles = " ".join(a.role for a in kept.affiliations)
    _entries, everything = _audit_of(any_db, person.id or 0)
    for personal in PERSONAL:
        assert personal not in values and personal not in roles
        assert personal not in everything


def test_a_juror_is_anonymised_and_stays_on_the_jury(any_db: Database) -> None:
    from skimlll_desktop.services.competition import add_juror, create_edition, list_jurors

    person = _lucja(any_db)
    create_edition(any_db, 2026)
    add_juror(any_db, 2026, person.id or 0)
    assert erase_person(any_db, person.id or 0, person.version or 0) is True
    assert len(list_jurors(any_db, 2026)) == 1  # the jury's scores keep their juror
    assert count_people(any_db, PeopleQuery()) == 0
