"""The bare baseline for certificates: a reportlab loop drawing the same kind of pages —
the same fonts, the same texts, a QR matrix drawn as one path — with nothing else.

Usage: python bench/bare_certificates.py OUT.pdf PAGES
"""

from __future__ import annotations

import sys

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from skimlll_desktop.paths import resource_path

BODY = ("wziął(-ęła) udział w wydarzeniu „Konferencja Uczenie się przez całe życie w "
        "Małopolsce” (konferencja), które odbyło się 23 września 2026 w miejscu: Centrum "
        "Kongresowe ICE, ul. Konopnickiej 17, Kraków, w wymiarze 6 godz.")


def main(out: str, pages: int) -> None:
    pdfmetrics.registerFont(TTFont("Noto", str(resource_path("fonts", "NotoSans-Regular.ttf"))))
    pdfmetrics.registerFont(TTFont("NotoB", str(resource_path("fonts", "NotoSans-Bold.ttf"))))
    canvas = Canvas(out, pageCompression=1)
    width, height = A4
    for n in range(1, pages + 1):
        number = f"ZU/2026/{n:04d}"
        canvas.setFont("NotoB", 34)
        canvas.drawCentredString(width / 2, height * 0.7, "ZAŚWIADCZENIE")
        canvas.setFont("Noto", 13)
        canvas.drawCentredString(width / 2, height * 0.62, "Zaświadcza się, że")
        canvas.setFont("NotoB", 30)
        canvas.drawCentredString(width / 2, height * 0.57, f"Łucja Żółkiewska {n}")
        canvas.setFont("Noto", 13)
        text = canvas.beginText(20 * mm, height * 0.5)
        for start in range(0, len(BODY), 80):
            text.textLine(BODY[start:start + 80])
        canvas.drawText(text)
        canvas.setFont("Noto", 8)
        canvas.drawString(41 * mm, 19 * mm, f"Numer: {number}")
        canvas.drawString(41 * mm, 15 * mm, "Kod weryfikacyjny: ABCD-EFGH")
        matrix = segno.make(f"SKIMLLL|{number}|ABCD-EFGH", error="m", micro=False).matrix
        cell = 18 * mm / (len(matrix) + 8)
        path = canvas.beginPath()
        for row, line in enumerate(matrix):
            for column, dark in enumerate(line):
                if dark:
                    path.rect(20 * mm + (column + 4) * cell, 26 * mm - (row + 5) * cell, cell,
                              cell)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    print("BENCH certificates", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
