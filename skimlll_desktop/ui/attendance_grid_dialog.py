"""Obecność po wydarzeniu: tick who came, session by session, from the signed paper list.

The keyboard does it all: arrows move, Space ticks, Ctrl+S saves. Only what
was changed is sent to the service, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_date, format_number, ngettext
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.event_formatting import time_text
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.attendance import AttendanceGrid
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.events import SessionForm

AnyIndex = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = 3  # No., name, institution


class AttendanceGridModel(QAbstractTableModel):
    """One row per person, a tick-box column per session; remembers what was changed."""

    ticks_changed = Signal()

    def __init__(self, grid: AttendanceGrid, headers: Sequence[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid = grid
        self._headers = list(headers)
        self._ticks = [list(row.present) for row in grid.rows]

    @property
    def grid(self) -> AttendanceGrid:
        return self._grid

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self._grid.session_numbers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        person = self._grid.rows[row]
        if column < FIXED_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return (str(row + 1), person.name, person.institution)[column]
            if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole and column == 2 and person.institution:
                return person.institution
            return None
        session = column - FIXED_COLUMNS
        ticked = self._ticks[row][session]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            stamp = person.checked_in_at[session]
            return time_text(stamp) if ticked and stamp is not None else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = _("present") if ticked else _("not present")
            return f"{person.name}, {self._headers[session]}: {state}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Space ticks or clears")
        return None

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() < FIXED_COLUMNS:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self._ticks[index.row()][index.column() - FIXED_COLUMNS] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        self.ticks_changed.emit()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= FIXED_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = (_("No."), _("First and last name"), _("Institution"))
        if section < FIXED_COLUMNS:
            return fixed[section]
        return self._headers[section - FIXED_COLUMNS]

    def changes(self) -> dict[tuple[int, int], bool]:
        """(registration id, session number) → present, for the ticks that differ."""
        marks: dict[tuple[int, int], bool] = {}
        for person, ticks in zip(self._grid.rows, self._ticks, strict=True):
            for number, before, now in zip(self._grid.session_numbers, person.present, ticks,
                                           strict=True):
                if before != now:
                    marks[(person.registration_id, number)] = now
        return marks

    def present_counts(self) -> list[int]:
        return [sum(ticks[s] for ticks in self._ticks)
                for s in range(len(self._grid.session_numbers))]


class AttendanceGridDialog(QDialog):
    """The grid with *Save* (Ctrl+S) and *Close* (Esc; asks when something is not saved)."""

    saved = Signal(int)  # how many ticks changed

    def __init__(self, database: Database, event_id: int, sessions: Sequence[SessionForm],
                 parent: QWidget | None = None) -> None:
        from skimlll_desktop.services.attendance import attendance_grid

        super().__init__(parent)
        self.setObjectName("attendanceGridDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._event_id = event_id
        self._sessions = {s.number: s for s in sessions}
        grid = attendance_grid(database, event_id)
        self.setWindowTitle(_("Attendance — {title}").format(title=grid.event_title))
        self.setAccessibleName(self.windowTitle())

        intro = QLabel(_("Tick the people who signed the list. Arrows move between cells, Space "
                         "ticks or clears, Ctrl+S saves."), self)
        intro.setWordWrap(True)
        set_role(intro, "subtle")
        self.table = QTableView(self)
        self.table.setObjectName("attendanceGrid")
        self.table.setAccessibleName(_("Attendance by session"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("attendanceGridCounts")
        self.counts_label.setAccessibleName(_("People present by session"))
        self.state_label = QLabel(self)
        self.state_label.setObjectName("attendanceGridState")
        set_role(self.state_label, "subtle")
        self.save_button = QPushButton(tinted_icon("check"), _("Save"), self)
        self.save_button.setObjectName("attendanceGridSave")
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save the ticks (Ctrl+S)"))
        self.save_button.setAutoDefault(False)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setObjectName("attendanceGridClose")
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setToolTip(_("Close the window (Esc)"))
        self.close_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.counts_label, 1)
        buttons.addWidget(self.state_label)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setObjectName("attendanceGridSaveShortcut")
        shortcut.activated.connect(self.save)
        self._show(grid)
        self.resize(900, 600)

    def _headers(self, grid: AttendanceGrid) -> list[str]:
        many = len(grid.session_numbers) > 1
        headers = []
        for number in grid.session_numbers:
            session = self._sessions.get(number)
            day = format_date(session.day, "d MMM") if session is not None else ""
            headers.append(_("Day {n} ({date})").format(n=number, date=day) if many
                           else _("Present ({date})").format(date=day))
        return headers

    def _show(self, grid: AttendanceGrid) -> None:
        self.model = AttendanceGridModel(grid, self._headers(grid), self)
        self.table.setModel(self.model)
        self.model.ticks_changed.connect(self._update_state)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        em = self.table.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(0, 5 * em)
        self.table.setColumnWidth(1, 28 * em)
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            self.table.setColumnWidth(column, max(16 * em, self.table.horizontalHeader()
                                                  .sectionSizeHint(column)))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, FIXED_COLUMNS))
        self._update_state()

    def _update_state(self) -> None:
        headers = self._headers(self.model.grid)
        parts = [f"{header}: {format_number(n)}" for header, n in
                 zip(headers, self.model.present_counts(), strict=True)]
        self.counts_label.setText(_("Present — {counts}").format(counts=" · ".join(parts))
                                  if parts else "")
        count = len(self.model.changes())
        self.state_label.setText(ngettext("{n} change not saved", "{n} changes not saved",
                                          count).format(n=count) if count else "")
        self.save_button.setEnabled(bool(count))

    def has_unsaved_changes(self) -> bool:
        return bool(self.model.changes())

    def save(self) -> bool:
        from skimlll_desktop.services.attendance import attendance_grid, save_attendance_grid
        from skimlll_desktop.services.errors import UserFacingError

        marks = self.model.changes()
        if not marks:
            return True
        try:
            changed = save_attendance_grid(self._database, self._event_id, marks)
        except UserFacingError as error:
            show_message(_("Attendance"), error.message, parent=self)
            return False
        current = self.table.currentIndex()
        self._show(attendance_grid(self._database, self._event_id))
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.state_label.setText(_("Saved."))
        self.saved.emit(changed)
        return True

    def reject(self) -> None:
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self, _("Unsaved changes"), _("Some ticks are not saved. Save them?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and self.has_unsaved_changes():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
