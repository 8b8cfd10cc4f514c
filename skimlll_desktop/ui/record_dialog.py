"""What the organisation and person dialogs share: saving a form, its errors, and leaving.

A :class:`RecordDialog` holds one record's form (a frozen dataclass from the
services). *Save* (Ctrl+S, or Enter in a one-line field) keeps the dialog
open and shows the record as saved; *Close* (Esc) asks first when something
is not saved. Field problems appear under their fields; a new record is
checked for likely duplicates first; a stale save offers to reload.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.form_widgets import FieldErrors
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.duplicates import DuplicateCandidate


class RecordDialog(QDialog):
    """One record's form; subclasses build the fields and name the services."""

    KIND: ClassVar[str] = ""  # "organization" / "person": the objectName prefix

    saved = Signal(int)  # the record's id, after every successful save

    def __init__(
        self, database: Database, record_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        kind = self.KIND
        capital = kind[0].upper() + kind[1:]
        self.setObjectName(f"{kind}Dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._record: Any = None  # the details as loaded or saved
        self._baseline: Any = None  # what the form collected right after filling
        self._accepted_duplicates: set[int] = set()
        self._filling = False

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName(f"{kind}Tabs")
        self.tabs.setAccessibleName(_("Sections"))
        self.tabs.setDocumentMode(False)
        self.errors = FieldErrors(self.tabs)

        self.message = QLabel(self)
        self.message.setObjectName(f"{kind}Message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.message, "banner")
        self.message.hide()

        self.save_state = QLabel(self)
        self.save_state.setObjectName(f"{kind}SaveState")
        set_role(self.save_state, "subtle")
        save_keys = QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText)
        self.save_button = QPushButton(tinted_icon("check"), _("Save"), self)
        self.save_button.setObjectName(f"save{capital}")
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save the changes ({shortcut})").format(
            shortcut=save_keys))
        self.save_button.setDefault(True)
        self.save_button.setMinimumWidth(110)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setObjectName(f"close{capital}")
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setToolTip(_("Close the window (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.setMinimumWidth(110)

        self._build()

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.save_state, 1, Qt.AlignmentFlag.AlignVCenter)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        for button in self.findChildren(QPushButton):
            if button is not self.save_button:
                button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setObjectName(f"save{capital}Shortcut")
        shortcut.activated.connect(self.save)

        self.load(record_id)

    # --- what subclasses provide --------------------------------------------------------

    def _build(self) -> None:
        """Create the tabs and fields (register fields with errors in ``self.errors``)."""
        raise NotImplementedError

    def _new_record(self) -> Any:
        raise NotImplementedError

    def _get(self, record_id: int) -> Any:
        raise NotImplementedError

    def _save_record(self, form: Any) -> Any:
        raise NotImplementedError

    def _duplicates(self, form: Any) -> list[DuplicateCandidate]:
        raise NotImplementedError

    def _fill(self, record: Any) -> None:
        """Show the record in the fields."""
        raise NotImplementedError

    def _collect_fields(self) -> dict[str, Any]:
        """The form's fields as the details dataclass's field values."""
        raise NotImplementedError

    def _title(self, record: Any) -> str:
        raise NotImplementedError

    # --- the record ---------------------------------------------------------------------

    def database(self) -> Database:
        return self._database

    def record(self) -> Any:
        return self._record

    def record_id(self) -> int | None:
        return self._record.id if self._record is not None else None

    def load(self, record_id: int | None) -> None:
        """Show a record from the database (a new, empty one when ``record_id`` is None)."""
        from skimlll_desktop.services.errors import UserFacingError

        try:
            record = self._new_record() if record_id is None else self._get(record_id)
        except UserFacingError as error:
            self._show_message(error.message)
            record = self._new_record()
        self._show_record(record)

    def _show_record(self, record: Any) -> None:
        self._record = record
        self.errors.clear()
        self._filling = True
        try:
            self._fill(record)
        finally:
            self._filling = False
        self._baseline = self.form()
        self.setWindowTitle(self._title(record))
        self.setAccessibleName(self.windowTitle())
        self._update_state()

    def form(self) -> Any:
        """The record as the form shows it now (with the id and version it was read with)."""
        return dataclasses.replace(self._record, **self._collect_fields())

    def has_unsaved_changes(self) -> bool:
        return self._record is not None and self.form() != self._baseline

    def _on_edited(self, *_args: Any) -> None:
        if not self._filling:
            self._update_state()

    def _update_state(self) -> None:
        self.save_state.setText(_("Unsaved changes") if self.has_unsaved_changes() else "")

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form; True when saved. Field problems are shown under the fields."""
        from skimlll_desktop.services.errors import StaleRecordError, UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        form = self.form()
        self.message.hide()
        if form.id is None and not self._check_duplicates(form):
            return False
        try:
            saved = self._save_record(form)
        except FormErrors as problems:
            others = self.errors.show(problems.errors)
            self._show_message(problems.message + (
                "\n" + "\n".join(others.values()) if others else ""))
            self.save_state.setText("")
            return False
        except StaleRecordError as stale:
            self._offer_reload(stale.message)
            return False
        except UserFacingError as error:
            self._show_message(error.message)
            return False
        self._accepted_duplicates.clear()
        self._show_record(saved)
        self.save_state.setText(_("Saved."))
        self.saved.emit(saved.id)
        return True

    def _check_duplicates(self, form: Any) -> bool:
        """True to go on saving a new record; the user decides when it may be a duplicate."""
        from skimlll_desktop.ui.duplicates_dialog import DuplicateChoice, DuplicatesDialog

        candidates = [c for c in self._duplicates(form) if c.id not in self._accepted_duplicates]
        if not candidates:
            return True
        dialog = DuplicatesDialog(self.KIND, candidates, self)
        choice = dialog.ask()
        chosen = dialog.chosen()
        dialog.deleteLater()
        if choice is DuplicateChoice.SAVE_ANYWAY:
            self._accepted_duplicates.update(c.id for c in candidates)
            return True
        if choice is DuplicateChoice.OPEN_EXISTING and chosen is not None:
            self.load(chosen.id)
        return False

    def _offer_reload(self, message: str) -> None:
        answer = QMessageBox.question(
            self, _("Saved by someone else"),
            message + "\n\n" + _("Load the record as it is saved now? The changes made in "
                                 "this window will be lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.load(self.record_id())
            self._show_message(_("The form now shows the record as it was saved."))
        else:
            self._show_message(message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- leaving ------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc or Close: ask about unsaved changes first."""
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self, _("Unsaved changes"),
                _("This window has changes that are not saved. Save them?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
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

    # --- helpers for subclasses ---------------------------------------------------------

    def _watch(self, *widgets: QWidget) -> None:
        """Mark the form as changed when any of these widgets is edited."""
        for widget in widgets:
            for signal in ("changed", "textChanged", "currentIndexChanged", "toggled",
                           "dateChanged", "itemChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(self._on_edited)
                    break

    def _validate_on_leave(self, key: str, widget: Any, normalise: Any) -> None:
        """Check one field as soon as it is left (NIP, REGON, e-mail)."""
        from skimlll_desktop.services.validators import InvalidValue

        def check() -> None:
            try:
                normalise(widget.text())
            except InvalidValue as invalid:
                self.errors.set(key, invalid.message)
                return
            self.errors.set(key, None)

        widget.editingFinished.connect(check)
