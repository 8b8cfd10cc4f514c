"""The days (sessions) of an event as an editable table: day, title, from, to.

One session a day by default; while the sessions are still the default ones
they follow the event's dates. Times are typed like in Excel ("9:30", "9.30",
"9"); an empty time is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.form_widgets import DATE_FORMAT
from skimlll_desktop.ui.theme import SPACING, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.events import SessionForm

COLUMN_NUMBER, COLUMN_DAY, COLUMN_TITLE, COLUMN_STARTS, COLUMN_ENDS = range(5)
_TIME = re.compile(r"^\s*(\d{1,2})(?:\s*[:.,]\s*(\d{2}))?\s*$")


class TimeFormatError(ValueError):
    """A time that cannot be read; ``message`` says which and how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_time(text: str) -> time | None:
    """``"9:30"``, ``"09.30"``, ``"9"`` → 9:30 / 9:00; ``""`` → None; otherwise ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return time(hour, minute)  # raises ValueError for 25:00 or 9:75


def time_cell_text(value: time | None) -> str:
    return "" if value is None else f"{value.hour}:{value.minute:02d}"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _DayDelegate(QStyledItemDelegate):
    """The day column: shown as dd.mm.yyyy, edited with a date field with a calendar."""

    def displayText(self, value: Any, locale: Any) -> str:
        return value.toString(DATE_FORMAT) if isinstance(value, QDate) else str(value or "")

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setDisplayFormat(DATE_FORMAT)
        editor.setCalendarPopup(True)
        editor.setAccessibleName(_("Day"))
        return editor


class SessionsEditor(QWidget):
    """Sessions of one event; :meth:`sessions` reads them back (raising on a bad time)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventSessionsEditor")
        self._filling = False
        self._defaults_for: tuple[date, date] | None = None  # the dates the defaults follow

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("eventSessions")
        self.table.setAccessibleName(_("Days (sessions) of the event"))
        self.table.setToolTip(_("Attendance is taken for each session. Double-click or press "
                                "F2 to change a cell; times are written like 9:30."))
        self.table.setHorizontalHeaderLabels(
            [_("No."), _("Day"), _("Title (optional)"), _("From"), _("To")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setTabKeyNavigation(False)
        self.table.setItemDelegateForColumn(COLUMN_DAY, _DayDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        em = self.table.fontMetrics().averageCharWidth()
        header.setMinimumSectionSize(6 * em)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)

        self.reset_button = self._button("eventSessionsReset", "restore",
                                         _("One session a day"),
                                         _("Make one session for each day of the event again"))
        self.add_button = self._button("eventSessionAdd", "add", _("Add a session"),
                                       _("Add another session (e.g. an afternoon block)"))
        self.remove_button = self._button("eventSessionRemove", "delete",
                                          _("Remove the session"),
                                          _("Remove the selected session"))
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.itemChanged.connect(self._on_item_changed)
        self.add_button.clicked.connect(self.add_session)
        self.remove_button.clicked.connect(self.remove_selected)
        self._dates: tuple[date, date] = (date.today(), date.today())
        self.reset_button.clicked.connect(lambda: self.reset_to_days(*self._dates))

    def _button(self, name: str, icon: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    # --- filling ------------------------------------------------------------------------

    def set_sessions(self, sessions: Sequence[SessionForm], starts_on: date,
                     ends_on: date) -> None:
        from skimlll_desktop.services.events import default_sessions

        self._dates = (starts_on, ends_on)
        self._fill(sessions)
        defaults = default_sessions(starts_on, ends_on)
        is_default = not sessions or tuple(sessions) == defaults
        self._defaults_for = (starts_on, ends_on) if is_default else None
        if not sessions:
            self._fill(defaults)

    def _fill(self, sessions: Sequence[SessionForm]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            for session in sessions:
                self._append(session.number, session.day, session.title, session.starts_at,
                             session.ends_at)
        finally:
            self._filling = False

    def _append(self, number: int, day: date, title: str = "", starts: time | None = None,
                ends: time | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        number_item = QTableWidgetItem(str(number))
        number_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        number_item.setData(Qt.ItemDataRole.UserRole, number)
        day_item = QTableWidgetItem()
        day_item.setData(Qt.ItemDataRole.EditRole, _qdate(day))
        self.table.setItem(row, COLUMN_NUMBER, number_item)
        self.table.setItem(row, COLUMN_DAY, day_item)
        self.table.setItem(row, COLUMN_TITLE, QTableWidgetItem(title))
        self.table.setItem(row, COLUMN_STARTS, QTableWidgetItem(time_cell_text(starts)))
        self.table.setItem(row, COLUMN_ENDS, QTableWidgetItem(time_cell_text(ends)))

    def dates_changed(self, starts_on: date, ends_on: date) -> None:
        """The event's dates changed: default sessions follow them; edited sessions move
        with the first day (the event was moved as a whole)."""
        previous_start = self._dates[0]
        self._dates = (starts_on, ends_on)
        if self._defaults_for is not None:
            if ends_on >= starts_on:
                self.reset_to_days(starts_on, ends_on)
        elif starts_on != previous_start:
            self.shift_days((starts_on - previous_start).days)
            self.edited.emit()

    def reset_to_days(self, starts_on: date, ends_on: date) -> None:
        from skimlll_desktop.services.events import default_sessions

        if ends_on < starts_on:
            return
        self._fill(default_sessions(starts_on, ends_on))
        self._defaults_for = (starts_on, ends_on)
        self.edited.emit()

    def add_session(self) -> None:
        numbers = [self._number(row) for row in range(self.table.rowCount())]
        last_day = (_date(self.table.item(self.table.rowCount() - 1, COLUMN_DAY)
                          .data(Qt.ItemDataRole.EditRole))
                    if self.table.rowCount() else self._dates[0])
        self._filling = True
        try:
            self._append(max(numbers, default=0) + 1, min(last_day, self._dates[1]))
        finally:
            self._filling = False
        self._defaults_for = None
        self.table.setCurrentCell(self.table.rowCount() - 1, COLUMN_TITLE)
        self.edited.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or self.table.rowCount() <= 1:
            return
        self.table.removeRow(row)
        self._defaults_for = None
        self.edited.emit()

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._defaults_for = None
            self.edited.emit()

    # --- reading ------------------------------------------------------------------------

    def _number(self, row: int) -> int:
        return int(self.table.item(row, COLUMN_NUMBER).data(Qt.ItemDataRole.UserRole))

    def sessions(self, *, strict: bool = False) -> tuple[SessionForm, ...]:
        """The sessions as shown; a time that cannot be read is None, or raises when strict."""
        from skimlll_desktop.services.events import SessionForm

        result = []
        for row in range(self.table.rowCount()):
            number = self._number(row)
            day = _date(self.table.item(row, COLUMN_DAY).data(Qt.ItemDataRole.EditRole))
            times: list[time | None] = []
            for column in (COLUMN_STARTS, COLUMN_ENDS):
                text = self.table.item(row, column).text()
                try:
                    times.append(parse_time(text))
                except ValueError:
                    if strict:
                        raise TimeFormatError(_("Session {n}: “{text}” is not a time. Write it "
                                                "like 9:30.").format(n=number, text=text)
                                              ) from None
                    times.append(None)
            title = " ".join(self.table.item(row, COLUMN_TITLE).text().split())
            result.append(SessionForm(number, day, title, times[0], times[1]))
        return tuple(result)

    def shift_days(self, days: int) -> None:
        """Move every session by ``days``."""
        self._filling = True
        try:
            for row in range(self.table.rowCount()):
                item = self.table.item(row, COLUMN_DAY)
                day = _date(item.data(Qt.ItemDataRole.EditRole)) + timedelta(days=days)
                item.setData(Qt.ItemDataRole.EditRole, _qdate(day))
        finally:
            self._filling = False
