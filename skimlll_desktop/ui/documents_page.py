"""Dokumenty: certificates of participation, diplomas and thank-you letters.

Three tabs — the register of issued documents, issuing a batch, the templates —
and "Check a document" for a number and code someone brings in. The main
window hands the page its database with :meth:`DocumentsPage.set_database`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.documents_widgets import keys_text, push_button, shortcut
from skimlll_desktop.ui.issue_widget import IssueWidget
from skimlll_desktop.ui.register_widget import RegisterWidget
from skimlll_desktop.ui.templates_widget import TemplatesWidget
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.ui.verify_dialog import VerifyDialog

TAB_REGISTER, TAB_ISSUE, TAB_TEMPLATES = 0, 1, 2
VERIFY_KEYS = "Ctrl+Shift+V"


class DocumentsPage(QWidget):
    """The Dokumenty area."""

    status_message = Signal(str)
    documents_changed = Signal()  # issued, revoked or corrected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsArea")
        self._database: Database | None = None
        self._verify_dialog: VerifyDialog | None = None

        self.heading = QLabel(_("Documents"), self)
        self.heading.setObjectName("documentsHeading")
        set_role(self.heading, "heading")
        self.verify_button = push_button(
            self, "verifyDocument", _("&Check a document…"), self.open_verify,
            _("Check a document's number and verification code, typed or scanned ({keys})")
            .format(keys=keys_text(VERIFY_KEYS)), "search")

        self.register = RegisterWidget(self)
        self.issue = IssueWidget(self)
        self.templates = TemplatesWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("documentsTabs")
        self.tabs.setAccessibleName(_("Documents"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.register, _("Register"))
        self.tabs.addTab(self.issue, _("Issue"))
        self.tabs.addTab(self.templates, _("Templates"))
        for index, tip in enumerate((_("Every document issued, with its number and status"),
                                     _("Number and print documents for many people at once"),
                                     _("The texts of the documents, with a live preview"))):
            self.tabs.setTabToolTip(index, tip)

        heading_row = QHBoxLayout()
        heading_row.setSpacing(SPACING // 2)
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 4, PAGE_MARGIN, PAGE_MARGIN - 8)
        layout.setSpacing(SPACING - 4)
        layout.addLayout(heading_row)
        layout.addWidget(self.tabs, 1)

        for widget in (self.register, self.issue):
            widget.status_message.connect(self.status_message)
        self.register.issue_requested.connect(lambda: self.show_tab(TAB_ISSUE))
        self.register.register_changed.connect(self.documents_changed)
        self.issue.documents_issued.connect(self._on_issued)
        self.templates.templates_changed.connect(self.issue.reload_templates)
        self.tabs.currentChanged.connect(self._on_tab)
        shortcut(self, VERIFY_KEYS, self.open_verify, "verifyDocumentShortcut")
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        self.tabs.setEnabled(enabled)
        self.verify_button.setEnabled(enabled)

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if self._verify_dialog is not None:
            self._verify_dialog.close()
            self._verify_dialog = None
        for tab in (self.register, self.issue, self.templates):
            tab.set_database(database)
        self._set_enabled(database is not None)

    def database(self) -> Database | None:
        return self._database

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def _on_tab(self, index: int) -> None:
        if self._database is None:
            return
        if index == TAB_ISSUE:
            self.issue.reload_choices()  # events and editions may be new since
        elif index == TAB_TEMPLATES:
            self.templates.editor.reload_settings()  # the header may have changed

    def _on_issued(self, _result: object) -> None:
        self.register.refresh()
        self.documents_changed.emit()

    # --- saving (Ctrl+S on the Templates tab) and leaving -------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.templates.has_unsaved_changes()

    def save(self) -> bool:
        return self.templates.save()

    def set_own_save_shortcut(self, enabled: bool) -> None:
        """Off when the window's File → Save (Ctrl+S) calls :meth:`save` instead: two
        enabled shortcuts on one key would make Qt run neither."""
        self.templates.editor.save_shortcut.setEnabled(enabled)

    # --- checking a document ------------------------------------------------------------

    def open_verify(self) -> VerifyDialog | None:
        from skimlll_desktop.ui.verify_dialog import VerifyDialog

        if self._database is None:
            return None
        if self._verify_dialog is None:
            dialog = VerifyDialog(self._database, self)
            dialog.finished.connect(self._forget_verify)
            self._verify_dialog = dialog
        self._verify_dialog.show()
        self._verify_dialog.raise_()
        self._verify_dialog.activateWindow()
        self._verify_dialog.scanned.setFocus()
        return self._verify_dialog

    def _forget_verify(self) -> None:
        dialog, self._verify_dialog = self._verify_dialog, None
        if dialog is not None:
            dialog.deleteLater()
