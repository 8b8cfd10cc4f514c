"""Osoby: the people list over the real services, page by page, sorted and filtered in SQL."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget

from skimlll_desktop.services.database import open_database
from skimlll_desktop.ui.main_window import MainWindow
from skimlll_desktop.ui.people_page import (
    PAGE_SIZE,
    PERSON_ID_ROLE,
    PeoplePage,
    PeopleTableModel,
    people_count_text,
)


def _page(window: MainWindow) -> PeoplePage:
    window.show_area("peopleArea")
    page = window.findChild(PeoplePage, "peopleArea")
    assert page is not None
    return page


def _column(model: PeopleTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_rows_added_through_the_orm_are_listed(
    make_window, db_path: Path, people_adder
) -> None:
    ids = people_adder([
        ("Żak", "Łucja", "lucja@example.pl"),
        ("Nowak", "Anna", "anna@example.pl"),
        ("Kowalski", "Jan", "jan@example.pl"),
    ])
    window = make_window(db_path)
    page = _page(window)
    table = window.findChild(QTableView, "peopleTable")
    assert table is not None and table.isVisible()
    model = table.model()
    assert model.rowCount() == 3
    assert _column(model, PeopleTableModel.COLUMN_LAST_NAME) == ["Kowalski", "Nowak", "Żak"]
    assert _column(model, PeopleTableModel.COLUMN_FIRST_NAME) == ["Jan", "Anna", "Łucja"]
    assert model.index(2, PeopleTableModel.COLUMN_EMAIL).data() == "lucja@example.pl"
    assert {model.index(row, 0).data(PERSON_ID_ROLE) for row in range(3)} == set(ids)
    assert model.headerData(0, Qt.Orientation.Horizontal) == model.headerData(
        PeopleTableModel.COLUMN_LAST_NAME, Qt.Orientation.Horizontal)
    count = window.findChild(QLabel, "peopleCountLabel")
    assert count.text() == people_count_text(3)
    assert not page.empty.isVisible()


def test_count_label_uses_polish_plural_forms(
    make_window, db_path: Path, people_adder
) -> None:
    people_adder([("Nowak", "Anna")])
    window = make_window(db_path)
    _page(window)
    assert window.findChild(QLabel, "peopleCountLabel").text() == "1 osoba"
    people_adder([(f"Nowak{i}", "Jan") for i in range(4)])
    window.people_page.refresh()
    assert window.findChild(QLabel, "peopleCountLabel").text() == "5 osób"


def test_empty_database_shows_the_empty_state(window: MainWindow) -> None:
    page = _page(window)
    empty = window.findChild(QWidget, "peopleEmptyState")
    assert empty is not None and empty.isVisible()
    assert not window.findChild(QTableView, "peopleTable").isVisible()
    assert page.empty.title() == page.empty.title_label.text() != ""
    assert "Excel" in page.empty.body()


def test_rows_are_fetched_lazily_page_by_page(
    qtbot, make_window, db_path: Path, people_adder
) -> None:
    total = 2 * PAGE_SIZE + 50
    people_adder([(f"Nazwisko{i:04d}", "Jan") for i in range(total)])
    window = make_window(db_path)
    _page(window)
    table = window.findChild(QTableView, "peopleTable")
    model = table.model()
    assert isinstance(model, PeopleTableModel)
    assert model.total_count() == total
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    assert window.findChild(QLabel, "peopleCountLabel").text() == people_count_text(total)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE)
    assert model.rowCount() == 2 * PAGE_SIZE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    last_names = _column(model, PeopleTableModel.COLUMN_LAST_NAME)
    assert last_names == sorted(last_names)
    assert len(set(last_names)) == total  # no row twice across pages


def test_clicking_a_header_sorts_in_the_database(
    qtbot, make_window, db_path: Path, people_adder
) -> None:
    people_adder([
        ("Nowak", "Zofia", "a@example.pl"),
        ("Kowalski", "Adam", "c@example.pl"),
        ("Ćwik", "Ewa", "b@example.pl"),
    ])
    window = make_window(db_path)
    _page(window)
    table = window.findChild(QTableView, "peopleTable")
    model = table.model()
    header = table.horizontalHeader()
    assert _column(model, 0) == ["Ćwik", "Kowalski", "Nowak"]  # Polish order: Ć after C
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(PeopleTableModel.COLUMN_FIRST_NAME) + 5, 5),
    )
    assert model.query().order_by == "first_name"
    assert _column(model, PeopleTableModel.COLUMN_FIRST_NAME) == ["Adam", "Ewa", "Zofia"]
    table.sortByColumn(PeopleTableModel.COLUMN_EMAIL, Qt.SortOrder.DescendingOrder)
    assert model.query().descending
    assert _column(model, PeopleTableModel.COLUMN_EMAIL) == [
        "c@example.pl", "b@example.pl", "a@example.pl"]


def test_search_filters_after_a_short_pause(
    qtbot, make_window, db_path: Path, people_adder
) -> None:
    people_adder([
        ("Nowak", "Anna", "anna@example.pl"),
        ("Kowalski", "Jan", "jan@example.pl"),
        ("Nowicka", "Ewa", "ewa@example.pl"),
    ])
    window = make_window(db_path)
    page = _page(window)
    search = window.findChild(QLineEdit, "peopleSearch")
    model = page.model
    qtbot.keyClicks(search, "now")
    assert model.rowCount() == 3  # not yet: the query waits for the typing to pause
    qtbot.waitUntil(lambda: model.filter_text() == "now")
    assert sorted(_column(model, 0)) == ["Nowak", "Nowicka"]
    count = window.findChild(QLabel, "peopleCountLabel").text()
    assert people_count_text(2) in count
    search.setText("jan@")
    qtbot.waitUntil(lambda: model.filter_text() == "jan@")
    assert _column(model, 0) == ["Kowalski"]
    search.setText("nobody-like-this")
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    no_match = window.findChild(QLabel, "peopleNoMatch")
    assert no_match.isVisible() and "nobody-like-this" in no_match.text()
    assert not page.empty.isVisible()  # a search with no result is not an empty registry
    search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert not no_match.isVisible()


def test_model_passes_the_qt_model_tester(qtmodeltester, db_path: Path, people_adder) -> None:
    people_adder([(f"Osoba{i:03d}", "Jan", f"{i}@example.pl") for i in range(30)])
    database = open_database(db_path)
    try:
        model = PeopleTableModel(page_size=7)
        model.set_database(database)
        assert model.rowCount() == 7
        qtmodeltester.check(model)
        model.sort(PeopleTableModel.COLUMN_EMAIL, Qt.SortOrder.DescendingOrder)
        model.set_filter_text("Osoba01")
        qtmodeltester.check(model)
        assert model.total_count() == 10
        model.set_database(None)
        assert model.rowCount() == 0
        qtmodeltester.check(model)
    finally:
        database.dispose()
