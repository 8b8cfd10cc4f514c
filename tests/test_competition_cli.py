"""The competition's command-line contract, and the protocol PDF read back."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from skimlll_desktop.services.database import open_database
from skimlll_desktop.services.demo_competition import add_competition_demo
from skimlll_desktop.services.jobs import run_job


def _demo(path: Path) -> None:
    from skimlll_desktop.services.demo import generate_demo

    database = open_database(path)
    try:
        run_job(generate_demo(database, "small"))
        add_competition_demo(database, random.Random(7), date(2026, 11, 23))
    finally:
        database.dispose()


def test_ranking_export_import_and_protocol(tmp_path: Path, skimlll) -> None:
    db = tmp_path / "x.db"
    _demo(db)
    ranking = skimlll("--db", str(db), "competition", "ranking", "2025", "--json")
    assert ranking.returncode == 0, ranking.stderr
    data = json.loads(ranking.stdout)
    assert set(data) == {"gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"}
    first = next(iter(data.values()))[0]
    assert set(first) == {"rank", "gmina_teryt", "gmina", "score", "jurors_scored", "tie"}
    assert first["rank"] == 1 and isinstance(first["score"], str) and "." in first["score"]

    sheets = tmp_path / "arkusze.xlsx"
    assert skimlll("--db", str(db), "competition", "export", "2026",
                   str(sheets)).returncode == 0
    workbook = load_workbook(sheets)
    assert len(workbook.worksheets) == 5
    sheet = workbook.worksheets[0]
    sheet["D5"] = 3
    sheet["E5"] = "bardzo dobrze"
    workbook.save(sheets)
    dry = skimlll("--db", str(db), "competition", "import-scores", "2026", str(sheets),
                  "--dry-run", "--json")
    assert dry.returncode == 1, dry.stderr
    result = json.loads(dry.stdout)
    assert set(result) == {"imported", "updated", "skipped", "problems"}
    assert result["problems"][0]["row"] == 5 and result["skipped"] == 1

    protocol = tmp_path / "protokol.pdf"
    assert skimlll("--db", str(db), "competition", "protocol", "2025",
                   str(protocol)).returncode == 0
    text = " ".join(page.extract_text() for page in PdfReader(protocol).pages)
    assert "PROTOKÓŁ" in text and "Ranking — gmina wiejska" in text and "Mapa" in text
    locked = skimlll("--db", str(db), "competition", "import-scores", "2025", str(sheets))
    assert locked.returncode in (1, 2)
