from __future__ import annotations

import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from skimlll_desktop.models import Person
from skimlll_desktop.services.checkin import check_in
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.event_file import write_event_file
from skimlll_desktop.services.events import EventDetails, register_person, save_event
from skimlll_desktop.services.files import safe_file_name
from skimlll_desktop.services.jobs import CancelToken, JobCancelled, run_job


def _event(db: Database) -> int:
    event = save_event(db, EventDetails(title="Warsztaty <zielone> & co", notes="Wnioski: więcej",
                                        starts_on=date(2026, 5, 12), ends_on=date(2026, 5, 13)))
    with db.transaction() as session:
        person = Person(first_name="Łucja", last_name="Żółkiewska")
        session.add(person)
        session.flush()
        person_id = person.id
    register_person(db, event.id or 0, person_id)
    check_in(db, event.id or 0, person_id, 2)
    return event.id or 0


def test_event_file_has_what_an_auditor_asks_for(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = run_job(write_event_file(sqlite_db, _event(sqlite_db), folder / "teczka.zip"))
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        assert names == ["lista-obecnosci-sesja-1.pdf", "lista-obecnosci-sesja-2.pdf",
                         "notatki-i-wnioski.txt", "obecnosc.xlsx", "podsumowanie.pdf"]
        summary = PdfReader(BytesIO(archive.read("podsumowanie.pdf"))).pages[0].extract_text()
        assert "Warsztaty <zielone> & co" in summary and "Obecni" in summary
        assert "Wnioski: więcej" in archive.read("notatki-i-wnioski.txt").decode("utf-8")
        sheet = load_workbook(BytesIO(archive.read("obecnosc.xlsx"))).active
        assert sheet["B2"].value == "Łucja Żółkiewska"
    assert list(folder.iterdir()) == [out]


def test_cancelled_event_file_leaves_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    cancel = CancelToken()
    with pytest.raises(JobCancelled):
        run_job(write_event_file(sqlite_db, _event(sqlite_db), folder / "t.zip"),
                on_progress=lambda progress: cancel.cancel(), cancel=cancel)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Gala: „EGM” 2026/27", "gala-egm-2026-27"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "plik-con"),
    ("   ", "plik"),
    ("Żółć\\Łąka:*?", "zolc-laka"),
])
def test_safe_file_names(text: str, name: str) -> None:
    assert safe_file_name(text) == name
    assert safe_file_name(text, ".pdf") == name + ".pdf"


def test_event_file_of_an_event_nobody_attended(sqlite_db: Database, tmp_path: Path) -> None:
    event = save_event(sqlite_db, EventDetails(title="Gala", starts_on=date(2026, 12, 1),
                                               ends_on=date(2026, 12, 1)))
    out = run_job(write_event_file(sqlite_db, event.id or 0, tmp_path / "pusta.zip"))
    with zipfile.ZipFile(out) as archive:
        summary = PdfReader(BytesIO(archive.read("podsumowanie.pdf"))).pages[0].extract_text()
    assert "nikt nie był obecny" in summary
