"""Demo data: real SQLite files, the real generator, checked the way a user would notice."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from stdnum.pl import nip, regon

from skimlll_desktop.i18n import LOCAL_TIMEZONE
from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    AuditEntry,
    Event,
    EventSession,
    EventStatus,
    EventType,
    Gender,
    Gmina,
    Membership,
    Organization,
    Person,
    Registration,
    RegistrationStatus,
    SearchWord,
    Theme,
    event_partners,
    event_themes,
    organization_themes,
    person_themes,
)
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.demo import (
    HOSTILE_ORGANIZATION,
    SESSION_HOURS,
    DemoCounts,
    feminine_surname,
    generate_demo,
    make_nip,
    make_regon,
)
from skimlll_desktop.services.jobs import CancelToken, JobCancelled, Progress, run_job
from skimlll_desktop.services.search import search_records
from skimlll_desktop.services.validators import normalise_email, normalise_phone

TODAY = date(2026, 11, 23)
DEMO_TABLES = (Organization, Person, Affiliation, Membership, Event, EventSession, Registration,
               Attendance, SearchWord, Theme, organization_themes, person_themes,
               event_themes, event_partners)


def _count(database: Database, model: Any) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _small(database: Database, seed: int = 2026,
           progress: list[Progress] | None = None) -> DemoCounts:
    return run_job(generate_demo(database, "small", seed, today=TODAY),
                   progress.append if progress is not None else None)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoCounts]]:
    """One small demo on a fresh file, shared by the read-only checks below."""
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    try:
        yield database, _small(database)
    finally:
        database.dispose()


def test_counts_are_in_the_promised_ranges(demo: tuple[Database, DemoCounts]) -> None:
    database, counts = demo
    assert 140 <= counts.organizations <= 160
    assert 750 <= counts.people <= 850
    assert counts.events == 20
    assert 700 <= counts.registrations <= 1500
    assert 0.3 * counts.registrations <= counts.attendances <= counts.registrations
    assert (_count(database, Organization), _count(database, Person), _count(database, Event),
            _count(database, Registration), _count(database, Attendance)) == (
        counts.organizations, counts.people, counts.events, counts.registrations,
        counts.attendances)
    assert _count(database, Gmina) == 183  # reference data loaded on the way
    assert _count(database, AuditEntry) == 0  # bulk demo data is not audited


def test_the_year_of_the_partnership(demo: tuple[Database, DemoCounts]) -> None:
    database, _counts = demo
    with database.transaction() as session:
        events = session.scalars(select(Event).order_by(Event.starts_on)).all()
        by_type: dict[EventType, list[Event]] = {}
        for event in events:
            by_type.setdefault(event.type, []).append(event)
            assert event.starts_on.year == TODAY.year
            assert event.gmina_teryt is not None and event.venue_name and event.venue_address
            days = [s.day for s in event.sessions]
            assert days == [event.starts_on + timedelta(days=i) for i in range(len(days))]
            assert days[-1] == event.ends_on
            if event.ends_on < TODAY:
                assert event.status is EventStatus.HELD
            else:
                assert event.status in (EventStatus.OPEN, EventStatus.PLANNED)
        mornings = by_type[EventType.PARTNER_MORNING]
        assert len(mornings) == 10
        assert all(e.title.startswith("Poranek partnerski: ") for e in mornings)
        assert len({e.title for e in mornings}) == 10
        workshops = by_type[EventType.WORKSHOP]
        assert len(workshops) == 2 and all(len(e.sessions) == 2 for e in workshops)
        assert len(by_type[EventType.CONFERENCE]) == 1
        local = by_type[EventType.LOCAL_LEADERS_WORKSHOP]
        assert len(local) == 4 and len({e.gmina_teryt[:4] for e in local}) == 4
        assert len(by_type[EventType.THINK_TANK]) == 2
        (gala,) = by_type[EventType.GALA]
        assert gala.starts_on.month == 12
        assert all(e.training_hours > 0 for e in events if e.type != EventType.GALA)
        for event in events:
            assert event.organiser
            assert all(s.starts_at and s.ends_at and s.starts_at < s.ends_at
                       for s in event.sessions)
        assert sum(1 for e in events if e.themes) >= 15
        assert any(e.partners for e in events)
        assert any(e.notes for e in events if e.status is EventStatus.HELD)


def test_nip_and_regon_have_correct_check_digits(demo: tuple[Database, DemoCounts]) -> None:
    database, counts = demo
    with database.transaction() as session:
        rows = session.execute(select(Organization.nip, Organization.regon)).all()
    nips = [n for n, _r in rows if n is not None]
    regons = [r for _n, r in rows if r is not None]
    assert 0.45 * counts.organizations <= len(nips) <= 0.75 * counts.organizations
    assert len(regons) >= 0.7 * counts.organizations
    assert [n for n in nips if not nip.is_valid(n)] == []
    assert [r for r in regons if not regon.is_valid(r)] == []


def test_generated_numbers_are_valid_across_many_draws() -> None:
    rng = random.Random(7)
    assert all(nip.is_valid(make_nip(rng)) for _ in range(2000))
    assert all(regon.is_valid(make_regon(rng)) for _ in range(2000))
    assert all(regon.is_valid(make_regon(rng, local_unit=True)) for _ in range(2000))


def test_surnames_take_the_feminine_form() -> None:
    assert feminine_surname("Kowalski") == "Kowalska"
    assert feminine_surname("Zawadzki") == "Zawadzka"
    assert feminine_surname("Czarnecki") == "Czarnecka"
    assert feminine_surname("Nowak") == "Nowak"
    assert feminine_surname("Nowak-Jabłoński") == "Nowak-Jabłońska"


def test_people_are_polish_and_consistent(demo: tuple[Database, DemoCounts]) -> None:
    database, counts = demo
    with database.transaction() as session:
        people = session.execute(
            select(Person.first_name, Person.last_name, Person.gender, Person.email,
                   Person.phone, Person.gmina_teryt)).all()
        affiliated = session.scalar(select(func.count(func.distinct(Affiliation.person_id)))
                                    .where(Affiliation.is_primary)) or 0
    assert any(ch in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" for p in people for ch in p.first_name + p.last_name)
    for person in people:
        # Polish first names of women end in -a; ours have no exceptions (Kuba, Barnaba…).
        expected = Gender.FEMININE if person.first_name.endswith("a") else Gender.MASCULINE
        assert person.gender is expected, person
        for part in person.last_name.split("-"):
            if re.search(r"(ski|cki|dzki)$", part):
                assert person.gender is Gender.MASCULINE, person
            if re.search(r"(ska|cka|dzka)$", part):
                assert person.gender is Gender.FEMININE, person
        if person.email:
            assert person.email.isascii(), person
            assert normalise_email(person.email) == person.email
        if person.phone:
            landline = r"\+48 (1[2-8]|3[2-3]|41) \d{3} \d{2} \d{2}"
            mobile = r"\+48 (5[0137]|6[069]|7[289]|88)\d \d{3} \d{3}"
            assert re.fullmatch(f"{landline}|{mobile}", person.phone), person
            digits = re.sub(r"\D", "", person.phone)
            assert re.sub(r"\D", "", normalise_phone(person.phone) or "") == digits
    assert affiliated >= 0.75 * counts.people
    assert sum(1 for p in people if p.gmina_teryt) >= 0.75 * counts.people


def test_attendance_only_for_people_who_came(demo: tuple[Database, DemoCounts]) -> None:
    database, _counts = demo
    present = (RegistrationStatus.ATTENDED, RegistrationStatus.WALK_IN)
    with database.transaction() as session:
        statuses = session.scalars(
            select(Registration.status).join(Attendance).distinct()).all()
        assert set(statuses) <= set(present)
        missing = session.scalar(
            select(func.count()).select_from(Registration).join(Event)
            .where(Event.status == EventStatus.HELD, Registration.status.in_(present),
                   ~Registration.attendances.any())) or 0
        assert missing == 0  # who attended has at least one signature
        future_outcomes = session.scalar(
            select(func.count()).select_from(Registration).join(Event)
            .where(Event.status != EventStatus.HELD,
                   Registration.status.in_((*present, RegistrationStatus.ABSENT)))) or 0
        assert future_outcomes == 0
        checks = session.execute(
            select(Attendance.checked_in_at, EventSession.day, Event.type)
            .join(EventSession, Attendance.session_id == EventSession.id)
            .join(Event, EventSession.event_id == Event.id)).all()
        by_status = dict(session.execute(
            select(Registration.status, func.count()).group_by(Registration.status)).all())
    assert checks
    for checked_in_at, day, kind in checks:
        assert checked_in_at.tzinfo is UTC
        local = checked_in_at.astimezone(LOCAL_TIMEZONE)
        starts = datetime.combine(day, SESSION_HOURS[kind][0], tzinfo=LOCAL_TIMEZONE)
        assert starts - timedelta(hours=1) <= local <= starts + timedelta(hours=1)
        if kind is not EventType.GALA:
            assert time(7, 0) <= local.time() <= time(11, 0)  # a morning
    assert set(by_status) == set(RegistrationStatus)  # every status occurs
    assert by_status[RegistrationStatus.ATTENDED] == max(by_status.values())


def test_waiting_list_and_time_of_registration(demo: tuple[Database, DemoCounts]) -> None:
    database, _counts = demo
    waiting = RegistrationStatus.WAITING
    with database.transaction() as session:
        rows = session.execute(
            select(Event.id, Event.status, Event.capacity, Event.starts_on,
                   Registration.status, Registration.registered_at)
            .join(Registration, Registration.event_id == Event.id)).all()
    per_event: dict[int, list[tuple]] = {}
    for row in rows:
        per_event.setdefault(row[0], []).append(row)
    assert any(r[4] is waiting for r in rows)
    for event_rows in per_event.values():
        _id, event_status, capacity, starts_on = event_rows[0][:4]
        registered = [r[5] for r in event_rows if r[4] is RegistrationStatus.REGISTERED]
        on_list = [r[5] for r in event_rows if r[4] is waiting]
        if on_list:
            assert event_status is EventStatus.OPEN and len(registered) == capacity
            assert max(registered) <= min(on_list)  # the list is in order of registration
        for *_event, status, registered_at in event_rows:
            assert (registered_at is None) == (status is RegistrationStatus.INVITED)
            if registered_at is None:
                continue
            assert registered_at.tzinfo is UTC
            day = registered_at.astimezone(LOCAL_TIMEZONE).date()
            if status is RegistrationStatus.WALK_IN:  # registered at the door
                assert starts_on <= day < TODAY
            else:
                assert day < min(starts_on, TODAY)


def test_escaping_material_and_search_index(demo: tuple[Database, DemoCounts]) -> None:
    database, _counts = demo
    with database.transaction() as session:
        hostile = session.scalars(
            select(Organization).where(Organization.name == HOSTILE_ORGANIZATION)).all()
        assert len(hostile) == 1
        hits = search_records(session, "cwikla")
        assert any(hit.name == "Zofia Ćwikła-O'Neill" for hit in hits)
        assert search_records(session, "rowne szanse")
        blank_keys = session.scalar(
            select(func.count()).select_from(Person).where(Person.sort_key == "")) or 0
        assert blank_keys == 0
        members = session.scalar(select(func.count()).select_from(Membership)) or 0
    assert members >= 20


def test_progress_is_reported_and_reaches_the_end(tmp_path: Path) -> None:
    database = open_database(tmp_path / "demo.db")
    try:
        reports: list[Progress] = []
        _small(database, progress=reports)
    finally:
        database.dispose()
    assert len(reports) >= 5
    assert [r.done for r in reports] == sorted(r.done for r in reports)
    assert all(0 <= r.done <= r.total for r in reports)
    assert reports[-1].done == reports[-1].total


def test_running_twice_adds_on_top(tmp_path: Path) -> None:
    database = open_database(tmp_path / "demo.db")
    try:
        first = _small(database)
        second = _small(database)
        assert second == first  # the same seed makes the same amount of everything
        assert _count(database, Person) == 2 * first.people
        assert _count(database, Registration) == 2 * first.registrations
        assert _count(database, Gmina) == 183
        assert _count(database, Theme) == 9  # an editable list: not duplicated
    finally:
        database.dispose()


def _names(path: Path, seed: int) -> list[str]:
    database = open_database(path)
    try:
        _small(database, seed)
        with database.transaction() as session:
            organizations = session.scalars(select(Organization.name).order_by(Organization.id))
            people = session.execute(
                select(Person.first_name, Person.last_name).order_by(Person.id)).all()
            return [*organizations, *(f"{first} {last}" for first, last in people)]
    finally:
        database.dispose()


def test_the_same_seed_makes_the_same_content(tmp_path: Path) -> None:
    assert _names(tmp_path / "a.db", 11) == _names(tmp_path / "b.db", 11)
    assert _names(tmp_path / "c.db", 12) != _names(tmp_path / "d.db", 11)


@pytest.mark.parametrize("stop_after", ["first report", "half way"])
def test_cancel_leaves_no_demo_rows(tmp_path: Path, stop_after: str) -> None:
    database = open_database(tmp_path / "demo.db")
    token = CancelToken()
    seen: list[Progress] = []

    def on_progress(progress: Progress) -> None:
        seen.append(progress)
        if stop_after == "first report" or progress.done * 2 >= progress.total:
            token.cancel()

    try:
        gminy = _count(database, Gmina)  # a new database comes with its reference data
        with pytest.raises(JobCancelled):
            run_job(generate_demo(database, "small", today=TODAY), on_progress, token)
        assert seen
        for model in DEMO_TABLES:
            assert _count(database, model) == 0, model.__name__
        assert _count(database, Gmina) == gminy == 183
    finally:
        database.dispose()


def test_unknown_size_is_refused_at_once(tmp_path: Path) -> None:
    database = open_database(tmp_path / "demo.db")
    try:
        with pytest.raises(ValueError, match="enormous"):
            generate_demo(database, "enormous")
    finally:
        database.dispose()


def test_demo_on_any_engine(any_db: Database) -> None:
    """The same bulk writes on PostgreSQL (skipped without a server)."""
    counts = run_job(generate_demo(any_db, "small", today=TODAY))
    assert _count(any_db, Person) == counts.people
    assert _count(any_db, Attendance) == counts.attendances
    with any_db.transaction() as session:
        assert any(h.name == "Zofia Ćwikła-O'Neill" for h in search_records(session, "ćwikła"))
