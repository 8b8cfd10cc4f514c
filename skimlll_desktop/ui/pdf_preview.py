"""A PDF shown inside the program (QtPdf): pages, zoom, printing and "Save as…".

Printing goes through the system's print dialog: each page is rendered by
QtPdf at up to 300 dpi and painted onto the printer, scaled to the paper with
its proportions kept. "Save as…" copies the file as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

PRINT_DPI = 300  # enough for text and signatures lines; keeps each page's image small
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_WIDTH = "width"
FIT_PAGE = "page"
ZOOM_CHOICES: tuple[tuple[str, str | float], ...] = (
    (N_("Fit to width"), FIT_WIDTH),
    (N_("Whole page"), FIT_PAGE),
    *((f"{round(step * 100)}%", step) for step in ZOOM_STEPS),
)
PDF_FILTER = N_("PDF documents (*.pdf)")


def keys_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def print_document(
    document: QPdfDocument, printer: QPrinter, parent: QWidget | None = None
) -> int:
    """Paint the document's pages (the range chosen in the dialog) on ``printer``.

    Returns how many pages were sent; 0 when cancelled or nothing to print.
    """
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
    if count == 0 or first > last:
        return 0
    progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, last - first + 1, parent)
    progress.setObjectName("printProgressDialog")
    progress.setWindowTitle(_("Printing"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    painter = QPainter()
    if not painter.begin(printer):
        progress.deleteLater()
        raise OSError(_("The printer could not be started."))
    sent = 0
    try:
        for number in range(first - 1, last):
            if progress.wasCanceled():
                printer.abort()
                return 0
            if sent:
                printer.newPage()
            _paint_page(document, number, printer, painter)
            sent += 1
            progress.setValue(sent)
    finally:
        painter.end()
        progress.reset()
        progress.deleteLater()
    return sent


def _paint_page(document: QPdfDocument, number: int, printer: QPrinter,
                painter: QPainter) -> None:
    target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    points = document.pagePointSize(number)
    if points.isEmpty() or target.isEmpty():
        return
    dpi = min(printer.resolution(), PRINT_DPI)
    image = document.render(number, QSize(round(points.width() / 72 * dpi),
                                          round(points.height() / 72 * dpi)))
    scale = min(target.width() / image.width(), target.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    origin = QPointF((target.width() - width) / 2, (target.height() - height) / 2)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRectF(origin, QSize(round(width), round(height)).toSizeF()), image)


class PdfPreviewDialog(QDialog):
    """One PDF with its toolbar; the file is deleted on close when the dialog owns it."""

    printed = Signal(int)  # pages sent to the printer
    saved_as = Signal(object)  # the copy's path

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        title: str = "",
        suggested_name: str = "",
        delete_on_close: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.path = Path(path)
        self._delete_on_close = delete_on_close
        self._suggested_name = suggested_name or self.path.name
        self.setWindowTitle(title or _("Preview — {name}").format(name=self._suggested_name))
        self.setAccessibleName(self.windowTitle())
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        # Made after the view, so it is destroyed after it: a document that closes while its
        # view is half-destroyed would notify a dead view.
        self.document = QPdfDocument(self)
        self.document.setObjectName("pdfDocument")
        # The view renders pages on a thread of its own; before the document is closed the
        # view is switched to this empty one, which waits for a page being rendered.
        self._detached = QPdfDocument(self)
        self.view.setAccessibleName(_("Document pages"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocument(self.document)

        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(self._toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)

        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self._load()
        self.resize(860, 700)

    # --- building -----------------------------------------------------------------------

    def _tool(self, name: str, text: str, tip: str, slot: object,
              icon: str | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        if icon:
            button.setIcon(tinted_icon(icon))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    def _build_toolbar(self) -> None:
        self.previous_button = self._tool(
            "pdfPrevious", "‹", _("Previous page (Page Up)"), self.previous_page)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pdfPage")
        self.page_spin.setAccessibleName(_("Page number"))
        self.page_spin.setToolTip(_("Type a page number and press Enter"))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        page_label = QLabel(_("&Page"), self)
        page_label.setBuddy(self.page_spin)
        self.page_count_label = QLabel(self)
        self.page_count_label.setObjectName("pdfPageCount")
        self.page_count_label.setAccessibleName(_("Number of pages"))
        self.next_button = self._tool("pdfNext", "›", _("Next page (Page Down)"),
                                      self.next_page)

        self.zoom_out_button = self._tool(
            "pdfZoomOut", "−", _("Zoom out ({keys})").format(keys=keys_text("Ctrl+-")),
            self.zoom_out)
        self.zoom_combo = QComboBox(self)
        self.zoom_combo.setObjectName("pdfZoom")
        self.zoom_combo.setAccessibleName(_("Zoom"))
        self.zoom_combo.setToolTip(_("How large the pages are shown"))
        for text, value in ZOOM_CHOICES:
            self.zoom_combo.addItem(_(text), value)
        self.zoom_combo.currentIndexChanged.connect(self._on_zoom_chosen)
        zoom_label = QLabel(_("&Zoom:"), self)
        zoom_label.setBuddy(self.zoom_combo)
        self.zoom_in_button = self._tool(
            "pdfZoomIn", "+", _("Zoom in ({keys})").format(keys=keys_text("Ctrl++")),
            self.zoom_in)

        self.save_as_button = QPushButton(tinted_icon("backup"), _("Save &as…"), self)
        self.save_as_button.setObjectName("pdfSaveAs")
        self.save_as_button.setAccessibleName(_("Save as"))
        self.save_as_button.setToolTip(_("Save a copy of the PDF file ({keys})").format(
            keys=keys_text("Ctrl+Shift+S")))
        self.save_as_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(tinted_icon("print"), _("&Print…"), self)
        self.print_button.setObjectName("pdfPrint")
        self.print_button.setAccessibleName(_("Print"))
        self.print_button.setToolTip(_("Print through the system's print dialog ({keys})")
                                     .format(keys=keys_text(QKeySequence.StandardKey.Print)))
        self.print_button.clicked.connect(self.print_)
        self.print_button.setDefault(True)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setObjectName("pdfClose")
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setToolTip(_("Close the preview (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.save_as_button.setAutoDefault(False)

        self.problem = QLabel(self)
        self.problem.setObjectName("pdfProblem")
        self.problem.setWordWrap(True)
        set_role(self.problem, "banner")
        self.problem.hide()

        row = QHBoxLayout()
        row.setSpacing(SPACING // 2)
        for widget in (self.previous_button, page_label, self.page_spin,
                       self.page_count_label, self.next_button):
            row.addWidget(widget)
        row.addSpacing(SPACING)
        for widget in (self.zoom_out_button, zoom_label, self.zoom_combo, self.zoom_in_button):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.save_as_button, self.print_button, self.close_button):
            row.addWidget(widget)
        self._toolbar = row

        for keys, slot, name in (
            (QKeySequence.StandardKey.Print, self.print_, "pdfPrintShortcut"),
            ("Ctrl+Shift+S", self.save_as, "pdfSaveAsShortcut"),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in, "pdfZoomInShortcut"),
            ("Ctrl+=", self.zoom_in, "pdfZoomInEqualsShortcut"),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out, "pdfZoomOutShortcut"),
            ("PgDown", self.next_page, "pdfNextShortcut"),
            ("PgUp", self.previous_page, "pdfPreviousShortcut"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName(name)
            shortcut.activated.connect(slot)

    # --- the document -------------------------------------------------------------------

    def _load(self) -> None:
        error = self.document.load(str(self.path))
        ok = error == QPdfDocument.Error.None_ and self.document.pageCount() > 0
        count = self.document.pageCount() if ok else 0
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1 if count else 0, max(count, 0))
        self.page_spin.setValue(1 if count else 0)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(_("of {n}").format(n=count))
        for widget in (self.print_button, self.save_as_button, self.page_spin,
                       self.previous_button, self.next_button):
            widget.setEnabled(ok)
        if not ok:
            self.problem.setText(_("The file {path} cannot be shown: it is not a readable PDF "
                                   "document.").format(path=self.path))
            self.problem.show()
        self._update_buttons()

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page at the top of the view, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
            self._on_page_changed(page)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _on_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page, count = self.current_page(), self.page_count()
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < count)

    # --- zoom ---------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def set_zoom(self, value: str | float) -> None:
        index = self.zoom_combo.findData(value)
        if index >= 0:
            self.zoom_combo.setCurrentIndex(index)

    def _on_zoom_chosen(self, index: int) -> None:
        value = self.zoom_combo.itemData(index)
        if value == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(value))

    def _step_zoom(self, direction: int) -> None:
        current = self.view.zoomFactor()
        steps = [s for s in ZOOM_STEPS if (s > current + 1e-3 if direction > 0
                                           else s < current - 1e-3)]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def zoom_in(self) -> None:
        self._step_zoom(+1)

    def zoom_out(self) -> None:
        self._step_zoom(-1)

    # --- printing and saving ------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # the PDF has its own margins
        printer.setDocName(self._suggested_name)
        if self.page_count():
            size = self.document.pagePointSize(0)
            printer.setPageSize(QPageSize(size, QPageSize.Unit.Point))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape
                                       if size.width() > size.height()
                                       else QPageLayout.Orientation.Portrait)
        return printer

    def print_(self) -> int:
        """The system's print dialog, then the pages; returns how many were printed."""
        if not self.page_count():
            return 0
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        try:
            sent = print_document(self.document, printer, self)
        except OSError as error:
            show_message(_("Print"), str(error), parent=self)
            return 0
        if sent:
            self.printed.emit(sent)
        return sent

    def save_as(self) -> Path | None:
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Save the PDF as"), str(Path.home() / self._suggested_name), _(PDF_FILTER))
        if not filename:
            return None
        target = Path(filename)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            if target.resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as error:
            show_message(_("Save the PDF as"), _("The file could not be saved: {error}").format(
                error=error.strerror or error), parent=self)
            return None
        self.saved_as.emit(target)
        return target

    # --- closing ------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release()
        super().closeEvent(event)

    def _release(self) -> None:
        if self.document.status() != QPdfDocument.Status.Null:
            self.view.setDocument(self._detached)
            self.document.close()  # the file is free again (Windows locks open files)
        if self._delete_on_close:
            self._delete_on_close = False
            self.path.unlink(missing_ok=True)
