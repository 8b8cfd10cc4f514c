"""One juror's scoring sheet as a table: entries × criteria, a comment per entry.

The model keeps what the juror typed next to what is saved: a typed score is
checked at once (0..max, comma or dot, at most two decimals) and a bad one stays
in its cell, red, with the message as its tooltip. Rows of entries the juror
declared a conflict with are disabled. :class:`ScoringTableView` makes the
keyboard work like Excel: type a number, Enter or Tab moves right, then on to
the next gmina's first score.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.ui.competition_texts import (
    CONFLICT_TEXT,
    conflict_background,
    error_background,
    plain_points_text,
    tinted,
    warning_color,
)

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import EntryRow, ScoringGrid
    from skimlll_desktop.services.ranking import CriterionSpec

AnyIndex = QModelIndex | QPersistentModelIndex
Key = tuple[int, int]  # (entry id, criterion id)

COLUMN_GMINA, COLUMN_TITLE = 0, 1
FIRST_CRITERION = 2
ERROR_ROLE = Qt.ItemDataRole.UserRole + 10  # the cell's problem, or None
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 11  # True on a conflicted row
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 12


def criterion_label(number: int) -> str:
    """``K1``: the short name of the first criterion, shown in the column header."""
    return _("C{number}").format(number=number)


def range_message(maximum: int) -> str:
    return _("Type a number from 0 to {max}, with at most two decimals (e.g. 7 or 7,5)."
             ).format(max=maximum)


class ScoringGridModel(QAbstractTableModel):
    """The grid of one juror; ``edits_changed`` whenever a cell is typed or cleared."""

    edits_changed = Signal()

    HEADERS = (N_("Gmina"), N_("Entry"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: ScoringGrid | None = None
        self._editable = False
        self._typed: dict[Key, str] = {}  # changed cells: as typed
        self._values: dict[Key, Decimal | None] = {}  # changed cells that are valid
        self._errors: dict[Key, str] = {}
        self._comments: dict[int, str] = {}  # changed comments

    # --- what is shown ------------------------------------------------------------------

    def set_grid(self, grid: ScoringGrid | None, editable: bool) -> None:
        """Show a juror's sheet, gminy in Polish alphabetical order (Ł after L)."""
        from dataclasses import replace

        from skimlll_desktop.services.polish_text import sort_key

        if grid is not None:
            grid = replace(grid, entries=tuple(sorted(
                grid.entries, key=lambda e: (sort_key(e.gmina), sort_key(e.title), e.id))))
        self.beginResetModel()
        self._grid = grid
        self._editable = editable
        self._typed.clear()
        self._values.clear()
        self._errors.clear()
        self._comments.clear()
        self.endResetModel()
        self.edits_changed.emit()

    def grid(self) -> ScoringGrid | None:
        return self._grid

    def is_editable(self) -> bool:
        return self._editable

    @property
    def criteria(self) -> tuple[CriterionSpec, ...]:
        return self._grid.criteria if self._grid else ()

    @property
    def entries(self) -> tuple[EntryRow, ...]:
        return self._grid.entries if self._grid else ()

    def comment_column(self) -> int:
        return FIRST_CRITERION + len(self.criteria)

    def criterion_at(self, column: int) -> CriterionSpec | None:
        position = column - FIRST_CRITERION
        return self.criteria[position] if 0 <= position < len(self.criteria) else None

    def is_conflicted(self, row: int) -> bool:
        return (self._grid is not None and 0 <= row < len(self.entries)
                and self.entries[row].id in self._grid.conflicted)

    def row_of(self, entry_id: int) -> int | None:
        return next((row for row, e in enumerate(self.entries) if e.id == entry_id), None)

    # --- what was typed -----------------------------------------------------------------

    def has_changes(self) -> bool:
        return bool(self._typed or self._comments)

    def changes(self) -> dict[Key, Decimal | None]:
        """The valid changed scores, for ``save_scores`` (None clears a score)."""
        return dict(self._values)

    def comment_changes(self) -> dict[int, str]:
        return dict(self._comments)

    def problems(self) -> list[tuple[QModelIndex, str]]:
        """Every bad cell, top to bottom, left to right."""
        found = []
        for row, entry in enumerate(self.entries):
            for position, criterion in enumerate(self.criteria):
                message = self._errors.get((entry.id, criterion.id))
                if message:
                    found.append((self.index(row, FIRST_CRITERION + position), message))
        return found

    def value(self, row: int, column: int) -> Decimal | None:
        """The score the cell holds now (typed or saved); None when empty or bad."""
        criterion = self.criterion_at(column)
        if criterion is None or self._grid is None or not 0 <= row < len(self.entries):
            return None
        key = (self.entries[row].id, criterion.id)
        if key in self._typed:
            return self._values.get(key)
        return self._grid.points.get(key)

    def done(self) -> int:
        """Scores filled in (saved or typed, valid) on the rows the juror scores."""
        if self._grid is None:
            return 0
        count = 0
        for row, entry in enumerate(self.entries):
            if entry.id in self._grid.conflicted:
                continue
            count += sum(1 for column in range(FIRST_CRITERION, self.comment_column())
                         if self.value(row, column) is not None)
        return count

    def needed(self) -> int:
        return self._grid.needed if self._grid else 0

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else self.comment_column() + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        criterion = self.criterion_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FIRST_CRITERION:
                return _(self.HEADERS[section])
            if criterion is not None:
                label = criterion_label(section - FIRST_CRITERION + 1)
                weight = plain_points_text(criterion.weight)
                return f"{label}\n0–{criterion.max_points} · ×{weight}"
            if section == self.comment_column():
                return _("Comment")
        if role == Qt.ItemDataRole.ToolTipRole and criterion is not None:
            return _("{name}\nPoints from 0 to {max}, weight {weight}").format(
                name=criterion.name, max=criterion.max_points,
                weight=plain_points_text(criterion.weight))
        if role == Qt.ItemDataRole.TextAlignmentRole and criterion is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_conflicted(index.row()):
            return Qt.ItemFlag.NoItemFlags  # greyed out, skipped by the cursor
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() >= FIRST_CRITERION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._grid is None:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.entries):
            return None
        entry = self.entries[row]
        conflicted = entry.id in self._grid.conflicted
        criterion = self.criterion_at(column)
        key = (entry.id, criterion.id) if criterion is not None else None
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role == CONFLICT_ROLE:
            return conflicted
        if role == ERROR_ROLE:
            return self._errors.get(key) if key else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(entry, column, key, conflicted, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if conflicted:
                return _("{gmina}: conflict of interest declared by the juror — not "
                         "scored.").format(gmina=entry.gmina)
            if key is not None:
                return self._errors.get(key) or _("{name}: 0–{max} points").format(
                    name=criterion.name, max=criterion.max_points)  # type: ignore[union-attr]
            if column == COLUMN_TITLE:
                return entry.title or None
            if column == self.comment_column():
                return self._comment(entry.id) or None
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if conflicted:
                return QBrush(conflict_background())
            if key is not None and key in self._errors:
                return QBrush(error_background())
            if (key is not None and key in self._typed) or (
                    column == self.comment_column() and entry.id in self._comments):
                return QBrush(tinted("#3d7fd6", 0.10))  # typed, not saved yet
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key is not None and key in self._errors:
            return QBrush(warning_color())
        if role == Qt.ItemDataRole.FontRole and conflicted and column == self.comment_column():
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and criterion is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, entry: EntryRow, column: int, key: Key | None, conflicted: bool,
              role: int) -> str:
        if column == COLUMN_GMINA:
            return entry.gmina
        if column == COLUMN_TITLE:
            return entry.title
        if column == self.comment_column():
            if conflicted:
                return _(CONFLICT_TEXT) if role == Qt.ItemDataRole.DisplayRole else ""
            return self._comment(entry.id)
        if key is None or conflicted:
            return "—" if conflicted and role == Qt.ItemDataRole.DisplayRole else ""
        if key in self._typed:
            if key in self._errors:
                return self._typed[key]
            return plain_points_text(self._values.get(key))
        assert self._grid is not None
        return plain_points_text(self._grid.points.get(key))

    def _comment(self, entry_id: int) -> str:
        if entry_id in self._comments:
            return self._comments[entry_id]
        return self._grid.comments.get(entry_id, "") if self._grid else ""

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable or self._grid is None):
            return False
        entry = self.entries[index.row()]
        text = "" if value is None else str(value).strip()
        if index.column() == self.comment_column():
            if text == self._grid.comments.get(entry.id, ""):
                self._comments.pop(entry.id, None)
            else:
                self._comments[entry.id] = text
        else:
            criterion = self.criterion_at(index.column())
            assert criterion is not None
            self._set_points((entry.id, criterion.id), text, criterion.max_points)
        self.dataChanged.emit(index, index)
        self.edits_changed.emit()
        return True

    def _set_points(self, key: Key, text: str, maximum: int) -> None:
        from skimlll_desktop.services.competition import parse_points

        assert self._grid is not None
        saved = self._grid.points.get(key)
        self._errors.pop(key, None)
        if not text:
            points = None
        else:
            try:
                points = parse_points(text, maximum)
            except ValueError:
                self._typed[key] = text
                self._values.pop(key, None)
                self._errors[key] = range_message(maximum)
                return
        if points == saved:  # back to what is saved: not a change
            self._typed.pop(key, None)
            self._values.pop(key, None)
        else:
            self._typed[key] = text
            self._values[key] = points


