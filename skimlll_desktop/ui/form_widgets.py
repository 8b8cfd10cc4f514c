"""Building blocks of the registry forms: aligned rows, field errors, empty dates, search combos."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.registry import Choice

DATE_FORMAT = "dd.MM.yyyy"
EMPTY_DATE = QDate(1900, 1, 1)
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1
_SEPARATORS = ".,-/ "


# --- forms -------------------------------------------------------------------------------


def make_form(group: QWidget) -> QFormLayout:
    """A form inside a group: labels right-aligned in one column, fields growing."""
    form = QFormLayout(group)
    form.setContentsMargins(SPACING + 4, SPACING + 6, SPACING + 4, SPACING + 4)
    form.setHorizontalSpacing(SPACING + 4)
    form.setVerticalSpacing(SPACING - 4)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def group(title: str, name: str, parent: QWidget) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title, parent)
    box.setObjectName(name)
    return box, make_form(box)


def add_row(
    form: QFormLayout,
    label_text: str,
    buddy: QWidget,
    accessible: str,
    field: QWidget | None = None,
) -> QLabel:
    """A labelled row; the label is the field's buddy (Alt+letter) and names it for readers."""
    label = QLabel(label_text)
    label.setObjectName("formLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setBuddy(buddy)
    label.setMinimumHeight(min(buddy.sizeHint().height(), buddy.maximumHeight()))
    buddy.setAccessibleName(accessible)
    form.addRow(label, field or buddy)
    return label


def align_labels(container: QWidget) -> None:
    """One label width for every form in ``container``, so fields line up down the page."""
    labels = container.findChildren(QLabel, "formLabel")
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def column(parent: QWidget, *groups: QWidget) -> QWidget:
    """Groups stacked in one column of a form, their labels one width (the column's own)."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING)
    for widget in groups:
        layout.addWidget(widget)
    layout.addStretch(1)
    align_labels(box)
    return box


def multiline(parent: QWidget, lines: int) -> QPlainTextEdit:
    """A multi-line field where Enter is a new line and Tab moves on."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 14)
    return edit


class FieldErrors:
    """Messages under the fields: a red label below each field and a red frame on the field."""

    def __init__(self, tabs: QTabWidget | None = None) -> None:
        self._tabs = tabs
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def field(self, key: str, widget: QWidget, name: str) -> QWidget:
        """The widget with its (hidden) error label under it; register it under ``key``."""
        box = QWidget(widget.parentWidget())  # owned at once, even before it is laid out
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"{name}Error")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        set_role(error, "fieldError")
        error.hide()
        layout.addWidget(error)
        self._fields[key] = (widget, error)
        return box

    def keys(self) -> list[str]:
        return list(self._fields)

    def label(self, key: str) -> QLabel:
        return self._fields[key][1]

    def show(self, errors: dict[str, str]) -> dict[str, str]:
        """Show the messages of known fields, focus the first bad one; returns the others."""
        self.clear()
        first: QWidget | None = None
        for key, (widget, _label) in self._fields.items():  # in the order of the form
            if key in errors:
                self.set(key, errors[key])
                first = first or widget
        if first is not None:
            self._reveal(first)
        return {key: message for key, message in errors.items() if key not in self._fields}

    def set(self, key: str, message: str | None) -> None:
        widget, label = self._fields[key]
        label.setText(message or "")
        label.setVisible(bool(message))
        label.setAccessibleName(message or "")
        widget.setProperty("invalid", bool(message))
        widget.setAccessibleDescription(message or "")
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def clear(self) -> None:
        for key in self._fields:
            self.set(key, None)

    def messages(self) -> dict[str, str]:
        return {key: label.text() for key, (_widget, label) in self._fields.items()
                if label.text()}

    def _reveal(self, widget: QWidget) -> None:
        if self._tabs is not None:
            for index in range(self._tabs.count()):
                page = self._tabs.widget(index)
                if page is not None and page.isAncestorOf(widget):
                    self._tabs.setCurrentIndex(index)
                    break
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


# --- an empty-able date ------------------------------------------------------------------


