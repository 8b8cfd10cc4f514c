"""Partnerzy: the institutions list over the real services — filters, sorting, columns, actions."""

from __future__ import annotations

import sys
import types
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from skimlll_desktop.models import OrganizationType, Pillar
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.registry import (
    MembershipInfo,
    OrganizationDetails,
    OrganizationQuery,
    add_theme,
    count_organizations,
    save_organization,
)
from skimlll_desktop.ui.lazy_table import ID_ROLE
from skimlll_desktop.ui.main_window import MainWindow
from skimlll_desktop.ui.partners_page import (
    OrganizationsTableModel,
    PartnersPage,
    institutions_count_text,
)

LACKO, ZABNO, KRAKOW = "1210092", "1216153", "1261011"


def _org(db: Database, name: str, **values: object) -> int:
    saved = save_organization(db, OrganizationDetails(name=name, **values))  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def _member(since: date, pillar: Pillar | None = None) -> MembershipInfo:
    return MembershipInfo(since, None, None, False, pillar)


def _page(window: MainWindow) -> PartnersPage:
    window.show_area("partnersArea")
    page = window.findChild(PartnersPage, "partnersArea")
    assert page is not None and page.isVisible()
    return page


def _names(page: PartnersPage) -> list[str]:
    model = page.model
    return [model.index(row, OrganizationsTableModel.COLUMN_NAME).data()
            for row in range(model.rowCount())]


def _select(table: QTableView, rows: list[int]) -> None:
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), flags)


@pytest.fixture
def registry(setup_db: Database) -> dict[str, int]:
    green = int(add_theme(setup_db, "zielone kompetencje").value)
    ids = {
        "lacko": _org(setup_db, "Urząd Gminy Łącko", type=OrganizationType.LOCAL_GOVERNMENT,
                      gmina_teryt=LACKO, nip="7340009469", email="ug@lacko.pl",
                      phone="18 444 61 00",
                      membership=_member(date(2021, 3, 15), Pillar.EDUCATION)),
        "zabno": _org(setup_db, "Żabieńska Fundacja Rozwoju", type=OrganizationType.NGO,
                      gmina_teryt=ZABNO, theme_ids=(green,),
                      membership=_member(date(2019, 5, 1), Pillar.ECONOMY)),
        "uken": _org(setup_db, "Uniwersytet KEN", type=OrganizationType.UNIVERSITY,
                     gmina_teryt=KRAKOW, theme_ids=(green,)),
        "abc": _org(setup_db, "Akademia ABC", type=OrganizationType.TRAINING_INSTITUTION,
                    gmina_teryt=KRAKOW),
    }
    ids["green"] = green
    return ids


def test_partners_are_listed_in_polish_order_with_readable_values(
    make_window, db_path: Path, registry: dict[str, int]
) -> None:
    window = make_window(db_path)
    page = _page(window)
    table = window.findChild(QTableView, "partnersTable")
    assert table is not None and table.model() is page.model
    assert _names(page) == ["Akademia ABC", "Uniwersytet KEN", "Urząd Gminy Łącko",
                            "Żabieńska Fundacja Rozwoju"]
    model = page.model
    lacko = _names(page).index("Urząd Gminy Łącko")
    kind = model.index(lacko, OrganizationsTableModel.COLUMN_TYPE).data()
    assert kind == "urząd gminy lub powiatu"
    assert model.index(lacko, OrganizationsTableModel.COLUMN_GMINA).data() == "Łącko"
    assert model.index(lacko, OrganizationsTableModel.COLUMN_NIP).data() == "7340009469"
    assert model.index(lacko, OrganizationsTableModel.COLUMN_PHONE).data() == "+48 18 444 61 00"
    assert model.index(lacko, OrganizationsTableModel.COLUMN_MEMBER_SINCE).data() == "15.03.2021"
    assert model.index(lacko, 0).data(ID_ROLE) == registry["lacko"]
    assert model.headerData(OrganizationsTableModel.COLUMN_MEMBER_SINCE,
                            Qt.Orientation.Horizontal) == "Członek od"
    assert window.findChild(QLabel, "partnersCountLabel").text() == institutions_count_text(4)
    assert institutions_count_text(4) == "4 instytucje"
    assert not window.findChild(QWidget, "partnersEmptyState").isVisible()


