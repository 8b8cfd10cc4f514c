"""The printed attendance list, read back from the PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from skimlll_desktop.models import (
    Affiliation,
    Event,
    EventSession,
    EventType,
    Organization,
    Person,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.services.attendance_list import (
    AttendanceListOptions,
    ListLayout,
    build_attendance_list,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import UserFacingError

SURNAMES = ["Żółkiewska", "Łącki", "Ćwikła", "Śliwa", "Nowak", "Adamczyk", "Źrebiec", "Ąbel"]


def _event(db: Database, people: int = 60, days: int = 2) -> int:
    with db.transaction() as session:
        org = Organization(name="Fundacja \"Równe Szanse\" & Partnerzy <Kraków>")
        event = Event(type=EventType.WORKSHOP, title="Warsztaty: zielone kompetencje w gminie",
                      starts_on=date(2026, 5, 12), ends_on=date(2026, 5, 11 + days),
                      venue_name="Centrum Kongresowe ICE", venue_address="ul. Konopnickiej 17")
        for day in range(days):
            session.add(EventSession(event=event, number=day + 1, day=date(2026, 5, 12 + day)))
        for n in range(people):
            person = Person(first_name="Łucja" if n % 2 else "Jan",
                            last_name=f"{SURNAMES[n % len(SURNAMES)]}{'' if n < 8 else n}",
                            gmina_teryt="1210092",
                            affiliations=[Affiliation(organization=org)])
            status = RegistrationStatus.CANCELLED if n == 5 else RegistrationStatus.REGISTERED
            session.add(Registration(event=event, person=person, status=status))
        session.add(Registration(event=event, status=RegistrationStatus.REGISTERED, person=Person(
            first_name="Maria Magdalena Aleksandra", last_name="Konstantynopolitańczykiewicz-"
            "Brzęczyszczykiewicz", affiliations=[Affiliation(organization=Organization(
                name="Zespół Szkół Ogólnokształcących i Zawodowych im. Komisji Edukacji "
                "Narodowej w Nowym Targu — Filia w Szaflarach"))])))
        session.flush()
        return event.id


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text without white space: wrapped cells break lines anywhere, even inside words."""
    return re.sub(r"\s+", "", text)


def test_every_registrant_with_diacritics_header_on_every_page(sqlite_db: Database,
                                                               tmp_path: Path) -> None:
    event_id = _event(sqlite_db)
    out = build_attendance_list(sqlite_db, event_id, tmp_path / "lista.pdf",
                                AttendanceListOptions(session_number=1, blank_rows=7))
    pages = _text(out)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Imię i nazwisko" in page and "Podpis" in page  # header row repeated
        assert f"Strona {number} z {len(pages)}" in page
        assert "Wojewódzki Urząd Pracy w Krakowie" in page
    everything = "\n".join(pages)
    assert "Warsztaty: zielone kompetencje w gminie" in everything
    assert "12 maja 2026" in everything and "dzień 1 z 2" in everything
    for surname in SURNAMES:
        if surname != "Adamczyk":  # person 5 (Adamczyk) cancelled
            assert surname in everything
    assert squash("Fundacja \"Równe Szanse\" & Partnerzy <Kraków>") in squash(everything)
    # a very long name wraps inside its cell, never cut
    assert squash("Maria Magdalena Aleksandra Konstantynopolitańczykiewicz-"
                  "Brzęczyszczykiewicz") in squash(everything)
    numbers = [int(n) for n in re.findall(r"^(\d+)\b", everything, re.MULTILINE)]
    assert max(numbers) == 60 + 7  # 60 registered (one cancelled) + the long name + 7 blank
    assert "Potwierdzam" in pages[-1]


def test_polish_alphabetical_order(sqlite_db: Database, tmp_path: Path) -> None:
    event_id = _event(sqlite_db, people=8, days=1)
    text = "\n".join(_text(build_attendance_list(sqlite_db, event_id, tmp_path / "a.pdf")))
    positions = [text.index(name) for name in
                 ["Ąbel", "Ćwikła", "Maria Magdalena", "Łącki", "Nowak", "Śliwa",
                  "Źrebiec", "Żółkiewska"]]
    assert positions == sorted(positions)


def test_separate_lists_or_one_with_a_column_per_day(sqlite_db: Database,
                                                     tmp_path: Path) -> None:
    event_id = _event(sqlite_db, people=40, days=2)
    pages = _text(build_attendance_list(
        sqlite_db, event_id, tmp_path / "s.pdf", AttendanceListOptions(blank_rows=0)))
    separate = "\n".join(pages)
    assert "dzień 1 z 2" in separate and "dzień 2 z 2" in separate
    # each day's list is signed and filed on its own: its pages are counted on their own
    per_day = len(pages) // 2
    assert per_day >= 2 and len(pages) == 2 * per_day
    for index, page in enumerate(pages):
        assert f"Strona {index % per_day + 1} z {per_day}" in page
    assert "dzień 1 z 2" in pages[0] and "dzień 2 z 2" in pages[per_day]
    one = "\n".join(_text(build_attendance_list(
        sqlite_db, event_id, tmp_path / "c.pdf",
        AttendanceListOptions(blank_rows=0, layout=ListLayout.COLUMN_PER_DAY))))
    assert squash("dzień 1 (12.05)") in squash(one) and squash("dzień 2 (13.05)") in squash(one)


def test_bad_options_are_refused_and_no_file_left(sqlite_db: Database, tmp_path: Path) -> None:
    event_id = _event(sqlite_db, people=2, days=1)
    with pytest.raises(UserFacingError):
        build_attendance_list(sqlite_db, event_id, tmp_path / "x.pdf",
                              AttendanceListOptions(session_number=3))
    assert list(tmp_path.glob("x.pdf*")) == []
