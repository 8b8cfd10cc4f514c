"""Registrations from an online form's Excel export, on an ugly sheet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from skimlll_desktop.models import Affiliation, Organization, Person, RegistrationStatus
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.events import EventDetails, list_registrations, save_event
from skimlll_desktop.services.jobs import run_job
from skimlll_desktop.services.registration_import import (
    EXISTING,
    NEW,
    SKIP,
    apply_registration_import,
    preview_registration_import,
)


def _form_export(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Formularz zgłoszeniowy — Poranek partnerski"])
    sheet.append([])
    sheet.append(["Identyfikator", "Godzina rozpoczęcia", "Imię i nazwisko", "Adres e-mail",
                  "Nazwa instytucji", "Gmina", "Wyrażam zgodę na przetwarzanie danych"])
    rows = [
        [1, datetime(2026, 2, 1, 9, 5), "Łucja Żółkiewska", "L.ZOLKIEWSKA@lacko.pl",
         "Urząd Gminy Łącko", "Łącko", "Tak"],
        [2, datetime(2026, 2, 1, 9, 7), "Lucja Zolkiewska", "lucja.z@gmail.com",
         "Urząd Gminy Łącko", "Łącko", "tak"],  # similar name, same institution
        [3, datetime(2026, 2, 1, 9, 9), "Jan Kowalski", "jan.kowalski@example.pl",
         "Fundacja Nowa", "Kraków", "Nie"],
        [4, None, "", "anon@example.pl", "", "", ""],
        [5, None, "Ewa Nowak", "ewa@", "", "", ""],
        [6, None, "Jan Kowalski", "JAN.KOWALSKI@example.pl", "", "", "tak"],
        [7, None, "Anna Ćwikła", "anna@example.pl", "Fundacja Nowa", "", "TAK"],
    ]
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_form_export_matches_creates_and_registers(sqlite_db: Database, tmp_path: Path) -> None:
    event = save_event(sqlite_db, EventDetails(title="Poranek", capacity=3,
                                               starts_on=date(2026, 2, 10),
                                               ends_on=date(2026, 2, 10)))
    with sqlite_db.transaction() as session:
        office = Organization(name="Urząd Gminy Łącko", gmina_teryt="1210092")
        session.add(Person(first_name="Łucja", last_name="Żółkiewska",
                           email="l.zolkiewska@lacko.pl",
                           affiliations=[Affiliation(organization=office)]))
    preview = run_job(preview_registration_import(sqlite_db, event.id or 0,
                                                  _form_export(tmp_path / "form.xlsx")))
    by_row = {row.row: row for row in preview.rows}
    assert by_row[4].action == EXISTING and by_row[4].match_reason == "ten sam e-mail"
    assert by_row[5].action == EXISTING  # similar name in the same institution
    assert by_row[6].action == NEW and not by_row[6].consent
    assert by_row[7].action == SKIP and by_row[7].problems[0].column == "Imię i nazwisko"
    assert by_row[8].action == SKIP and by_row[8].problems[0].column == "Adres e-mail"
    assert by_row[9].action == SKIP and "wierszu 6" in by_row[9].problems[0].message
    assert by_row[10].action == NEW and by_row[10].consent

    result = run_job(apply_registration_import(sqlite_db, preview))
    assert (result.matched, result.created, result.skipped) == (2, 2, 3)
    registrations = list_registrations(sqlite_db, event.id or 0)
    assert len(registrations) == 3  # rows 4 and 5 are the same person
    statuses = sorted(r.status for r in registrations)
    assert statuses.count(RegistrationStatus.REGISTERED) == 3
    assert {r.name for r in registrations} == {"Łucja Żółkiewska", "Jan Kowalski",
                                               "Anna Ćwikła"}
    with sqlite_db.transaction() as session:
        anna = session.query(Person).filter_by(last_name="Ćwikła").one()
        jan = session.query(Person).filter_by(last_name="Kowalski").one()
        assert anna.affiliations[0].organization is jan.affiliations[0].organization
        assert anna.consent_at is not None and jan.consent_at is None