def test_sorting_is_done_by_the_database_on_every_column(
    qtbot, make_window, db_path: Path, registry: dict[str, int]
) -> None:
    window = make_window(db_path)
    page = _page(window)
    table = page.table
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(
        header.sectionViewportPosition(OrganizationsTableModel.COLUMN_TYPE) + 5, 5))
    assert page.model.query().order_by == "type"
    table.sortByColumn(OrganizationsTableModel.COLUMN_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(page) == ["Żabieńska Fundacja Rozwoju", "Urząd Gminy Łącko",
                            "Uniwersytet KEN", "Akademia ABC"]
    # blanks last, then by name
    table.sortByColumn(OrganizationsTableModel.COLUMN_PHONE, Qt.SortOrder.AscendingOrder)
    assert page.model.query().order_by == "phone" and not page.model.query().descending
    assert _names(page) == ["Urząd Gminy Łącko", "Akademia ABC", "Uniwersytet KEN",
                            "Żabieńska Fundacja Rozwoju"]
    table.sortByColumn(OrganizationsTableModel.COLUMN_MEMBER_SINCE, Qt.SortOrder.AscendingOrder)
    assert _names(page) == ["Żabieńska Fundacja Rozwoju", "Urząd Gminy Łącko",
                            "Akademia ABC", "Uniwersytet KEN"]
    assert header.sortIndicatorSection() == OrganizationsTableModel.COLUMN_MEMBER_SINCE


def _choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index > 0, data
    combo.setCurrentIndex(index)


def test_filters_narrow_the_list_and_clear_again(
    qtbot, make_window, db_path: Path, registry: dict[str, int]
) -> None:
    window = make_window(db_path)
    page = _page(window)
    type_filter = window.findChild(QComboBox, "partnersTypeFilter")
    pillar_filter = window.findChild(QComboBox, "partnersPillarFilter")
    powiat_filter = window.findChild(QComboBox, "partnersPowiatFilter")
    theme_filter = window.findChild(QComboBox, "partnersThemeFilter")
    members = window.findChild(QCheckBox, "partnersMembersOnly")
    clear = window.findChild(QWidget, "partnersClearFilters")
    assert type_filter.itemText(0) == "wszystkie"
    assert not clear.isEnabled()

    _choose(type_filter, OrganizationType.NGO)
    assert _names(page) == ["Żabieńska Fundacja Rozwoju"]
    assert clear.isEnabled()
    assert window.findChild(QLabel, "partnersCountLabel").text() == "Znaleziono: 1 instytucja"
    type_filter.setCurrentIndex(0)

    _choose(powiat_filter, "1261")
    assert _names(page) == ["Akademia ABC", "Uniwersytet KEN"]
    _choose(theme_filter, registry["green"])
    assert _names(page) == ["Uniwersytet KEN"]
    powiat_filter.setCurrentIndex(0)
    assert _names(page) == ["Uniwersytet KEN", "Żabieńska Fundacja Rozwoju"]
    theme_filter.setCurrentIndex(0)

    members.setChecked(True)
    assert _names(page) == ["Urząd Gminy Łącko", "Żabieńska Fundacja Rozwoju"]
    _choose(pillar_filter, Pillar.EDUCATION)
    assert _names(page) == ["Urząd Gminy Łącko"]
    search = window.findChild(QLineEdit, "partnersSearch")
    search.setText("zabienska")
    qtbot.waitUntil(lambda: page.model.filter_text() == "zabienska")
    assert page.model.rowCount() == 0
    assert window.findChild(QLabel, "partnersNoMatch").isVisible()
    search.clear()
    qtbot.waitUntil(lambda: page.model.filter_text() == "")

    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert not members.isChecked() and pillar_filter.currentIndex() == 0
    assert len(_names(page)) == 4


def test_search_ignores_polish_letters(
    qtbot, make_window, db_path: Path, registry: dict[str, int]
) -> None:
    window = make_window(db_path)
    page = _page(window)
    window.findChild(QAction, "actionFind").trigger()
    search = window.findChild(QLineEdit, "partnersSearch")
    qtbot.keyClicks(search, "lacko")
    qtbot.waitUntil(lambda: page.model.filter_text() == "lacko")
    assert _names(page) == ["Urząd Gminy Łącko"]


def test_chosen_columns_are_remembered_in_a_new_window(
    make_window, db_path: Path, settings: QSettings, registry: dict[str, int]
) -> None:
    first = make_window(db_path)
    page = _page(first)
    powiat = OrganizationsTableModel.COLUMN_POWIAT
    phone = OrganizationsTableModel.COLUMN_PHONE
    assert page.table.isColumnHidden(powiat)  # hidden until asked for
    menu = page.columns.menu
    assert menu.objectName() == "partnersColumnsMenu"
    assert page.columns_button.menu() is menu
    first.findChild(QAction, "partnersColumnPhone").trigger()
    first.findChild(QAction, "partnersColumnPowiat").trigger()
    assert page.table.isColumnHidden(phone) and not page.table.isColumnHidden(powiat)
    first.close()
    settings.sync()
    second = make_window(db_path)
    again = _page(second)
    assert again.table.isColumnHidden(phone)
    assert not again.table.isColumnHidden(powiat)
    assert not second.findChild(QAction, "partnersColumnPhone").isChecked()
    for key in ("Name", "Type", "Gmina", "Powiat", "Nip", "Email", "MemberSince"):
        action = second.findChild(QAction, f"partnersColumn{key}")
        if action.isChecked():
            action.trigger()
    shown = [c for c in range(again.model.columnCount()) if not again.table.isColumnHidden(c)]
    assert len(shown) == 1  # the last column shown cannot be hidden


def test_model_passes_the_qt_model_tester(
    qtmodeltester, setup_db: Database, registry: dict[str, int]
) -> None:
    for number in range(20):
        _org(setup_db, f"Szkoła Podstawowa nr {number:02d}", type=OrganizationType.SCHOOL)
    database = open_database(setup_db.location.path)
    try:
        model = OrganizationsTableModel(page_size=7)
        model.set_database(database)
        assert model.rowCount() == 7 and model.total_count() == 24
        qtmodeltester.check(model)
        model.set_filters({"type": OrganizationType.SCHOOL})
        model.sort(OrganizationsTableModel.COLUMN_NAME, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
        assert model.total_count() == 20
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        assert model.index(0, 0).data() == "Szkoła Podstawowa nr 19"
        assert OrganizationsTableModel.matching_ids(database, model.query())[0] == \
            model.index(0, 0).data(ID_ROLE)
        model.set_database(None)
        qtmodeltester.check(model)
    finally:
        database.dispose()


def test_empty_registry_offers_to_add_or_import(qtbot, window: MainWindow, monkeypatch) -> None:
    page = _page(window)
    empty = window.findChild(QWidget, "partnersEmptyState")
    assert empty.isVisible()
    assert empty.title() == "Nie ma jeszcze partnerów"
    add = window.findChild(QPushButton, "addFirstPartner")
    assert add.text() == "Dodaj pierwszego partnera"
    assert window.findChild(QPushButton, "importFirstPartners").text() == "Importuj z Excela"
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    dialog = page.findChild(QDialog, "organizationDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.record_id() is None
    dialog.reject()


def test_import_opens_the_wizard_and_refreshes_the_list_when_it_is_accepted(
    qtbot, window: MainWindow, db_path: Path, monkeypatch
) -> None:
    opened: list[QDialog] = []

    class FakeWizard(QDialog):
        def __init__(self, database: Database, parent: QWidget | None = None) -> None:
            super().__init__(parent)
            self.setObjectName("partnerImportWizard")
            self.database = database
            opened.append(self)

    fake = types.ModuleType("skimlll_desktop.ui.import_wizard")
    fake.PartnerImportWizard = FakeWizard  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "skimlll_desktop.ui.import_wizard", fake)
    page = _page(window)
    window.show_area("settingsArea")
    window.findChild(QAction, "actionImportPartners").trigger()
    assert window.current_area() == "partnersArea"
    assert len(opened) == 1 and opened[0].database is window.database
    database = open_database(db_path)
    try:
        _org(database, "Zaimportowana Szkoła", type=OrganizationType.SCHOOL)
    finally:
        database.dispose()
    assert page.model.total_count() == 0  # not yet: the wizard is still open
    with qtbot.waitSignal(page.records_changed):
        opened[0].accept()
    assert _names(page) == ["Zaimportowana Szkoła"]
    assert "1 instytucja" in window.findChild(QLabel, "statusCountsLabel").text()


def test_enter_double_click_and_ctrl_n_open_the_card(
    qtbot, make_window, db_path: Path, registry: dict[str, int]
) -> None:
    window = make_window(db_path)
    page = _page(window)
    table = page.table
    row = _names(page).index("Uniwersytet KEN")
    table.setFocus()
    table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = page.findChild(QDialog, "organizationDialog")
    assert dialog is not None and dialog.record_id() == registry["uken"]
    assert dialog.findChild(QLineEdit, "organizationName").text() == "Uniwersytet KEN"
    dialog.reject()
    qtbot.waitUntil(lambda: page.findChild(QDialog, "organizationDialog") is None)

    rect = table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.findChild(QDialog, "organizationDialog")
    assert dialog is not None and dialog.record_id() == registry["abc"]
    dialog.reject()
    qtbot.waitUntil(lambda: page.findChild(QDialog, "organizationDialog") is None)

    add = window.findChild(QAction, "actionAdd")
    assert add.shortcut().toString() == "Ctrl+N"
    add.trigger()
    dialog = page.findChild(QDialog, "organizationDialog")
    assert dialog is not None and dialog.record_id() is None
    dialog.reject()


def test_delete_asks_first_and_deletes_only_when_confirmed(
    make_window, db_path: Path, registry: dict[str, int], setup_db: Database, monkeypatch
) -> None:
    window = make_window(db_path)
    page = _page(window)
    _select(page.table, [_names(page).index("Akademia ABC"), _names(page).index("Uniwersytet KEN")])
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    delete = window.findChild(QAction, "actionDelete")
    assert delete.isEnabled()
    delete.trigger()
    assert "Usunąć 2 instytucje z rejestru?" in asked[0]
    assert count_organizations(setup_db, OrganizationQuery()) == 4
    answer[0] = QMessageBox.StandardButton.Yes
    delete.trigger()
    assert _names(page) == ["Urząd Gminy Łącko", "Żabieńska Fundacja Rozwoju"]
    assert count_organizations(setup_db, OrganizationQuery()) == 2


def test_export_saves_the_rows_the_list_shows_to_xlsx(
    qtbot, make_window, db_path: Path, tmp_path: Path, registry: dict[str, int], monkeypatch
) -> None:
    window = make_window(db_path)
    page = _page(window)
    _choose(window.findChild(QComboBox, "partnersPowiatFilter"), "1261")
    _choose(window.findChild(QComboBox, "partnersTypeFilter"), OrganizationType.UNIVERSITY)
    assert _names(page) == ["Uniwersytet KEN"]
    target = tmp_path / "partnerzy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kwargs: (str(target), "Excel (*.xlsx)"))
    with qtbot.waitSignal(page.exported, timeout=20_000) as written:
        qtbot.mouseClick(window.findChild(QPushButton, "exportPartners"),
                         Qt.MouseButton.LeftButton)
    path = Path(written.args[0])
    assert path == target.with_suffix(".xlsx") and path.is_file()
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nazwa"
    assert [row[0] for row in rows[1:]] == ["Uniwersytet KEN"]
