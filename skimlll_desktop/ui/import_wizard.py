"""Import partners from Excel: choose the file, check the columns, see every row, confirm.

    PartnerImportWizard(database, parent).exec()

Four pages. *File*: an .xlsx (and a sheet, when there are several); the header
row is found in the background. *Columns*: one combo per field, pre-filled by
the automatic match; changes go to the preview as ``overrides``. *Preview*:
the full check runs as a background job and every row is listed with what
will happen to it and its problems; ambiguous gmina names are chosen here
(the preview runs again with ``gmina_choices``). Its commit button says how
many rows will be written; the import runs in the background in one
transaction, and Cancel leaves the database as it was. *Summary*: what was
written, and the report.

Nothing is written until the commit button is pressed. The services do the
work (``services.partner_import``, ``services.excel_sheets``); they are
imported when the wizard runs, never at program start. The pages are in
:mod:`skimlll_desktop.ui.import_wizard_pages`, the preview table's model in
:mod:`skimlll_desktop.ui.import_preview_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from skimlll_desktop.i18n import _
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.ui.import_preview_model import PreparedRow, prepare_rows
from skimlll_desktop.ui.import_wizard_pages import (
    ImportFilePage,
    ImportMappingPage,
    ImportPreviewPage,
    ImportSummaryPage,
)
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.theme import tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.excel_sheets import SheetOutline
    from skimlll_desktop.services.partner_import import ImportPreview, ImportResult
    from skimlll_desktop.services.teryt import GminaRef

T = TypeVar("T")

WIZARD_SIZE = (1080, 710)  # fits a 1366×768 laptop with its task bar


@dataclass(frozen=True)
class PreviewShown:
    """What the preview job hands to the page: the preview, gmina labels, the table's rows."""

    preview: ImportPreview
    gmina_labels: dict[str, str]
    rows: list[PreparedRow]


def _preview_job(
    database: Database,
    path: Path,
    sheet: str,
    overrides: Mapping[str, int | None],
    gmina_choices: Mapping[int, str],
    gmina_labels: Mapping[str, str] | None,
) -> Job[PreviewShown]:
    """The preview, with its rows prepared for the table (off the GUI thread, like the check).

    ``gmina_labels`` (TERYT code → label) are loaded the first time (None).
    """
    from skimlll_desktop.services.partner_import import preview_partner_import
    from skimlll_desktop.services.registry import gmina_choices as load_gmina_choices

    preview = yield from preview_partner_import(database, path, sheet, dict(overrides),
                                                dict(gmina_choices))
    yield Progress(len(preview.rows), len(preview.rows), _("Checking rows…"))
    labels = dict(gmina_labels) if gmina_labels is not None else {
        choice.value: choice.label for choice in load_gmina_choices(database)}
    return PreviewShown(preview, labels, prepare_rows(preview.rows, preview.header, labels))


# --- the wizard ------------------------------------------------------------------------


