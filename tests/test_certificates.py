"""Certificates: templates with gendered forms, numbering, register, verification, batches."""

from __future__ import annotations

import shutil
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from skimlll_desktop.models import DocumentKind, Gender, IssuedDocument
from skimlll_desktop.services.certificate_templates import (
    TemplateDetails,
    default_template,
    fill,
    save_template,
)
from skimlll_desktop.services.certificates import (
    IssueRequest,
    Recipient,
    Verdict,
    export_register,
    issue_documents,
    list_register,
    parse_scanned,
    reissue_corrected,
    reprint,
    revoke,
    verify,
)
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.jobs import CancelToken, JobCancelled, run_job
from skimlll_desktop.services.registry import FormErrors

HOSTILE = "Anna <b>Bold</b> & \"Quote\" Nowak"
LONG = ("Maria Magdalena Aleksandra Konstantynopolitańczykiewicz-Brzęczyszczykiewicz "
        "von Żółkiewska-Łącka")


def test_gendered_forms_and_neutral_wording() -> None:
    text = "{imię_nazwisko} {wziął/wzięła/wziął(-ęła)} udział; {był/była}"
    values = {"imię_nazwisko": "Łucja Żółkiewska"}
    assert fill(text, values, Gender.FEMININE) == "Łucja Żółkiewska wzięła udział; była"
    assert fill(text, values, Gender.MASCULINE) == "Łucja Żółkiewska wziął udział; był"
    assert fill(text, values, None) == "Łucja Żółkiewska wziął(-ęła) udział; był/była"
    assert fill("{nieznane}", values, None) == "{nieznane}"


def test_template_with_unknown_placeholder_is_refused(sqlite_db: Database) -> None:
    with pytest.raises(FormErrors) as refused:
        save_template(sqlite_db, TemplateDetails(name="X", body="Dla {imie}"))
    assert "{imie}" in refused.value.errors["body"]


def _request(db: Database, tmp_path: Path, recipients: list[Recipient], **kwargs) -> IssueRequest:
    template = default_template(db, DocumentKind.PARTICIPATION)
    values = {"wydarzenie": "Poranek partnerski: zielone kompetencje", "daty": "12 maja 2026",
              "rodzaj_wydarzenia": "poranek partnerski", "miejsce": "Kraków", "godziny": "4"}
    return IssueRequest(kind=DocumentKind.PARTICIPATION, template_id=template.id or 0,
                        recipients=recipients, values=values, subject="Poranek",
                        issue_date=date(2026, 11, 23), **kwargs)


RECIPIENTS = [Recipient(None, "Łucja Żółkiewska", Gender.FEMININE),
              Recipient(None, HOSTILE, None),
              Recipient(None, LONG, Gender.MASCULINE)]


def test_one_page_per_person_with_the_right_name_and_number(sqlite_db: Database,
                                                            tmp_path: Path) -> None:
    result = run_job(issue_documents(sqlite_db, _request(
        sqlite_db, tmp_path, RECIPIENTS, out_pdf=tmp_path / "all.pdf",
        per_person_dir=tmp_path / "people")))
    assert [p.number for p in result.pages] == ["ZU/2026/0001", "ZU/2026/0002",
                                                "ZU/2026/0003"]
    pages = PdfReader(tmp_path / "all.pdf").pages
    assert len(pages) == 3
    texts = [" ".join(page.extract_text().split()) for page in pages]
    assert "Łucja Żółkiewska" in texts[0] and "wzięła udział" in texts[0]
    assert "ZU/2026/0001" in texts[0]
    assert HOSTILE in texts[1] and "wziął(-ęła)" in texts[1]
    squashed = "".join(texts[2].split())
    assert "".join(LONG.split()) in squashed and "wziął udział" in texts[2]
    files = sorted(p.name for p in (tmp_path / "people").iterdir())
    assert files == ["anna-b-bold-b-quote-nowak-zu-2026-0002.pdf",
                     "lucja-zolkiewska-zu-2026-0001.pdf",
                     "maria-magdalena-aleksandra-konstantynopolitanczykiewicz-brze-zu-2026-0003.pdf"]
    assert all(len(PdfReader(p).pages) == 1 for p in (tmp_path / "people").iterdir())


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbar-tools / poppler-utils not installed (make test installs them)")
def test_qr_code_scans_to_number_and_code(sqlite_db: Database, tmp_path: Path) -> None:
    run_job(issue_documents(sqlite_db, _request(sqlite_db, tmp_path, RECIPIENTS[:1],
                                                out_pdf=tmp_path / "one.pdf")))
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(tmp_path / "one.pdf"),
                    str(tmp_path / "page")], check=True)
    scanned = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "page-1.png")],
                             capture_output=True, text=True, check=True).stdout.strip()
    parsed = parse_scanned(scanned)
    assert parsed is not None and parsed[0] == "ZU/2026/0001"
    assert verify(sqlite_db, *parsed).verdict is Verdict.VALID


