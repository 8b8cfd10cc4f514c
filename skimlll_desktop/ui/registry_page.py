"""What the Partnerzy and Osoby lists share: search, filters, columns, the actions on rows.

A :class:`RegistryListPage` is a heading with the area's buttons, a search
field with the count, the filter row, the lazy table and an empty state. Its
subclasses say what they list (the model, the texts) and how a record is
opened, deleted, merged and exported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.column_chooser import ColumnChooser
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.jobs import JobWorker, run_with_progress
from skimlll_desktop.ui.lazy_table import LazyTableModel
from skimlll_desktop.ui.registry_filters import FilterBar, FilterValues
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.jobs import Progress

SEARCH_DEBOUNCE_MS = 150
EXCEL_FILTER = "Excel (*.xlsx)"


def shortcut_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def _export_job(
    model_class: type[LazyTableModel],
    export: Callable[[Database, Path, list[int] | None], Path],
    database: Database,
    query: Any,
    path: Path,
    message: str,
) -> Iterator[Progress]:
    """The ids the list shows, in its order, then the workbook (written under a temporary name)."""
    from skimlll_desktop.services.jobs import Progress

    yield Progress(0, 2, message)
    ids = model_class.matching_ids(database, query)
    yield Progress(1, 2, message)
    written = export(database, path, ids)
    yield Progress(2, 2, message)
    return written


class RegistryListPage(QWidget):
    """One registry list; subclasses fill in the texts and the record-specific actions."""

    NAME: ClassVar[str] = ""  # "partners" / "people": the prefix of every objectName
    DEFAULT_HIDDEN: ClassVar[tuple[str, ...]] = ()
    STRETCH_COLUMN: ClassVar[str] = ""
    COLUMN_CHARS: ClassVar[tuple[tuple[str, int], ...]] = ()  # (column key, width in chars)

    list_shown = Signal()  # the rows (or the empty state) were painted after a load
    records_changed = Signal()  # saved, deleted, merged or imported: counts may differ
    selection_changed = Signal()
    status_message = Signal(str)
    exported = Signal(object)  # the file written

    def __init__(
        self, settings: QSettings | None, model: LazyTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        name = self.NAME
        self.setObjectName(f"{name}Area")
        self._settings = settings
        self._database: Database | None = None
        self._notify_shown = False
        self._export_worker: JobWorker | None = None

        self.heading = QLabel(self.heading_text(), self)
        self.heading.setObjectName(f"{name}Heading")
        set_role(self.heading, "heading")

        self.search = QLineEdit(self)
        self.search.setObjectName(f"{name}Search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.setMaximumWidth(420)
        self._search_icon = self.search.addAction(
            tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )

        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"{name}CountLabel")
        set_role(self.count_label, "subtle")

        self.filters = FilterBar(name, *self.type_filter_texts(), parent=self)

        self.model = model
        self.model.setParent(self)
        self.model.setObjectName(f"{name}Model")
        self.table = QTableView(self)
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        self._set_up_table()
        self.columns = ColumnChooser(
            self.table, model.COLUMNS, settings, f"{name}/hiddenColumns", name=name,
            default_hidden=self.DEFAULT_HIDDEN,
        )

        self.add_button = self._button(self.add_name(), "add", self.add_text(), self.add_record)
        self.add_button.setToolTip(
            self.add_text().replace("&", "") + f" ({shortcut_text('Ctrl+N')})")
        self.export_button = self._button(
            f"export{name[0].upper()}{name[1:]}", "export", _("Export"), self.export_list)
        self.export_button.setToolTip(_("Save the list as it is shown to an Excel file"))
        self.export_button.setAccessibleName(_("Export the list to Excel"))
        self.columns_button = QToolButton(self)
        self.columns_button.setObjectName(f"{name}Columns")
        self.columns_button.setIcon(tinted_icon("columns"))
        self.columns_button.setAccessibleName(_("Columns shown"))
        self.columns_button.setToolTip(_("Choose the columns shown (also: right-click a header)"))
        self.columns_button.setMenu(self.columns.menu)
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setAutoRaise(True)

        self.no_match = QLabel(self)
        self.no_match.setObjectName(f"{name}NoMatch")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        set_role(self.no_match, "subtle")
        self.no_match.hide()

        self.empty = EmptyStateWidget(
            self.NAME, *self.empty_texts(), self,
            object_name=f"{name}EmptyState",
        )
        self._fill_empty_state(self.empty)

        self._lay_out()
        self._set_accessible_texts()

        self._debounce = QTimer(self)
        self._debounce.setObjectName(f"{name}SearchDebounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.filters.changed.connect(self._apply_filters)
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(self.selection_changed)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)

        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.empty.installEventFilter(self)
        self._show_count(0)

    # --- what subclasses provide --------------------------------------------------------

    def heading_text(self) -> str:
        raise NotImplementedError

    def type_filter_texts(self) -> tuple[str, str]:
        """The type filter's label and accessible name."""
        return _("Type:"), _("Type of institution")

    def add_name(self) -> str:
        raise NotImplementedError

    def add_text(self) -> str:
        raise NotImplementedError

    def empty_texts(self) -> tuple[str, str]:
        raise NotImplementedError

    def _fill_empty_state(self, empty: EmptyStateWidget) -> None:
        """Buttons of the empty state."""

    def _extra_buttons(self) -> list[QWidget]:
        return []

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def no_match_text(self, text: str) -> str:
        raise NotImplementedError

    def search_texts(self) -> tuple[str, str, str]:
        """Placeholder, accessible name and tooltip of the search field."""
        raise NotImplementedError

    def query_filters(self, values: FilterValues) -> dict[str, Any]:
        raise NotImplementedError

    def make_dialog(self, record_id: int | None) -> QDialog:
        raise NotImplementedError

    def delete_records(self, ids: list[int]) -> None:
        raise NotImplementedError

    def confirm_delete_text(self, ids: list[int]) -> str:
        raise NotImplementedError

    def merge_kind(self) -> str:
        raise NotImplementedError

    def export_service(self) -> Callable[[Database, Path, list[int] | None], Path]:
        raise NotImplementedError

    def export_file_name(self) -> str:
        raise NotImplementedError

    # --- building -----------------------------------------------------------------------

    def _button(self, name: str, icon: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        keys = [column.key for column in self.model.COLUMNS]
        if self.STRETCH_COLUMN in keys:
            header.setSectionResizeMode(
                keys.index(self.STRETCH_COLUMN), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        table.setSortingEnabled(True)
        em = table.fontMetrics().averageCharWidth()
        for key, chars in self.COLUMN_CHARS:
            if key in keys:
                table.setColumnWidth(keys.index(key), chars * em)

    def _lay_out(self) -> None:
        heading_row = QHBoxLayout()
        heading_row.setSpacing(SPACING // 2)
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        for widget in (*self._extra_buttons(), self.export_button, self.add_button):
            heading_row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)

        search_row = QHBoxLayout()
        search_row.setSpacing(SPACING)
        search_row.addWidget(self.search, 1)
        search_row.addStretch(0)
        search_row.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignVCenter)
        search_row.addWidget(self.columns_button, 0, Qt.AlignmentFlag.AlignVCenter)

        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(SPACING - 4)
        list_layout.addLayout(search_row)
        list_layout.addWidget(self.filters)
        list_layout.addSpacing(2)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.no_match)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName(f"{self.NAME}Stack")
        self.stack.addWidget(list_box)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 4, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(heading_row)
        layout.addWidget(self.stack, 1)

    def _set_accessible_texts(self) -> None:
        placeholder, accessible, tip = self.search_texts()
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(accessible)
        self.search.setToolTip(tip)
        self.table.setAccessibleName(self.heading_text())
        self.count_label.setAccessibleName(_("Number of rows"))

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self._notify_shown = database is not None
        if database is not None:
            from skimlll_desktop.services.registry import powiat_choices, theme_choices

            self.filters.set_choices(powiat_choices(database), theme_choices(database))
        self.model.set_database(database)

    def database(self) -> Database | None:
        return self._database

    def refresh(self) -> None:
        self.model.refresh()

    def reload_choices(self) -> None:
        """New themes may have been added in a dialog."""
        if self._database is not None:
            from skimlll_desktop.services.registry import powiat_choices, theme_choices

            self.filters.set_choices(powiat_choices(self._database), theme_choices(self._database))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [rid for rid in (self.model.record_id(row) for row in rows) if rid is not None]

    def select_record(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # --- actions on records -------------------------------------------------------------

    def add_record(self) -> QDialog | None:
        return self.open_record(None)

    def open_row(self, row: int) -> QDialog | None:
        record_id = self.model.record_id(row)
        return self.open_record(record_id) if record_id is not None else None

    def open_selected(self) -> QDialog | None:
        current = self.table.currentIndex()
        if current.isValid():
            return self.open_row(current.row())
        ids = self.selected_ids()
        return self.open_record(ids[0]) if ids else None

    def open_record(self, record_id: int | None) -> QDialog | None:
        """The record's dialog (a new record when ``record_id`` is None), window-modal."""
        if self._database is None:
            return None
        dialog = self.make_dialog(record_id)
        dialog.saved.connect(self._on_saved)  # type: ignore[attr-defined]
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_saved(self, record_id: int) -> None:
        self.reload_choices()
        self.refresh()
        self.select_record(record_id)
        self.records_changed.emit()

    def delete_selected(self) -> bool:
        """Delete the selected rows after the user confirms; True when deleted."""
        from skimlll_desktop.services.errors import UserFacingError

        ids = self.selected_ids()
        if self._database is None or not ids:
            return False
        answer = QMessageBox.question(
            self, _("Delete"), self.confirm_delete_text(ids),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.delete_records(ids)
        except UserFacingError as error:
            show_message(_("Delete"), error.message, parent=self)
            self.refresh()
            return False
        self.refresh()
        self.records_changed.emit()
        return True

    def merge_selected(self) -> QDialog | None:
        """Two selected rows: the merge dialog; otherwise say what to select."""
        ids = self.selected_ids()
        if self._database is None:
            return None
        if len(ids) != 2:
            show_message(_("Merge"), _("Select exactly two rows to merge (Ctrl+click the "
                                       "second one)."), parent=self,
                         object_name="mergeSelectTwo")
            return None
        from skimlll_desktop.ui.merge_dialog import MergeDialog

        dialog = MergeDialog(self._database, self.merge_kind(), ids[0], ids[1], self)
        dialog.merged.connect(self._on_merged)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_merged(self, kept_id: int, message: str) -> None:
        self.refresh()
        self.select_record(kept_id)
        self.status_message.emit(message)
        self.records_changed.emit()

    def export_list(self) -> JobWorker | None:
        """Save what the list shows (every matching row, in its order) to an xlsx file."""
        if self._database is None:
            return None
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Export to Excel"), str(Path.home() / self.export_file_name()),
            EXCEL_FILTER,
        )
        if not filename:
            return None
        path = Path(filename)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        message = _("Exporting to Excel…")

        def done(written: Path) -> None:
            self._export_worker = None
            self.status_message.emit(_("Exported to {path}").format(path=written))
            self.exported.emit(written)

        def failed(text: str) -> None:
            self._export_worker = None
            show_message(_("Export to Excel"), text, parent=self)

        self._export_worker = run_with_progress(
            _export_job(type(self.model), self.export_service(), self._database,
                        self.model.query(), path, message),
            self, message, on_finished=done, on_failed=failed,
            on_cancelled=lambda: setattr(self, "_export_worker", None),
        )
        return self._export_worker

    # --- reacting -----------------------------------------------------------------------

    def _apply_search(self) -> None:
        self.model.set_filter_text(self.search.text().strip())

    def _apply_filters(self) -> None:
        self.model.set_filters(self.query_filters(self.filters.values()))

    def _show_count(self, count: int) -> None:
        filtering = self.model.is_filtered()
        if self._database is None:
            self.count_label.setText("")
        elif filtering:
            self.count_label.setText(_("{found} found").format(found=self.count_text(count)))
        else:
            self.count_label.setText(self.count_text(count))
        nothing_at_all = self._database is not None and count == 0 and not filtering
        self.stack.setCurrentIndex(1 if nothing_at_all else 0)
        if filtering and count == 0:
            text = self.model.filter_text()
            self.no_match.setText(self.no_match_text(text) if text else _(
                "Nothing matches the filters. Clear them with the button next to them."))
            self.no_match.show()
        else:
            self.no_match.hide()

    def _context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName(f"{self.NAME}ContextMenu")
        count = len(self.selected_ids())
        entries: list[tuple[str, str, str, Callable[[], Any], bool]] = [
            ("Open", _("Open") + "\t" + shortcut_text("Return"), "edit", self.open_selected,
             count >= 1),
            ("Add", self.add_text().replace("&", "") + "\t" + shortcut_text("Ctrl+N"), "add",
             self.add_record, True),
            ("Merge", _("Merge…"), "merge", self.merge_selected, count == 2),
            ("Export", _("Export the list to Excel…"), "export", self.export_list, True),
            ("Delete", _("Delete…") + "\t" + shortcut_text("Del"), "delete",
             self.delete_selected, count >= 1),
        ]
        for key, text, icon, slot, enabled in entries:
            if key == "Delete":
                menu.addSeparator()
            action = menu.addAction(tinted_icon(icon), text)
            action.setObjectName(f"{self.NAME}Context{key}")
            action.setEnabled(enabled)
            action.triggered.connect(slot)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        menu = self._context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        ):
            self.open_selected()
            return True
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
