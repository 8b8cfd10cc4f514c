"""Columns chosen by the user: a checkable menu on the table's header, remembered in QSettings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.lazy_table import TableColumn


def _capitalised(key: str) -> str:
    parts = key.split("_")
    return "".join(part[:1].upper() + part[1:] for part in parts)


class ColumnChooser(QObject):
    """Which columns of a table are shown; the header's context menu and ``menu`` change it.

    Hidden columns are stored under ``settings_key`` as their keys, comma-separated
    (a plain string survives every QSettings format). At least one column stays shown.
    """

    changed = Signal()

    def __init__(
        self,
        table: QTableView,
        columns: Sequence[TableColumn],
        settings: QSettings | None,
        settings_key: str,
        *,
        name: str,
        default_hidden: Sequence[str] = (),
    ) -> None:
        super().__init__(table)
        self.setObjectName(f"{name}ColumnChooser")
        self._table = table
        self._columns = tuple(columns)
        self._settings = settings
        self._key = settings_key
        self.menu = QMenu(table)
        self.menu.setObjectName(f"{name}ColumnsMenu")
        self.menu.setTitle(_("Columns"))
        self.menu.setAccessibleName(_("Columns shown"))
        self.actions: dict[str, QAction] = {}
        for column in self._columns:
            action = QAction(_(column.header), self.menu)
            action.setObjectName(f"{name}Column{_capitalised(column.key)}")
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(
                lambda shown, key=column.key: self.set_shown(key, shown))
            self.menu.addAction(action)
            self.actions[column.key] = action
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        self._apply(self._remembered(default_hidden))

    def hidden(self) -> list[str]:
        return [column.key for number, column in enumerate(self._columns)
                if self._table.isColumnHidden(number)]

    def is_shown(self, key: str) -> bool:
        return key not in self.hidden()

    def set_shown(self, key: str, shown: bool) -> None:
        hidden = set(self.hidden())
        if shown:
            hidden.discard(key)
        else:
            hidden.add(key)
        if len(hidden) >= len(self._columns):  # the last column shown stays
            hidden.discard(key)
        self._apply(hidden)
        if self._settings is not None:
            self._settings.setValue(self._key, ",".join(
                column.key for column in self._columns if column.key in hidden))
        self.changed.emit()

    def _remembered(self, default_hidden: Sequence[str]) -> set[str]:
        if self._settings is None or not self._settings.contains(self._key):
            return set(default_hidden)
        value = self._settings.value(self._key, "")
        text = ",".join(value) if isinstance(value, list) else str(value or "")
        known = {column.key for column in self._columns}
        return {key for key in text.split(",") if key in known}

    def _apply(self, hidden: set[str]) -> None:
        if len(hidden) >= len(self._columns):
            hidden = set()
        for number, column in enumerate(self._columns):
            is_hidden = column.key in hidden
            self._table.setColumnHidden(number, is_hidden)
            action = self.actions[column.key]
            action.blockSignals(True)
            action.setChecked(not is_hidden)
            action.blockSignals(False)
        shown = [key for key in self.actions if key not in hidden]
        for key, action in self.actions.items():  # the last one shown cannot be unticked
            action.setEnabled(not (len(shown) == 1 and key in shown))

    def _show_menu(self, position: QPoint) -> None:
        self.menu.popup(self._table.horizontalHeader().mapToGlobal(position))
