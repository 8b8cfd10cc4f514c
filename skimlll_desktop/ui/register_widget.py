"""Rejestr: every issued document — search, filter, print again, revoke, correct, export.

Printing again draws the stored pages (same numbers, same text) into a
temporary PDF shown in the preview. Revoking asks for a reason; correcting
issues a new document with a new number and marks the old one replaced.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.documents_widgets import (
    banner,
    buddy_label,
    combo_box,
    keys_text,
    preview_path,
    push_button,
    shortcut,
)
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.lazy_table import ID_ROLE
from skimlll_desktop.ui.register_model import SORT_ROLE, STATUS_ROLE, RegisterTableModel
from skimlll_desktop.ui.table_setup import set_up_list_table
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.certificates import IssueResult, RegisterRow
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.ui.register_dialogs import CorrectDialog, RevokeDialog

SEARCH_DEBOUNCE_MS = 200
XLSX_FILTER = N_("Excel workbooks (*.xlsx)")


def documents_count_text(count: int) -> str:
    return ngettext("{n} document", "{n} documents", count).format(n=format_number(count))


class RegisterWidget(QWidget):
    """The Rejestr tab."""

    status_message = Signal(str)
    issue_requested = Signal()  # the empty state's "Issue documents"
    register_changed = Signal()  # a document was revoked or corrected
    preview_shown = Signal(object)  # the PdfPreviewDialog of a reprint or correction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerTab")
        self._database: Database | None = None
        self.worker: JobWorker | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("registerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Number, holder or subject ({keys})").format(
            keys=keys_text(QKeySequence.StandardKey.Find)))
        self.search.setAccessibleName(_("Search the register"))
        self.search.setToolTip(_("Case and Polish letters do not matter: “lacko” finds "
                                 "“Łącko”."))
        self.kind_combo = combo_box(self, "registerKindFilter", _("Kind of document"))
        self.status_combo = combo_box(self, "registerStatusFilter", _("Status of the document"))
        for combo in (self.kind_combo, self.status_combo):
            combo.addItem(_("all"), None)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("registerCount")
        self.count_label.setAccessibleName(_("Number of documents"))
        set_role(self.count_label, "subtle")

        self.model = RegisterTableModel(self)
        self.model.setObjectName("registerModel")
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("registerTable")
        self.table.setAccessibleName(_("Register of issued documents"))
        self.table.setModel(self.proxy)
        self._set_up_table()

        self.reprint_button = push_button(
            self, "registerReprint", _("&Print again…"), self.reprint_selected,
            _("The selected documents again, with the same numbers and text ({keys})").format(
                keys=keys_text(QKeySequence.StandardKey.Print)), "print")
        self.revoke_button = push_button(
            self, "registerRevoke", _("Re&voke…"), self.revoke_selected,
            _("Mark the selected document as revoked, with a reason"), "delete")
        self.correct_button = push_button(
            self, "registerCorrect", _("C&orrect…"), self.correct_selected,
            _("Issue a corrected document with a new number; the old one becomes replaced"),
            "edit")
        self.export_button = push_button(
            self, "registerExport", _("E&xport to Excel…"), self.export_register,
            _("Save the whole register as an Excel workbook"), "export")

        self.message = banner(self, "registerMessage")
        self.no_match = QLabel(_("No document matches the search and filters."), self)
        self.no_match.setObjectName("registerNoMatch")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.no_match, "subtle")
        self.no_match.hide()

        self.empty = EmptyStateWidget(
            "documents", _("No documents issued yet"),
            _("Every certificate, diploma and thank-you letter issued here gets a number that "
              "is never reused, and is listed in this register: print it again, revoke it or "
              "correct it."), self, object_name="registerEmpty")
        self.empty.add_button("registerEmptyIssue", "add", _("Issue documents")
                              ).clicked.connect(self.issue_requested)
        self._lay_out()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.table.doubleClicked.connect(lambda _index: self.reprint_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)
        shortcut(self, QKeySequence.StandardKey.Find, self.focus_search, "registerFindShortcut")
        shortcut(self, QKeySequence.StandardKey.Print, self.reprint_selected,
                 "registerPrintShortcut")
        self._update_buttons()

    # --- building -----------------------------------------------------------------------

    def _set_up_table(self) -> None:
        table = self.table
        header = set_up_list_table(table, multi_select=True, row_padding=12)
        table.sortByColumn(RegisterTableModel.COLUMN_ISSUED, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(RegisterTableModel.COLUMN_SUBJECT,
                                    QHeaderView.ResizeMode.Stretch)
        em = table.fontMetrics().averageCharWidth()
        table.setColumnWidth(RegisterTableModel.COLUMN_HOLDER, 22 * em)
        table.setColumnWidth(RegisterTableModel.COLUMN_ISSUED_BY, 11 * em)

    def _fit_columns(self, kinds: list[str], statuses: list[str]) -> None:
        """Columns of short known texts as wide as their longest text (and header)."""
        from PySide6.QtGui import QFontMetrics

        from skimlll_desktop.ui.register_model import COLUMNS, monospace_font

        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        padding = 2 * SPACING

        def width(column: int, texts: list[str], font_metrics: QFontMetrics = metrics,
                  extra: int = 0) -> None:
            widest = max([font_metrics.horizontalAdvance(t) for t in texts] or [0])
            title = header.horizontalAdvance(_(COLUMNS[column][1])) + SPACING
            self.table.setColumnWidth(column, max(widest + extra, title) + padding)

        width(RegisterTableModel.COLUMN_NUMBER, ["ZU/2026/0000"])
        width(RegisterTableModel.COLUMN_KIND, kinds)
        width(RegisterTableModel.COLUMN_ISSUED, ["28.12.2026, 23:59"])
        width(RegisterTableModel.COLUMN_STATUS, statuses, extra=20)
        width(RegisterTableModel.COLUMN_CODE, ["WWWW-WWWW"], QFontMetrics(monospace_font()))

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(SPACING // 2)
        filters.addWidget(self.search, 2)
        filters.addSpacing(SPACING)
        filters.addWidget(buddy_label(self, _("&Kind:"), self.kind_combo))
        filters.addWidget(self.kind_combo)
        filters.addSpacing(SPACING)
        filters.addWidget(buddy_label(self, _("&Status:"), self.status_combo))
        filters.addWidget(self.status_combo)
        filters.addSpacing(SPACING)
        filters.addWidget(self.count_label)
        filters.addStretch(1)

        actions = QHBoxLayout()
        actions.setSpacing(SPACING // 2)
        for button in (self.reprint_button, self.revoke_button, self.correct_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)

        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(SPACING - 4)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.no_match)
        list_layout.addLayout(actions)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("registerStack")
        self.stack.addWidget(list_box)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING - 4)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)

    def _fill_filter_choices(self) -> None:
        from skimlll_desktop.services.labels import DOCUMENT_KINDS, DOCUMENT_STATUSES

        for combo, labels in ((self.kind_combo, DOCUMENT_KINDS),
                              (self.status_combo, DOCUMENT_STATUSES)):
            if combo.count() > 1:
                continue
            combo.blockSignals(True)
            for value, label in labels.items():
                combo.addItem(_(label), value)
            combo.blockSignals(False)
        self._fit_columns([_(label) for label in DOCUMENT_KINDS.values()],
                          [_(label) for label in DOCUMENT_STATUSES.values()])

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if database is not None:
            self._fill_filter_choices()
        self.message.hide()
        self.refresh()

    def refresh(self) -> None:
        """List the register as the search and filters say."""
        from skimlll_desktop.services.certificates import list_register

        rows: list[RegisterRow] = []
        anything = False
        if self._database is not None:
            rows = list_register(self._database, self.search.text(),
                                 self.kind_combo.currentData())
            status = self.status_combo.currentData()
            if status is not None:
                rows = [row for row in rows if row.status is status]
            filtered = bool(self.search.text().strip()) or self.kind_combo.currentIndex() > 0 \
                or self.status_combo.currentIndex() > 0
            anything = bool(rows) or filtered or bool(list_register(self._database, limit=1))
        selected = set(self.selected_ids())
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if anything or self._database is None else 1)
        self.no_match.setVisible(anything and not rows)
        self.count_label.setText(documents_count_text(len(rows)))
        self.select_ids(selected)
        self._update_buttons()

    # --- selection ----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = sorted(model.selectedRows(), key=lambda index: index.row())
        return [int(index.data(ID_ROLE)) for index in rows]

    def selected_rows(self) -> list[RegisterRow]:
        found = []
        for document_id in self.selected_ids():
            row = self.model.row_of(document_id)
            shown = self.model.register_row(row) if row is not None else None
            if shown is not None:
                found.append(shown)
        return found

    def select_ids(self, ids: set[int] | list[int]) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        for document_id in ids:
            row = self.model.row_of(document_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            selection.select(index, index.siblingAtColumn(self.model.columnCount() - 1))
        model = self.table.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if not selection.isEmpty():
            model.setCurrentIndex(selection.indexes()[0],
                                  QItemSelectionModel.SelectionFlag.NoUpdate)

    def _single_valid(self) -> RegisterRow | None:
        rows = self.selected_rows()
        if len(rows) == 1 and rows[0].status.value == "valid":
            return rows[0]
        return None

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        model = self.table.selectionModel()
        statuses = [index.data(STATUS_ROLE) for index in model.selectedRows()] if model else []
        busy = self.worker is not None and self.worker.is_running()
        one_valid = len(ids) == 1 and statuses == ["valid"]
        self.reprint_button.setEnabled(bool(ids) and not busy)
        self.revoke_button.setEnabled(one_valid and not busy)
        rows = self.selected_rows() if one_valid else []
        self.correct_button.setEnabled(bool(rows) and not busy)
        self.correct_button.setToolTip(
            _("Issue a corrected document with a new number; the old one becomes replaced"))
        self.export_button.setEnabled(self._database is not None and self.model.rowCount() > 0
                                      and not busy)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.reprint_selected()
                return True
        return super().eventFilter(watched, event)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.status_message.emit(text)

    # --- actions ------------------------------------------------------------------------

    def reprint_selected(self) -> JobWorker | None:
        """The selected documents again (same numbers, same text), shown in the preview."""
        from skimlll_desktop.services.certificates import reprint

        rows = self.selected_rows()
        if self._database is None or not rows or self._busy():
            return None
        path = preview_path("reprint")
        suggested = (rows[0].number.replace("/", "-") if len(rows) == 1
                     else _("documents-{date}").format(date=date.today().isoformat())) + ".pdf"
        title = (_("Document {number}").format(number=rows[0].number) if len(rows) == 1
                 else documents_count_text(len(rows)))

        def finished(written: Path) -> None:
            self._show_preview(written, title, suggested)

        self.worker = run_with_progress(
            call_as_job(reprint, self._database, [r.id for r in rows], path,
                        message=_("Preparing the documents…")),
            self, _("Preparing the documents…"), on_finished=finished,
            on_failed=self._failed(_("Print again")), cancellable=False)
        self.worker.ended.connect(self._update_buttons)
        self._update_buttons()
        return self.worker

    def revoke_selected(self) -> RevokeDialog | None:
        """Ask for the reason, then revoke; returns the (window-modal) dialog."""
        from skimlll_desktop.ui.register_dialogs import RevokeDialog

        row = self._single_valid()
        if self._database is None or row is None:
            return None
        dialog = RevokeDialog(row.number, row.holder, self)
        dialog.accepted.connect(lambda: self._revoke(row, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _revoke(self, row: RegisterRow, dialog: RevokeDialog) -> None:
        from skimlll_desktop.services.certificates import revoke
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        assert self._database is not None
        try:
            revoke(self._database, row.id, dialog.reason_text())
        except FormErrors as errors:
            show_message(_("Revoke"), " ".join(errors.errors.values()), parent=self)
            return
        except UserFacingError as error:
            show_message(_("Revoke"), error.message, parent=self)
            self.refresh()
            return
        self.refresh()
        self.select_ids([row.id])
        self._say(_("Document {number} was revoked.").format(number=row.number))
        self.register_changed.emit()

    def correct_selected(self) -> CorrectDialog | None:
        """Ask for the corrected name, then issue the corrected document in the background."""
        from skimlll_desktop.ui.register_dialogs import CorrectDialog

        row = self._single_valid()
        if self._database is None or row is None or self._busy():
            return None
        dialog = CorrectDialog(row.number, row.holder, self)
        dialog.accepted.connect(lambda: self._correct(row, dialog.holder_name()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _correct(self, row: RegisterRow, holder: str) -> None:
        from skimlll_desktop.services.certificates import reissue_corrected

        assert self._database is not None
        path = preview_path("corrected")

        def finished(result: IssueResult) -> None:
            number = result.pages[0].number
            self.refresh()
            self.select_ids([row.id])
            self._say(_("Document {old} was replaced by {new}.").format(old=row.number,
                                                                        new=number))
            self.register_changed.emit()
            self._show_preview(path, _("Document {number}").format(number=number),
                               number.replace("/", "-") + ".pdf")

        self.worker = run_with_progress(
            reissue_corrected(self._database, row.id, holder, path), self,
            _("Issuing the corrected document…"), on_finished=finished,
            on_failed=self._failed(_("Correct")), cancellable=False)
        self.worker.ended.connect(self._update_buttons)
        self._update_buttons()

    def export_register(self) -> JobWorker | None:
        """The whole register to an Excel workbook the user chooses."""
        from skimlll_desktop.services.certificates import export_register

        if self._database is None or self._busy():
            return None
        suggested = Path.home() / _("register-of-documents-{date}.xlsx").format(
            date=date.today().isoformat())
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Export the register"), str(suggested), _(XLSX_FILTER))
        if not filename:
            return None
        target = Path(filename)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")

        def finished(written: Path) -> None:
            self._say(_("The register was saved to {path}").format(path=written))

        self.worker = run_with_progress(
            call_as_job(export_register, self._database, target,
                        message=_("Saving the register…")),
            self, _("Saving the register…"), on_finished=finished,
            on_failed=self._failed(_("Export the register")), cancellable=False)
        self.worker.ended.connect(self._update_buttons)
        self._update_buttons()
        return self.worker

    # --- helpers ------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def _failed(self, title: str) -> Any:
        def failed(message: str) -> None:
            show_message(title, message, parent=self)

        return failed

    def _show_preview(self, path: Path, title: str, suggested: str) -> None:
        from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(path, self, title=title, suggested_name=suggested,
                                  delete_on_close=True)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.preview_shown.emit(dialog)
