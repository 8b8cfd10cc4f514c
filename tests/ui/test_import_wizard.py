"""The partner import wizard, driven like a user would: real xlsx files, a real SQLite database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWizard,
)
from sqlalchemy import select

from skimlll_desktop.models import Organization
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.jobs import run_job
from skimlll_desktop.services.partner_import import SYNONYMS, preview_partner_import
from skimlll_desktop.services.registry import OrganizationQuery, list_organizations
from skimlll_desktop.ui.import_preview_model import (
    ACTION_ROLE,
    PROBLEM_LEVEL_ROLE,
    ROW_NUMBER_ROLE,
    ImportPreviewTableModel,
)
from skimlll_desktop.ui.import_wizard import PartnerImportWizard
from skimlll_desktop.ui.import_wizard_pages import ALL_FIELDS, column_letter

TIMEOUT = 20_000
HEADERS = ["Lp.", "Typ instytucji", "Nazwa instytucji", "NIP", "Gmina", "Powiat",
           "Osoba kontaktowa", "E-mail"]
LACKO = [1, "JST", "Urząd Gminy Łącko", "734-000-94-69", "Łącko", "nowosądecki",
         "mgr Anna Wójcik", "a.wojcik@lacko.pl"]
UKEN = [2, "Uczelnia", "Uniwersytet Komisji Edukacji Narodowej w Krakowie", "PL 6750002236",
        "Kraków", None, "dr hab. Jan Ćwikła", "jan.cwikla@uken.krakow.pl"]
ZABNO = [3, "Stowarzyszenie", "Stowarzyszenie Żabno Razem", None, "Żabno", "tarnowski",
         None, None]
BAD_NIP = [4, "Szkoła", "Zespół Szkół w Myślenicach", "123-456-78-90", "Myślenice", "myślenicki",
           None, None]
GORLICE = [5, "Szkoła", "Centrum Kształcenia Zawodowego", None, "Gorlice", None, None, None]


def _workbook(
    path: Path,
    rows: list[list[Any]],
    headers: list[str] = HEADERS,
    *,
    title: bool = True,
    sheet_before: str | None = None,
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if sheet_before is not None:
        sheet.title = sheet_before
        sheet.append(["Notatki do wykazu"])
        sheet = workbook.create_sheet("Partnerzy")
    else:
        sheet.title = "Partnerzy"
    if title:
        sheet.append(["Wykaz partnerów MPKU — stan na 2026"])
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.dispose()


@pytest.fixture
def wizard(qtbot, database: Database) -> PartnerImportWizard:
    wizard = PartnerImportWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _button(wizard: QWizard, name: str) -> QAbstractButton:
    button = wizard.findChild(QAbstractButton, name)
    assert button is not None, name
    return button


def _choose_file(qtbot, monkeypatch, wizard: PartnerImportWizard, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), "Excel"))
    with qtbot.waitSignal(wizard.file_inspected, timeout=TIMEOUT):
        qtbot.mouseClick(_button(wizard, "importFileButton"), Qt.MouseButton.LeftButton)


def _next(wizard: PartnerImportWizard) -> None:
    button = _button(wizard, "importNextButton")
    assert button.isEnabled() and button.isVisible()
    button.click()


def _to_preview(qtbot, wizard: PartnerImportWizard) -> None:
    assert wizard.currentId() == PartnerImportWizard.PAGE_MAPPING
    with qtbot.waitSignal(wizard.preview_shown, timeout=TIMEOUT):
        _next(wizard)
    assert wizard.currentId() == PartnerImportWizard.PAGE_PREVIEW


def _import(qtbot, wizard: PartnerImportWizard) -> Any:
    commit = _button(wizard, "importCommitButton")
    assert commit.isEnabled()
    with qtbot.waitSignal(wizard.import_finished, timeout=TIMEOUT) as finished:
        commit.click()
    return finished.args[0]


def _organizations(database: Database) -> list[str]:
    return [row.name for row in list_organizations(database, OrganizationQuery())]


def _counts(wizard: QWizard) -> str:
    label = wizard.findChild(QLabel, "importCounts")
    assert label is not None
    return label.text()


def _row_of(model: ImportPreviewTableModel, spreadsheet_row: int) -> int:
    view_row = model.view_row_of(spreadsheet_row)
    assert view_row is not None
    return view_row


# --- the whole way --------------------------------------------------------------------------


def test_happy_path_file_columns_preview_import(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "partnerzy.xlsx", [LACKO, UKEN, ZABNO, BAD_NIP])
    assert wizard.objectName() == "partnerImportWizard"
    assert not _button(wizard, "importNextButton").isEnabled()  # no file yet
    _choose_file(qtbot, monkeypatch, wizard, path)
    assert wizard.findChild(QLineEdit, "importFilePath").text() == str(path)
    assert not wizard.findChild(QLabel, "importFileError").isVisible()
    assert not wizard.findChild(QComboBox, "importSheet").isVisible()  # one sheet only
    assert "Nic nie zostanie zapisane" in wizard.findChild(QLabel, "importPromise").text()
    _next(wizard)

    # Columns: pre-filled from the automatic match, under the title rows.
    assert wizard.currentId() == PartnerImportWizard.PAGE_MAPPING
    assert "wierszu 3" in wizard.findChild(QLabel, "importMappingIntro").text()
    assert wizard.findChild(QComboBox, "importMappingName").currentText() == \
        "C · Nazwa instytucji"
    assert wizard.findChild(QComboBox, "importMappingNip").currentText() == "D · NIP"
    assert wizard.findChild(QComboBox, "importMappingRegon").currentText() == \
        "— nie importuj —"
    sample = wizard.findChild(QLabel, "importMappingSampleName")
    assert sample.full_text() == "np. Urząd Gminy Łącko"
    assert sample.toolTip() == "W pierwszym wierszu: Urząd Gminy Łącko"
    _to_preview(qtbot, wizard)

    # Preview: nothing written yet, every row with its result.
    assert _counts(wizard) == "Nowe: 3 · Do aktualizacji: 0 · Pominięte: 1"
    assert _organizations(database) == []
    commit = _button(wizard, "importCommitButton")
    assert commit.text().replace("&", "") == "Importuj 3 wiersze"
    table = wizard.findChild(QTableView, "importPreviewTable")
    model = table.model()
    assert model.rowCount() == 4
    assert [model.index(r, ImportPreviewTableModel.COLUMN_RESULT).data() for r in range(4)] == [
        "nowy", "nowy", "nowy", "pominięty"]
    only = wizard.findChild(QCheckBox, "importOnlyProblems")
    only.click()
    assert model.rowCount() == 1 and model.index(0, 0).data(ROW_NUMBER_ROLE) == 7
    only.click()
    assert model.rowCount() == 4

    finished: list[object] = []
    wizard.import_finished.connect(finished.append)
    result = _import(qtbot, wizard)
    assert (result.imported, result.updated, result.skipped) == (3, 0, 1)
    assert finished == [result]
    assert sorted(_organizations(database)) == [
        "Stowarzyszenie Żabno Razem", "Uniwersytet Komisji Edukacji Narodowej w Krakowie",
        "Urząd Gminy Łącko"]

    # Summary, then Finish accepts the dialog.
    assert wizard.currentId() == PartnerImportWizard.PAGE_SUMMARY
    summary = wizard.findChild(QLabel, "importSummary").text()
    assert summary == ("Zaimportowano 3 nowe instytucje, zaktualizowano 0, "
                       "pominięto 1 wiersz.")
    _button(wizard, "importFinishButton").click()
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_importing_the_same_file_again_updates(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "partnerzy.xlsx", [LACKO, UKEN])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    _import(qtbot, wizard)

    again = PartnerImportWizard(database)
    qtbot.addWidget(again)
    again.show()
    _choose_file(qtbot, monkeypatch, again, path)
    _next(again)
    _to_preview(qtbot, again)
    assert _counts(again) == "Nowe: 0 · Do aktualizacji: 2 · Pominięte: 0"
    result = _import(qtbot, again)
    assert (result.imported, result.updated) == (0, 2)
    assert len(_organizations(database)) == 2


# --- the file page --------------------------------------------------------------------------


def test_a_file_that_is_not_a_workbook_shows_the_message_and_blocks_next(
    qtbot, monkeypatch, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    bad = tmp_path / "lista.xlsx"
    bad.write_bytes(b"Nazwa;NIP\nUrzad Gminy;123\n")
    _choose_file(qtbot, monkeypatch, wizard, bad)
    error = wizard.findChild(QLabel, "importFileError")
    assert error.isVisible()
    assert error.text() == ("Plik lista.xlsx nie jest skoroszytem Excela (.xlsx) albo jest "
                            "uszkodzony.")
    assert not _button(wizard, "importNextButton").isEnabled()
    assert wizard.currentId() == PartnerImportWizard.PAGE_FILE

    # A good file afterwards clears the message.
    good = _workbook(tmp_path / "dobry.xlsx", [LACKO])
    _choose_file(qtbot, monkeypatch, wizard, good)
    assert not error.isVisible()
    assert _button(wizard, "importNextButton").isEnabled()


def test_a_typed_path_and_a_csv_file_give_messages_not_tracebacks(
    qtbot, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    path_edit = wizard.findChild(QLineEdit, "importFilePath")
    error = wizard.findChild(QLabel, "importFileError")
    missing = tmp_path / "nie-ma.xlsx"
    path_edit.setText(str(missing))
    with qtbot.waitSignal(wizard.file_inspected, timeout=TIMEOUT):
        qtbot.keyClick(path_edit, Qt.Key.Key_Return)
    assert error.isVisible() and "nie istnieje" in error.text()
    assert not _button(wizard, "importNextButton").isEnabled()

    csv = tmp_path / "lista.csv"
    csv.write_text("Nazwa instytucji;NIP\n", encoding="utf-8")
    path_edit.setText(str(csv))
    with qtbot.waitSignal(wizard.file_inspected, timeout=TIMEOUT):
        qtbot.keyClick(path_edit, Qt.Key.Key_Return)
    assert error.isVisible() and "lista.csv" in error.text()
    assert "openpyxl" not in error.text()
    assert not _button(wizard, "importNextButton").isEnabled()


def test_a_workbook_with_several_sheets_offers_the_choice(
    qtbot, monkeypatch, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "dwa.xlsx", [LACKO], sheet_before="Notatki")
    _choose_file(qtbot, monkeypatch, wizard, path)
    sheet = wizard.findChild(QComboBox, "importSheet")
    assert sheet.isVisible()
    assert [sheet.itemText(i) for i in range(sheet.count())] == ["Notatki", "Partnerzy"]
    assert sheet.currentText() == "Partnerzy"  # the first sheet with a header
    assert _button(wizard, "importNextButton").isEnabled()

    with qtbot.waitSignal(wizard.file_inspected, timeout=TIMEOUT):
        sheet.setCurrentIndex(0)
    error = wizard.findChild(QLabel, "importFileError")
    assert error.isVisible() and "Notatki" in error.text()
    assert not _button(wizard, "importNextButton").isEnabled()

    with qtbot.waitSignal(wizard.file_inspected, timeout=TIMEOUT):
        sheet.setCurrentIndex(1)
    assert not error.isVisible()
    _next(wizard)
    _to_preview(qtbot, wizard)
    assert wizard.preview is not None and wizard.preview.sheet_name == "Partnerzy"


# --- the columns page -----------------------------------------------------------------------


def test_every_field_of_the_import_has_a_combo() -> None:
    assert set(ALL_FIELDS) == set(SYNONYMS)
    assert len(ALL_FIELDS) == len(set(ALL_FIELDS))
    assert [column_letter(i) for i in (0, 25, 26, 27, 701)] == ["A", "Z", "AA", "AB", "ZZ"]


def test_remapping_a_column_changes_the_preview(
    qtbot, monkeypatch, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    headers = ["Nazwa instytucji", "Identyfikator podatkowy", "Gmina"]
    rows = [["Urząd Gminy Łącko", "734-000-94-69", "Łącko"],
            ["Zespół Szkół w Myślenicach", "123-456-78-90", "Myślenice"]]
    path = _workbook(tmp_path / "inne.xlsx", rows, headers, title=False)
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    nip = wizard.findChild(QComboBox, "importMappingNip")
    assert nip.currentText() == "— nie importuj —"  # an unknown header is not guessed
    _to_preview(qtbot, wizard)
    assert _counts(wizard) == "Nowe: 2 · Do aktualizacji: 0 · Pominięte: 0"
    model = wizard.findChild(QTableView, "importPreviewTable").model()
    assert model.index(0, ImportPreviewTableModel.COLUMN_NIP).data() == ""

    _button(wizard, "importBackButton").click()
    assert wizard.currentId() == PartnerImportWizard.PAGE_MAPPING
    nip.setCurrentIndex(nip.findText("B · Identyfikator podatkowy"))
    assert wizard.findChild(QLabel, "importMappingSampleNip").full_text() == "np. 734-000-94-69"
    _to_preview(qtbot, wizard)
    assert _counts(wizard) == "Nowe: 1 · Do aktualizacji: 0 · Pominięte: 1"
    assert model.index(0, ImportPreviewTableModel.COLUMN_NIP).data() == "7340009469"
    bad = _row_of(model, 3)
    nip_cell = model.index(bad, ImportPreviewTableModel.COLUMN_NIP)
    assert nip_cell.data(PROBLEM_LEVEL_ROLE) == "error"
    assert "NIP" in nip_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(bad, ImportPreviewTableModel.COLUMN_NAME).data(PROBLEM_LEVEL_ROLE) is None


def test_the_name_column_is_required_and_a_column_feeds_one_field(
    qtbot, monkeypatch, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "p.xlsx", [LACKO])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    page = wizard.mapping_page
    error = wizard.findChild(QLabel, "importMappingError")
    next_button = _button(wizard, "importNextButton")
    assert next_button.isEnabled() and not error.isVisible()

    page.choose("name", None)
    assert not next_button.isEnabled()
    assert error.isVisible() and "Nazwa instytucji" in error.text()

    page.choose("name", 2)
    page.choose("short_name", 2)
    assert not next_button.isEnabled() and "C · Nazwa instytucji" in error.text()

    with qtbot.waitSignal(wizard.findChild(QPushButton, "importMappingReset").clicked):
        wizard.findChild(QPushButton, "importMappingReset").click()
    assert next_button.isEnabled() and not error.isVisible()
    assert page.overrides()["short_name"] is None and page.overrides()["name"] == 2


# --- the preview page -----------------------------------------------------------------------


def test_an_ambiguous_gmina_chosen_in_the_row_becomes_new(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "gorlice.xlsx", [LACKO, GORLICE])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    assert _counts(wizard) == "Nowe: 1 · Do aktualizacji: 0 · Pominięte: 1"
    table = wizard.findChild(QTableView, "importPreviewTable")
    model = table.model()
    gorlice = _row_of(model, 5)
    assert model.index(gorlice, 0).data(ACTION_ROLE) == "skip"
    assert model.index(gorlice, ImportPreviewTableModel.COLUMN_GMINA).data(
        PROBLEM_LEVEL_ROLE) == "error"

    combo = wizard.findChild(QComboBox, "importGminaChoice")
    choose = wizard.findChild(QPushButton, "importChooseGmina")
    table.setFocus()
    table.selectRow(_row_of(model, 4))
    assert not combo.isVisible()  # Łącko is not ambiguous
    table.selectRow(gorlice)
    assert combo.isVisible() and choose.isVisible()
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "— wybierz —"
    assert sorted(labels[1:]) == ["Gorlice — gmina miejska (powiat gorlicki)",
                                  "Gorlice — gmina wiejska (powiat gorlicki)"]

    combo.setCurrentIndex(combo.findData("1205042"))
    with qtbot.waitSignal(wizard.preview_shown, timeout=TIMEOUT):
        qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert wizard.gmina_choices == {5: "1205042"}
    assert _counts(wizard) == "Nowe: 2 · Do aktualizacji: 0 · Pominięte: 0"
    gorlice = _row_of(model, 5)
    assert model.index(gorlice, 0).data(ACTION_ROLE) == "create"
    assert model.index(gorlice, ImportPreviewTableModel.COLUMN_RESULT).data() == "nowy"
    assert model.index(gorlice, ImportPreviewTableModel.COLUMN_GMINA).data() == \
        "Gorlice — gmina wiejska (powiat gorlicki)"
    # The row stays selected, and the choice can still be changed.
    assert table.currentIndex().row() == gorlice
    assert combo.isVisible() and combo.currentData() == "1205042"
    assert choose.text() == "Zmień gminę"

    _import(qtbot, wizard)
    with database.transaction() as session:
        teryt = session.scalar(select(Organization.gmina_teryt).where(
            Organization.name == "Centrum Kształcenia Zawodowego"))
    assert teryt == "1205042"


def test_the_gmina_is_chosen_with_the_keyboard_and_enter_does_not_import(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "gorlice.xlsx", [GORLICE, LACKO])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    table = wizard.findChild(QTableView, "importPreviewTable")
    combo = wizard.findChild(QComboBox, "importGminaChoice")
    assert table.currentIndex().row() == 0  # the first row is selected, Gorlice
    assert wizard.focusWidget() is table

    qtbot.keyClick(table, Qt.Key.Key_Return)  # on an ambiguous row: to the choice
    assert wizard.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    wanted = combo.currentData()
    assert wanted in ("1205011", "1205042")
    with qtbot.waitSignal(wizard.preview_shown, timeout=TIMEOUT):
        qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert wizard.gmina_choices == {4: wanted}
    assert not wizard.is_importing() and wizard.import_result is None
    assert wizard.currentId() == PartnerImportWizard.PAGE_PREVIEW
    assert _counts(wizard) == "Nowe: 2 · Do aktualizacji: 0 · Pominięte: 0"
    assert _organizations(database) == []


def test_report_is_saved_and_reads_back(
    qtbot, monkeypatch, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "partnerzy.xlsx", [LACKO, BAD_NIP])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    target = tmp_path / "raporty" / "raport"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "Excel"))
    with qtbot.waitSignal(wizard.report_saved, timeout=TIMEOUT) as saved:
        qtbot.mouseClick(wizard.findChild(QPushButton, "importSaveReport"),
                         Qt.MouseButton.LeftButton)
    written = Path(saved.args[0])
    assert written == target.with_name("raport.xlsx")
    assert "raport.xlsx" in wizard.findChild(QLabel, "importReportStatus").text()
    sheet = load_workbook(written, read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Wiersz", "Wynik", "Instytucja"]
    assert [row[:3] for row in rows[1:]] == [
        [4, "nowy", "Urząd Gminy Łącko"], [5, "pominięty", "Zespół Szkół w Myślenicach"]]
    assert "NIP" in rows[2][5]


def test_nothing_to_import_keeps_the_import_button_disabled(
    qtbot, monkeypatch, wizard: PartnerImportWizard, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "zle.xlsx", [BAD_NIP])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    assert not _button(wizard, "importCommitButton").isEnabled()
    error = wizard.findChild(QLabel, "importPreviewError")
    assert error.isVisible() and "Żaden wiersz" in error.text()


# --- the import -----------------------------------------------------------------------------


def test_cancel_during_the_import_writes_nothing(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    from skimlll_desktop.services import partner_writing

    rows = [[n, "Szkoła", f"Szkoła Podstawowa nr {n} w Krakowie", None, "Kraków", None, None,
             None] for n in range(1, 251)]
    path = _workbook(tmp_path / "duzo.xlsx", rows)
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    assert _counts(wizard) == "Nowe: 250 · Do aktualizacji: 0 · Pominięte: 0"

    # The first rows wait (inside the transaction) until the test has pressed Cancel.
    release = threading.Event()
    original = partner_writing._write_new_institutions

    def slow_first_rows(*args: Any) -> Any:
        release.wait(TIMEOUT / 1000)
        return original(*args)

    monkeypatch.setattr(partner_writing, "_write_new_institutions", slow_first_rows)
    with qtbot.waitSignal(wizard.import_cancelled, timeout=TIMEOUT):
        _button(wizard, "importCommitButton").click()
        assert wizard.is_importing()
        assert not _button(wizard, "importBackButton").isEnabled()
        worker = wizard.worker("import")
        assert worker is not None
        dialog = worker.progress_dialog  # type: ignore[attr-defined]
        qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        cancel.click()
        release.set()

    assert _organizations(database) == []
    assert wizard.currentId() == PartnerImportWizard.PAGE_PREVIEW
    error = wizard.findChild(QLabel, "importPreviewError")
    assert error.isVisible() and "Nic nie zostało zapisane" in error.text()
    assert _button(wizard, "importCommitButton").isEnabled()

    # And the same preview can still be imported.
    result = _import(qtbot, wizard)
    assert result.imported == 250
    assert len(list_organizations(database, OrganizationQuery(), limit=500)) == 250


def test_esc_while_importing_cancels_instead_of_closing(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    from skimlll_desktop.services import partner_writing

    rows = [[n, "Szkoła", f"Przedszkole nr {n}", None, "Kraków", None, None, None]
            for n in range(1, 221)]
    path = _workbook(tmp_path / "duzo.xlsx", rows)
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    release = threading.Event()
    original = partner_writing._write_new_institutions

    def slow_first_rows(*args: Any) -> Any:
        release.wait(TIMEOUT / 1000)
        return original(*args)

    monkeypatch.setattr(partner_writing, "_write_new_institutions", slow_first_rows)
    with qtbot.waitSignal(wizard.import_cancelled, timeout=TIMEOUT):
        _button(wizard, "importCommitButton").click()
        wizard.reject()  # Esc
        assert wizard.isVisible()
        release.set()
    assert wizard.isVisible()
    assert _organizations(database) == []


def test_closing_before_the_import_writes_nothing_and_is_not_accepted(
    qtbot, monkeypatch, wizard: PartnerImportWizard, database: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "p.xlsx", [LACKO])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)
    _to_preview(qtbot, wizard)
    wizard.accept()  # QWizard would validate the page, i.e. import: it must not
    assert not wizard.is_importing()
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert not wizard.isVisible()
    assert _organizations(database) == []


def test_closing_and_deleting_the_wizard_while_the_rows_are_checked_is_safe(
    qtbot, monkeypatch, database: Database, tmp_path: Path
) -> None:
    """The partners page deletes the wizard when it closes; the check may still be running."""
    from PySide6.QtWidgets import QWidget

    from skimlll_desktop.services import partner_import
    from skimlll_desktop.ui.jobs import running_workers

    parent = QWidget()
    qtbot.addWidget(parent)
    wizard = PartnerImportWizard(database, parent)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    path = _workbook(tmp_path / "p.xlsx", [LACKO])
    _choose_file(qtbot, monkeypatch, wizard, path)
    _next(wizard)

    release = threading.Event()
    original = partner_import.read_sheet

    def slow_read(*args: Any, **kwargs: Any) -> Any:
        release.wait(TIMEOUT / 1000)
        return original(*args, **kwargs)

    monkeypatch.setattr(partner_import, "read_sheet", slow_read)
    _next(wizard)  # the check starts and waits in the background
    worker = wizard.worker("preview")
    assert worker is not None and worker.is_running()
    gone: list[bool] = []
    wizard.destroyed.connect(lambda: gone.append(True))
    wizard.reject()  # Esc before the progress dialog appears
    qtbot.waitUntil(lambda: gone == [True], timeout=TIMEOUT)
    with qtbot.waitSignal(worker.ended, timeout=TIMEOUT):
        release.set()
    qtbot.waitUntil(lambda: running_workers() == 0, timeout=TIMEOUT)
    assert _organizations(database) == []


# --- the model ------------------------------------------------------------------------------


def test_preview_model_passes_the_model_tester(
    qtmodeltester, database: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "p.xlsx", [LACKO, UKEN, BAD_NIP, GORLICE, ZABNO])
    preview = run_job(preview_partner_import(database, path))
    model = ImportPreviewTableModel()
    qtmodeltester.check(model)  # empty
    model.set_preview(preview.rows, preview.header, {"1210092": "Łącko — gmina wiejska"})
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.columnCount() == 6
    assert model.index(0, ImportPreviewTableModel.COLUMN_GMINA).data() == \
        "Łącko — gmina wiejska"
    model.sort(ImportPreviewTableModel.COLUMN_NAME, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, ImportPreviewTableModel.COLUMN_NAME).data() for r in range(5)] == [
        "Centrum Kształcenia Zawodowego", "Stowarzyszenie Żabno Razem",
        "Uniwersytet Komisji Edukacji Narodowej w Krakowie", "Urząd Gminy Łącko",
        "Zespół Szkół w Myślenicach"]
    model.sort(ImportPreviewTableModel.COLUMN_RESULT, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data(ACTION_ROLE) == "skip"
    model.set_only_problems(True)
    qtmodeltester.check(model)
    assert sorted(model.index(r, 0).data(ROW_NUMBER_ROLE) for r in range(model.rowCount())) \
        == [6, 7]
    problem = model.index(0, ImportPreviewTableModel.COLUMN_PROBLEMS)
    assert problem.data(PROBLEM_LEVEL_ROLE) == "error"
    assert problem.data(Qt.ItemDataRole.ToolTipRole).startswith("• ")
