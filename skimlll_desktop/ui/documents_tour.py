"""Screenshots of the Dokumenty screens for the tour, on the demo data.

    capture_documents_screens(database, out_dir, "40-")

When the register is empty, a few documents are issued first (certificates for
a held event's attendees, diplomas for the last final edition's laureates and
thank-you letters for three people; one is revoked and one corrected) so the
register shows every status. The competition demo is added when the database
has no edition. Then the register, the issue tab, the template editor with its
live preview for each kind, the verify dialog with a valid and a forged
verdict, and one printed page of each kind are saved as PNG files.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from skimlll_desktop.ui.tour_shots import composed as _composed
from skimlll_desktop.ui.tour_shots import settle as _settle

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from skimlll_desktop.services.database import Database

WINDOW_SIZE = (1366, 768)
KINDS = ("participation", "diploma", "thanks")
SHOT_NAMES = ("documents-register", "documents-issue",
              *(f"template-editor-{kind}" for kind in KINDS),
              "verify-valid", "verify-forged", *(f"page-{kind}" for kind in KINDS))


def _wait_for(signal: SignalInstance, timeout_ms: int = 15_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def issue_tour_documents(database: Database, folder: Path) -> None:
    """A few documents of each kind, one revoked and one corrected (when the register is
    empty)."""
    from skimlll_desktop.models import DocumentKind
    from skimlll_desktop.services.certificate_templates import default_template
    from skimlll_desktop.services.certificates import (
        IssueRequest,
        event_recipients,
        issue_documents,
        list_register,
        reissue_corrected,
        revoke,
    )
    from skimlll_desktop.services.competition import laureate_recipients, list_editions
    from skimlll_desktop.services.demo_competition import add_competition_demo
    from skimlll_desktop.services.document_recipients import people_recipients
    from skimlll_desktop.services.events import EventQuery, list_events
    from skimlll_desktop.services.jobs import run_job
    from skimlll_desktop.services.people import PeopleQuery, list_people

    if list_register(database, limit=1):
        return
    if not list_editions(database):
        add_competition_demo(database, random.Random(1), date.today())

    def issue(kind: DocumentKind, recipients: list, **extra: object) -> None:
        if not recipients:
            return
        template = default_template(database, kind)
        request = IssueRequest(kind=kind, template_id=template.id or 0,
                               recipients=recipients, out_pdf=folder / f"{kind.value}.pdf",
                               **extra)  # type: ignore[arg-type]
        run_job(issue_documents(database, request))

    events = [e for e in list_events(database, EventQuery()) if e.attended]
    if events:
        held = max(events, key=lambda e: e.starts_on)
        issue(DocumentKind.PARTICIPATION, event_recipients(database, held.id)[:12],
              event_id=held.id)
    finals = [e for e in list_editions(database) if e.status.value == "final"]
    if finals:
        issue(DocumentKind.DIPLOMA, laureate_recipients(database, finals[0].year),
              subject=finals[0].name, values={"edycja": str(finals[0].year)})
    people = list_people(database, PeopleQuery(), limit=3)
    issue(DocumentKind.THANKS, people_recipients(database, [p.id for p in people]),
          subject="Podziękowanie za współpracę w MPKU")
    rows = sorted((r for r in list_register(database) if r.kind is DocumentKind.PARTICIPATION),
                  key=lambda r: r.number)
    if len(rows) >= 3:
        revoke(database, rows[1].id, "Osoba nie uczestniczyła w wydarzeniu — pomyłka na liście")
        name = rows[2].holder
        run_job(reissue_corrected(database, rows[2].id, name.replace(" ", " Maria ", 1),
                                  folder / "corrected.pdf"))


def capture_documents_screens(
    database: Database,
    out_dir: Path,
    prefix: str = "",
    *,
    size: tuple[int, int] = WINDOW_SIZE,
) -> list[Path]:
    """Save ``{prefix}{name}.png`` for each of :data:`SHOT_NAMES` that the data allows;
    returns the files written."""
    from skimlll_desktop.ui.documents_page import (
        TAB_ISSUE,
        TAB_REGISTER,
        TAB_TEMPLATES,
        DocumentsPage,
    )

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(picture: QPixmap | QImage, name: str) -> None:
        target = out_dir / f"{prefix}{name}.png"
        picture.save(str(target))
        saved.append(target)

    with tempfile.TemporaryDirectory(prefix="skimlll-tour-docs-") as folder:
        issue_tour_documents(database, Path(folder))

    page = DocumentsPage()
    page.setWindowTitle("SKiMLLL Desktop")
    page.resize(*size)
    page.set_database(database)
    page.show()
    page.show_tab(TAB_REGISTER)
    _settle(150)
    save(page.grab(), "documents-register")

    page.show_tab(TAB_ISSUE)
    page.issue.set_kind("participation")
    _settle(150)
    save(page.grab(), "documents-issue")

    page.show_tab(TAB_TEMPLATES)
    preview = page.templates.editor.preview
    for kind in KINDS:
        if not page.templates.select_kind(kind):
            continue
        for _attempt in range(20):  # the preview is drawn in the background
            shown = preview.rendered_template
            if not preview.is_busy() and shown is not None and shown.kind.value == kind:
                break
            _wait_for(preview.rendered, 1000)
        _settle(120)
        save(page.grab(), f"template-editor-{kind}")

    _verify_shots(database, page, save)
    _page_shots(database, save)
    page.close()
    page.deleteLater()
    _settle()
    return saved


def _verify_shots(database: Database, page: QWidget,
                  save: Callable[[QPixmap | QImage, str], None]) -> None:
    from skimlll_desktop.services.certificates import list_register, qr_text
    from skimlll_desktop.ui.documents_page import DocumentsPage

    assert isinstance(page, DocumentsPage)
    rows = [r for r in list_register(database) if r.status.value == "valid"]
    if not rows:
        return
    page.show_tab(0)
    dialog = page.open_verify()
    assert dialog is not None
    dialog.scanned.setText(qr_text(rows[0].number, rows[0].code))
    _settle(120)
    save(_composed(page, dialog), "verify-valid")
    dialog.scanned.clear()
    dialog.number.setText(rows[0].number)
    forged = "AAAA-BBBB" if rows[0].code != "AAAA-BBBB" else "CCCC-DDDD"
    dialog.code.setText(forged)
    dialog.verify()
    _settle(120)
    save(_composed(page, dialog), "verify-forged")
    dialog.close()


def _page_shots(database: Database, save: Callable[[QPixmap | QImage, str], None]) -> None:
    """One issued page of each kind, as the printed paper would look, on white."""
    from PySide6.QtPdf import QPdfDocument

    from skimlll_desktop.services.certificates import list_register, reprint

    rows = list_register(database)
    with tempfile.TemporaryDirectory(prefix="skimlll-tour-pages-") as folder:
        for kind in KINDS:
            row = next((r for r in rows if r.kind.value == kind
                        and r.status.value == "valid"), None)
            if row is None:
                continue
            path = reprint(database, [row.id], Path(folder) / f"{kind}.pdf")
            document = QPdfDocument()
            document.load(str(path))
            points = document.pagePointSize(0)
            scale = 1100 / max(points.height(), points.width())  # about 130 dpi
            image = document.render(0, QSize(round(points.width() * scale),
                                             round(points.height() * scale)))
            paper = QImage(image.size(), QImage.Format.Format_RGB32)
            paper.fill(Qt.GlobalColor.white)
            painter = QPainter(paper)
            painter.drawImage(0, 0, image)
            painter.end()
            document.close()
            save(paper, f"page-{kind}")
