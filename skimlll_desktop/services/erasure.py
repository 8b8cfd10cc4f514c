"""Erasing a person (RODO, the right to erasure) without falsifying past events.

Someone who never took part in anything is deleted with their links. Someone who
registered for events or sat on a jury is *anonymised*: their name, contact data,
notes, consent, themes and roles go, the record stays — nameless, out of every list,
search, export and new document — so that past events, their summaries and the
funder's indicators keep their counts. What stays is what those counts need: the
institution they came from and their gmina (for the figures by type and powiat).

Either way the audit log keeps who erased the person and when, but no longer their
data (:func:`audit.erase_from_audit_log`).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import Affiliation, Juror, Person, Registration
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.audit import erase_from_audit_log
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.errors import StaleRecordError

ERASED_NAME = "—"  # what an anonymised person is called where their registration shows


def shown_name(first_name: str, last_name: str, erased_at: object) -> str:
    """A person's name where their registrations show; an erased person says so."""
    if erased_at is not None:
        return _("person erased at their request (RODO)")
    return f"{first_name} {last_name}".strip()


def not_erased() -> ColumnElement[bool]:
    """The condition every list, search, export and recipient choice of people adds."""
    return Person.erased_at.is_(None)


def _has_history(session: Session, person_id: int) -> bool:
    for model in (Registration, Juror):
        if session.scalar(select(model.id).where(model.person_id == person_id).limit(1)):
            return True
    return False


def _anonymise(person: Person) -> None:
    person.first_name = ""
    person.last_name = ERASED_NAME
    person.gender = None
    for field in ("title", "position", "email", "phone", "notes", "consent_note"):
        setattr(person, field, "")
    person.consent_at = None
    person.themes = []
    for affiliation in person.affiliations:
        affiliation.role = ""
    person.erased_at = utcnow()


def erase_person(database: Database, person_id: int, version: int) -> bool:
    """Erase a person; True when the record stays anonymised (see the module's text)."""
    with database.transaction() as session:
        person = session.get(Person, person_id)
        if person is None:
            return False
        if person.version != version:
            raise StaleRecordError(stale_record_message())
        kept = _has_history(session, person_id)
        affiliation_ids = [affiliation.id for affiliation in person.affiliations]
        if kept:
            _anonymise(person)
        else:
            session.delete(person)
        erase_from_audit_log(session, Person.__tablename__, person_id)
        for affiliation_id in affiliation_ids:  # their roles were written there too
            erase_from_audit_log(session, Affiliation.__tablename__, affiliation_id)
        return kept
