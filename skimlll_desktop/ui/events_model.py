"""The year's events as a table: type, title, dates, status, registered, attended, places.

A year holds tens of events, so the model keeps them all (the service filters
and searches); a :class:`QSortFilterProxyModel` sorts by :data:`SORT_ROLE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.event_formatting import date_range_text, event_status_color, status_dot
from skimlll_desktop.ui.lazy_table import ID_ROLE

if TYPE_CHECKING:
    from skimlll_desktop.services.events import EventRow

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    ("type", N_("Type")),
    ("title", N_("Title")),
    ("dates", N_("Dates")),
    ("status", N_("Status")),
    ("registered", N_("Registered")),
    ("attended", N_("Attended")),
    ("places", N_("Places")),
)
NUMERIC = {"registered", "attended", "places"}


@dataclass(frozen=True)
class _Shown:
    row: EventRow
    type_label: str
    status_label: str
    dates: str


class EventsTableModel(QAbstractTableModel):
    COLUMN_TYPE, COLUMN_TITLE, COLUMN_DATES, COLUMN_STATUS = 0, 1, 2, 3
    COLUMN_REGISTERED, COLUMN_ATTENDED, COLUMN_PLACES = 4, 5, 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Shown] = []

    def set_rows(self, rows: Sequence[EventRow]) -> None:
        from skimlll_desktop.services.labels import event_status_label

        self.beginResetModel()
        self._rows = [_Shown(row, row.type_label, event_status_label(row.status),
                             date_range_text(row.starts_on, row.ends_on)) for row in rows]
        self.endResetModel()

    def event_row(self, row: int) -> EventRow | None:
        return self._rows[row].row if 0 <= row < len(self._rows) else None

    def row_of(self, event_id: int) -> int | None:
        return next((n for n, shown in enumerate(self._rows) if shown.row.id == event_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _text(self, shown: _Shown, key: str) -> str:
        row = shown.row
        if key == "type":
            return shown.type_label
        if key == "title":
            return row.title
        if key == "dates":
            return shown.dates
        if key == "status":
            return shown.status_label
        if key == "registered":
            return format_number(row.registered)
        if key == "attended":
            held = row.attended or row.status.value == "held"
            return format_number(row.attended) if held else "—"
        return format_number(row.capacity) if row.capacity is not None else "—"

    def _sort_value(self, row: EventRow, key: str) -> Any:
        values: dict[str, Any] = {
            "title": row.title.casefold(),
            "dates": (row.starts_on, row.ends_on),
            "status": row.status.value,
            "registered": row.registered,
            "attended": row.attended,
            "places": row.capacity if row.capacity is not None else -1,
        }
        return values[key]

    def _tooltip(self, shown: _Shown, key: str) -> str | None:
        row = shown.row
        if key == "places" and row.capacity is not None:
            free = max(row.capacity - row.seats_taken, 0)
            return ngettext("{n} place left", "{n} places left", free).format(
                n=format_number(free))
        if key == "dates":
            return ngettext("{n} session", "{n} sessions", row.sessions).format(n=row.sessions)
        return self._text(shown, key) or None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        shown = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(shown, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(shown, key)
        if role == ID_ROLE:
            return shown.row.id
        if role == SORT_ROLE:
            if key == "type":
                return shown.type_label.casefold()
            return self._sort_value(shown.row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return status_dot(event_status_color(shown.row.status))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _(COLUMNS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section][0] in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
