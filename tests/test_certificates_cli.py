"""Certificates on the command line: print for an event's attendees, verify."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from skimlll_desktop.services.certificates import list_register
from skimlll_desktop.services.database import open_database


def test_print_certificates_and_verify(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    assert skimlll("--db", db, "demo").returncode == 0
    events = json.loads(skimlll("--db", db, "events", "list", "--json").stdout)
    held = next(e for e in events if e["attended"] >= 5)
    out = tmp_path / "zaswiadczenia.pdf"
    printed = skimlll("--db", db, "print", "certificates", held["uuid"], str(out),
                      "--per-person-dir", str(tmp_path / "osoby"), "--json")
    assert printed.returncode == 0, printed.stderr
    pages = json.loads(printed.stdout)
    assert len(pages) == held["attended"]
    assert set(pages[0]) == {"number", "person_uuid", "name"}
    reader = PdfReader(out)
    assert len(reader.pages) == len(pages)
    for page, expected in zip(reader.pages, pages, strict=True):
        text = " ".join(page.extract_text().split())
        assert expected["number"] in text and expected["name"] in text
    assert len(list((tmp_path / "osoby").iterdir())) == len(pages)

    database = open_database(db)
    try:
        code = {row.number: row.code for row in list_register(database)}[pages[0]["number"]]
    finally:
        database.dispose()
    valid = skimlll("--db", db, "verify", pages[0]["number"], code)
    assert valid.returncode == 0 and "WAŻNY" in valid.stdout and pages[0]["name"] in valid.stdout
    forged = skimlll("--db", db, "verify", pages[0]["number"], "AAAA-BBBB")
    assert forged.returncode == 1 and "SFAŁSZOWANY" in forged.stdout
    unknown = skimlll("--db", db, "verify", "ZU/1999/0001", code)
    assert unknown.returncode == 1 and "NIEZNANY" in unknown.stdout
