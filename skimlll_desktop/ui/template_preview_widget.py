"""The live preview of a template: the page drawn with sample values, for a woman, a man or
someone whose gender is unknown.

Edits are gathered for :data:`DEBOUNCE_MS`; the page is then drawn off the GUI
thread (the first one loads the fonts, the next take tens of milliseconds) and
shown as an image rendered by QtPdf. A text changed while a page is being drawn
is drawn as soon as that one is done, so the preview always ends on the latest
text and stale pages are never shown over newer ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.documents_widgets import preview_path
from skimlll_desktop.ui.jobs import JobWorker, call_as_job
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.certificate_templates import TemplateDetails
    from skimlll_desktop.services.settings import DocumentSettings

DEBOUNCE_MS = 300
GENDERS = (("f", "previewFeminine", "female"), ("m", "previewMasculine", "male"),
           ("", "previewUnknown", "unknown"))


class TemplatePreviewWidget(QWidget):
    rendered = Signal()  # a new page is shown
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatePreview")
        self._template: TemplateDetails | None = None
        self._settings: DocumentSettings | None = None
        self._worker: JobWorker | None = None
        self._pending = False
        self._buffer: QBuffer | None = None
        self.rendered_template: TemplateDetails | None = None  # what the page shows
        self.rendered_gender = ""
        self.document = QPdfDocument(self)
        self.document.setObjectName("templatePreviewDocument")

        title = QLabel(_("Preview with sample data"), self)
        title.setObjectName("templatePreviewTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.genders = QButtonGroup(self)
        self.genders.setExclusive(True)
        texts = {"female": _("woman"), "male": _("man"), "unknown": _("unknown")}
        tips = {"female": _("The forms for a woman: wzięła"),
                "male": _("The forms for a man: wziął"),
                "unknown": _("The neutral forms, for someone whose gender is not recorded: "
                             "wziął(-ęła)")}
        switch = QHBoxLayout()
        switch.setSpacing(0)
        gender_label = QLabel(_("Gender:"), self)
        switch.addWidget(gender_label)
        switch.addSpacing(SPACING // 2)
        for number, (value, name, key) in enumerate(GENDERS):
            button = QPushButton(texts[key], self)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setAccessibleName(_("Preview for: {who}").format(who=texts[key]))
            button.setToolTip(tips[key])
            button.setProperty("gender", value)
            self.genders.addButton(button, number)
            switch.addWidget(button)
        switch.addStretch(1)
        self.genders.button(0).setChecked(True)

        self.page = QLabel(self)
        self.page.setObjectName("templatePreviewPage")
        self.page.setAccessibleName(_("Preview of the page"))
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.page.setMinimumSize(200, 200)
        self.note = QLabel(_("Drawing the page…"), self)
        self.note.setObjectName("templatePreviewNote")
        self.note.setWordWrap(True)
        set_role(self.note, "subtle")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(title)
        layout.addLayout(switch)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.note)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.render_now)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(60)
        self._resize_timer.timeout.connect(self._show_page)
        self.genders.idToggled.connect(lambda _id, checked: checked and self.render_now())

    # --- what to show -------------------------------------------------------------------

    def set_settings(self, settings: DocumentSettings | None) -> None:
        """The institution, logo and funding bar from Settings, as printed pages have them."""
        self._settings = settings
        self.schedule()

    def show_template(self, template: TemplateDetails | None, *, at_once: bool = False) -> None:
        self._template = template
        if at_once:
            self.render_now()
        else:
            self.schedule()

    def set_gender(self, value: str) -> None:
        """``"f"``, ``"m"`` or ``""`` (unknown)."""
        for button in self.genders.buttons():
            if button.property("gender") == value:
                button.setChecked(True)

    def gender(self) -> str:
        button = self.genders.checkedButton()
        return str(button.property("gender")) if button is not None else ""

    def schedule(self) -> None:
        if self._template is not None:
            self._debounce.start()

    def is_busy(self) -> bool:
        return self._debounce.isActive() or (self._worker is not None
                                             and self._worker.is_running())

    # --- drawing ------------------------------------------------------------------------

    def render_now(self) -> None:
        from skimlll_desktop.models import Gender
        from skimlll_desktop.services.settings import DocumentSettings
        from skimlll_desktop.services.template_preview import render_template_preview

        self._debounce.stop()
        if self._template is None:
            return
        if self._worker is not None and self._worker.is_running():
            self._pending = True
            return
        template, gender = self._template, self.gender()
        path = preview_path("template-preview")
        worker = JobWorker(call_as_job(render_template_preview, template,
                                       self._settings or DocumentSettings(),
                                       Gender(gender) if gender else None, path))
        worker.finished.connect(lambda written: self._on_drawn(written, template, gender))
        worker.failed.connect(self._on_failed)
        worker.ended.connect(self._after)
        self._worker = worker
        worker.start()

    def _after(self) -> None:
        if self._pending:
            self._pending = False
            self.render_now()

    def _on_failed(self, message: str) -> None:
        self.note.setText(message)
        self.failed.emit(message)

    def _on_drawn(self, written: Path, template: TemplateDetails, gender: str) -> None:
        if self._pending:  # newer text is waiting: this page is already stale
            Path(written).unlink(missing_ok=True)
            return
        self._release_page()
        path = Path(written)
        try:  # the page is kept in memory, so no file is left behind (or locked on Windows)
            data = path.read_bytes()
        finally:
            path.unlink(missing_ok=True)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.rendered_template = template
        self.rendered_gender = gender
        self.note.setText(_("Sample values; the number {number} is never issued.").format(
            number=self._sample_number(template)))
        self._show_page()
        self.rendered.emit()

    @staticmethod
    def _sample_number(template: TemplateDetails) -> str:
        from datetime import date

        from skimlll_desktop.services.template_preview import sample_number

        return sample_number(template, date.today().year)

    def image(self) -> QImage:
        pixmap = self.page.pixmap()
        return pixmap.toImage() if pixmap is not None else QImage()

    def _show_page(self) -> None:
        if self.document.pageCount() < 1:
            return
        points = self.document.pagePointSize(0)
        box = self.page.size()
        if points.isEmpty() or box.width() < 10 or box.height() < 10:
            return
        scale = min(box.width() / points.width(), box.height() / points.height())
        ratio = self.devicePixelRatioF()
        size = QSize(max(1, round(points.width() * scale * ratio)),
                     max(1, round(points.height() * scale * ratio)))
        rendered = self.document.render(0, size)
        paper = QImage(size, QImage.Format.Format_RGB32)  # the page on white, as printed
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, rendered)
        painter.setPen(Qt.GlobalColor.gray)
        painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
        painter.end()
        pixmap = QPixmap.fromImage(paper)
        pixmap.setDevicePixelRatio(ratio)
        self.page.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    def _release_page(self) -> None:
        if self.document.status() != QPdfDocument.Status.Null:
            self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def release(self) -> None:
        """Drop the page shown (when the editor goes away)."""
        self._release_page()
