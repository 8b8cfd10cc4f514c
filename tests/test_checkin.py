"""Check-in at the venue: idempotent, undoable, durable the moment it returns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from skimlll_desktop.models import Attendance, Organization, Person, RegistrationStatus
from skimlll_desktop.services.checkin import (
    WalkIn,
    add_walk_in,
    attendance_counter,
    check_in,
    find_for_checkin,
    undo_check_in,
)
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.events import (
    EventDetails,
    NotRegisteredError,
    list_registrations,
    register_person,
    save_event,
)
from skimlll_desktop.services.registry import FormErrors


def _setup(db: Database) -> tuple[int, list[int], int]:
    event = save_event(db, EventDetails(title="Warsztaty", starts_on=date(2026, 5, 12),
                                        ends_on=date(2026, 5, 13)))
    with db.transaction() as session:
        people = [Person(first_name="Łucja", last_name="Żółkiewska"),
                  Person(first_name="Jan", last_name="Łącki"),
                  Person(first_name="Zofia", last_name="Zielińska")]
        stranger = Person(first_name="Józef", last_name="Żak")
        session.add_all([*people, stranger])
        session.flush()
        ids = [p.id for p in people]
        stranger_id = stranger.id
    for person_id in ids:
        register_person(db, event.id or 0, person_id)
    return event.id or 0, ids, stranger_id


def test_check_in_is_idempotent_and_counts(any_db: Database) -> None:
    event_id, (lucja, jan, _zofia), _stranger = _setup(any_db)
    first = check_in(any_db, event_id, lucja, 1)
    again = check_in(any_db, event_id, lucja, 1)
    assert not first.already and again.already
    assert again.attendance_id == first.attendance_id
    assert (again.counter.present, again.counter.registered) == (1, 3)
    check_in(any_db, event_id, jan, 2)
    assert attendance_counter(any_db, event_id, 1).present == 1
    assert attendance_counter(any_db, event_id, 2).present == 1
    statuses = {r.name: r.status for r in list_registrations(any_db, event_id)}
    assert statuses["Łucja Żółkiewska"] is RegistrationStatus.ATTENDED
    # the search at the door says since when someone is present at this session
    found = {c.person_id: c for c in find_for_checkin(any_db, event_id, 1, "")}
    assert found[lucja].present_since == first.checked_in_at
    assert found[jan].present_since is None  # present at session 2, not at 1


def test_undo_last_check_in(any_db: Database) -> None:
    event_id, (lucja, *_), _stranger = _setup(any_db)
    done = check_in(any_db, event_id, lucja, 1)
    counter = undo_check_in(any_db, done.attendance_id)
    assert counter is not None and counter.present == 0
    statuses = {r.person_id: r.status for r in list_registrations(any_db, event_id)}
    assert statuses[lucja] is RegistrationStatus.REGISTERED
    assert undo_check_in(any_db, done.attendance_id) is None  # twice: nothing to undo


def test_search_at_the_door_and_walk_ins(any_db: Database) -> None:
    event_id, (lucja, *_), stranger = _setup(any_db)
    check_in(any_db, event_id, lucja, 1)
    found = find_for_checkin(any_db, event_id, 1, "zo")
    assert [(c.name, c.present) for c in found] == [  # Polish order: Z before Ż
        ("Zofia Zielińska", False), ("Łucja Żółkiewska", True)]
    outsiders = find_for_checkin(any_db, event_id, 1, "zak")
    assert [(c.name, c.status) for c in outsiders] == [("Józef Żak", None)]
    with pytest.raises(NotRegisteredError):
        check_in(any_db, event_id, stranger, 1)
    walked = check_in(any_db, event_id, stranger, 1, walk_in=True)
    assert walked.counter.present == 2
    with pytest.raises(FormErrors):
        add_walk_in(any_db, event_id, 1, WalkIn("", "", email="zly"))
    added = add_walk_in(any_db, event_id, 1, WalkIn("Ewa", "Ćwikła", "Gmina Łącko",
                                                    "ewa@lacko.pl", consent=True))
    assert added.person_name == "Ewa Ćwikła" and added.counter.present == 3
    add_walk_in(any_db, event_id, 1, WalkIn("Piotr", "Ćwikła", "gmina łącko"))
    with any_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 1
        ewa = session.scalar(select(Person).where(Person.first_name == "Ewa"))
        assert ewa is not None and ewa.consent_at is not None


def test_a_check_in_survives_the_process_being_killed(tmp_path: Path) -> None:
    path = tmp_path / "venue.db"
    database = open_database(path)
    event_id, (lucja, *_), _stranger = _setup(database)
    database.dispose()
    script = (
        "import os, sys\n"
        "from skimlll_desktop.services.database import open_database\n"
        "from skimlll_desktop.services.checkin import check_in\n"
        f"db = open_database({str(path)!r})\n"
        f"check_in(db, {event_id}, {lucja}, 1)\n"
        "print('checked-in', flush=True)\n"
        "sys.stdin.readline()\n"  # stays alive, holding the database, until killed
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "checked-in"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    reopened = open_database(path)
    try:
        with reopened.transaction() as session:
            assert session.scalar(select(func.count()).select_from(Attendance)) == 1
    finally:
        reopened.dispose()
