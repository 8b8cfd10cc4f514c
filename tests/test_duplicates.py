"""Likely duplicates and merging records without losing a link."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    AuditAction,
    AuditEntry,
    Event,
    EventSession,
    EventType,
    Membership,
    Organization,
    Person,
    Registration,
    RegistrationStatus,
    Theme,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.duplicates import (
    merge_organizations,
    merge_people,
    organization_duplicates,
    person_duplicates,
)
from skimlll_desktop.services.errors import StaleRecordError
from skimlll_desktop.services.search import search_records


def test_organization_duplicates_by_nip_email_and_similar_name(any_db: Database) -> None:
    with any_db.transaction() as session:
        session.add_all([
            Organization(name="Szkoła Podstawowa nr 1 w Łącku", gmina_teryt="1210092"),
            Organization(name="Urząd Gminy Łącko", nip="7340009469", email="ug@lacko.pl",
                         gmina_teryt="1210092"),
            Organization(name="Szkoła Podstawowa nr 1 w Łącku", gmina_teryt="1216153"),
        ])
    with any_db.transaction() as session:
        by_nip = organization_duplicates(session, "UG", nip="7340009469")
        assert [(c.name, c.reason) for c in by_nip] == [("Urząd Gminy Łącko", "ten sam NIP")]
        assert [c.name for c in organization_duplicates(session, "X", email="UG@lacko.pl")] == [
            "Urząd Gminy Łącko"]
        similar = organization_duplicates(session, "szkola podstawowa nr 1 w lacku",
                                          gmina_teryt="1210092")
        assert len(similar) == 1 and similar[0].reason == "podobna nazwa w tej samej gminie"
        assert organization_duplicates(session, "Fundacja Inna", gmina_teryt="1210092") == []


def test_person_duplicates(any_db: Database) -> None:
    with any_db.transaction() as session:
        school = Organization(name="Szkoła")
        session.add_all([
            Person(first_name="Łucja", last_name="Żółkiewska", gmina_teryt="1210092"),
            Person(first_name="Jan", last_name="Nowak", email="jan.nowak@example.pl",
                   affiliations=[Affiliation(organization=school)]),
        ])
        session.flush()
        school_id = school.id
    with any_db.transaction() as session:
        assert [c.name for c in person_duplicates(session, "Lucja", "Zolkiewska",
                                                  gmina_teryt="1210092")] == ["Łucja Żółkiewska"]
        assert person_duplicates(session, "Lucja", "Zolkiewska", gmina_teryt="1216153") == []
        assert [c.reason for c in person_duplicates(
            session, "Jan", "Nowak", organization_ids=(school_id,))] == [
            "podobne imię i nazwisko w tej samej instytucji"]
        assert [c.reason for c in person_duplicates(
            session, "Janusz", "Kowal", email="JAN.NOWAK@example.pl")] == ["ten sam e-mail"]


def _two_people_with_everything(db: Database) -> tuple[int, int, int]:
    with db.transaction() as session:
        org_a, org_b = Organization(name="Instytucja A"), Organization(name="Instytucja B")
        theme = Theme(name="zielone kompetencje")
        event = Event(type=EventType.WORKSHOP, title="Warsztaty", starts_on=date(2026, 5, 5),
                      ends_on=date(2026, 5, 6))
        day1 = EventSession(event=event, number=1, day=date(2026, 5, 5))
        day2 = EventSession(event=event, number=2, day=date(2026, 5, 6))
        other_event = Event(type=EventType.GALA, title="Gala", starts_on=date(2026, 12, 1),
                            ends_on=date(2026, 12, 1))
        keep = Person(first_name="Anna", last_name="Wójcik", email="anna@example.pl",
                      affiliations=[Affiliation(organization=org_a)], themes=[theme])
        remove = Person(first_name="Anna", last_name="Wojcik", phone="+48 12 345 67 89",
                        affiliations=[Affiliation(organization=org_a),
                                      Affiliation(organization=org_b, role="dyrektor")],
                        themes=[theme])
        session.add_all([keep, remove, day1, day2, other_event])
        session.flush()
        at = datetime(2026, 5, 5, 8, tzinfo=UTC)
        session.add_all([
            Registration(event=event, person=keep, status=RegistrationStatus.ATTENDED,
                         attendances=[Attendance(session_id=day1.id, checked_in_at=at)]),
            Registration(event=event, person=remove, status=RegistrationStatus.ATTENDED,
                         attendances=[Attendance(session_id=day2.id, checked_in_at=at)]),
            Registration(event=other_event, person=remove),
        ])
        session.flush()
        return keep.id, remove.id, event.id


def test_merge_people_keeps_every_link(any_db: Database) -> None:
    keep_id, remove_id, event_id = _two_people_with_everything(any_db)
    result = merge_people(any_db, keep_id, remove_id)
    with any_db.transaction() as session:
        assert session.get(Person, remove_id) is None
        kept = session.get(Person, keep_id)
        assert kept is not None
        assert kept.email == "anna@example.pl" and kept.phone == "+48 12 345 67 89"
        assert sorted((a.organization.name, a.role) for a in kept.affiliations) == [
            ("Instytucja A", ""), ("Instytucja B", "dyrektor")]
        assert [t.name for t in kept.themes] == ["zielone kompetencje"]
        registrations = session.scalars(select(Registration).where(
            Registration.person_id == keep_id)).all()
        assert len(registrations) == 2
        workshop = next(r for r in registrations if r.event_id == event_id)
        assert sorted(a.session_id for a in workshop.attendances) == sorted(
            s.id for s in session.get(Event, event_id).sessions)
        merge = session.scalar(select(AuditEntry).where(AuditEntry.action == AuditAction.MERGE))
        assert merge is not None and merge.record_id == keep_id
        assert merge.changes["merged"] == str(result.removed_uuid)
        assert merge.changes["filled"] == {"phone": ["", "+48 12 345 67 89"]}
        assert session.scalar(select(func.count()).select_from(Person)) == 1
        hits = search_records(session, "wojcik")
        assert [h.id for h in hits] == [keep_id]


def test_merge_organizations_moves_people_and_memberships(any_db: Database) -> None:
    with any_db.transaction() as session:
        keep = Organization(name="Urząd Gminy Łącko", nip="7340009469")
        remove = Organization(name="UG Łącko", email="ug@lacko.pl",
                              memberships=[Membership(since=date(2021, 3, 15))])
        session.add_all([keep, remove, Person(first_name="Jan", last_name="Nowak",
                                              affiliations=[Affiliation(organization=remove)])])
        session.flush()
        ids = (keep.id, remove.id)
        versions = (keep.version, remove.version)
    result = merge_organizations(any_db, *ids, versions=versions)
    assert result.moved == {"memberships": 1, "affiliations": 1}
    with any_db.transaction() as session:
        kept = session.get(Organization, ids[0])
        assert kept is not None and kept.email == "ug@lacko.pl"
        assert [m.since for m in kept.memberships] == [date(2021, 3, 15)]
        assert [a.person.last_name for a in kept.affiliations] == ["Nowak"]
        assert session.get(Organization, ids[1]) is None


def test_merge_refuses_stale_versions(any_db: Database) -> None:
    with any_db.transaction() as session:
        a, b = Organization(name="A"), Organization(name="B")
        session.add_all([a, b])
        session.flush()
        ids = (a.id, b.id)
    with any_db.transaction() as session:
        session.get(Organization, ids[1]).name = "B (changed meanwhile)"
    with pytest.raises(StaleRecordError):
        merge_organizations(any_db, *ids, versions=(1, 1))
    with any_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 2
