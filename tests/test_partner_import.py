"""Excel import of partners, on the kind of sheets staff really have."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from skimlll_desktop.models import (
    Affiliation,
    AuditAction,
    AuditEntry,
    Membership,
    Organization,
    OrganizationType,
    Person,
    Pillar,
    SearchWord,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.excel_reading import UnreadableWorkbook
from skimlll_desktop.services.jobs import run_job
from skimlll_desktop.services.partner_import import (
    CREATE,
    SKIP,
    preview_partner_import,
    split_person_name,
    write_import_report,
)
from skimlll_desktop.services.partner_writing import apply_partner_import
from skimlll_desktop.services.search import search_records

HEADERS = ["Lp.", "Typ instytucji", "Nazwa instytucji", "NIP", "REGON", "Gmina", "Powiat",
           "Adres", "Osoba kontaktowa", "E-mail", "Telefon", "Filar", "Data przystąpienia"]


def _sheet(path: Path, rows: list[list], title_rows: int = 2, headers=HEADERS) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Partnerzy MPKU"
    if title_rows:
        sheet.append(["Wykaz partnerów Małopolskiego Partnerstwa na rzecz Kształcenia"])
        for _ in range(title_rows - 1):
            sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


GOOD_ROWS = [
    [1, "JST", "Urząd Gminy Łącko", "734-000-94-69", "491892268", "Łącko", "nowosądecki",
     "Łącko 445, 33-390 Łącko", "mgr Anna Wójcik", "a.wojcik@lacko.pl", "18 444 61 00",
     "oświata", "15.03.2021"],
    [2, "Uczelnia", "Uniwersytet Komisji Edukacji Narodowej w Krakowie", "PL 6750002236", None,
     "Kraków", None, "ul. Podchorążych 2", "dr hab. Jan Maria Ćwikła", "jan.cwikla@uken.krakow.pl",
     "+48 12 662 60 00", "gospodarka", datetime(2020, 1, 10)],
    [3, "Stowarzyszenie", "Stowarzyszenie Żabno Razem", None, None, "Żabno", "tarnowski",
     "ul. Kościuszki 1, 33-240 Żabno", None, None, None, None, 44562],
]


def _preview(db: Database, path: Path, **kwargs):
    return run_job(preview_partner_import(db, path, **kwargs))


def _import(db: Database, path: Path, **kwargs):
    return run_job(apply_partner_import(db, _preview(db, path, **kwargs)))


def test_header_under_title_rows_and_every_field(sqlite_db: Database, tmp_path: Path) -> None:
    result = _import(sqlite_db, _sheet(tmp_path / "p.xlsx", GOOD_ROWS))
    assert (result.imported, result.updated, result.skipped) == (3, 0, 0)
    with sqlite_db.transaction() as session:
        lacko = session.scalar(select(Organization).where(Organization.nip == "7340009469"))
        assert lacko is not None
        assert lacko.type is OrganizationType.LOCAL_GOVERNMENT
        assert lacko.gmina_teryt == "1210092" and lacko.powiat_teryt == "1210"
        assert lacko.memberships[0].since == date(2021, 3, 15)
        assert lacko.memberships[0].wzk_pillar is Pillar.EDUCATION
        wojcik = session.scalar(select(Person).where(Person.email == "a.wojcik@lacko.pl"))
        assert wojcik is not None
        assert (wojcik.first_name, wojcik.last_name, wojcik.title) == ("Anna", "Wójcik", "mgr")
        assert wojcik.phone == "+48 18 444 61 00"
        assert [a.organization.name for a in wojcik.affiliations] == ["Urząd Gminy Łącko"]
        uken = session.scalar(select(Organization).where(Organization.nip == "6750002236"))
        assert uken is not None and uken.type is OrganizationType.UNIVERSITY
        assert uken.memberships[0].since == date(2020, 1, 10)
        zabno = session.scalar(select(Organization).where(Organization.name.like("%Żabno%")))
        assert zabno is not None and zabno.memberships[0].since == date(2022, 1, 1)  # serial


def test_reimport_updates_instead_of_duplicating(sqlite_db: Database, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "p.xlsx", GOOD_ROWS)
    _import(sqlite_db, path)
    changed = [list(row) for row in GOOD_ROWS]
    changed[2][7] = "ul. Nowa 5, 33-240 Żabno"  # no NIP: matched by name + gmina
    second = _import(sqlite_db, _sheet(tmp_path / "p2.xlsx", changed))
    assert (second.imported, second.updated, second.skipped) == (0, 3, 0)
    with sqlite_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 3
        assert session.scalar(select(func.count()).select_from(Person)) == 2
        assert session.scalar(select(func.count()).select_from(Affiliation)) == 2
        assert session.scalar(select(func.count()).select_from(Membership)) == 3
        zabno = session.scalar(select(Organization).where(Organization.name.like("%Żabno%")))
        assert zabno is not None and zabno.address == "ul. Nowa 5, 33-240 Żabno"


def test_ugly_sheet_problems_per_row_and_column(sqlite_db: Database, tmp_path: Path) -> None:
    headers = ["Uwagi", "E-mail", "Nazwa", "Gmina", "NIP", "Data przystąpienia", "Osoba kontaktowa"]
    rows = [
        ["", "biuro@gorlice.pl", "Szkoła Podstawowa nr 1", "Gorlice", None, None, None],
        [None, None, None, None, None, None, None],  # blank row: ignored
        ["", "", "Fundacja Błędny NIP", "Tarnów", "1234567890", None, None],
        ["=SUM(A1:A3)", "nie-mail", "Firma Zła Data", "Zakopane", None, "31.02.2021", "Jan Nowak"],
        ["", "", "Urząd Miasta Gorlice", "Gorlice", "7380003645", "2021-05-04", None],
        ["", "", "Urząd Miasta Gorlice", "Gorlice", "738-000-36-45", None, None],  # duplicate
        ["", "", "Instytucja z Łodzi", "Łódź", None, None, None],
    ]
    path = _sheet(tmp_path / "ugly.xlsx", rows, title_rows=0, headers=headers)
    preview = _preview(sqlite_db, path)
    by_row = {row.row: row for row in preview.rows}
    assert sorted(by_row) == [2, 4, 5, 6, 7, 8]
    gorlice = by_row[2]
    assert gorlice.action == SKIP and len(gorlice.gmina_candidates) == 2
    assert gorlice.problems[0].column == "Gmina" and "więcej niż jednej gminy" in (
        gorlice.problems[0].message)
    assert by_row[4].action == SKIP and by_row[4].problems[0].column == "NIP"
    assert "cyfrę kontrolną" in by_row[4].problems[0].message
    bad = {p.column for p in by_row[5].problems}
    assert bad == {"E-mail", "Data przystąpienia"}
    assert by_row[6].action == CREATE and by_row[6].values["gmina_teryt"] == "1205011"
    assert by_row[7].action == SKIP and "wierszu 6" in by_row[7].problems[0].message
    assert by_row[8].action == SKIP and "Łódź" in by_row[8].problems[0].message

    with sqlite_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 0  # preview

    chosen = _preview(sqlite_db, path, gmina_choices={2: "1205011"})
    assert {row.row: row.action for row in chosen.rows}[2] == CREATE


def test_formulas_are_read_as_their_values_and_kept_as_text(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = _sheet(tmp_path / "f.xlsx", [[1, "NGO", "=\"Fundacja \"&\"Formuła\"", None, None,
                                         "Kraków", None, "=1+1", None, None, None, None, None]])
    preview = _preview(sqlite_db, path)
    # openpyxl never computes formulas: with no cached value the name is missing
    assert preview.rows[0].action == SKIP
    assert preview.rows[0].problems[0].column == "Nazwa instytucji"


def test_user_adjusts_the_mapping(sqlite_db: Database, tmp_path: Path) -> None:
    headers = ["Nazwa", "Kolumna X"]
    path = _sheet(tmp_path / "m.xlsx", [["Gminny Ośrodek Kultury", "Szczawa"]], 0, headers)
    assert _preview(sqlite_db, path).rows[0].values["gmina_teryt"] is None
    adjusted = _preview(sqlite_db, path, overrides={"gmina": 1})
    assert adjusted.rows[0].values["gmina_teryt"] == "1207132"


def test_all_or_nothing(any_db: Database, tmp_path: Path) -> None:
    preview = _preview(any_db, _sheet(tmp_path / "p.xlsx", GOOD_ROWS))
    job = apply_partner_import(any_db, preview)
    reports = [next(job)]
    while reports[-1].done < reports[-1].total:  # every row written, not yet committed
        reports.append(next(job))
    job.close()  # the user cancelled (or the process died) before the end
    with any_db.transaction() as session:
        for model in (Organization, Person, Membership, Affiliation, AuditEntry, SearchWord):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model


def test_import_report_xlsx(sqlite_db: Database, tmp_path: Path) -> None:
    rows = [*GOOD_ROWS, [4, "NGO", "=HYPERLINK(\"http://x\")", "1234567890"] + [None] * 9]
    source = _sheet(tmp_path / "p.xlsx", rows)
    workbook = load_workbook(source)
    workbook.active.cell(row=7, column=3).data_type = "s"  # text that looks like a formula
    workbook.save(source)
    preview = _preview(sqlite_db, source)
    report = write_import_report(preview, tmp_path / "report.xlsx")
    sheet = load_workbook(report).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Wiersz", "Wynik", "Instytucja"]
    assert [row[1] for row in values[1:]] == ["nowy", "nowy", "nowy", "pominięty"]
    formula_cell = sheet.cell(row=5, column=3)
    assert formula_cell.value == "=HYPERLINK(\"http://x\")" and formula_cell.data_type == "s"
    assert "cyfrę kontrolną" in values[4][5]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_fifty_thousand_rows(sqlite_db: Database, tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dane")
    sheet.append(["Nazwa instytucji", "Gmina", "E-mail"])
    for n in range(50_000):
        sheet.append([f"Instytucja numer {n}", "Bochnia" if n % 2 else "Szczawa",
                      f"biuro{n}@example.pl"])
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    preview = _preview(sqlite_db, path)
    assert len(preview.rows) == 50_000
    assert preview.count(SKIP) == 25_000  # Bochnia: urban or rural? not guessed
    result = run_job(apply_partner_import(sqlite_db, preview))
    assert result.imported == 25_000
    with sqlite_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 25_000


@pytest.mark.parametrize("kind", ["not_xlsx", "empty", "no_header", "password", "zip", "csv"])
def test_bad_files_are_refused_clearly(sqlite_db: Database, tmp_path: Path, kind: str) -> None:
    path = tmp_path / (f"{kind}.csv" if kind == "csv" else f"{kind}.xlsx")
    if kind == "not_xlsx":
        path.write_text("Nazwa;NIP\nGmina;123\n", encoding="utf-8")
    elif kind == "empty":
        Workbook().save(path)
    elif kind == "no_header":
        _sheet(path, [["a", "b"]], title_rows=0, headers=["Kolor", "Smak"])
    elif kind == "csv":
        path.write_text("Nazwa instytucji;NIP\nGmina Łącko;7340009469\n", encoding="utf-8")
    elif kind == "password":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(UnreadableWorkbook) as refused:
        _preview(sqlite_db, path)
    assert refused.value.message and "\n" not in refused.value.message


def test_split_person_name() -> None:
    assert split_person_name("dr hab. Anna Maria Kowalska-Nowak") == (
        "Anna Maria", "Kowalska-Nowak", "dr hab.")
    assert split_person_name("Nowak") == ("", "Nowak", "")


def test_new_rows_are_audited_indexed_and_share_contact_persons(
    any_db: Database, tmp_path: Path
) -> None:
    with any_db.transaction() as session:  # already in the registry
        session.add(Person(first_name="Ewa", last_name="Stara", email="ewa.stara@example.pl"))
    contacts = ["Maria Nowa", "maria.nowa@example.pl", "Maria Nowa", "MARIA.NOWA@example.pl",
                "Ewa Stara", "ewa.stara@example.pl"]
    rows = [[n + 1, "NGO", name, None, None, "Kraków", None, "ul. Długa 1",
             contacts[2 * n], contacts[2 * n + 1], "12 616 00 00", None, None]
            for n, name in enumerate(["Fundacja Pierwsza", "Fundacja Druga", "Fundacja Trzecia"])]
    result = _import(any_db, _sheet(tmp_path / "p.xlsx", rows))
    assert result.imported == 3
    with any_db.transaction() as session:
        nowa = session.scalars(select(Person).where(Person.last_name == "Nowa")).one()
        assert sorted((a.organization.name, a.is_primary) for a in nowa.affiliations) == [
            ("Fundacja Druga", False), ("Fundacja Pierwsza", True)]
        assert nowa.phone == "+48 12 616 00 00" and nowa.version == 1
        stara = session.scalars(select(Person).where(Person.last_name == "Stara")).one()
        assert [a.organization.name for a in stara.affiliations] == ["Fundacja Trzecia"]
        audited = session.execute(select(AuditEntry.table_name, AuditEntry.action,
                                         AuditEntry.record_id, AuditEntry.changes)).all()
        inserted = {(table, id_) for table, action, id_, _changes in audited
                    if action is AuditAction.INSERT}
        for organization in session.scalars(select(Organization)):
            assert ("organizations", organization.id) in inserted
        assert ("people", nowa.id) in inserted
        assert sum(table == "affiliations" for table, _id in inserted) == 3
        changes = next(c for t, _a, i, c in audited if t == "people" and i == nowa.id)
        assert changes["last_name"] == "Nowa" and "sort_key" not in changes
        assert {entry.actor for entry in session.scalars(select(AuditEntry))} != {""}
    with any_db.transaction() as session:
        # words that do not begin the name: found through the search index
        assert [hit.name for hit in search_records(session, "druga")] == ["Fundacja Druga"]
        assert [hit.name for hit in search_records(session, "maria")] == ["Maria Nowa"]
