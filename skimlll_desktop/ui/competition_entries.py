"""Zgłoszenia: the edition's entries, their formal check and their attachments.

Late entries are flagged in red; Enter or a double click opens the formal
check, F2 corrects the entry, Delete deletes it after a confirmation that says
what goes with it (its scores too, when the jury has scored it). Attachments are
copied into the program's data folder (so a moved or deleted original does not
matter), open in the system's viewer and are taken off the list with Delete.
The right mouse button offers the same actions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_date, format_number, ngettext
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.ui.competition_texts import (
    COMPLETE,
    INCOMPLETE,
    PENDING,
    formal_text,
    pad_columns,
    warning_color,
)
from skimlll_desktop.ui.documents_widgets import keys_text
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import confirm, show_message
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.theme import SPACING, muted_color, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import EntryRow
    from skimlll_desktop.services.competition_details import AttachmentInfo
    from skimlll_desktop.services.database import Database

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (N_("Gmina"), N_("Category"), N_("Title"), N_("Submitted"), N_("Formal check"),
           N_("Files"))
(COLUMN_GMINA, COLUMN_CATEGORY, COLUMN_TITLE, COLUMN_SUBMITTED, COLUMN_FORMAL,
 COLUMN_FILES) = range(len(COLUMNS))


def attachments_folder() -> Path:
    from skimlll_desktop.paths import user_data_dir

    return user_data_dir() / "attachments"


def entries_count_text(count: int) -> str:
    return ngettext("{n} entry", "{n} entries", count).format(n=format_number(count))


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return _("{n} kB").format(n=format_number(max(1, round(size / 1024))))
    return _("{n} MB").format(n=format_number(round(size / 1024 / 1024, 1)))


class SortItem(QTableWidgetItem):
    """A cell that sorts by its key (dates, Polish names), not by its text."""

    def __init__(self, text: str, key: Any) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, SortItem):
            return bool(self.key < other.key)
        return super().__lt__(other)


class EntriesPanel(QWidget):
    """The Zgłoszenia tab."""

    entries_changed = Signal()
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entriesPanel")
        self._database: Database | None = None
        self._year: int | None = None
        self._deadline: date | None = None
        self._locked = False
        self._rows: list[EntryRow] = []
        self._jobs: list[JobWorker] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("entriesSearch")
        self.search.setPlaceholderText(_("Find a gmina or a title (Ctrl+F)"))
        self.search.setAccessibleName(_("Find entries"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMaximumWidth(320)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("entriesCountLabel")
        self.count_label.setAccessibleName(_("Number of entries"))
        set_role(self.count_label, "subtle")
        self.add_button = self._button("addEntry", "add", _("Add an entry…"), self.add_entry,
                                       _("Register a gmina's entry (Ctrl+N)"))
        self.formal_button = self._button(
            "formalCheckEntry", "check", _("Formal check…"), self.check_selected,
            _("Mark the selected entry complete or incomplete (Enter)"))
        self.edit_button = self._button(
            "editEntry", "edit", _("Edit…"), self.edit_selected,
            _("Correct the selected entry: gmina, title, date, description (F2)"))
        self.delete_button = self._button(
            "deleteEntry", "delete", _("Delete…"), self.delete_selected,
            _("Delete the selected entry, after a confirmation (Del)"))

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("entriesTable")
        self.table.setAccessibleName(_("Entries of the edition"))
        self.table.setHorizontalHeaderLabels([_(text) for text in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_GMINA, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)

        self.attachments_box = QGroupBox(_("Attachments"), self)
        self.attachments_box.setObjectName("entryAttachmentsGroup")
        self.attachments = QListWidget(self.attachments_box)
        self.attachments.setObjectName("entryAttachments")
        self.attachments.setAccessibleName(_("Attachments of the selected entry"))
        self.attach_button = self._button(
            "addAttachment", "add", _("Add files…"), self.add_attachments,
            _("Copy files into the program's data folder and list them with the entry"))
        self.open_button = self._button("openAttachment", "open", _("Open"),
                                        self.open_attachment,
                                        _("Open the selected file (Enter)"))
        self.remove_attachment_button = self._button(
            "removeAttachment", "delete", _("Remove…"), self.remove_selected_attachment,
            _("Take the selected file off the entry's list (Del)"))
        self.attachments.installEventFilter(self)
        self.attachments_hint = QLabel(self.attachments_box)
        self.attachments_hint.setObjectName("entryAttachmentsHint")
        self.attachments_hint.setWordWrap(True)
        set_role(self.attachments_hint, "subtle")
        self.attachments.itemActivated.connect(lambda _item: self.open_attachment())
        box = QVBoxLayout(self.attachments_box)
        box.setSpacing(SPACING // 2)
        box.addWidget(self.attachments_hint)
        box.addWidget(self.attachments, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_attachment_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.attachments_box.setFixedWidth(330)

        self.empty = EmptyStateWidget(
            "competition", _("No entries yet"),
            _("Register here the entries that gminy send in: the category follows from the "
              "gmina, late entries are flagged, attachments are kept with the entry."),
            self, object_name="entriesEmptyState")
        self.empty.add_button("addFirstEntry", "add", _("Add the first entry"),
                              _("Register a gmina's entry (Ctrl+N)")
                              ).clicked.connect(self.add_entry)
        self._lay_out()

        self.search.textChanged.connect(self._filter)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.check_selected())
        self.attachments.currentItemChanged.connect(lambda *_items: self._update_buttons())
        for keys, slot, name in (("Ctrl+N", self.add_entry, "entriesNewShortcut"),
                                 ("F2", self.edit_selected, "entriesEditShortcut"),
                                 (QKeySequence.StandardKey.Find, self.focus_search,
                                  "entriesFindShortcut")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName(name)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    def _button(self, name: str, icon: str, text: str, slot: Any, tip: str) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(SPACING // 2)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.formal_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.add_button)
        body = QHBoxLayout()
        body.setSpacing(SPACING)
        body.addWidget(self.table, 1)
        body.addWidget(self.attachments_box)
        listing = QWidget(self)
        inner = QVBoxLayout(listing)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(SPACING - 4)
        inner.addLayout(top)
        inner.addLayout(body, 1)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("entriesStack")
        self.stack.addWidget(listing)
        self.stack.addWidget(self.empty)
        self._listing = listing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.addWidget(self.stack)

    # --- data ---------------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if database is None:
            self._year = None
            self._rows = []
            self._fill()

    def set_edition(self, year: int | None, deadline: date | None, locked: bool) -> None:
        self.set_context(year, deadline, locked)
        self.refresh()

    def set_context(self, year: int | None, deadline: date | None, locked: bool) -> None:
        """The edition and its lock, without reloading the list (the buttons follow)."""
        self._year = year
        self._deadline = deadline
        self._locked = locked
        self._update_buttons()
        first = self.empty.findChild(QPushButton, "addFirstEntry")
        if first is not None:
            first.setEnabled(year is not None and not locked)

    def refresh(self) -> None:
        from skimlll_desktop.services.competition import list_entries

        keep = self.selected_entry()
        self._rows = (list_entries(self._database, self._year)
                      if self._database is not None and self._year is not None else [])
        self._fill()
        if keep is not None:
            self.select_entry(keep.id)

    def rows(self) -> list[EntryRow]:
        return list(self._rows)

    def _fill(self) -> None:
        from skimlll_desktop.services.polish_text import sort_key

        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        self.table.setRowCount(len(self._rows))
        red = QBrush(warning_color())
        muted = QBrush(muted_color())
        for row, entry in enumerate(self._rows):
            submitted = format_date(entry.submitted_on) if entry.submitted_on else "—"
            if entry.late:
                submitted = _("{date} · late").format(date=submitted)
            check = str(entry.formal_check)
            cells = [
                SortItem(entry.gmina, sort_key(entry.gmina)),
                SortItem(entry.category, entry.category),
                SortItem(entry.title, sort_key(entry.title)),
                SortItem(submitted, entry.submitted_on or date.min),
                SortItem(formal_text(check, entry.formal_note),
                         {INCOMPLETE: 0, PENDING: 1, COMPLETE: 2}.get(check, 3)),
                SortItem(str(len(entry.attachments)) if entry.attachments else "—",
                         len(entry.attachments)),
            ]
            for column, item in enumerate(cells):
                item.setData(ENTRY_ID_ROLE, entry.id)
                self.table.setItem(row, column, item)
            if entry.late:
                cells[COLUMN_SUBMITTED].setForeground(red)
                cells[COLUMN_SUBMITTED].setToolTip(_("Submitted after the deadline ({date}).")
                                                   .format(date=format_date(self._deadline))
                                                   if self._deadline else "")
            cells[COLUMN_FORMAL].setToolTip(cells[COLUMN_FORMAL].text())
            if check == INCOMPLETE:
                cells[COLUMN_FORMAL].setForeground(red)
                cells[COLUMN_FORMAL].setToolTip(
                    _("Incomplete: {note}. Incomplete entries are not ranked.").format(
                        note=entry.formal_note))
            elif check == PENDING:
                cells[COLUMN_FORMAL].setForeground(muted)
            cells[COLUMN_TITLE].setToolTip(entry.title)
            cells[COLUMN_FILES].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setSortingEnabled(True)
        pad_columns(self.table, COLUMN_TITLE, widest=230)
        self.count_label.setText(entries_count_text(len(self._rows)))
        has_edition = self._year is not None
        self.stack.setCurrentWidget(self._listing if self._rows or not has_edition
                                    else self.empty)
        self._filter(self.search.text())
        self._selection_changed()
        self.set_context(self._year, self._deadline, self._locked)

    def _filter(self, text: str) -> None:
        wanted = fold(text.strip())
        for row in range(self.table.rowCount()):
            haystack = " ".join(fold(self.table.item(row, c).text())
                                for c in (COLUMN_GMINA, COLUMN_TITLE))
            self.table.setRowHidden(row, bool(wanted) and wanted not in haystack)

    # --- selection ----------------------------------------------------------------------

    def selected_entry(self) -> EntryRow | None:
        row = self.table.currentRow()
        item = self.table.item(row, COLUMN_GMINA) if row >= 0 else None
        if item is None or not self.table.selectionModel().hasSelection():
            return None
        entry_id = item.data(ENTRY_ID_ROLE)
        return next((entry for entry in self._rows if entry.id == entry_id), None)

    def select_entry(self, entry_id: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COLUMN_GMINA)
            if item is not None and item.data(ENTRY_ID_ROLE) == entry_id:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        self._show_attachments()
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_entry() is not None
        can_edit = self._database is not None and self._year is not None and not self._locked
        self.add_button.setEnabled(can_edit)
        self.formal_button.setEnabled(can_edit and selected)
        self.edit_button.setEnabled(can_edit and selected)
        self.delete_button.setEnabled(can_edit and selected)
        self.attach_button.setEnabled(can_edit and selected)
        has_file = self.attachments.currentItem() is not None
        self.open_button.setEnabled(has_file)
        self.remove_attachment_button.setEnabled(can_edit and has_file)
        self.search.setEnabled(bool(self._rows))

    def _show_attachments(self) -> None:
        from skimlll_desktop.services.competition_details import entry_attachments

        entry = self.selected_entry()
        self.attachments.clear()
        if entry is None or self._database is None:
            self.attachments_hint.setText(_("Select an entry to see its files."))
            return
        files = entry_attachments(self._database, entry.id)
        for info in files:
            item = QListWidgetItem(tinted_icon("documents"),
                                   f"{info.file_name}  ({size_text(info.size)})")
            item.setData(ATTACHMENT_ROLE, info)
            item.setToolTip(info.file_name)
            self.attachments.addItem(item)
        if files:
            self.attachments.setCurrentRow(0)
        self.attachments_hint.setText(
            entry.gmina if files else _("{gmina}: no files yet.").format(gmina=entry.gmina))
        self._update_buttons()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.table, self.attachments) and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Delete:
                event.accept()  # ours, not the main window's Edit → Delete (for lists)
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
                if watched is self.table:
                    self.delete_selected()
                else:
                    self.remove_selected_attachment()
                return True
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.check_selected()
            return True
        return super().eventFilter(watched, event)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("entriesContextMenu")
        selected = self.selected_entry() is not None
        can_edit = self._database is not None and self._year is not None and not self._locked
        for key, text, icon, slot, enabled in (
                ("Check", _("Formal check…") + "\t" + keys_text("Return"), "check",
                 self.check_selected, can_edit and selected),
                ("Edit", _("Edit…") + "\t" + keys_text("F2"), "edit", self.edit_selected,
                 can_edit and selected),
                ("Attach", _("Add files…"), "add", self.add_attachments, can_edit and selected),
                ("Add", _("Add an entry…") + "\t" + keys_text("Ctrl+N"), "add",
                 self.add_entry, can_edit),
                ("Delete", _("Delete…") + "\t" + keys_text("Del"), "delete",
                 self.delete_selected, can_edit and selected)):
            if key == "Delete":
                menu.addSeparator()
            action = menu.addAction(tinted_icon(icon), text)
            action.setObjectName(f"entriesContext{key}")
            action.setEnabled(enabled)
            action.triggered.connect(slot)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # --- actions ------------------------------------------------------------------------

    def add_entry(self) -> Any:
        from skimlll_desktop.ui.entry_dialog import EntryDialog

        if self._database is None or self._year is None or self._locked:
            return None
        dialog = EntryDialog(self._database, self._year, self)
        if dialog.exec() and dialog.entry_id is not None:
            self.refresh()
            self.select_entry(dialog.entry_id)
            self.entries_changed.emit()
        dialog.deleteLater()
        return dialog

    def edit_selected(self) -> Any:
        """Correct the selected entry in the entry dialog."""
        from skimlll_desktop.ui.entry_dialog import EntryDialog

        entry = self.selected_entry()
        if entry is None or self._database is None or self._year is None or self._locked:
            return None
        dialog = EntryDialog(self._database, self._year, self, entry_id=entry.id)
        if dialog.exec():
            self.refresh()
            self.select_entry(entry.id)
            self.entries_changed.emit()
        dialog.deleteLater()
        return dialog

    def delete_selected(self) -> bool:
        """Delete the selected entry after the user confirms; with its scores only when the
        confirmation said how many go."""
        from skimlll_desktop.services.competition_corrections import delete_entry, entry_details
        from skimlll_desktop.services.errors import UserFacingError

        entry = self.selected_entry()
        if entry is None or self._database is None or self._locked:
            return False
        try:
            details = entry_details(self._database, entry.id)
        except UserFacingError as error:
            show_message(_("Delete"), error.message, parent=self)
            self.refresh()
            return False
        text = [_("Delete the entry of {gmina}?").format(gmina=entry.gmina)]
        if details.scores:
            text.append(ngettext(
                "The jury has already given it {n} score. The scores and the jurors' comments "
                "on it are deleted with the entry, and the ranking changes.",
                "The jury has already given it {n} scores. The scores and the jurors' comments "
                "on it are deleted with the entry, and the ranking changes.",
                details.scores).format(n=format_number(details.scores)))
        if details.attachments:
            text.append(ngettext("Its {n} attached file is taken off the list.",
                                 "Its {n} attached files are taken off the list.",
                                 details.attachments).format(
                n=format_number(details.attachments)))
        text.append(_("This cannot be undone."))
        if not confirm(self, _("Delete the entry"), "\n\n".join(text)):
            return False
        try:
            delete_entry(self._database, entry.id, details.version,
                         delete_scores=bool(details.scores))
        except UserFacingError as error:  # changed meanwhile, or scored since the question
            show_message(_("Delete"), error.message, parent=self)
            self.refresh()
            return False
        self.refresh()
        self.entries_changed.emit()
        self.status_message.emit(_("The entry of {gmina} was deleted.").format(
            gmina=entry.gmina))
        return True

    def check_selected(self) -> Any:
        from skimlll_desktop.ui.entry_dialog import FormalCheckDialog

        entry = self.selected_entry()
        if entry is None or self._database is None or self._locked:
            return None
        dialog = FormalCheckDialog(self._database, entry, self)
        if dialog.exec():
            self.refresh()
            self.entries_changed.emit()
        dialog.deleteLater()
        return dialog

    def add_attachments(self) -> JobWorker | None:
        from skimlll_desktop.services.competition import attach_file

        entry = self.selected_entry()
        if entry is None or self._database is None or self._locked:
            return None
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Attach files to the entry of {gmina}").format(gmina=entry.gmina),
            str(Path.home()))
        if not names:
            return None
        database, folder = self._database, attachments_folder()

        def attach_all() -> int:
            for name in names:
                attach_file(database, entry.id, Path(name), folder)
            return len(names)

        def done(count: int) -> None:
            self.refresh()
            self.select_entry(entry.id)
            self.status_message.emit(ngettext("{n} file attached.", "{n} files attached.",
                                              count).format(n=count))

        worker = run_with_progress(
            call_as_job(attach_all, message=_("Copying the files…")), self,
            _("Copying the files…"), on_finished=done, cancellable=False,
            on_failed=lambda message: show_message(_("Attachments"), message, parent=self))
        self._jobs = [job for job in self._jobs if job.is_running()] + [worker]
        return worker

    def selected_attachment(self) -> AttachmentInfo | None:
        item = self.attachments.currentItem()
        return item.data(ATTACHMENT_ROLE) if item is not None else None

    def remove_selected_attachment(self) -> bool:
        """Take the selected file off the entry's list, after the user confirms."""
        from skimlll_desktop.services.competition_corrections import remove_attachment
        from skimlll_desktop.services.errors import UserFacingError

        entry, info = self.selected_entry(), self.selected_attachment()
        if entry is None or info is None or self._database is None or self._locked:
            return False
        if not confirm(self, _("Remove the file"),
            _("Remove the file {name} from the entry of {gmina}? The file you attached from "
              "your disk is not touched.").format(name=info.file_name, gmina=entry.gmina)):
            return False
        try:
            remove_attachment(self._database, info.id)
        except UserFacingError as error:
            show_message(_("Attachments"), error.message, parent=self)
            return False
        self.refresh()
        self.select_entry(entry.id)
        self.status_message.emit(_("The file {name} was removed from the entry.").format(
            name=info.file_name))
        return True

    def open_attachment(self) -> bool:
        info = self.selected_attachment()
        if info is None:
            return False
        path = info.path(attachments_folder())
        if not path.is_file():
            show_message(_("Attachments"), _(
                "The file {name} is not in the program's data folder ({folder}). It may have "
                "been added on another computer: attach it again here.").format(
                name=info.file_name, folder=attachments_folder()), parent=self)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
