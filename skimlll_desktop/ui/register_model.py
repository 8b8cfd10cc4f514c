"""The register of issued documents as a table: number, kind, holder, subject, issued, by,
status, verification code.

The service searches and filters (a register holds thousands of rows, not
millions); the model keeps the rows it was given and a
:class:`QSortFilterProxyModel` sorts them by :data:`SORT_ROLE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from skimlll_desktop.i18n import N_, _, format_datetime
from skimlll_desktop.ui.event_formatting import status_dot
from skimlll_desktop.ui.lazy_table import ID_ROLE
from skimlll_desktop.ui.theme import is_dark

if TYPE_CHECKING:
    from skimlll_desktop.services.certificates import RegisterRow

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # the DocumentStatus value ("valid"…)

COLUMNS = (
    ("number", N_("Number")),
    ("kind", N_("Kind")),
    ("holder", N_("Holder")),
    ("subject", N_("Subject")),
    ("issued", N_("Issued")),
    ("issued_by", N_("Issued by")),
    ("status", N_("Status")),
    ("code", N_("Verification code")),
)

# DocumentStatus values → (light palette, dark palette) colours.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "valid": ("#1e7d32", "#6fcf7c"),
    "revoked": ("#b3261e", "#ff8a80"),
    "replaced": ("#b26a00", "#f0b050"),
}


def document_status_color(status: str) -> QColor:
    light, dark = STATUS_COLOURS.get(status, ("#7a7f87", "#a4a9b1"))
    return QColor(dark if is_dark() else light)


@cache
def monospace_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    return font


@dataclass(frozen=True)
class _Shown:
    row: RegisterRow
    kind: str
    status: str
    issued: str


class RegisterTableModel(QAbstractTableModel):
    COLUMN_NUMBER, COLUMN_KIND, COLUMN_HOLDER, COLUMN_SUBJECT = 0, 1, 2, 3
    COLUMN_ISSUED, COLUMN_ISSUED_BY, COLUMN_STATUS, COLUMN_CODE = 4, 5, 6, 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Shown] = []

    def set_rows(self, rows: Sequence[RegisterRow]) -> None:
        from skimlll_desktop.services.labels import document_kind_label, document_status_label

        self.beginResetModel()
        self._rows = [_Shown(row, document_kind_label(row.kind),
                             document_status_label(row.status),
                             format_datetime(row.issued_at, "short")) for row in rows]
        self.endResetModel()

    def register_row(self, row: int) -> RegisterRow | None:
        return self._rows[row].row if 0 <= row < len(self._rows) else None

    def row_of(self, document_id: int) -> int | None:
        return next((n for n, shown in enumerate(self._rows) if shown.row.id == document_id),
                    None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    @staticmethod
    def _text(shown: _Shown, key: str) -> str:
        row = shown.row
        texts = {"number": row.number, "kind": shown.kind, "holder": row.holder,
                 "subject": row.subject, "issued": shown.issued, "issued_by": row.issued_by,
                 "status": shown.status, "code": row.code}
        return texts[key]

    @staticmethod
    def _sort_value(shown: _Shown, key: str) -> Any:
        row = shown.row
        if key == "number":  # ZU/2026/0012 after ZU/2026/0009: year, then serial
            prefix, _slash, rest = row.number.partition("/")
            year, _slash, serial = rest.partition("/")
            return f"{prefix}/{year}/{serial.zfill(8)}"
        if key == "issued":  # a batch shares its moment: then by number
            return f"{row.issued_at.isoformat()} {RegisterTableModel._sort_value(shown, 'number')}"
        if key == "holder":
            from skimlll_desktop.services.polish_text import sort_key

            return sort_key(row.holder)
        return RegisterTableModel._text(shown, key).casefold()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        shown = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(shown, key)
        if role == ID_ROLE:
            return shown.row.id
        if role == STATUS_ROLE:
            return shown.row.status.value
        if role == SORT_ROLE:
            return self._sort_value(shown, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return self._status_icon(shown.row.status.value)
        if role == Qt.ItemDataRole.FontRole and key == "code":
            return monospace_font()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_(COLUMNS[index.column()][1])}: {self._text(shown, key)}"
        return None

    @staticmethod
    def _status_icon(status: str) -> QIcon:
        return status_dot(document_status_color(status))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _(COLUMNS[section][1])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
