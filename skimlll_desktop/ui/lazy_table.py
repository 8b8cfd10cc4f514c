"""Big lists as lazy table models: the count first, rows fetched page by page.

A :class:`LazyTableModel` shows the rows of a query description (search text,
filters, order) that a service counts and lists in pages; sorting is a new
query with another ORDER BY, done by the database. Subclasses name their
columns and the two service calls; everything else — paging, sorting,
filters, the id role — lives here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from skimlll_desktop.i18n import _

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole  # the row's record id

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TableColumn:
    key: str  # the row's field, and the name the column is remembered by
    header: str  # N_-marked; translated when shown
    sort_key: str  # the service's order_by: every column is sorted by the database


class LazyTableModel(QAbstractTableModel):
    """Rows matching a query: the count first, then pages of ``page_size`` rows."""

    COLUMNS: ClassVar[tuple[TableColumn, ...]] = ()
    DEFAULT_SORT_COLUMN: ClassVar[int] = 0

    count_changed = Signal(int)  # the total for the current query

    def __init__(self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._database: Database | None = None
        self._page_size = page_size
        self._text = ""
        self._filters: dict[str, Any] = {}
        self._sort_column = self.DEFAULT_SORT_COLUMN
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._total = 0
        self._rows: list[Any] = []
        self._fetching = False

    # --- what subclasses provide --------------------------------------------------------

    @staticmethod
    def make_query(**values: Any) -> Any:
        """The service's query dataclass from ``text``, ``order_by``, ``descending``, filters."""
        raise NotImplementedError

    @staticmethod
    def count(database: Database, query: Any) -> int:
        raise NotImplementedError

    @staticmethod
    def fetch(database: Database, query: Any, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def display(self, row: Any, column: TableColumn) -> str:
        """The text of one cell; subclasses format enums and dates."""
        value = getattr(row, column.key)
        return "" if value is None else str(value)

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

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        """Replace the filters (query fields besides the text and the order)."""
        wanted = {key: value for key, value in filters.items() if value not in (None, False)}
        if wanted != self._filters:
            self._filters = wanted
            self.refresh()

    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    def is_filtered(self) -> bool:
        return bool(self._text or self._filters)

    def query(self) -> Any:
        column = self.COLUMNS[self._sort_column]
        return self.make_query(
            text=self._text,
            order_by=column.sort_key,
            descending=self._sort_order == Qt.SortOrder.DescendingOrder,
            **self._filters,
        )

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def total_count(self) -> int:
        """How many rows match, loaded or not."""
        return self._total

    def loaded_count(self) -> int:
        return len(self._rows)

    def refresh(self) -> None:
        """Run the query again: the count, then the first page."""
        rows: list[Any] = []
        total = 0
        if self._database is not None:
            query = self.query()
            total = self.count(self._database, query)
            if total:
                rows = self.fetch(self._database, query, 0, self._page_size)
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
        assert self._database is not None
        self._fetching = True  # views and testers may ask again from inside the insert
        try:
            page = self.fetch(self._database, self.query(), len(self._rows), self._page_size)
            if not page:  # rows were deleted meanwhile: nothing more to fetch
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
            text = self.display(row, self.COLUMNS[index.column()])
            if role == Qt.ItemDataRole.ToolTipRole and not text:
                return None
            return text
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section].header)
        if (orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._rows)):
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

    # --- ids ----------------------------------------------------------------------------

    def record_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int | None:
        """The loaded row showing a record (None when it is not loaded or not listed)."""
        for number, row in enumerate(self._rows):
            if row.id == record_id:
                return number
        return None

    @classmethod
    def matching_ids(cls, database: Database, query: Any) -> list[int]:
        """Every id the query lists, in list order (for exports; safe on a worker thread)."""
        total = cls.count(database, query)
        return [row.id for row in cls.fetch(database, query, 0, total)] if total else []