class OptionalDateEdit(QDateEdit):
    """A date that may be empty ("—"): type dd.mm.yyyy (dots optional), Delete empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(EMPTY_DATE)
        self.setSpecialValueText("—")
        self.setCalendarPopup(True)
        self.setDate(EMPTY_DATE)
        self.setToolTip(_("Type the date as dd.mm.yyyy, or pick it from the calendar. "
                          "Delete empties the field."))
        self._starts = [match.start() for match in re.finditer(r"d+|M+|y+", DATE_FORMAT)]

    def value(self) -> date | None:
        current = self.date()
        return None if current == EMPTY_DATE else date(current.year(), current.month(),
                                                       current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(EMPTY_DATE if value is None else QDate(value.year, value.month, value.day))

    def is_empty(self) -> bool:
        return self.date() == EMPTY_DATE

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.key() == Qt.Key.Key_Delete or (
            event.key() == Qt.Key.Key_Backspace
            and (self.is_empty() or self.lineEdit().selectedText() == self.text())
        ):
            self.setDate(EMPTY_DATE)
            return
        if self.is_empty() and text.isdigit():  # start a date from today's, typing over the day
            self.setDate(QDate.currentDate())
            self._select_section(0)
        elif text and text in _SEPARATORS:
            self._next_section()
            return
        super().keyPressEvent(event)

    def _select_section(self, index: int) -> None:
        self.setCurrentSectionIndex(index)
        self.setSelectedSection(self.sectionAt(index))

    def _next_section(self) -> None:
        """A typed separator closes the section, unless Qt moved on by itself already."""
        index = self.currentSectionIndex()
        at_start = self.lineEdit().cursorPosition() == self._starts[index]
        if not at_start and index + 1 < self.sectionCount():
            self._select_section(index + 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        calendar = self.calendarWidget()
        if self.is_empty() and calendar is not None and calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())

    def stepBy(self, steps: int) -> None:
        if self.is_empty():  # arrows on an empty date start from today
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setSelectedSection(QDateTimeEdit.Section.NoSection)


# --- a combo box that finds by any part of the text --------------------------------------


class _FoldingCompleter(QCompleter):
    """Matches what is typed against folded labels: "zabno" finds "Żabno"."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class SearchableComboBox(QComboBox):
    """An editable list of choices: typing any part of a label (no diacritics needed) finds it.

    ``value()`` is the chosen choice's value ("" for none); text that matches no
    choice goes back to the chosen one when the field is left.
    """

    def __init__(self, parent: QWidget | None = None, *, none_text: str = "—") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._none_text = none_text
        completer = _FoldingCompleter(self.model(), self)
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._settle)
        self.set_choices([])

    def set_choices(self, choices: Sequence[Choice]) -> None:
        current = self.value() if self.count() else ""
        self.blockSignals(True)
        self.clear()
        self.addItem(self._none_text, "")
        self.setItemData(0, "", FOLDED_ROLE)
        for choice in choices:
            self.addItem(choice.label, choice.value)
            self.setItemData(self.count() - 1, fold(choice.label), FOLDED_ROLE)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> str:
        data = self.currentData()
        return str(data) if data else ""

    def set_value(self, value: str) -> None:
        index = self.findData(value) if value else 0
        self.setCurrentIndex(max(index, 0))
        self._show_current()

    def _show_current(self) -> None:
        """The chosen label, shown from its beginning."""
        self.setEditText(self.itemText(self.currentIndex()))
        self.lineEdit().setCursorPosition(0)

    def _settle(self) -> None:
        text = self.currentText().strip()
        if not text:
            self.setCurrentIndex(0)
        else:
            index = self.findText(text, Qt.MatchFlag.MatchFixedString)
            if index < 0:  # a unique folded match is as good as the exact text
                matches = [row for row in range(1, self.count())
                           if fold(text) == self.itemData(row, FOLDED_ROLE)]
                index = matches[0] if len(matches) == 1 else -1
            if index >= 0:
                self.setCurrentIndex(index)
        self._show_current()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.completer().popup().isVisible():
            self._settle()


# --- read-only tables in tabs ------------------------------------------------------------


def read_only_table(parent: QWidget, name: str, headers: Sequence[str],
                    accessible: str, stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[Any]],
               ids: Sequence[int] | None = None) -> None:
    """Rows of text; the first cell of each row carries its id (UserRole) when given."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if column == 0 and ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[number])
            table.setItem(number, column, item)
