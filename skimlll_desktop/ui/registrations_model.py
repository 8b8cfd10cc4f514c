"""An event's registrations as a table: name, institution, e-mail, status, sessions attended."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.services.polish_text import sort_key
from skimlll_desktop.ui.event_formatting import registration_status_color, status_dot
from skimlll_desktop.ui.lazy_table import ID_ROLE

if TYPE_CHECKING:
    from skimlll_desktop.services.events import RegistrationRow

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    ("name", N_("First and last name")),
    ("institution", N_("Institution")),
    ("email", N_("E-mail")),
    ("status", N_("Status")),
    ("sessions", N_("Sessions attended")),
)


class RegistrationsTableModel(QAbstractTableModel):
    COLUMN_NAME, COLUMN_INSTITUTION, COLUMN_EMAIL, COLUMN_STATUS, COLUMN_SESSIONS = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RegistrationRow] = []
        self._labels: list[str] = []
        self._sessions = 1

    def set_rows(self, rows: Sequence[RegistrationRow], sessions: int) -> None:
        from skimlll_desktop.services.labels import registration_status_label

        self.beginResetModel()
        self._rows = list(rows)
        self._labels = [registration_status_label(row.status) for row in rows]
        self._sessions = max(sessions, 1)
        self.endResetModel()

    def registration(self, row: int) -> RegistrationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[RegistrationRow]:
        return list(self._rows)

    def row_of(self, registration_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == registration_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _text(self, number: int, key: str) -> str:
        row = self._rows[number]
        if key == "status":
            return self._labels[number]
        if key == "sessions":
            if not row.sessions_attended:
                return "—"
            return _("{n} of {total}").format(n=row.sessions_attended, total=self._sessions)
        return str(getattr(row, key))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(index.row(), key)
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            if key == "sessions":
                return row.sessions_attended
            if key == "name":
                return index.row()  # the service lists people in Polish last-name order
            return sort_key(self._text(index.row(), key))
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return status_dot(registration_status_color(row.status))
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return registration_status_color(row.status)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS)
                and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)):
            return _(COLUMNS[section][1])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
