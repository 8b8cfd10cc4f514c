"""Data for the Dokumenty GUI tests: an event with attendees, issued documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from skimlll_desktop.models import (
    Attendance,
    DocumentKind,
    EventSession,
    Gender,
    Person,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.certificate_templates import default_template
from skimlll_desktop.services.certificates import IssueRequest, Recipient, issue_documents
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.events import EventDetails, save_event
from skimlll_desktop.services.jobs import run_job

# first name, last name, gender, sessions attended (of two)
PEOPLE: tuple[tuple[str, str, Gender | None, int], ...] = (
    ("Łucja", "Żółkiewska", Gender.FEMININE, 2),
    ("Jan", "Łącki", Gender.MASCULINE, 1),
    ("Zofia", "Zielińska", None, 2),
)
EVENT_TITLE = "Warsztaty: zielone kompetencje"


def event_with_attendees(database: Database,
                         people: Sequence[tuple[str, str, Gender | None, int]] = PEOPLE
                         ) -> int:
    """A two-day event whose people attended 1 or 2 sessions; returns its id."""
    event = save_event(database, EventDetails(
        title=EVENT_TITLE, starts_on=date(2026, 5, 12), ends_on=date(2026, 5, 13),
        venue_name="Centrum Kongresowe ICE", training_hours=12))
    event_id = event.id or 0
    with database.transaction() as session:
        sessions = [s.id for s in session.query(EventSession).filter_by(event_id=event_id)
                    .order_by(EventSession.number)]
        for first, last, gender, attended in people:
            person = Person(first_name=first, last_name=last, gender=gender)
            session.add(person)
            session.flush()
            registration = Registration(event_id=event_id, person_id=person.id,
                                        status=RegistrationStatus.ATTENDED,
                                        registered_at=utcnow())
            session.add(registration)
            session.flush()
            for session_id in sessions[:attended]:
                session.add(Attendance(registration_id=registration.id, session_id=session_id,
                                       checked_in_at=utcnow()))
    return event_id


def issue_three(database: Database, folder: Path) -> list[str]:
    """Three certificates (no event); returns their numbers."""
    template = default_template(database, DocumentKind.PARTICIPATION)
    recipients = [Recipient(None, "Łucja Żółkiewska", Gender.FEMININE),
                  Recipient(None, "Jan Łącki", Gender.MASCULINE),
                  Recipient(None, "Zofia Zielińska")]
    result = run_job(issue_documents(database, IssueRequest(
        kind=DocumentKind.PARTICIPATION, template_id=template.id or 0,
        recipients=recipients, subject="Poranek partnerski", values={"wydarzenie": "Poranek"},
        out_pdf=folder / "setup.pdf")))
    return [page.number for page in result.pages]
