"""Drawing one certificate, diploma or letter page from its stored inputs.

The same inputs always give the same page: issuing and reprinting both come
here. Text is user text: it is escaped before it reaches Paragraph markup, long
names shrink and wrap inside their box instead of overflowing. The QR code is
segno's matrix drawn as one path (fast, and it scans).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from skimlll_desktop.i18n import _
from skimlll_desktop.services.pdf import (
    ACCENT_COLOUR,
    FONT,
    FONT_BOLD,
    MUTED_COLOUR,
    TEXT_COLOUR,
    escape,
    register_fonts,
)

NAME_SIZES = (30, 26, 22, 19, 16, 14)


class PageRenderer:
    def __init__(self, images: dict[str, bytes]) -> None:
        from reportlab.lib.utils import ImageReader

        register_fonts()
        self._images = {digest: ImageReader(io.BytesIO(data)) for digest, data in images.items()}
        self._styles = _styles()

    def open(self, path: Path, locked: bool = True) -> Any:
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(str(path), pageCompression=1)
        canvas.setTitle(_("Documents"))
        return canvas

    def draw(self, canvas: Any, page: dict[str, Any]) -> None:
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.lib.units import mm

        size = landscape(A4) if page.get("orientation") == "landscape" else A4
        canvas.setPageSize(size)
        width, height = size
        margin = 20 * mm
        assets = page.get("assets", {})
        background = self._images.get(assets.get("background") or "")
        if background is not None:
            canvas.drawImage(background, 0, 0, width, height, mask="auto")
        top = height - 14 * mm
        bar = self._images.get(assets.get("funding_bar") or "")
        if bar is not None:
            top = self._fit_image(canvas, bar, margin, top, width - 2 * margin, 14 * mm,
                                  centre=True) - 6 * mm
        logo = self._images.get(assets.get("logo") or "")
        if logo is not None:
            self._fit_image(canvas, logo, margin, top, 60 * mm, 16 * mm)
        canvas.setFillColorRGB(*MUTED_COLOUR)
        canvas.setFont(FONT, 8.5)
        canvas.drawRightString(width - margin, top - 5 * mm, page.get("institution", ""))
        # heading
        heading_y = height * (0.70 if height > width else 0.72)
        canvas.setFillColorRGB(*ACCENT_COLOUR)
        canvas.setFont(FONT_BOLD, 34)
        canvas.drawCentredString(width / 2, heading_y, page.get("heading", ""))
        canvas.setStrokeColorRGB(*ACCENT_COLOUR)
        canvas.setLineWidth(1.2)
        canvas.line(width / 2 - 25 * mm, heading_y - 6 * mm, width / 2 + 25 * mm,
                    heading_y - 6 * mm)
        # body, with the holder's name emphasised
        text_width = width - 2 * margin - (20 * mm if width > height else 0)
        y = heading_y - 18 * mm
        for line in page.get("body", "").split("\n"):
            if not line.strip():
                y -= 4 * mm
                continue
            if line.strip() == page.get("holder", "").strip():
                paragraph = self._name(line.strip(), text_width)
            else:
                paragraph = self._paragraph(line, "body")
            _w, used = paragraph.wrap(text_width, y)
            paragraph.drawOn(canvas, (width - text_width) / 2, y - used)
            y -= used + 3 * mm
        self._footer(canvas, page, width, margin)
        canvas.showPage()

    def _paragraph(self, text: str, style: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), self._styles[style])

    def _name(self, name: str, width: float) -> Any:
        """The holder's name as large as fits in two lines."""
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        base = self._styles["name"]
        for size in NAME_SIZES:
            style = ParagraphStyle(f"name{size}", parent=base, fontSize=size,
                                   leading=size * 1.2)
            paragraph = Paragraph(escape(name), style)
            _w, used = paragraph.wrap(width, 1000)
            if used <= style.leading * 2 + 1:
                return paragraph
        return paragraph

    def _fit_image(self, canvas: Any, image: Any, x: float, top: float, box_width: float,
                   box_height: float, centre: bool = False) -> float:
        image_width, image_height = image.getSize()
        scale = min(box_width / image_width, box_height / image_height)
        drawn_width, drawn_height = image_width * scale, image_height * scale
        left = x + (box_width - drawn_width) / 2 if centre else x
        canvas.drawImage(image, left, top - drawn_height, drawn_width, drawn_height,
                         mask="auto")
        return top - drawn_height

    def _footer(self, canvas: Any, page: dict[str, Any], width: float, margin: float) -> None:
        from reportlab.lib.units import mm

        base = 22 * mm
        # place and date of issue (left), signature (right)
        canvas.setFillColorRGB(*TEXT_COLOUR)
        canvas.setFont(FONT, 10)
        canvas.drawString(margin, base + 16 * mm, page.get("issued", ""))
        right = width - margin
        canvas.setStrokeColorRGB(*MUTED_COLOUR)
        canvas.setLineWidth(0.6)
        canvas.line(right - 70 * mm, base + 16 * mm, right, base + 16 * mm)
        canvas.setFont(FONT_BOLD, 10)
        canvas.drawCentredString(right - 35 * mm, base + 11 * mm,
                                 page.get("signatory_name", ""))
        role = self._paragraph(page.get("signatory_role", ""), "role")
        _w, used = role.wrap(70 * mm, 20 * mm)
        role.drawOn(canvas, right - 70 * mm, base + 9 * mm - used)
        # number, code and QR (bottom left)
        self._qr(canvas, page, margin, 8 * mm, 18 * mm)
        canvas.setFillColorRGB(*MUTED_COLOUR)
        canvas.setFont(FONT, 8)
        canvas.drawString(margin + 21 * mm, 19 * mm,
                          _("Number: {number}").format(number=page.get("number", "")))
        canvas.drawString(margin + 21 * mm, 15 * mm,
                          _("Verification code: {code}").format(code=page.get("code", "")))
        note = page.get("funding_note", "")
        if note:
            canvas.setFont(FONT, 7)
            canvas.drawString(margin + 21 * mm, 10 * mm, note[:160])

    def _qr(self, canvas: Any, page: dict[str, Any], x: float, y: float, size: float) -> None:
        import segno

        from skimlll_desktop.services.certificates import qr_text

        code = segno.make(qr_text(page.get("number", ""), page.get("code", "")), error="m",
                          micro=False)
        matrix = code.matrix
        modules = len(matrix) + 8  # a quiet zone of four modules around
        cell = size / modules
        path = canvas.beginPath()
        for row_index, row in enumerate(matrix):
            for column_index, dark in enumerate(row):
                if dark:
                    path.rect(x + (column_index + 4) * cell,
                              y + size - (row_index + 5) * cell, cell, cell)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, stroke=0, fill=1)


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import Color
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    text = Color(*TEXT_COLOUR)
    return {
        "body": ParagraphStyle("certificate_body", fontName=FONT, fontSize=13, leading=18,
                               alignment=TA_CENTER, textColor=text),
        "name": ParagraphStyle("certificate_name", fontName=FONT_BOLD, fontSize=30,
                               leading=36, alignment=TA_CENTER, textColor=text,
                               splitLongWords=1),
        "role": ParagraphStyle("certificate_role", fontName=FONT, fontSize=8.5, leading=11,
                               alignment=TA_CENTER, textColor=Color(*MUTED_COLOUR)),
    }