class PartnerImportWizard(QWizard):
    """Import partners from an Excel sheet; ``import_finished(ImportResult)`` when written."""

    PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_SUMMARY = range(4)

    import_finished = Signal(object)  # the ImportResult, once the rows are in the database
    import_cancelled = Signal()  # the user stopped the import: nothing was written
    import_failed = Signal(str)
    file_inspected = Signal()  # the file page has read the chosen file (or says why not)
    preview_shown = Signal()  # the preview page shows a fresh preview (or why there is none)
    report_saved = Signal(str)  # the report's path

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerImportWizard")
        self.setWindowTitle(_("Import partners from Excel"))
        self.setAccessibleName(_("Import partners from Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.database = database
        self.path: Path | None = None
        self.outline: SheetOutline | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.gmina_choices: dict[int, str] = {}  # spreadsheet row → chosen TERYT code
        self.gmina_labels: dict[str, str] | None = None  # TERYT → label, loaded once
        self._candidates: dict[int, tuple[GminaRef, ...]] = {}  # kept once chosen
        self._preview_key: tuple[Any, ...] | None = None
        self._shown_rows: list[PreparedRow] | None = None
        self._choices_for: tuple[Any, ...] | None = None  # what the gmina choices refer to
        self._preview_generation = 0
        self._workers: dict[str, JobWorker] = {}
        self._importing = False
        self._closed = False

        self.file_page = ImportFilePage(self)
        self.mapping_page = ImportMappingPage(self)
        self.preview_page = ImportPreviewPage(self)
        self.summary_page = ImportSummaryPage(self)
        self.setPage(self.PAGE_FILE, self.file_page)
        self.setPage(self.PAGE_MAPPING, self.mapping_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_SUMMARY, self.summary_page)

        for button, name, accessible in (
            (QWizard.WizardButton.BackButton, "importBackButton", _("Back")),
            (QWizard.WizardButton.NextButton, "importNextButton", _("Next")),
            (QWizard.WizardButton.CommitButton, "importCommitButton", _("Import")),
            (QWizard.WizardButton.FinishButton, "importFinishButton", _("Finish")),
            (QWizard.WizardButton.CancelButton, "importCancelButton", _("Cancel")),
        ):
            widget = self.button(button)
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.button(QWizard.WizardButton.CommitButton).setIcon(tinted_icon("import"))
        self.button(QWizard.WizardButton.CommitButton).setToolTip(
            _("Save every row without problems, in one go"))
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.setObjectName("importSaveReportShortcut")
        save_shortcut.activated.connect(self._save_shortcut)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        width, height = WIZARD_SIZE
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 40)
        self.resize(width, height)

    # --- state shared by the pages ------------------------------------------------------

    def set_source(self, path: Path, outline: SheetOutline | None) -> None:
        """The file page read ``path`` (outline None: still reading, or unreadable)."""
        self.path = path
        self.outline = outline
        self.preview = None  # the file may have changed on disk: check it again
        self._preview_key = None

    def gmina_candidates_of(self, spreadsheet_row: int) -> tuple[GminaRef, ...]:
        return self._candidates.get(spreadsheet_row, ())

    # --- jobs ---------------------------------------------------------------------------

    def run_job(
        self,
        name: str,
        job: Job[Any],
        title: str,
        *,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[str], None],
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
    ) -> JobWorker:
        """Run ``job`` in the background; a newer job of the same name supersedes it."""
        previous = self._workers.get(name)
        if previous is not None and previous.is_running():
            previous.cancel()

        def guarded(callback: Callable[..., None]) -> Callable[..., None]:
            def call(*args: Any) -> None:
                if not self._closed:
                    callback(*args)
            return call

        worker = run_with_progress(
            job, self, title,
            on_finished=guarded(on_finished),
            on_failed=guarded(on_failed),
            on_cancelled=guarded(on_cancelled or (lambda: None)),
            cancellable=cancellable,
        )
        self._workers[name] = worker
        return worker

    def worker(self, name: str) -> JobWorker | None:
        """The last job started under ``name`` ("inspect", "preview", "import", "report")."""
        return self._workers.get(name)

    # --- the preview --------------------------------------------------------------------

    def run_preview(self, *, force: bool = False, keep_row: int | None = None) -> None:
        """Check every row in the background, unless the preview shown is still current."""
        if self.path is None or self.outline is None:
            return
        overrides = self.mapping_page.overrides()
        context = (self.path, self.outline.sheet, self.outline.header.row,
                   overrides.get("name"), overrides.get("gmina"), overrides.get("powiat"))
        if context != self._choices_for:
            # Another file, sheet or gmina column: the choices made were about other rows.
            self.gmina_choices.clear()
            self._candidates.clear()
            self._choices_for = context
        key = (self.path, self.outline.sheet, tuple(sorted(overrides.items())),
               tuple(sorted(self.gmina_choices.items())))
        page = self.preview_page
        if not force and self.preview is not None and key == self._preview_key:
            page.show_preview(self.preview, None, self._shown_rows)
            self.preview_shown.emit()
            return
        self._preview_generation += 1
        generation = self._preview_generation
        self.preview = None
        self._preview_key = None
        if keep_row is None:
            page.show_preview(None)
        page.show_error("", retry=False)
        page.set_busy(True, _("Checking rows…"))
        self.run_job(
            "preview",
            _preview_job(self.database, self.path, self.outline.sheet, overrides,
                         self.gmina_choices, self.gmina_labels),
            _("Checking rows…"),
            on_finished=lambda result: self._preview_done(generation, key, keep_row, result),
            on_failed=lambda message: self._preview_failed(generation, message),
            on_cancelled=lambda: self._preview_failed(
                generation, _("The check was stopped. Nothing was saved."), cancelled=True),
        )

    def stop_preview(self) -> None:
        self._preview_generation += 1
        worker = self._workers.get("preview")
        if worker is not None and worker.is_running():
            worker.cancel()
        self.preview_page.set_busy(False)

    def _preview_done(
        self,
        generation: int,
        key: tuple[Any, ...],
        keep_row: int | None,
        shown: PreviewShown,
    ) -> None:
        if generation != self._preview_generation:
            return
        preview = shown.preview
        self.gmina_labels = shown.gmina_labels
        self.preview = preview
        self._preview_key = key
        self._shown_rows = shown.rows
        for row in preview.rows:
            if row.gmina_candidates:
                self._candidates[row.row] = row.gmina_candidates
        page = self.preview_page
        page.set_busy(False)
        page.show_preview(preview, keep_row, shown.rows)
        if self.currentId() == self.PAGE_PREVIEW:
            page.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.preview_shown.emit()

    def _preview_failed(self, generation: int, message: str, *, cancelled: bool = False) -> None:
        if generation != self._preview_generation:
            return
        page = self.preview_page
        page.set_busy(False)
        page.show_preview(None)
        page.show_error(message, retry=True)
        self.preview_shown.emit()

    def choose_gmina(self, spreadsheet_row: int, teryt: str) -> None:
        """The user chose the gmina of an ambiguous row: check the rows again with it."""
        if self.gmina_choices.get(spreadsheet_row) == teryt and self.preview is not None:
            return
        self.gmina_choices[spreadsheet_row] = teryt
        self.run_preview(keep_row=spreadsheet_row)

    # --- the import ---------------------------------------------------------------------

    def start_import(self) -> None:
        from skimlll_desktop.services.partner_writing import apply_partner_import

        if self.preview is None or self._importing:
            return
        self._importing = True
        self.preview_page.show_error("", retry=False)
        self.preview_page.set_busy(True, _("Importing…"))
        self.run_job(
            "import",
            apply_partner_import(self.database, self.preview),
            _("Importing partners…"),
            on_finished=self._imported,
            on_failed=self._import_failed,
            on_cancelled=self._import_cancelled,
        )

    def is_importing(self) -> bool:
        return self._importing

    def sync_buttons(self) -> None:
        """No going back while the rows are being written."""
        back = self.button(QWizard.WizardButton.BackButton)
        if self._importing:
            back.setEnabled(False)

    def _imported(self, result: ImportResult) -> None:
        self._importing = False
        self.import_result = result
        self.preview_page.set_busy(False)
        self.import_finished.emit(result)
        self.next()  # validatePage lets it through now: to the summary

    def _import_failed(self, message: str) -> None:
        self._importing = False
        self.preview_page.set_busy(False)
        self.preview_page.show_error(
            message + " " + _("Nothing was saved."), retry=False)
        self.import_failed.emit(message)

    def _import_cancelled(self) -> None:
        self._importing = False
        self.preview_page.set_busy(False)
        self.preview_page.show_error(_("The import was cancelled. Nothing was saved."),
                                     retry=False)
        self.import_cancelled.emit()

    # --- the report ---------------------------------------------------------------------

    def save_report(self) -> None:
        from skimlll_desktop.services.partner_import import write_import_report

        preview = self.preview
        if preview is None:
            return
        page = self.summary_page if self.currentId() == self.PAGE_SUMMARY else self.preview_page
        suggested = preview.path.with_name(
            _("{name} - import report.xlsx").format(name=preview.path.stem))
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Save the import report"), str(suggested), _("Excel workbook (*.xlsx)"))
        if not filename:
            return
        path = Path(filename)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        page.report_status.setText(_("Saving the report…"))

        def saved(written: Path) -> None:
            page.report_status.setText(_("Report saved: {path}").format(path=written))
            page.report_status.setToolTip(str(written))
            self.report_saved.emit(str(written))

        def failed(message: str) -> None:
            page.report_status.setText(message)

        self.run_job("report", call_as_job(write_import_report, preview, path),
                     _("Saving the report…"), on_finished=saved, on_failed=failed,
                     cancellable=False)

    def _save_shortcut(self) -> None:
        if self.currentId() in (self.PAGE_PREVIEW, self.PAGE_SUMMARY) and not self._importing:
            self.save_report()

    # --- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        if self._importing:
            # Esc or Cancel while writing: stop the import (it rolls back), stay open.
            worker = self._workers.get("import")
            if worker is not None:
                worker.cancel()
            return
        if self.import_result is not None:  # written already: closing is finishing
            self.accept()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._importing:
            return
        if self.import_result is None:
            # Accepted means "imported" to whoever opened the wizard; QWizard would also
            # validate the current page, which on the preview page starts the import.
            result = QWizard.DialogCode.Rejected.value
        self._closed = True
        for worker in self._workers.values():
            if worker.is_running():
                # Stop it; its progress dialog must outlive the wizard (whoever opened
                # it may delete it now), so it is freed by the job's own end instead.
                worker.cancel()
                dialog = getattr(worker, "progress_dialog", None)
                if isinstance(dialog, QWidget):
                    dialog.hide()
                    dialog.setParent(None)  # type: ignore[call-overload]
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._importing:
            worker = self._workers.get("import")
            if worker is not None:
                worker.cancel()
            event.ignore()
            return
        super().closeEvent(event)