class ScoreDelegate(QStyledItemDelegate):
    """A plain line editor; Enter and Tab commit at once and tell the view where to go."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("scoringCellEditor")
        editor.setFrame(False)
        model = index.model()
        if FIRST_CRITERION <= index.column() < model.columnCount() - 1:
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setAccessibleName(str(
            model.headerData(index.column(), Qt.Orientation.Horizontal,
                             Qt.ItemDataRole.ToolTipRole)
            or model.headerData(index.column(), Qt.Orientation.Horizontal) or ""))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()  # a typed key replaces the value, as in Excel

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit)
                and isinstance(event, QKeyEvent)):
            key = event.key()
            hints = {
                Qt.Key.Key_Return: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                Qt.Key.Key_Enter: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                Qt.Key.Key_Tab: QAbstractItemDelegate.EndEditHint.EditNextItem,
                Qt.Key.Key_Backtab: QAbstractItemDelegate.EndEditHint.EditPreviousItem,
            }
            if key in hints:  # synchronously: the next key already lands in the next cell
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hints[key])
                return True
        return super().eventFilter(editor, event)


class ScoringTableView(QTableView):
    """Excel's keys: type to replace, Enter/Tab right then down, Delete empties a cell.

    Ctrl+Tab leaves the table (Tab is taken by the grid, as in a spreadsheet).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ScoreDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)

    def _model(self) -> ScoringGridModel | None:
        model = self.model()
        return model if isinstance(model, ScoringGridModel) else None

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        hint_type = QAbstractItemDelegate.EndEditHint
        super().closeEditor(editor, hint_type.NoHint)
        if hint in (hint_type.SubmitModelCache, hint_type.EditNextItem):
            self.move_next()
        elif hint == hint_type.EditPreviousItem:
            self.move_previous()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        model = self._model()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                          | Qt.KeyboardModifier.ShiftModifier)
        if model is not None and plain and self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                self.move_next()
                return
            if key == Qt.Key.Key_Backtab:
                self.move_previous()
                return
            current = self.currentIndex()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and current.isValid() and (
                    model.flags(current) & Qt.ItemFlag.ItemIsEditable):
                model.setData(current, "")
                return
        super().keyPressEvent(event)

    def _cells(self) -> list[tuple[int, int]]:
        """The cells Enter and Tab visit, in order: every score of every scored row."""
        model = self._model()
        if model is None:
            return []
        columns = range(FIRST_CRITERION, model.comment_column())
        return [(row, column) for row in range(model.rowCount())
                if not model.is_conflicted(row) for column in columns]

    def _step(self, direction: int) -> None:
        model = self._model()
        cells = self._cells()
        if model is None or not cells:
            return
        current = self.currentIndex()
        here = (current.row(), current.column()) if current.isValid() else None
        if here in cells:
            position = cells.index(here) + direction
        elif here is None:
            position = 0
        elif direction > 0:  # from a name: the row's first score; from a comment: the next row's
            position = next((i for i, cell in enumerate(cells) if cell > here), len(cells))
        else:
            position = max((i for i, cell in enumerate(cells) if cell < here), default=-1)
        if 0 <= position < len(cells):
            row, column = cells[position]
            self.setCurrentIndex(model.index(row, column))

    def move_next(self) -> None:
        self._step(+1)

    def move_previous(self) -> None:
        self._step(-1)
