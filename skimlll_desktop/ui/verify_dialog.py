"""Sprawdź dokument: a number and its code, typed or scanned, and a verdict no one can miss.

A QR scanner types the code's text (``SKIMLLL|ZU/2026/0001|ABCD-EFGH``) and
Enter into the scan field: the number and code are filled and checked at once.
The verdict is big and coloured — green valid, red forged, amber revoked or
replaced, grey unknown — with the holder, the subject and the date, so an
edited printout is caught by comparing them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_date
from skimlll_desktop.ui.documents_widgets import push_button
from skimlll_desktop.ui.form_widgets import add_row, make_form
from skimlll_desktop.ui.theme import SPACING, is_dark, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.certificates import Verification
    from skimlll_desktop.services.database import Database

DIALOG_WIDTH = 620
# Verdict values → (light palette, dark palette) colours.
VERDICT_COLOURS: dict[str, tuple[str, str]] = {
    "valid": ("#1e7d32", "#6fcf7c"),
    "forged": ("#b3261e", "#ff8a80"),
    "revoked": ("#b26a00", "#f0b050"),
    "replaced": ("#b26a00", "#f0b050"),
    "unknown": ("#6b7078", "#a4a9b1"),
}


def verdict_color(verdict: str) -> QColor:
    light, dark = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unknown"])
    return QColor(dark if is_dark() else light)


def verdict_texts(result: Verification) -> tuple[str, str]:
    """The headline and the explanation of a verdict."""
    verdict = result.verdict.value
    if verdict == "valid":
        return _("VALID"), _("The document {number} is in the register and is valid.").format(
            number=result.number)
    if verdict == "forged":
        return _("FORGED"), _("The verification code does not match the number {number}. "
                              "The document was not issued with this code: treat it as a "
                              "forgery.").format(number=result.number)
    if verdict == "revoked":
        return _("REVOKED"), _("The document {number} was issued, then revoked.").format(
            number=result.number)
    if verdict == "replaced":
        return _("REPLACED"), _("The document {number} was replaced by a corrected one: "
                                "{replacement}.").format(number=result.number,
                                                         replacement=result.replaced_by)
    return _("UNKNOWN"), _("There is no document numbered {number} in this database. Check "
                           "the number; a document issued from another database cannot be "
                           "checked here.").format(number=result.number)


class VerifyDialog(QDialog):
    verified = Signal(object)  # the Verification shown

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(_("Check a document"))
        self.setAccessibleName(_("Check a document"))
        self._database = database
        self.result: Verification | None = None

        intro = QLabel(_("Scan the QR code printed on the document, or type its number and "
                         "verification code."), self)
        intro.setWordWrap(True)
        self.scanned = QLineEdit(self)
        self.scanned.setObjectName("verifyScanned")
        self.scanned.setPlaceholderText("SKIMLLL|ZU/2026/0001|ABCD-EFGH")
        self.scanned.setToolTip(_("Click here and scan the QR code, or paste its text"))
        self.number = QLineEdit(self)
        self.number.setObjectName("verifyNumber")
        self.number.setPlaceholderText("ZU/2026/0001")
        self.code = QLineEdit(self)
        self.code.setObjectName("verifyCode")
        self.code.setPlaceholderText("ABCD-EFGH")
        self.scan_error = QLabel(self)
        self.scan_error.setObjectName("verifyScanError")
        self.scan_error.setWordWrap(True)
        set_role(self.scan_error, "fieldError")
        self.scan_error.hide()

        fields = QWidget(self)
        form: QFormLayout = make_form(fields)
        form.setContentsMargins(0, 0, 0, 0)
        scan_box = QWidget(fields)
        scan_layout = QVBoxLayout(scan_box)
        scan_layout.setContentsMargins(0, 0, 0, 0)
        scan_layout.setSpacing(2)
        scan_layout.addWidget(self.scanned)
        scan_layout.addWidget(self.scan_error)
        add_row(form, _("&Scanned QR:"), self.scanned, _("Scanned QR code text"), scan_box)
        add_row(form, _("&Number:"), self.number, _("Document number"))
        add_row(form, _("Verification &code:"), self.code, _("Verification code"))

        self.verify_button = push_button(self, "verifyButton", _("C&heck"), self.verify,
                                         _("Check the number and code (Enter)"), "check")
        self.verify_button.setDefault(True)

        self.result_frame = QFrame(self)
        self.result_frame.setObjectName("verifyResult")
        self.result_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict = QLabel(self.result_frame)
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(self.result_frame)
        self.explanation.setObjectName("verifyExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel(self.result_frame)
        self.details.setObjectName("verifyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QVBoxLayout(self.result_frame)
        inner.setContentsMargins(SPACING * 2, SPACING + 4, SPACING * 2, SPACING + 4)
        inner.setSpacing(SPACING // 2)
        inner.addWidget(self.verdict)
        inner.addWidget(self.explanation)
        inner.addWidget(self.details)
        self.result_frame.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setObjectName("verifyClose")
        close.setAccessibleName(_("Close"))
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(fields)
        layout.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.result_frame)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(DIALOG_WIDTH)

        self.scanned.returnPressed.connect(self.use_scanned)
        self.scanned.textChanged.connect(self._on_scanned_text)
        for field in (self.number, self.code):
            field.returnPressed.connect(self.verify)
            field.textEdited.connect(self._clear_result)
        self._update_button()
        self.number.textChanged.connect(self._update_button)
        self.code.textChanged.connect(self._update_button)

    # --- input --------------------------------------------------------------------------

    def _update_button(self) -> None:
        self.verify_button.setEnabled(bool(self.number.text().strip())
                                      and bool(self.code.text().strip()))

    def _on_scanned_text(self, text: str) -> None:
        """A paste holds the whole text: check as soon as it parses (a scanner adds Enter)."""
        from skimlll_desktop.services.certificates import parse_scanned

        self.scan_error.hide()
        if parse_scanned(text) is not None:
            self.use_scanned()

    def use_scanned(self) -> bool:
        """Fill the number and code from the scanned text and check; False if unreadable."""
        from skimlll_desktop.services.certificates import parse_scanned

        text = self.scanned.text().strip()
        if not text:
            return False
        parsed = parse_scanned(text)
        if parsed is None:
            self.scan_error.setText(_("This is not the QR code of a SKiMLLL document. Type "
                                      "the number and code printed beside it instead."))
            self.scan_error.show()
            return False
        self.number.setText(parsed[0])
        self.code.setText(parsed[1])
        self.verify()
        self.scanned.selectAll()  # the next scan replaces it
        return True

    def _clear_result(self) -> None:
        self.result_frame.hide()

    # --- the verdict --------------------------------------------------------------------

    def verify(self) -> Verification | None:
        from skimlll_desktop.services.certificates import verify

        number, code = self.number.text().strip(), self.code.text().strip()
        if not number or not code:
            return None
        result = verify(self._database, number, code)
        self.show_result(result)
        return result

    def show_result(self, result: Verification) -> None:
        self.result = result
        headline, explanation = verdict_texts(result)
        colour = verdict_color(result.verdict.value)
        self.verdict.setText(headline)
        self.verdict.setStyleSheet(f"color: {colour.name()}; font-size: 24pt; "
                                   "font-weight: 700;")
        self.result_frame.setStyleSheet(
            f"QFrame#verifyResult {{ border: 2px solid {colour.name()}; border-radius: 8px; }}")
        self.explanation.setText(explanation)
        lines = []
        if result.holder:
            lines.append(_("Holder: {name}").format(name=result.holder))
        if result.subject:
            lines.append(_("For: {subject}").format(subject=result.subject))
        if result.issued_on is not None:
            lines.append(_("Issued on: {date}").format(date=format_date(result.issued_on)))
        if result.reason:
            lines.append(_("Reason for revoking: {reason}").format(reason=result.reason))
        if result.replaced_by:
            lines.append(_("Replaced by: {number}").format(number=result.replaced_by))
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self.result_frame.setAccessibleName(f"{headline}. {explanation}")
        self.verdict.setAccessibleName(headline)
        self.result_frame.show()
        self._fit_wrapped_labels()
        self.verified.emit(result)

    def _fit_wrapped_labels(self) -> None:
        """A dialog does not grow for wrapped lines by itself: give them their height."""
        margins = self.layout().contentsMargins()
        inner = self.result_frame.layout().contentsMargins()
        width = (max(self.width(), self.minimumWidth()) - margins.left() - margins.right()
                 - inner.left() - inner.right() - 2 * self.result_frame.frameWidth())
        for label in (self.explanation, self.details):
            label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)
        self.adjustSize()
