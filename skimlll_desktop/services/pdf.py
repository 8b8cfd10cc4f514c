"""What every printed document shares: fonts with Polish glyphs, styles, escaping,
the institution header with its images, and "Strona X z Y".

reportlab is not thread-safe: build one PDF at a time (the GUI runs PDF jobs
one after another). Text users typed goes through :func:`escape` before it
reaches Paragraph markup.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.settings import DocumentSettings

FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"
FONT_ITALIC = "NotoSans-Italic"
FONT_BOLD_ITALIC = "NotoSans-BoldItalic"
_FONT_FILES = {
    FONT: "NotoSans-Regular.ttf",
    FONT_BOLD: "NotoSans-Bold.ttf",
    FONT_ITALIC: "NotoSans-Italic.ttf",
    FONT_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}
_registered = threading.Lock()
_done = False

# One PDF at a time: reportlab keeps global state.
pdf_lock = threading.Lock()

TEXT_COLOUR = (0.13, 0.15, 0.18)
MUTED_COLOUR = (0.38, 0.41, 0.45)
RULE_COLOUR = (0.75, 0.78, 0.82)
ACCENT_COLOUR = (0.12, 0.35, 0.65)


def register_fonts() -> None:
    """Register the shipped Noto Sans family with reportlab (once)."""
    global _done
    with _registered:
        if _done:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from skimlll_desktop.paths import resource_path

        for name, file_name in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)
        for bold, italic, name in ((0, 0, FONT), (1, 0, FONT_BOLD), (0, 1, FONT_ITALIC),
                                   (1, 1, FONT_BOLD_ITALIC)):
            addMapping(FONT, bold, italic, name)
        _done = True


def escape(text: str) -> str:
    """User text made safe for reportlab's Paragraph markup (``<``, ``>``, ``&``)."""
    return _xml_escape(text or "")


def styles() -> dict[str, Any]:
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    text = Color(*TEXT_COLOUR)
    muted = Color(*MUTED_COLOUR)
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19,
                                textColor=text, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=10, leading=13,
                                   textColor=muted),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5,
                               textColor=text),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5,
                               textColor=text),
        "cell_head": ParagraphStyle("cell_head", fontName=FONT_BOLD, fontSize=8.5,
                                    leading=10.5, textColor=text),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=7.5, leading=9.5,
                                textColor=muted),
    }


def _image(data: bytes | None) -> Any:
    if not data:
        return None
    from reportlab.lib.utils import ImageReader

    try:
        return ImageReader(io.BytesIO(data))
    except Exception:  # a broken image in Settings must not stop printing
        return None


class PageDecoration:
    """Draws the institution header (logo, names, funding bar) and the footer on each page."""

    def __init__(self, settings: DocumentSettings, footer_note: str = "") -> None:
        self.settings = settings
        self.footer_note = footer_note
        self.logo = _image(settings.logo)
        self.funding_bar = _image(settings.funding_bar)

    def header_height(self) -> float:
        from reportlab.lib.units import mm

        return (16 * mm if self.funding_bar else 0) + 14 * mm

    def draw(self, canvas: Any, document: Any) -> None:
        from reportlab.lib.units import mm

        width, height = document.pagesize
        left, right = document.leftMargin, width - document.rightMargin
        top = height - 10 * mm
        canvas.saveState()
        if self.funding_bar is not None:
            bar_width, bar_height = self.funding_bar.getSize()
            box_width, box_height = right - left, 13 * mm
            scale = min(box_width / bar_width, box_height / bar_height)
            drawn_width = bar_width * scale
            canvas.drawImage(self.funding_bar, left + (box_width - drawn_width) / 2,
                             top - bar_height * scale, drawn_width, bar_height * scale,
                             mask="auto")
            top -= 16 * mm
        text_left = left
        if self.logo is not None:
            logo_width, logo_height = self.logo.getSize()
            scale = (11 * mm) / logo_height
            canvas.drawImage(self.logo, left, top - 11 * mm, logo_width * scale, 11 * mm,
                             mask="auto")
            text_left = left + logo_width * scale + 4 * mm
        canvas.setFillColorRGB(*TEXT_COLOUR)
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawString(text_left, top - 4 * mm, self.settings.institution_name)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColorRGB(*MUTED_COLOUR)
        canvas.drawString(text_left, top - 8 * mm, self.settings.institution_address)
        project = self.settings.project_name
        if project:
            canvas.drawRightString(right, top - 4 * mm, _shorten(canvas, project, FONT, 7.5,
                                                                 (right - text_left) * 0.55))
        canvas.setStrokeColorRGB(*RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 11.5 * mm, right, top - 11.5 * mm)
        # footer
        canvas.setFont(FONT, 7.5)
        canvas.setFillColorRGB(*MUTED_COLOUR)
        footer = self.settings.funding_note
        if self.footer_note:
            footer = f"{self.footer_note} · {footer}" if footer else self.footer_note
        canvas.drawString(left, 9 * mm, _shorten(canvas, footer, FONT, 7.5, (right - left) * 0.78))
        canvas.restoreState()


def _shorten(canvas: Any, text: str, font: str, size: float, width: float) -> str:
    """The text cut with "…" to fit ``width`` (binary search: a few width measurements)."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if canvas.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def numbered_canvas_class() -> type:
    """A canvas that writes "Strona X z Y" on every page (known only at the end).

    A document made of several lists (an attendance list per day) numbers each
    list's pages on its own: a :func:`section_start` in the story begins a new count.
    """
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.section_starts: set[int] = {1}

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            starts = sorted(self.section_starts | {total + 1})
            for state in self._pages:
                self.__dict__.update(state)
                page = self._pageNumber
                first = max(start for start in starts if start <= page)
                after = min(start for start in starts if start > page)
                width = self._pagesize[0]
                self.setFont(FONT, 7.5)
                self.setFillColorRGB(*MUTED_COLOUR)
                self.drawRightString(width - 15 * mm, 9 * mm, _("Page {page} of {pages}").format(
                    page=page - first + 1, pages=after - first))
                super().showPage()
            super().save()

    return NumberedCanvas


def section_start() -> Any:
    """A mark in a story: the page it lands on is page 1 of a new count (see above)."""
    from reportlab.platypus import Flowable

    class SectionStart(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            starts = getattr(self.canv, "section_starts", None)
            if starts is not None:
                starts.add(self.canv.getPageNumber())

    return SectionStart()


def write_pdf(path: Path, build: Callable[[Any], None]) -> Path:
    """Build a PDF into a temporary file and move it into place only when complete."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pdf_lock:
            build(str(partial))
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserFacingError(_("The file {path} could not be written: {reason}").format(
            path=path, reason=error.strerror or error)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return path
