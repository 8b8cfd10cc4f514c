"""Osoby: the list of people, searched and sorted in SQL, fetched page by page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.people import PeopleQuery, PersonRow

PAGE_SIZE = 200
SEARCH_DEBOUNCE_MS = 150
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole

AnyIndex = QModelIndex | QPersistentModelIndex


def people_count_text(count: int) -> str:
    """``1 osoba``, ``3 osoby``, ``5 osób``: the catalog's plural rule, babel's digits."""
    return ngettext("{n} person", "{n} people", count).format(n=format_number(count))


class PeopleTableModel(QAbstractTableModel):
    """People matching a query: the count first, rows fetched in pages of ``PAGE_SIZE``."""

    COLUMN_LAST_NAME = 0
    COLUMN_FIRST_NAME = 1
    COLUMN_ORGANIZATION = 2
    COLUMN_EMAIL = 3
    COLUMN_GMINA = 4

    # (PersonRow field / service sort key, header) per column, in column order.
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("last_name", N_("Last name")),
        ("first_name", N_("First name")),
        ("organization", N_("Institution")),
        ("email", N_("E-mail")),
        ("gmina", N_("Gmina")),
    )

    count_changed = Signal(int)  # the total for the current query

    def __init__(self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._database: Database | None = None
        self._page_size = page_size
        self._text = ""
        self._sort_column = self.COLUMN_LAST_NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._total = 0
        self._rows: list[PersonRow] = []
        self._fetching = False

    # --- what to show -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self.refresh()

    def set_filter_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def filter_text(self) -> str:
        return self._text

    def query(self) -> PeopleQuery:
        from skimlll_desktop.services.people import PeopleQuery

        return PeopleQuery(
            text=self._text,
            order_by=self.COLUMNS[self._sort_column][0],
            descending=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def total_count(self) -> int:
        """How many people match, loaded or not."""
        return self._total

    def loaded_count(self) -> int:
        return len(self._rows)

    def refresh(self) -> None:
        """Run the query again: the count, then the first page."""
        rows: list[PersonRow] = []
        total = 0
        if self._database is not None:
            from skimlll_desktop.services.people import count_people, list_people

            query = self.query()
            total = count_people(self._database, query)
            if total:
                rows = list_people(self._database, query, 0, self._page_size)
        self._fetching = True  # no fetch from inside the reset notifications
        try:
            self.beginResetModel()
            self._rows = rows
            self._total = max(total, len(rows))
            self.endResetModel()
        finally:
            self._fetching = False
        self.count_changed.emit(self._total)

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid() or self._database is None or self._fetching:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        from skimlll_desktop.services.people import list_people

        assert self._database is not None
        self._fetching = True  # views and testers may ask again from inside the insert
        try:
            page = list_people(self._database, self.query(), len(self._rows), self._page_size)
            if not page:  # people were deleted meanwhile: nothing more to fetch
                self._total = len(self._rows)
                self.count_changed.emit(self._total)
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = getattr(row, self.COLUMNS[index.column()][0])
            if role == Qt.ItemDataRole.ToolTipRole and not value:
                return None
            return value
        if role == PERSON_ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new query with another ORDER BY, done by the database."""
        if not 0 <= column < len(self.COLUMNS):
            return
        if (column, order) == (self._sort_column, self._sort_order) and self._rows:
            return
        self._sort_column = column
        self._sort_order = order
        self.refresh()

    def person_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None


class PeoplePage(QWidget):
    """The Osoby area: a heading, the search field, the count and the table."""

    list_shown = Signal()  # the rows (or the empty state) were painted after a load

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peopleArea")
        self._database: Database | None = None
        self._notify_shown = False

        self.heading = QLabel(_("People"), self)
        self.heading.setObjectName("peopleHeading")
        set_role(self.heading, "heading")

        self.search = QLineEdit(self)
        self.search.setObjectName("peopleSearch")
        self.search.setPlaceholderText(_("Search by name or e-mail (Ctrl+F)"))
        self.search.setAccessibleName(_("Search people"))
        self.search.setToolTip(_("Type part of a name or an e-mail address"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.setMaximumWidth(420)
        self._search_icon = self.search.addAction(
            tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )

        self.count_label = QLabel(self)
        self.count_label.setObjectName("peopleCountLabel")
        self.count_label.setAccessibleName(_("Number of people"))
        set_role(self.count_label, "subtle")

        self.model = PeopleTableModel(self)
        self.model.setObjectName("peopleModel")
        self.table = QTableView(self)
        self.table.setObjectName("peopleTable")
        self.table.setAccessibleName(_("People"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10
        )
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            PeopleTableModel.COLUMN_ORGANIZATION, QHeaderView.ResizeMode.Stretch
        )
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setSortIndicator(PeopleTableModel.COLUMN_LAST_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        em = self.table.fontMetrics().averageCharWidth()
        for column, chars in (
            (PeopleTableModel.COLUMN_LAST_NAME, 20),
            (PeopleTableModel.COLUMN_FIRST_NAME, 15),
            (PeopleTableModel.COLUMN_EMAIL, 32),
            (PeopleTableModel.COLUMN_GMINA, 20),
        ):
            self.table.setColumnWidth(column, chars * em)

        self.no_match = QLabel(self)
        self.no_match.setObjectName("peopleNoMatch")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        set_role(self.no_match, "subtle")
        self.no_match.hide()

        self.empty = EmptyStateWidget(
            "people",
            _("There are no people yet"),
            _("People — participants, contacts and partners' representatives — will appear "
              "here. Adding them one by one and importing them from Excel come with the "
              "registry."),
            self,
            object_name="peopleEmptyState",
        )

        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(SPACING)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(SPACING)
        toolbar.addWidget(self.search, 1)
        toolbar.addStretch(0)
        toolbar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignVCenter)
        list_layout.addLayout(toolbar)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.no_match)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("peopleStack")
        self.stack.addWidget(list_box)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 4, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)

        self._debounce = QTimer(self)
        self._debounce.setObjectName("peopleSearchDebounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.model.count_changed.connect(self._show_count)

        self.table.viewport().installEventFilter(self)
        self.empty.installEventFilter(self)
        self._show_count(0)

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self._notify_shown = database is not None
        self.model.set_database(database)

    def refresh(self) -> None:
        self.model.refresh()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_person_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [pid for pid in (self.model.person_id(row) for row in rows) if pid is not None]

    # --- reacting -----------------------------------------------------------------------

    def _apply_search(self) -> None:
        self.model.set_filter_text(self.search.text().strip())

    def _show_count(self, count: int) -> None:
        filtering = bool(self.model.filter_text())
        if self._database is None:
            self.count_label.setText("")
        elif filtering:
            self.count_label.setText(
                _("{found} found").format(found=people_count_text(count))
            )
        else:
            self.count_label.setText(people_count_text(count))
        nobody_at_all = self._database is not None and count == 0 and not filtering
        self.stack.setCurrentIndex(1 if nobody_at_all else 0)
        if filtering and count == 0:
            self.no_match.setText(
                _("No one matches “{text}”. Check the spelling or search for less.").format(
                    text=self.model.filter_text()
                )
            )
            self.no_match.show()
        else:
            self.no_match.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._notify_shown
            and event.type() == QEvent.Type.Paint
            and (
                (watched is self.table.viewport() and self.model.rowCount() > 0)
                or (watched is self.empty and self.stack.currentWidget() is self.empty)
            )
        ):
            self._notify_shown = False
            QTimer.singleShot(0, lambda: self.list_shown.emit())
        return super().eventFilter(watched, event)
