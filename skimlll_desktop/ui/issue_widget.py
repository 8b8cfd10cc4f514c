"""Wystaw: choose the kind and template, the recipients and the output, then issue.

Issuing numbers every page, records it in the register and writes the PDFs;
it runs in the background with progress and Cancel. A cancelled batch issues
no number and leaves no file (the service writes under temporary names and
moves the files into place only at the end). The PDF for printing is then
shown in the preview.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.documents_widgets import banner, combo_box, push_button, shortcut
from skimlll_desktop.ui.form_widgets import DATE_FORMAT, add_row, align_labels, make_form
from skimlll_desktop.ui.jobs import JobWorker, run_with_progress
from skimlll_desktop.ui.recipients_widget import (
    SOURCE_EVENT,
    SOURCE_LAUREATES,
    SOURCE_PEOPLE,
    RecipientsWidget,
)
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.certificates import IssueRequest, IssueResult
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog

PDF_FILTER = N_("PDF documents (*.pdf)")
# The recipients a kind is usually for: choosing the kind suggests them.
SUGGESTED_SOURCE = {"participation": SOURCE_EVENT, "diploma": SOURCE_LAUREATES,
                    "thanks": SOURCE_PEOPLE}


def issued_text(count: int) -> str:
    return ngettext("{n} document was issued", "{n} documents were issued", count).format(
        n=format_number(count))


class IssueWidget(QWidget):
    """The Wystaw tab."""

    status_message = Signal(str)
    documents_issued = Signal(object)  # the IssueResult
    preview_shown = Signal(object)  # the PdfPreviewDialog of the PDF for printing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueTab")
        self._database: Database | None = None
        self._source_chosen = False  # the user picked the recipients' source themselves
        self.worker: JobWorker | None = None
        self.preview: PdfPreviewDialog | None = None

        self.kind_combo = combo_box(self, "issueKind", _("Kind of document"))
        self.template_combo = combo_box(self, "issueTemplate", _("Template"),
                                        _("Templates are edited on the Templates tab"))
        self.issue_date = QDateEdit(QDate.currentDate(), self)
        self.issue_date.setObjectName("issueDate")
        self.issue_date.setDisplayFormat(DATE_FORMAT)
        self.issue_date.setCalendarPopup(True)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("issueSubject")
        self.subject.setToolTip(_("Shown in the register; for an event its title is used when "
                                  "this is empty"))
        self.combined = QCheckBox(_("One PDF with all pages, for &printing"), self)
        self.combined.setObjectName("issueCombined")
        self.combined.setChecked(True)
        self.per_person = QCheckBox(_("One PDF per person in a folder, for e-&mailing"), self)
        self.per_person.setObjectName("issuePerPerson")
        for box in (self.combined, self.per_person):
            box.setAccessibleName(box.text().replace("&", ""))

        self.recipients = RecipientsWidget(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("issueSummary")
        self.summary.setWordWrap(True)
        set_role(self.summary, "subtle")
        self.issue_button = push_button(
            self, "issueButton", _("&Issue and number…"), self.issue,
            _("Choose where to save, then number and draw the documents (Ctrl+Enter)"), "print")
        self.issue_button.setDefault(True)
        self.issue_button.setMinimumHeight(self.issue_button.sizeHint().height() + 8)
        self.message = banner(self, "issueMessage")
        self._lay_out()

        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.recipients.changed.connect(self._update_summary)
        self.recipients.sources.idClicked.connect(self._on_source_clicked)
        self.template_combo.currentIndexChanged.connect(self._update_summary)
        for box in (self.combined, self.per_person):
            box.toggled.connect(self._update_summary)
        shortcut(self, QKeySequence("Ctrl+Return"), self.issue, "issueShortcut")
        self._update_summary()

    def _lay_out(self) -> None:
        document = QGroupBox(_("Document"), self)
        document.setObjectName("issueDocumentGroup")
        form = make_form(document)
        add_row(form, _("&Kind:"), self.kind_combo, _("Kind of document"))
        add_row(form, _("&Template:"), self.template_combo, _("Template"))
        add_row(form, _("Date of i&ssue:"), self.issue_date, _("Date of issue"))
        add_row(form, _("Su&bject:"), self.subject, _("Subject in the register"))

        output = QGroupBox(_("Output"), self)
        output.setObjectName("issueOutputGroup")
        output_layout = QVBoxLayout(output)
        output_layout.setContentsMargins(SPACING + 4, SPACING + 6, SPACING + 4, SPACING + 4)
        output_layout.addWidget(self.combined)
        output_layout.addWidget(self.per_person)
        note = QLabel(_("You choose the file and the folder after pressing Issue. The PDF for "
                        "printing opens in the preview."), output)
        note.setWordWrap(True)
        set_role(note, "subtle")
        output_layout.addWidget(note)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(SPACING)
        left_layout.addWidget(document)
        left_layout.addWidget(output)
        left_layout.addStretch(1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.issue_button)
        align_labels(left)

        who = QGroupBox(_("Recipients"), self)
        who.setObjectName("issueRecipientsGroup")
        who_layout = QVBoxLayout(who)
        who_layout.setContentsMargins(SPACING + 4, SPACING + 6, SPACING + 4, SPACING + 4)
        who_layout.addWidget(self.recipients)

        row = QHBoxLayout()
        row.setSpacing(SPACING + 4)
        row.addWidget(left, 2)
        row.addWidget(who, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING - 4)
        layout.addWidget(self.message)
        layout.addLayout(row, 1)

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        from skimlll_desktop.services.labels import DOCUMENT_KINDS

        self._database = database
        if self.kind_combo.count() == 0 and database is not None:
            self.kind_combo.blockSignals(True)
            for kind, label in DOCUMENT_KINDS.items():
                self.kind_combo.addItem(_(label).capitalize(), kind)
            self.kind_combo.blockSignals(False)
        self.message.hide()
        self.recipients.set_database(database)
        self.reload_templates()

    def reload_templates(self) -> None:
        """The templates of the chosen kind, the default one chosen (kept when still there)."""
        from skimlll_desktop.services.certificate_templates import list_templates

        kind = self.kind_combo.currentData()
        current = self.template_combo.currentData()
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        if self._database is not None and kind is not None:
            templates = list_templates(self._database, kind)
            for template in templates:
                label = template.name + (" " + _("(default)") if template.is_default else "")
                self.template_combo.addItem(label, template.id)
            index = self.template_combo.findData(current)
            if index < 0:
                index = next((n for n, t in enumerate(templates) if t.is_default), 0)
            self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(False)
        self._update_summary()

    def reload_choices(self) -> None:
        """Events, editions and templates may have changed elsewhere."""
        self.recipients.reload_choices()
        self.reload_templates()

    def set_kind(self, kind: str) -> None:
        index = self.kind_combo.findData(kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def _on_kind(self) -> None:
        kind = self.kind_combo.currentData()
        if not self._source_chosen and kind is not None:
            self.recipients.set_source(SUGGESTED_SOURCE[str(kind)])
        self.reload_templates()

    def _on_source_clicked(self, _source: int) -> None:
        self._source_chosen = True

    # --- issuing ------------------------------------------------------------------------

    def _problem(self) -> str | None:
        if self._database is None:
            return _("No database is open.")
        if self.template_combo.currentData() is None:
            return _("Choose a template.")
        if not self.recipients.recipients():
            return _("There is nobody to issue documents to.")
        if not (self.combined.isChecked() or self.per_person.isChecked()):
            return _("Choose at least one output: the PDF for printing or one PDF per person.")
        return None

    def _update_summary(self) -> None:
        count = len(self.recipients.recipients())
        problem = self._problem()
        busy = self.worker is not None and self.worker.is_running()
        self.issue_button.setEnabled(problem is None and not busy)
        if problem is not None:
            self.summary.setText(problem)
            return
        kind = self.kind_combo.currentText().lower()
        self.summary.setText(ngettext(
            "{n} document ({kind}) will get its own number.",
            "{n} documents ({kind}) will each get their own number.", count).format(
            n=format_number(count), kind=kind))
        self.issue_button.setText(ngettext("&Issue and number {n} document…",
                                           "&Issue and number {n} documents…", count).format(
            n=format_number(count)))

    def _default_stem(self) -> str:
        from skimlll_desktop.services.files import safe_file_name

        subject = self.subject.text().strip() or self.recipients.subject()
        return safe_file_name(f"{self.kind_combo.currentText()} {subject}".strip(),
                              max_length=70)

    def _ask_targets(self) -> tuple[Path | None, Path | None] | None:
        """The PDF for printing and the folder, as the user chooses them (None: cancelled)."""
        out_pdf: Path | None = None
        folder: Path | None = None
        if self.combined.isChecked():
            filename, _filter = QFileDialog.getSaveFileName(
                self, _("Save the PDF for printing"),
                str(Path.home() / (self._default_stem() + ".pdf")), _(PDF_FILTER))
            if not filename:
                return None
            out_pdf = Path(filename)
            if out_pdf.suffix.lower() != ".pdf":
                out_pdf = out_pdf.with_suffix(".pdf")
        if self.per_person.isChecked():
            chosen = QFileDialog.getExistingDirectory(
                self, _("Folder for one PDF per person"), str(Path.home()))
            if not chosen:
                return None
            folder = Path(chosen)
        return out_pdf, folder

    def request(self, out_pdf: Path | None, folder: Path | None) -> IssueRequest:
        from skimlll_desktop.models import DocumentKind
        from skimlll_desktop.services.certificates import IssueRequest

        chosen = self.issue_date.date()
        source = self.recipients.source()
        subject = self.subject.text().strip() or self.recipients.subject()
        if not subject and source == SOURCE_PEOPLE:
            subject = self.template_combo.currentText()
        values = {}
        year = self.recipients.edition_year()
        if source == SOURCE_LAUREATES and year is not None:
            values["edycja"] = str(year)
        return IssueRequest(
            kind=DocumentKind(self.kind_combo.currentData()),
            template_id=int(self.template_combo.currentData()),
            recipients=self.recipients.recipients(),
            event_id=self.recipients.event_id(), subject=subject, values=values,
            issue_date=date(chosen.year(), chosen.month(), chosen.day()),
            out_pdf=out_pdf, per_person_dir=folder)

    def issue(self) -> JobWorker | None:
        """Ask where to save, then issue in the background (progress and Cancel)."""
        from skimlll_desktop.services import certificates

        problem = self._problem()
        if problem is not None or self._database is None:
            self._say(problem or "")
            return None
        if self.worker is not None and self.worker.is_running():
            return None
        targets = self._ask_targets()
        if targets is None:
            return None
        request = self.request(*targets)
        self.message.hide()
        self.worker = run_with_progress(
            certificates.issue_documents(self._database, request), self,
            _("Issuing the documents…"), on_finished=self._on_issued,
            on_failed=self._on_failed, on_cancelled=self._on_cancelled)
        self.worker.ended.connect(self._update_summary)
        self._update_summary()
        return self.worker

    def _on_issued(self, result: IssueResult) -> None:
        numbers = [page.number for page in result.pages]
        span = numbers[0] if len(numbers) == 1 else f"{numbers[0]} – {numbers[-1]}"
        places = [str(result.out_pdf)] if result.out_pdf else []
        folders = {str(page.file.parent) for page in result.pages if page.file is not None}
        places += sorted(folders)
        self._say(_("{issued}: {numbers}. Saved: {places}.").format(
            issued=issued_text(len(numbers)), numbers=span, places="; ".join(places)))
        self.documents_issued.emit(result)
        if result.out_pdf is not None:
            self._show_preview(result.out_pdf)

    def _on_failed(self, message: str) -> None:
        self._say(message)

    def _on_cancelled(self) -> None:
        self._say(_("Cancelled: no document was issued and no file was saved."))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            self.status_message.emit(text)

    def _show_preview(self, path: Path) -> None:
        from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(path, self, suggested_name=path.name)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.preview = dialog
        self.preview_shown.emit(dialog)
