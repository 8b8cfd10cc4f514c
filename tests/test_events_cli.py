"""Events on the command line: list, attendance list, attendance export, check-in."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from skimlll_desktop.models import RegistrationStatus
from skimlll_desktop.services.database import open_database
from skimlll_desktop.services.events import find_event_id, list_registrations


def test_events_commands(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    assert skimlll("--db", db, "demo").returncode == 0
    listed = skimlll("--db", db, "events", "list", "--year", "2026", "--json")
    assert listed.returncode == 0, listed.stderr
    events = json.loads(listed.stdout)
    assert len(events) >= 10
    assert set(events[0]) == {"uuid", "title", "type", "start", "sessions", "registered",
                              "attended"}
    assert all(e["start"].startswith("2026") for e in events)
    workshop = next(e for e in events if e["sessions"] == 2)

    pdf = tmp_path / "lista.pdf"
    printed = skimlll("--db", db, "print", "attendance-list", workshop["uuid"], str(pdf),
                      "--session", "2", "--blank-rows", "3")
    assert printed.returncode == 0, printed.stderr
    assert "LISTA OBECNOŚCI" in PdfReader(pdf).pages[0].extract_text()

    xlsx = tmp_path / "obecnosc.xlsx"
    assert skimlll("--db", db, "export", "attendance", workshop["uuid"],
                   str(xlsx)).returncode == 0
    assert load_workbook(xlsx).active["A1"].value == "Lp."

    upcoming = events[-1]  # the year's last event: registrations open, nobody checked in
    database = open_database(db)
    try:
        registered = [r for r in list_registrations(database, find_event_id(
            database, upcoming["uuid"])) if r.status is RegistrationStatus.REGISTERED]
    finally:
        database.dispose()
    person = str(registered[0].person_uuid)
    first = skimlll("--db", db, "checkin", upcoming["uuid"], person)
    again = skimlll("--db", db, "checkin", upcoming["uuid"], person)
    assert first.returncode == 0 and again.returncode == 0, first.stderr
    assert "już" in again.stdout


def test_checkin_of_someone_not_registered(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    database = open_database(db)
    from datetime import date

    from skimlll_desktop.services.events import EventDetails, save_event
    from skimlll_desktop.services.registry import PersonDetails, save_person

    try:
        event = save_event(database, EventDetails(title="Gala", starts_on=date(2026, 12, 1),
                                                  ends_on=date(2026, 12, 1)))
        person = save_person(database, PersonDetails(first_name="Jan", last_name="Nowak"))
    finally:
        database.dispose()
    refused = skimlll("--db", db, "checkin", str(event.uuid), str(person.uuid))
    assert refused.returncode == 1 and "nie ma zgłoszenia" in refused.stderr
    walk_in = skimlll("--db", db, "checkin", str(event.uuid), str(person.uuid), "--walk-in")
    assert walk_in.returncode == 0
    unknown = skimlll("--db", db, "checkin", str(event.uuid), "not-a-uuid")
    assert unknown.returncode == 2
