"""Small purpose-built databases for benchmarks that need a particular shape of data."""

from __future__ import annotations

import random
import tempfile
import uuid
from datetime import date
from pathlib import Path

from bench.harness import Context

FIRST = ["Anna", "Łucja", "Zofia", "Małgorzata", "Jan", "Łukasz", "Piotr", "Żaneta", "Ewa",
         "Grzegorz", "Agnieszka", "Tomasz"]
LAST = ["Nowak", "Wójcik", "Żółkiewska", "Łącki", "Ćwikła", "Gąsienica", "Śliwa", "Kowalska",
        "Zając", "Bachleda", "Wiśniewska", "Kamińska-Łoś"]


def temp_folder(context: Context) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="skimlll-bench-"))

    def remove() -> None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)

    context.on_close(remove)
    return folder


def event_with_attendees(context: Context, people: int, name: str) -> tuple[Path, int, str]:
    """A database with one two-session event whose ``people`` registrants all attended."""
    from sqlalchemy import insert

    from skimlll_desktop.models import (
        Affiliation,
        Attendance,
        EventSession,
        Organization,
        Person,
        Registration,
        RegistrationStatus,
    )
    from skimlll_desktop.models.base import utcnow
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.events import EventDetails, save_event

    path = temp_folder(context) / f"{name}.db"
    database = open_database(path)
    rng = random.Random(people)
    try:
        event = save_event(database, EventDetails(
            title="Konferencja „Uczenie się przez całe życie w Małopolsce”",
            starts_on=date(2026, 9, 23), ends_on=date(2026, 9, 23),
            venue_name="Centrum Kongresowe ICE", venue_address="ul. Konopnickiej 17, Kraków"))
        with database.transaction() as session:
            organizations = [Organization(name=f"Szkoła Podstawowa nr {n} w Gminie Łącko")
                             for n in range(1, 41)]
            session.add_all(organizations)
            persons = []
            for n in range(people):
                person = Person(first_name=rng.choice(FIRST),
                                last_name=rng.choice(LAST),
                                gmina_teryt="1210092",
                                affiliations=[Affiliation(organization=organizations[n % 40])])
                persons.append(person)
            session.add_all(persons)
            session.flush()
            session.execute(insert(Registration), [
                {"event_id": event.id, "person_id": p.id,
                 "status": RegistrationStatus.ATTENDED, "uuid": uuid.uuid4(),
                 "created_at": p.created_at, "updated_at": p.created_at, "version": 1}
                for p in persons])
        with database.transaction() as session:
            session_id = session.query(EventSession.id).filter_by(event_id=event.id).scalar()
            registrations = session.query(Registration.id).filter_by(event_id=event.id).all()
            now = utcnow()
            session.execute(insert(Attendance), [
                {"registration_id": r.id, "session_id": session_id, "checked_in_at": now,
                 "uuid": uuid.uuid4(), "created_at": now, "updated_at": now,
                 "version": 1} for r in registrations])
    finally:
        database.dispose()
    return path, event.id or 0, str(event.uuid)
