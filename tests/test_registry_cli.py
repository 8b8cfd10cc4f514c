"""The registry's command-line contract: import partners, export, search."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROWS = [
    ["Nazwa instytucji", "NIP", "Gmina", "Osoba kontaktowa", "E-mail"],
    ["Urząd Gminy Łącko", "7340009469", "Łącko", "Anna Wójcik", "a.wojcik@lacko.pl"],
    ["=\"Fundacja\"", "", "Szczawa", "", ""],
    ["Szkoła w Gorlicach", "", "Gorlice", "", ""],
    ["Fundacja Zły NIP", "1234567890", "Kraków", "", ""],
]


def _xlsx(path: Path, rows: list[list]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    for cell in workbook.active["A"]:
        cell.data_type = "s"  # the "=" name is text typed by a user
    workbook.save(path)
    return path


def test_import_json_contract_and_exit_codes(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    source = _xlsx(tmp_path / "partners.xlsx", ROWS)
    dry = skimlll("--db", db, "import", "partners", str(source), "--dry-run", "--json")
    assert dry.returncode == 1, dry.stderr
    assert json.loads(dry.stdout)["imported"] == 2
    assert json.loads(skimlll("--db", db, "info", "--json").stdout)["counts"][
        "organizations"] == 0

    report = tmp_path / "report.xlsx"
    result = skimlll("--db", db, "import", "partners", str(source), "--json",
                     "--report", str(report))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert (data["imported"], data["updated"], data["skipped"]) == (2, 0, 2)
    assert {(p["row"], p["column"]) for p in data["problems"]} == {(4, "Gmina"), (5, "NIP")}
    assert all(isinstance(p["message"], str) and p["message"] for p in data["problems"])
    assert load_workbook(report).active.max_row == 5

    again = json.loads(skimlll("--db", db, "import", "partners", str(source), "--json").stdout)
    assert (again["imported"], again["updated"]) == (0, 2)

    clean = _xlsx(tmp_path / "clean.xlsx", ROWS[:2])
    assert skimlll("--db", db, "import", "partners", str(clean)).returncode == 0


def test_import_of_a_bad_file_exits_2_and_writes_nothing(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    result = skimlll("--db", db, "import", "partners", str(bad))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert json.loads(skimlll("--db", db, "info", "--json").stdout)["counts"][
        "organizations"] == 0


def test_export_is_formula_safe_and_search_finds(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    skimlll("--db", db, "import", "partners", str(_xlsx(tmp_path / "p.xlsx", ROWS)))
    out = tmp_path / "out.xlsx"
    assert skimlll("--db", db, "export", "partners", str(out)).returncode == 0
    sheet = load_workbook(out).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    assert names == {"=\"Fundacja\"": "s", "Urząd Gminy Łącko": "s"}
    assert sheet.freeze_panes == "A2"
    people = tmp_path / "people.xlsx"
    assert skimlll("--db", db, "export", "people", str(people)).returncode == 0
    rows = [[c.value for c in row] for row in load_workbook(people).active.iter_rows()]
    assert rows[1][1:3] == ["Anna", "Wójcik"] and rows[1][4] == "Urząd Gminy Łącko"

    found = json.loads(skimlll("--db", db, "search", "wojcik", "--json").stdout)
    assert [(hit["kind"], hit["name"]) for hit in found] == [("person", "Anna Wójcik")]
    found = json.loads(skimlll("--db", db, "search", "lacko", "--json").stdout)
    assert [hit["name"] for hit in found] == ["Urząd Gminy Łącko", "Anna Wójcik"]
    assert len(found[0]["uuid"]) == 36
