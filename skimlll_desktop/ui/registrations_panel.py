"""Zgłoszenia: who is on an event's list, with what status, and what to do with the list.

Statuses change through the combo under the list or the context menu, only
along the allowed transitions; a place freed on a full event goes to the first
person on the waiting list, and the panel says who. From here: invite people
by filters, copy the e-mail addresses for a BCC message, export attendance to
Excel, print the attendance list, and mark attendance from the signed list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.event_formatting import (
    registration_status_color,
    session_label,
    status_dot,
)
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.registrations_model import SORT_ROLE, RegistrationsTableModel
from skimlll_desktop.ui.table_setup import set_up_list_table
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.events import RegistrationRow, SessionForm

EXCEL_FILTER = "Excel (*.xlsx)"


def people_text(count: int) -> str:
    return ngettext("{n} person", "{n} people", count).format(n=format_number(count))


class RegistrationsPanel(QWidget):
    """The registrations of one event (set with :meth:`set_event`)."""

    changed = Signal()  # statuses, invitations or attendance changed
    status_message = Signal(str)
    exported = Signal(object)  # the xlsx written

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._event_id: int | None = None
        self._title = ""
        self._sessions: tuple[SessionForm, ...] = ()
        self._export_worker: JobWorker | None = None
        self._list_options: Any = None  # the options dialog while it is open

        self.count_label = QLabel(self)
        self.count_label.setObjectName("registrationsCount")
        self.count_label.setAccessibleName(_("Number of people on the list"))
        self.count_label.setWordWrap(True)
        self.invite_button = self._button(
            "inviteButton", "people", _("Invite people…"),
            _("Add people to the list as invited, chosen by filters"), self.invite)
        self.copy_button = self._button(
            "copyEmailsButton", "export", _("Copy e-mail addresses (BCC)"),
            _("Copy the addresses of the invited, registered and waiting people, to paste "
              "into the BCC field of a message"), self.copy_emails)

        self.import_button = self._button(
            "importRegistrationsButton", "import", _("Import registrations…"),
            _("Read the Excel export of an online registration form: people already in the "
              "registry are matched, the others added after you confirm"),
            self.import_registrations)
        self.event_file_button = self._button(
            "eventFileButton", "documents", _("Event file (ZIP)…"),
            _("One ZIP for an inspection: attendance lists, the attendance sheet, notes and "
              "a summary"), self.write_event_file)

        self.message = QLabel(self)
        self.message.setObjectName("registrationsMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(_("Message"))
        set_role(self.message, "banner")
        self.message.hide()

        self.model = RegistrationsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("registrationsTable")
        self.table.setAccessibleName(_("Registrations"))
        self.table.setModel(self.proxy)
        self._set_up_table()

        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("registrationStatusCombo")
        self.status_combo.setAccessibleName(_("Change the status of the selected people"))
        self.status_combo.setToolTip(_("Choose a status: it is given at once to the selected "
                                       "people (only where the change is allowed)"))
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_label = QLabel(_("Change &status to:"), self)
        status_label.setBuddy(self.status_combo)
        self.list_button = self._button(
            "attendanceListButton", "print", _("Attendance list…"),
            _("Prepare the attendance list to sign, preview and print it"), self.print_list)
        self.grid_button = self._button(
            "attendanceGridButton", "attendance", _("Attendance after the event…"),
            _("Tick who came, session by session, from the signed list"),
            self.open_attendance_grid)
        self.export_button = self._button(
            "exportAttendanceButton", "export", _("Export attendance…"),
            _("Save who was present at which session to an Excel file"),
            self.export_attendance)

        top = QHBoxLayout()
        top.setSpacing(SPACING // 2)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.invite_button)
        top.addWidget(self.import_button)
        top.addWidget(self.copy_button)
        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING // 2)
        bottom.addWidget(status_label)
        bottom.addWidget(self.status_combo)
        bottom.addStretch(1)
        bottom.addWidget(self.list_button)
        bottom.addWidget(self.grid_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.event_file_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING - 4)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.status_combo.activated.connect(self._on_status_chosen)
        self.table.selectionModel().selectionChanged.connect(self._fill_status_choices)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        copy = QShortcut(QKeySequence("Ctrl+Shift+C"), self)
        copy.setObjectName("copyEmailsShortcut")
        copy.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.activated.connect(self.copy_emails)
        self._fill_status_choices()

    def _button(self, name: str, icon: str, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("…", ""))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _set_up_table(self) -> None:
        table = self.table
        header = set_up_list_table(table, multi_select=True, row_padding=10)
        table.sortByColumn(RegistrationsTableModel.COLUMN_NAME, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(RegistrationsTableModel.COLUMN_INSTITUTION,
                                    QHeaderView.ResizeMode.Stretch)
        em = table.fontMetrics().averageCharWidth()
        for column, chars in ((RegistrationsTableModel.COLUMN_NAME, 25),
                              (RegistrationsTableModel.COLUMN_EMAIL, 26),
                              (RegistrationsTableModel.COLUMN_STATUS, 24)):
            table.setColumnWidth(column, chars * em)
        sessions = RegistrationsTableModel.COLUMN_SESSIONS
        table.setColumnWidth(sessions, header.sectionSizeHint(sessions) + em)

    # --- the event ----------------------------------------------------------------------

    def set_event(self, event_id: int, title: str, sessions: Sequence[SessionForm]) -> None:
        self._event_id = event_id
        self._title = title
        self._sessions = tuple(sessions)
        self.message.hide()
        self.refresh()

    def event_id(self) -> int | None:
        return self._event_id

    def refresh(self) -> None:
        from skimlll_desktop.services.events import list_registrations

        if self._event_id is None:
            return
        selected = {r.id for r in self.selected_registrations()}
        rows = list_registrations(self._database, self._event_id)
        self.model.set_rows(rows, len(self._sessions))
        self._show_counts(rows)
        selection = self.table.selectionModel()
        for registration_id in selected:
            row = self.model.row_of(registration_id)
            if row is not None:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        self._fill_status_choices()
        for button in (self.list_button, self.grid_button, self.export_button,
                       self.copy_button):
            button.setEnabled(bool(rows))

    def _show_counts(self, rows: Sequence[RegistrationRow]) -> None:
        from skimlll_desktop.services.labels import registration_status_label

        if not rows:
            self.count_label.setText(_("No one is on the list yet. Invite people with the "
                                       "button on the right."))
            return
        counts = Counter(row.status for row in rows)
        parts = [f"{registration_status_label(status)}: {format_number(n)}"
                 for status, n in sorted(counts.items(), key=lambda item: -item[1])]
        self.count_label.setText(_("{people} on the list").format(people=people_text(len(rows)))
                                 + " — " + " · ".join(parts))

    def selected_registrations(self) -> list[RegistrationRow]:
        rows = sorted({self.proxy.mapToSource(index).row()
                       for index in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.registration(row) for row in rows) if r is not None]

    def select_person(self, person_id: int) -> None:
        for row, registration in enumerate(self.model.rows()):
            if registration.person_id == person_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    # --- statuses -----------------------------------------------------------------------

    def _allowed(self) -> list[Any]:
        """Statuses every selected registration may move to (in the enum's order)."""
        from skimlll_desktop.models import RegistrationStatus
        from skimlll_desktop.services.events import ALLOWED

        selected = self.selected_registrations()
        if not selected:
            return []
        common = set.intersection(*(set(ALLOWED[r.status]) for r in selected))
        return [status for status in RegistrationStatus if status in common]

    def _fill_status_choices(self) -> None:
        from skimlll_desktop.services.labels import registration_status_label

        allowed = self._allowed()
        self.status_combo.clear()
        if not self.selected_registrations():
            self.status_combo.addItem(_("select people first"), None)
        elif not allowed:
            self.status_combo.addItem(_("no change possible"), None)
        else:
            self.status_combo.addItem(_("choose…"), None)
            for status in allowed:
                self.status_combo.addItem(status_dot_icon(status),
                                          registration_status_label(status), status)
        self.status_combo.setEnabled(bool(allowed))

    def _on_status_chosen(self, index: int) -> None:
        status = self.status_combo.itemData(index)
        if status is not None:
            self.change_status(status)

    def change_status(self, status: Any) -> list[str]:
        """Give the selected registrations ``status``; returns what the panel announced."""
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.events import change_registration_status
        from skimlll_desktop.services.labels import registration_status_label

        notes: list[str] = []
        changed = 0
        for registration in self.selected_registrations():
            try:
                result = change_registration_status(self._database, registration.id, status,
                                                    registration.version)
            except UserFacingError as error:
                notes.append(f"{registration.name}: {error.message}")
                continue
            changed += 1
            if result.status != status:
                notes.append(_("{name} is on the waiting list: the event has no free "
                               "places.").format(name=registration.name))
            if result.promoted_person:
                notes.append(_("A place became free: {name} moves up from the waiting list "
                               "and is registered now.").format(name=result.promoted_person))
        if changed:
            notes.insert(0, ngettext("{n} person is now “{status}”.",
                                     "{n} people are now “{status}”.", changed).format(
                n=format_number(changed), status=registration_status_label(status)))
        self.refresh()
        self._announce(notes)
        if changed:
            self.changed.emit()
        return notes

    def _announce(self, notes: Sequence[str]) -> None:
        if notes:
            self.message.setText("\n".join(notes))
            self.message.show()
            self.status_message.emit(notes[-1])
        else:
            self.message.hide()

    def _context_menu(self) -> QMenu:
        from skimlll_desktop.services.labels import registration_status_label

        menu = QMenu(self)
        menu.setObjectName("registrationsContextMenu")
        allowed = self._allowed()
        for status in allowed:
            action = menu.addAction(status_dot_icon(status),
                                    _("Mark as “{status}”").format(
                                        status=registration_status_label(status)))
            action.setObjectName(f"registrationsSet_{status.value}")
            action.triggered.connect(lambda _checked=False, s=status: self.change_status(s))
        if not allowed:
            none = menu.addAction(_("No status change is possible for the selection"))
            none.setEnabled(False)
        menu.addSeparator()
        copy = menu.addAction(tinted_icon("export"), _("Copy e-mail addresses (BCC)"))
        copy.setObjectName("registrationsContextCopy")
        copy.triggered.connect(self.copy_emails)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        menu = self._context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # --- actions ------------------------------------------------------------------------

    def invite(self) -> QDialog | None:
        from skimlll_desktop.ui.invite_dialog import InviteDialog

        if self._event_id is None:
            return None
        dialog = InviteDialog(self._database, self._event_id, self._title, self)
        dialog.invited.connect(self._on_invited)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_invited(self, count: int) -> None:
        self.refresh()
        self._announce([ngettext("{n} person was invited.", "{n} people were invited.",
                                 count).format(n=format_number(count))
                        if count else _("Everyone found was on the list already.")])
        if count:
            self.changed.emit()

    def copy_emails(self) -> str:
        """The invitees' addresses ("a@x.pl; b@y.pl") on the clipboard; returns them."""
        from skimlll_desktop.services.events import invitee_emails

        if self._event_id is None:
            return ""
        text = invitee_emails(self._database, self._event_id)
        if not text:
            self._announce([_("No one invited, registered or waiting has an e-mail address.")])
            return ""
        QGuiApplication.clipboard().setText(text)
        count = text.count(";") + 1
        self._announce([ngettext(
            "{n} e-mail address copied: paste it into the BCC field of your message.",
            "{n} e-mail addresses copied: paste them into the BCC field of your message.",
            count).format(n=format_number(count))])
        return text

    def export_attendance(self) -> JobWorker | None:
        from skimlll_desktop.services.attendance import export_attendance
        from skimlll_desktop.ui.attendance_list_job import safe_file_name

        if self._event_id is None:
            return None
        suggested = Path.home() / (safe_file_name(_("Attendance — {title}").format(
            title=self._title)) + ".xlsx")
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Export attendance to Excel"), str(suggested), EXCEL_FILTER)
        if not filename:
            return None
        path = Path(filename)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        message = _("Exporting attendance…")

        def done(written: Path) -> None:
            self._export_worker = None
            self._announce([_("Attendance saved to {path}").format(path=written)])
            self.exported.emit(written)

        def failed(text: str) -> None:
            self._export_worker = None
            show_message(_("Export attendance to Excel"), text, parent=self)

        self._export_worker = run_with_progress(
            call_as_job(export_attendance, self._database, self._event_id, path,
                        message=message),
            self, message, on_finished=done, on_failed=failed,
            on_cancelled=lambda: setattr(self, "_export_worker", None))
        return self._export_worker

    def import_registrations(self) -> JobWorker | None:
        """Excel export of a form → a preview in the background → confirm → save."""
        from skimlll_desktop.services.registration_import import (
            preview_registration_import,
        )

        if self._event_id is None:
            return None
        filename, _filter = QFileDialog.getOpenFileName(
            self, _("Import registrations from Excel"), str(Path.home()), EXCEL_FILTER)
        if not filename:
            return None
        self._export_worker = run_with_progress(
            preview_registration_import(self._database, self._event_id, Path(filename)),
            self, _("Checking rows…"), on_finished=self._confirm_registrations,
            on_failed=self._import_failed,
            on_cancelled=lambda: setattr(self, "_export_worker", None))
        return self._export_worker

    def _import_failed(self, text: str) -> None:
        self._export_worker = None
        show_message(_("Import registrations from Excel"), text, parent=self)

    def _confirm_registrations(self, preview: Any) -> None:
        from PySide6.QtWidgets import QMessageBox

        from skimlll_desktop.services.registration_import import (
            EXISTING,
            NEW,
            SKIP,
            apply_registration_import,
        )

        self._export_worker = None
        problems = [_("row {row}").format(row=p.row) + f": {p.message}"
                    for row in preview.rows for p in row.problems][:12]
        text = _("People already in the registry: {existing}. New people: {new}. Rows "
                 "skipped: {skipped}.").format(existing=preview.count(EXISTING),
                                              new=preview.count(NEW),
                                              skipped=preview.count(SKIP))
        if problems:
            text += "\n\n" + "\n".join(problems)
        if not preview.count(EXISTING) + preview.count(NEW):
            show_message(_("Import registrations from Excel"), text, parent=self)
            return
        box = QMessageBox(QMessageBox.Icon.Question, _("Import registrations from Excel"),
                          text + "\n\n" + _("Register these people for the event?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("confirmRegistrationsImport")
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self._export_worker = run_with_progress(
            apply_registration_import(self._database, preview), self, _("Saving…"),
            on_finished=self._registrations_imported, on_failed=self._import_failed,
            on_cancelled=lambda: setattr(self, "_export_worker", None))

    def _registrations_imported(self, result: Any) -> None:
        self._export_worker = None
        self.refresh()
        self._announce([_("Registered: {matched} from the registry, {created} new people; "
                          "{waiting} on the waiting list.").format(
            matched=result.matched, created=result.created, waiting=result.waiting)])

    def write_event_file(self) -> JobWorker | None:
        from skimlll_desktop.services.event_file import write_event_file
        from skimlll_desktop.ui.attendance_list_job import safe_file_name

        if self._event_id is None:
            return None
        suggested = Path.home() / (safe_file_name(_("Event file — {title}").format(
            title=self._title)) + ".zip")
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Event file for an inspection"), str(suggested), _("ZIP files (*.zip)"))
        if not filename:
            return None
        path = Path(filename)
        if path.suffix.lower() != ".zip":
            path = path.with_suffix(".zip")

        def done(written: Path) -> None:
            self._export_worker = None
            self._announce([_("Event file saved to {path}").format(path=written)])
            self.exported.emit(written)

        def failed(text: str) -> None:
            self._export_worker = None
            show_message(_("Event file for an inspection"), text, parent=self)

        self._export_worker = run_with_progress(
            write_event_file(self._database, self._event_id, path), self,
            _("Preparing the event file…"), on_finished=done, on_failed=failed,
            on_cancelled=lambda: setattr(self, "_export_worker", None))
        return self._export_worker

    def session_choices(self) -> list[tuple[int, str]]:
        count = len(self._sessions)
        return [(s.number, session_label(s.number, s.day, s.title, sessions=count))
                for s in self._sessions]

    def print_list(self) -> QDialog | None:
        """Ask for the options; on OK the list is made in the background and previewed."""
        from skimlll_desktop.ui.attendance_list_dialog import AttendanceListOptionsDialog

        if self._event_id is None:
            return None
        dialog = AttendanceListOptionsDialog(self.session_choices(), self)
        self._list_options = dialog
        dialog.accepted.connect(self._prepare_list)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _prepare_list(self) -> None:
        from skimlll_desktop.ui.attendance_list_job import show_attendance_list

        dialog, self._list_options = self._list_options, None
        if dialog is not None and self._event_id is not None:
            show_attendance_list(self, self._database, self._event_id, dialog.options(),
                                 self._title)

    def open_attendance_grid(self) -> QDialog | None:
        from skimlll_desktop.ui.attendance_grid_dialog import AttendanceGridDialog

        if self._event_id is None:
            return None
        dialog = AttendanceGridDialog(self._database, self._event_id, self._sessions, self)
        dialog.saved.connect(self._on_grid_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_grid_saved(self, changed: int) -> None:
        self.refresh()
        self.changed.emit()


def status_dot_icon(status: Any) -> QIcon:
    return status_dot(registration_status_color(status))
