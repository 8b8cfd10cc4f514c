"""Events, sessions, registrations: statuses, capacity and the waiting list."""

from __future__ import annotations

from datetime import date

import pytest

from skimlll_desktop.models import EventStatus, EventType, Person, RegistrationStatus
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import StaleRecordError, UserFacingError
from skimlll_desktop.services.events import (
    EventDetails,
    EventQuery,
    SessionForm,
    change_registration_status,
    get_event,
    invite_people,
    invitee_emails,
    list_events,
    list_registrations,
    register_person,
    save_event,
    year_plan,
)
from skimlll_desktop.services.registry import FormErrors


def _people(db: Database, n: int) -> list[int]:
    with db.transaction() as session:
        people = [Person(first_name="Anna", last_name=f"Nowak{i}", email=f"a{i}@example.pl")
                  for i in range(n)]
        session.add_all(people)
        session.flush()
        return [p.id for p in people]


def test_two_day_workshop_gets_a_session_a_day(any_db: Database) -> None:
    event = save_event(any_db, EventDetails(type=EventType.WORKSHOP, title="Warsztaty",
                                            starts_on=date(2026, 5, 12),
                                            ends_on=date(2026, 5, 13), training_hours=12))
    assert [(s.number, s.day) for s in event.sessions] == [(1, date(2026, 5, 12)),
                                                          (2, date(2026, 5, 13))]
    changed = save_event(any_db, EventDetails(**{
        **event.__dict__, "sessions": (SessionForm(1, date(2026, 5, 12), "Dzień 1"),)}))
    assert [s.title for s in changed.sessions] == ["Dzień 1"]
    with pytest.raises(StaleRecordError):
        save_event(any_db, event)


def test_event_form_errors(any_db: Database) -> None:
    with pytest.raises(FormErrors) as refused:
        save_event(any_db, EventDetails(title=" ", starts_on=date(2026, 5, 12),
                                        ends_on=date(2026, 5, 11), capacity=-1,
                                        sessions=(SessionForm(1, date(2026, 6, 1)),)))
    assert set(refused.value.errors) == {"title", "ends_on", "capacity", "sessions"}


def test_capacity_waiting_list_and_promotion(any_db: Database) -> None:
    event = save_event(any_db, EventDetails(title="Poranek", capacity=2,
                                            starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 3)))
    assert event.id is not None
    a, b, c, d = _people(any_db, 4)
    assert invite_people(any_db, event.id, [a, b, c, d, a]) == 4
    assert invite_people(any_db, event.id, [a]) == 0
    assert [register_person(any_db, event.id, p) for p in (a, b, c, d)] == [
        RegistrationStatus.REGISTERED, RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING, RegistrationStatus.WAITING]
    rows = {r.person_id: r for r in list_registrations(any_db, event.id)}
    change = change_registration_status(any_db, rows[a].id, RegistrationStatus.CANCELLED,
                                        rows[a].version)
    assert change.status is RegistrationStatus.CANCELLED
    assert change.promoted_person == "Anna Nowak2"  # the first on the waiting list
    statuses = {r.person_id: r.status for r in list_registrations(any_db, event.id)}
    assert statuses == {a: RegistrationStatus.CANCELLED, b: RegistrationStatus.REGISTERED,
                        c: RegistrationStatus.REGISTERED, d: RegistrationStatus.WAITING}
    assert invitee_emails(any_db, event.id) == "a1@example.pl; a2@example.pl; a3@example.pl"


def test_status_transitions_are_checked(any_db: Database) -> None:
    event = save_event(any_db, EventDetails(title="Gala", starts_on=date(2026, 12, 1),
                                            ends_on=date(2026, 12, 1)))
    (person,) = _people(any_db, 1)
    invite_people(any_db, event.id or 0, [person])
    (row,) = list_registrations(any_db, event.id or 0)
    with pytest.raises(UserFacingError) as refused:
        change_registration_status(any_db, row.id, RegistrationStatus.ATTENDED, row.version)
    assert "zaproszony" in refused.value.message and "obecny" in refused.value.message
    change_registration_status(any_db, row.id, RegistrationStatus.REGISTERED, row.version)
    with pytest.raises(StaleRecordError):
        change_registration_status(any_db, row.id, RegistrationStatus.CANCELLED, row.version)


def test_year_list_and_plan(any_db: Database) -> None:
    for month in range(1, 8):
        save_event(any_db, EventDetails(title=f"Poranek partnerski {month}",
                                        status=EventStatus.HELD,
                                        starts_on=date(2025, month, 10),
                                        ends_on=date(2025, month, 10)))
    save_event(any_db, EventDetails(title="Poranek odwołany", status=EventStatus.CANCELLED,
                                    starts_on=date(2025, 9, 10), ends_on=date(2025, 9, 10)))
    save_event(any_db, EventDetails(type=EventType.CONFERENCE, title="Konferencja LLL",
                                    starts_on=date(2025, 10, 1), ends_on=date(2025, 10, 1)))
    save_event(any_db, EventDetails(title="Inny rok", starts_on=date(2026, 1, 10),
                                    ends_on=date(2026, 1, 10)))
    rows = list_events(any_db, EventQuery(year=2025))
    assert len(rows) == 9 and rows[0].title == "Poranek partnerski 1"
    assert [r.title for r in list_events(any_db, EventQuery(year=2025, text="konf"))] == [
        "Konferencja LLL"]
    plan = year_plan(any_db, 2025)
    assert (plan.target, plan.partner_mornings_held) == (10, 7)
    assert plan.by_type == {EventType.PARTNER_MORNING: 7, EventType.CONFERENCE: 1}
    assert get_event(any_db, rows[0].id).title == "Poranek partnerski 1"