def test_verification_valid_revoked_replaced_unknown_forged(sqlite_db: Database,
                                                            tmp_path: Path) -> None:
    run_job(issue_documents(sqlite_db, _request(sqlite_db, tmp_path, RECIPIENTS,
                                                out_pdf=tmp_path / "a.pdf")))
    register = {row.number: row for row in list_register(sqlite_db)}
    first, second, third = (register[f"ZU/2026/000{n}"] for n in (1, 2, 3))
    valid = verify(sqlite_db, first.number, first.code.lower().replace("-", ""))
    assert valid.verdict is Verdict.VALID and valid.holder == "Łucja Żółkiewska"
    assert valid.issued_on is not None
    forged_code = ("AAAA-AAAA" if first.code != "AAAA-AAAA" else "BBBB-BBBB")
    assert verify(sqlite_db, first.number, forged_code).verdict is Verdict.FORGED
    assert verify(sqlite_db, "ZU/2026/0999", first.code).verdict is Verdict.UNKNOWN
    revoke(sqlite_db, second.id, "Błędne dane")
    revoked = verify(sqlite_db, second.number, second.code)
    assert revoked.verdict is Verdict.REVOKED and revoked.reason == "Błędne dane"
    corrected = run_job(reissue_corrected(sqlite_db, third.id, "Jan Nowak",
                                          tmp_path / "fix.pdf"))
    assert corrected.pages[0].number == "ZU/2026/0004"
    replaced = verify(sqlite_db, third.number, third.code)
    assert replaced.verdict is Verdict.REPLACED and replaced.replaced_by == "ZU/2026/0004"


def test_reprint_keeps_numbers_and_text_after_template_changes(sqlite_db: Database,
                                                               tmp_path: Path) -> None:
    run_job(issue_documents(sqlite_db, _request(sqlite_db, tmp_path, RECIPIENTS[:2],
                                                out_pdf=tmp_path / "a.pdf")))
    template = default_template(sqlite_db, DocumentKind.PARTICIPATION)
    save_template(sqlite_db, TemplateDetails(**{**template.__dict__, "heading": "INNY"}))
    ids = [row.id for row in sorted(list_register(sqlite_db), key=lambda r: r.number)]
    out = reprint(sqlite_db, ids, tmp_path / "again.pdf")
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert "ZU/2026/0001" in texts[0] and "ZU/2026/0002" in texts[1]
    assert "ZAŚWIADCZENIE" in texts[0] and "INNY" not in texts[0]
    original = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "a.pdf").pages]
    assert texts == original


def test_cancel_mid_batch_issues_nothing_and_leaves_no_files(sqlite_db: Database,
                                                             tmp_path: Path) -> None:
    many = [Recipient(None, f"Osoba {n}") for n in range(60)]
    cancel = CancelToken()
    seen = []

    def stop_after_first(progress) -> None:
        seen.append(progress)
        if len(seen) == 2:
            cancel.cancel()

    with pytest.raises(JobCancelled):
        run_job(issue_documents(sqlite_db, _request(
            sqlite_db, tmp_path, many, out_pdf=tmp_path / "out" / "all.pdf",
            per_person_dir=tmp_path / "out" / "people")), stop_after_first, cancel)
    assert not (tmp_path / "out").exists()
    assert list_register(sqlite_db) == []
    again = run_job(issue_documents(sqlite_db, _request(sqlite_db, tmp_path, many[:1],
                                                        out_pdf=tmp_path / "b.pdf")))
    assert again.pages[0].number == "ZU/2026/0001"  # the cancelled batch used no number


