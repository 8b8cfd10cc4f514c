"""Screenshots of the partner import wizard for the tour, on an ugly but typical sheet.

    capture_import_wizard(window, database, out_dir, "12-")

builds a demo workbook (a title row over the header, a bad NIP, "Gorlice" that
is both an urban and a rural gmina, a row without a name), opens the wizard on
it and saves the file, columns and preview pages as PNG files. Nothing is
imported: the wizard is closed on the preview page.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QPoint, QTimer, SignalInstance
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from skimlll_desktop.ui.import_wizard import WIZARD_SIZE, PartnerImportWizard

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

WAIT_MS = 60_000
SHOT_NAMES = ("import-file", "import-mapping", "import-preview")

DEMO_HEADER = ["Lp.", "Nazwa instytucji", "Typ", "NIP", "Gmina", "Powiat", "Adres",
               "Osoba kontaktowa", "E-mail", "Telefon", "Filar", "Data przystąpienia"]
DEMO_ROWS: list[list[object]] = [
    [1, "Urząd Gminy Łącko", "JST", "734-000-94-69", "Łącko", "nowosądecki",
     "Łącko 445, 33-390 Łącko", "mgr Anna Wójcik", "a.wojcik@lacko.pl", "18 444 61 00",
     "oświata", "15.03.2021"],
    [2, "Uniwersytet Komisji Edukacji Narodowej w Krakowie", "Uczelnia", "PL 6750002236",
     "Kraków", None, "ul. Podchorążych 2", "dr hab. Jan Ćwikła", "jan.cwikla@uken.krakow.pl",
     "+48 12 662 60 00", "gospodarka", date(2020, 1, 10)],
    [3, "Centrum Kształcenia Zawodowego w Gorlicach", "Szkoła", "738-10-20-304", "Gorlice",
     None, "ul. Wyszyńskiego 18", "Ewa Nowak", "sekretariat@ckz.gorlice.pl", "18 353 00 00",
     "oświata", "02.09.2022"],
    [4, "Stowarzyszenie Żabno Razem", "Stowarzyszenie", None, "Żabno", "tarnowski",
     "ul. Kościuszki 1", None, None, None, None, None],
    [5, "Biblioteka Publiczna w Myślenicach", "Biblioteka", None, "Myślenice", "myślenicki",
     "ul. Piłsudskiego 20", "Katarzyna Zając", "biblioteka@myslenice.pl", "12 272 00 00",
     "dialog społeczny", "10.10.2023"],
    [6, "Powiatowy Urząd Pracy w Wadowicach", "PUP", None, "Wadowice", "wadowicki",
     "ul. Wojska Polskiego 2", "Tomasz Mazur", "krwa@praca.gov.pl", "33 873 00 00",
     "fundusze", "01.02.2021"],
    [7, None, "Fundacja", None, "Tarnów", None, None, "Jan Kowalski", None, None, None, None],
    [8, "Fundacja Rozwoju Podhala", "Fundacja", None, "Nowy Targ", "nowotarski",
     "ul. Szaflarska 5", "Maria Gąsienica", "biuro@frp.org.pl", "18 264 00 00",
     "gospodarka", "23.11.2024"],
]


def build_demo_sheet(path: Path) -> Path:
    """An xlsx the way staff keep it: a title, a blank row, then the header and the rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Partnerzy MPKU"
    sheet.append(["Wykaz partnerów Małopolskiego Partnerstwa na rzecz Kształcenia"])
    sheet.append([])
    sheet.append(DEMO_HEADER)
    for row in DEMO_ROWS:
        sheet.append(row)
    workbook.create_sheet("Notatki").append(["Stan na listopad 2026"])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _wait(signal: SignalInstance, done: Callable[[], bool]) -> None:
    if done():
        return
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def _settle(ms: int = 80) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def _composed(background: QWidget | None, dialog: QWidget) -> QPixmap:
    """The dialog over its (dimmed) window, as a user sees it; the dialog alone otherwise."""
    picture = dialog.grab()
    if background is None or not background.isVisible():
        return picture
    shot = background.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
    ratio = shot.devicePixelRatio()
    width = int(picture.width() / picture.devicePixelRatio())
    height = int(picture.height() / picture.devicePixelRatio())
    x = max(int((shot.width() / ratio - width) / 2), 0)
    y = max(int((shot.height() / ratio - height) / 2), 0)
    painter.drawPixmap(QPoint(x, y), picture)
    painter.setPen(QColor(0, 0, 0, 120))
    painter.drawRect(x - 1, y - 1, width + 1, height + 1)
    painter.end()
    return shot


def capture_import_wizard(
    window_or_parent: QWidget | None,
    database: Database,
    out_dir: Path,
    prefix: str = "",
) -> list[Path]:
    """Save ``{prefix}import-file.png``, ``{prefix}import-mapping.png`` and
    ``{prefix}import-preview.png`` in ``out_dir``; returns the files written.

    The wizard is opened over ``window_or_parent`` (drawn behind it, dimmed, when
    it is visible) on a demo sheet in a temporary folder, and closed without
    importing anything.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(pixmap: QPixmap, name: str) -> None:
        target = out_dir / f"{prefix}{name}.png"
        pixmap.save(str(target))
        saved.append(target)

    with tempfile.TemporaryDirectory(prefix="skimlll-import-tour-") as temp:
        sheet = build_demo_sheet(Path(temp) / "Dokumenty" / "Partnerzy MPKU 2026.xlsx")
        wizard = PartnerImportWizard(database, window_or_parent)
        try:
            width, height = WIZARD_SIZE
            if window_or_parent is not None and window_or_parent.isVisible():
                width = min(width, window_or_parent.width() - 40)
                height = min(height, window_or_parent.height() - 40)
            wizard.resize(width, height)  # an offscreen "screen" is smaller than a laptop's
            wizard.show()
            _settle()
            page = wizard.file_page
            page.path_edit.setText(str(sheet))
            page.inspect(sheet)
            _wait(wizard.file_inspected, lambda: page.outline is not None)
            _settle()
            save(_composed(window_or_parent, wizard), SHOT_NAMES[0])

            wizard.next()
            _settle()
            save(_composed(window_or_parent, wizard), SHOT_NAMES[1])

            wizard.next()
            _wait(wizard.preview_shown, lambda: wizard.preview is not None)
            preview = wizard.preview
            if preview is not None:
                ambiguous = next((row.row for row in preview.rows if row.gmina_candidates),
                                 None)
                if ambiguous is not None:
                    wizard.preview_page.select_spreadsheet_row(ambiguous)
            wizard.preview_page.table.setFocus()
            _settle()
            save(_composed(window_or_parent, wizard), SHOT_NAMES[2])
        finally:
            wizard.reject()
            wizard.deleteLater()
            _settle()
    return saved
