"""Ranking: places per category with Polish scores, ties marked, what-if without a juror,
results to Excel, the protocol in the PDF preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from competition_data import YEAR, edition, score_everything
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QLabel, QMessageBox

from skimlll_desktop.services.database import Database
from skimlll_desktop.ui.competition_texts import SCORING, tie_background
from skimlll_desktop.ui.ranking_view import (
    CATEGORY_ROLE,
    COLUMN_CHANGE,
    COLUMN_JURORS,
    COLUMN_MISSING,
    COLUMN_NOTE,
    COLUMN_PLACE,
    COLUMN_SCORE,
    COLUMN_SPREAD,
    RankingView,
    change_text,
)


@pytest.fixture
def data(sqlite_db: Database) -> dict[str, object]:
    data = edition(sqlite_db)
    score_everything(sqlite_db, data)
    return data


@pytest.fixture
def view(qtbot, sqlite_db: Database, data: dict[str, object]) -> RankingView:
    view = RankingView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.set_database(sqlite_db)
    view.set_edition(YEAR, SCORING)
    view.show()
    return view


def _categories(view: RankingView) -> list[str]:
    return [view.table.item(row, 0).data(CATEGORY_ROLE) for row in range(view.table.rowCount())
            if view.table.item(row, 0).data(CATEGORY_ROLE)]


def _cells(view: RankingView, gmina: str) -> dict[int, str]:
    row = view.row_of(gmina)
    assert row is not None, gmina
    return {column: view.cell_text(row, column) for column in range(view.table.columnCount())}


def test_categories_with_places_polish_scores_and_a_tie(view: RankingView) -> None:
    assert _categories(view) == ["gmina miejska", "gmina wiejska"]
    gorlice, krakow = _cells(view, "Gorlice"), _cells(view, "Kraków")
    assert (gorlice[COLUMN_PLACE], gorlice[COLUMN_SCORE]) == ("1", "75,00")
    assert (krakow[COLUMN_PLACE], krakow[COLUMN_SCORE]) == ("2", "65,00")
    assert gorlice[COLUMN_SPREAD] == "50,00"  # 100 − 50
    assert gorlice[COLUMN_JURORS] == "2 z 2"
    assert gorlice[COLUMN_NOTE] == ""

    lacko, szczawa = _cells(view, "Łącko"), _cells(view, "Szczawa")
    assert lacko[COLUMN_PLACE] == szczawa[COLUMN_PLACE] == "1"
    assert lacko[COLUMN_SCORE] == szczawa[COLUMN_SCORE] == "70,00"
    assert lacko[COLUMN_NOTE] == szczawa[COLUMN_NOTE] == "remis — do decyzji kapituły"
    row = view.row_of("Szczawa")
    assert view.table.item(row, 0).background().color() == tie_background()
    assert view.table.item(view.row_of("Gorlice"), 0).background().color() != tie_background()
    # Bogdan did not score Szczawa: named as missing; for Łącko he has a conflict instead.
    assert szczawa[COLUMN_MISSING] == "Bogdan Sędzia" and szczawa[COLUMN_JURORS] == "1 z 2"
    assert lacko[COLUMN_MISSING] == "—" and lacko[COLUMN_JURORS] == "1 z 1"
    assert "remis" in view.summary.text()
    assert view.table.isColumnHidden(COLUMN_CHANGE)


def test_leaving_a_juror_out_changes_the_ranking_and_back(
    qtbot, view: RankingView, data: dict[str, object], sqlite_db: Database
) -> None:
    bogdan = data["jurors"]["bogdan"]  # type: ignore[index]
    check = view.findChild(QCheckBox, f"whatIfJuror{bogdan}")
    assert check is not None and check.isChecked()
    assert check.accessibleName() == "Licz oceny: Bogdan Sędzia"
    with qtbot.waitSignal(view.ranking_shown):
        check.click()
    assert view.excluded_jurors() == [bogdan]
    krakow, gorlice = _cells(view, "Kraków"), _cells(view, "Gorlice")
    assert (krakow[COLUMN_PLACE], krakow[COLUMN_SCORE]) == ("1", "90,00")
    assert (gorlice[COLUMN_PLACE], gorlice[COLUMN_SCORE]) == ("2", "50,00")
    assert krakow[COLUMN_CHANGE] == change_text(2, 1) == "▲ 1"
    assert gorlice[COLUMN_CHANGE] == "▼ 1"
    assert not view.table.isColumnHidden(COLUMN_CHANGE)
    assert view.what_if_banner.isVisible() and "Bogdan Sędzia" in view.what_if_banner.text()

    with qtbot.waitSignal(view.ranking_shown):
        view.reset_button.click()
    assert _cells(view, "Gorlice")[COLUMN_PLACE] == "1"
    assert not view.what_if_banner.isVisible() and check.isChecked()
    # The what-if was never saved: a fresh view shows the official ranking.
    fresh = RankingView()
    qtbot.addWidget(fresh)
    fresh.set_database(sqlite_db)
    fresh.set_edition(YEAR, SCORING)
    assert _cells(fresh, "Gorlice")[COLUMN_PLACE] == "1"


def test_results_go_to_excel(
    qtbot, view: RankingView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "wyniki"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    view.export_button.click()
    written = target.with_suffix(".xlsx")
    qtbot.waitUntil(written.exists, timeout=10_000)
    QApplication.processEvents()
    workbook = load_workbook(written)
    assert workbook.sheetnames == ["gmina miejska", "gmina wiejska"]
    assert workbook["gmina miejska"]["B2"].value == "Gorlice"


def test_the_protocol_is_written_in_the_background_and_opened_in_the_preview(
    qtbot, view: RankingView
) -> None:
    with qtbot.waitSignal(view.protocol_shown, timeout=30_000) as shown:
        view.protocol_button.click()
        assert not view.protocol_button.isEnabled()  # one PDF at a time
    dialog = shown.args[0]
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "pdfPreviewDialog"
    assert dialog.document.pageCount() >= 1
    path = dialog.path
    assert path.exists()
    dialog.reject()
    QApplication.processEvents()
    assert not path.exists()  # the preview's temporary file is gone
    assert view.protocol_button.isEnabled()


def test_rules_and_diplomas_are_explained(qtbot, view: RankingView) -> None:
    rules = view.show_rules()
    text = rules.findChild(QLabel, "rankingRulesText").text()
    assert "średnia" in text and "20%" in text and "remis" in text
    rules.reject()
    with qtbot.waitSignal(view.documents_requested) as requested:
        box = view.diplomas()
    assert requested.args == [YEAR]
    assert isinstance(box, QMessageBox) and "Dokumenty" in box.text()
    assert "4 laureatów" in box.text()  # Gorlice, Kraków, Łącko, Szczawa: places 1–3
    box.reject()