def test_two_concurrent_batches_get_distinct_numbers(any_db_url: str, tmp_path: Path) -> None:
    setup = open_database(any_db_url)
    default_template(setup, DocumentKind.PARTICIPATION)
    setup.dispose()
    results: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def batch(name: str) -> None:
        database = open_database(any_db_url)
        try:
            people = [Recipient(None, f"{name} {n}") for n in range(15)]
            result = run_job(issue_documents(database, _request(
                database, tmp_path, people, out_pdf=tmp_path / f"{name}.pdf")))
            results[name] = [p.number for p in result.pages]
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            database.dispose()

    threads = [threading.Thread(target=batch, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    numbers = results["a"] + results["b"]
    assert len(set(numbers)) == 30
    assert sorted(numbers) == [f"ZU/2026/{n:04d}" for n in range(1, 31)]
    check = open_database(any_db_url)
    try:
        with check.transaction() as session:
            assert len(session.scalars(select(IssuedDocument)).all()) == 30
    finally:
        check.dispose()


def test_register_export(sqlite_db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    run_job(issue_documents(sqlite_db, _request(sqlite_db, tmp_path, RECIPIENTS[1:2],
                                                out_pdf=tmp_path / "a.pdf")))
    sheet = load_workbook(export_register(sqlite_db, tmp_path / "r.xlsx")).active
    assert sheet["A2"].value == "ZU/2026/0001" and sheet["C2"].value == HOSTILE
    assert sheet["G2"].value == "ważny"


def test_correcting_a_diploma_keeps_the_award(sqlite_db: Database, tmp_path: Path) -> None:
    template = default_template(sqlite_db, DocumentKind.DIPLOMA)
    run_job(issue_documents(sqlite_db, IssueRequest(
        kind=DocumentKind.DIPLOMA, template_id=template.id or 0,
        recipients=[Recipient(None, "Gmina Łąck", extra={
            "nagroda": "I miejsce w kategorii: gmina wiejska", "edycja": "2026"})],
        issue_date=date(2026, 12, 10), out_pdf=tmp_path / "d.pdf")))
    (row,) = list_register(sqlite_db)
    fixed = run_job(reissue_corrected(sqlite_db, row.id, "Gmina Łącko", tmp_path / "fix.pdf"))
    text = " ".join(PdfReader(tmp_path / "fix.pdf").pages[0].extract_text().split())
    assert "Gmina Łącko" in text and "I miejsce w kategorii: gmina wiejska" in text
    assert "edycja 2026" in text and "{" not in text
    assert fixed.pages[0].number.startswith("DY/") and fixed.pages[0].number != row.number
    assert verify(sqlite_db, row.number, row.code).verdict is Verdict.REPLACED


def test_a_long_batch_holds_no_write_lock_while_it_draws(sqlite_db: Database,
                                                          tmp_path: Path) -> None:
    import sqlite3

    from skimlll_desktop.services.registry import OrganizationDetails, save_organization

    people = [Recipient(None, f"Uczestniczka {n}", Gender.FEMININE) for n in range(30)]
    batch = issue_documents(sqlite_db, _request(sqlite_db, tmp_path, people,
                                                out_pdf=tmp_path / "long.pdf"))
    while next(batch).message != "Tworzenie stron…":  # the first 25 pages are drawn
        pass
    # meanwhile someone checks in at the door, and another program issues two numbers
    save_organization(sqlite_db, OrganizationDetails(name="Fundacja w trakcie"))
    with sqlite3.connect(tmp_path / "test.db") as other:
        other.execute("UPDATE document_counters SET last = last + 2")
    result = run_job(batch)  # numbers are taken now; the pages are drawn again with them
    assert result.pages[0].number == "ZU/2026/0003"
    assert result.pages[-1].number == "ZU/2026/0032"
    texts = [page.extract_text() for page in PdfReader(tmp_path / "long.pdf").pages]
    assert len(texts) == 30
    assert "ZU/2026/0003" in texts[0] and "ZU/2026/0001" not in texts[0]
    assert "ZU/2026/0032" in texts[-1]
