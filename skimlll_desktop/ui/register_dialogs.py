"""Small dialogs of the register: revoke a document (reason required), correct the holder's name.

Both only collect what the user types; the register widget calls the services.
A reason the service refuses comes back with :meth:`RevokeDialog.show_error`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.form_widgets import FieldErrors, add_row, make_form, multiline
from skimlll_desktop.ui.theme import SPACING

DIALOG_WIDTH = 520


def _intro(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _buttons(dialog: QDialog, ok_text: str, ok_name: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName(ok_name)
    ok.setAccessibleName(ok_text.replace("&", ""))
    ok.setDefault(True)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(_("Cancel"))
    cancel.setObjectName(ok_name.replace("Confirm", "Cancel"))
    cancel.setAccessibleName(_("Cancel"))
    buttons.rejected.connect(dialog.reject)
    return buttons


def _layout(dialog: QDialog, intro: QLabel, form_box: QWidget,
            buttons: QDialogButtonBox) -> None:
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
    layout.setSpacing(SPACING)
    layout.addWidget(intro)
    layout.addWidget(form_box)
    layout.addStretch(1)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(DIALOG_WIDTH)


class RevokeDialog(QDialog):
    """Why a document is revoked; OK only with a reason."""

    def __init__(self, number: str, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revokeDialog")
        self.setWindowTitle(_("Revoke document {number}").format(number=number))
        self.setAccessibleName(self.windowTitle())
        intro = _intro(_("The document {number} of {holder} will be marked as revoked. "
                         "Its number is never used again; verification will answer "
                         "“revoked” with the reason you give.").format(
            number=number, holder=holder), self)
        self.reason = multiline(self, 3)
        self.reason.setObjectName("revokeReason")
        self.reason.setPlaceholderText(_("e.g. issued by mistake; the person did not attend"))
        self.errors = FieldErrors()
        box = QWidget(self)
        form = make_form(box)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, _("&Reason:"), self.reason, _("Reason for revoking"),
                self.errors.field("reason", self.reason, "revokeReason"))
        buttons = _buttons(self, _("&Revoke"), "revokeConfirm")
        buttons.accepted.connect(self._accept_if_given)
        _layout(self, intro, box, buttons)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_error(self, message: str) -> None:
        self.errors.show({"reason": message})

    def _accept_if_given(self) -> None:
        if not self.reason_text():
            self.show_error(_("Give the reason for revoking the document."))
            return
        self.accept()


class CorrectDialog(QDialog):
    """The corrected name of the holder; the corrected document gets a new number."""

    def __init__(self, number: str, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(_("Correct document {number}").format(number=number))
        self.setAccessibleName(self.windowTitle())
        intro = _intro(_("A corrected document is issued with a new number and shown for "
                         "printing; {number} is marked as replaced by it. The text is taken "
                         "from the kind's default template.").format(number=number), self)
        self.holder = QLineEdit(holder, self)
        self.holder.setObjectName("correctHolder")
        self.holder.selectAll()
        self.errors = FieldErrors()
        box = QWidget(self)
        form: QFormLayout = make_form(box)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, _("&Name on the document:"), self.holder, _("Name on the document"),
                self.errors.field("holder", self.holder, "correctHolder"))
        self._original = holder
        buttons = _buttons(self, _("&Issue corrected"), "correctConfirm")
        buttons.accepted.connect(self._accept_if_changed)
        _layout(self, intro, box, buttons)

    def holder_name(self) -> str:
        return " ".join(self.holder.text().split())

    def _accept_if_changed(self) -> None:
        if not self.holder_name():
            self.errors.show({"holder": _("Type the name as it should be printed.")})
            return
        if self.holder_name() == " ".join(self._original.split()):
            self.errors.show({"holder": _("The name is the same as on the document. Change "
                                          "it, or cancel.")})
            return
        self.accept()
