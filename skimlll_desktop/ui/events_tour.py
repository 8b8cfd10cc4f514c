"""Screenshots of the events screens for the tour, on the demo data.

    capture_events_screens(database, out_dir, "20-")

shows the events page, the event window (main, registrations and summary
tabs), the invite dialog, the check-in page mid-search with its banner, the
walk-in form, the attendance grid and the first page of an attendance list
PDF (rendered by QtPdf), and saves them as PNG files. One check-in is made for
the check-in picture and taken back afterwards; nothing else is changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from skimlll_desktop.ui.tour_shots import composed as _composed
from skimlll_desktop.ui.tour_shots import settle as _settle

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.events import EventRow

WINDOW_SIZE = (1366, 768)
SHOT_NAMES = ("events", "event-types", "event-dialog", "event-registrations", "event-summary",
              "invite", "attendance-grid", "checkin", "walk-in", "attendance-list-pdf",
              "pdf-preview")



def _pick(rows: list[EventRow], test: Callable[[EventRow], bool]) -> EventRow | None:
    return next((row for row in rows if test(row)), rows[0] if rows else None)


def capture_events_screens(
    database: Database,
    out_dir: Path,
    prefix: str = "",
    *,
    size: tuple[int, int] = WINDOW_SIZE,
) -> list[Path]:
    """Save ``{prefix}{name}.png`` for each of :data:`SHOT_NAMES` that the data allows;
    returns the files written."""
    from datetime import date

    from skimlll_desktop.services.events import EventQuery, list_events
    from skimlll_desktop.ui.attendance_grid_dialog import AttendanceGridDialog
    from skimlll_desktop.ui.checkin_page import CheckinPage
    from skimlll_desktop.ui.event_dialog import TAB_REGISTRATIONS, TAB_SUMMARY, EventDialog
    from skimlll_desktop.ui.events_page import EventsPage

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(pixmap: QPixmap | QImage, name: str) -> None:
        target = out_dir / f"{prefix}{name}.png"
        pixmap.save(str(target))
        saved.append(target)

    today = date.today()
    rows = list_events(database, EventQuery(year=today.year))
    workshop = _pick(rows, lambda r: r.sessions > 1 and r.attended > 0)

    page = EventsPage()
    page.setWindowTitle("SKiMLLL Desktop")
    page.resize(*size)
    page.set_database(database)
    page.show()
    _settle(150)
    save(page.grab(), "events")
    from skimlll_desktop.ui.event_types_dialog import EventTypesDialog

    types = EventTypesDialog(database, page)
    types.show()
    types.list.setCurrentRow(min(3, types.list.count() - 1))
    _settle(150)
    save(_composed(page, types), "event-types")
    types.reject()
    types.deleteLater()

    if workshop is not None:
        page.select_event(workshop.id)
        dialog = page.open_event(workshop.id)
        assert isinstance(dialog, EventDialog)
        _settle(150)
        save(_composed(page, dialog), "event-dialog")
        dialog.show_tab(TAB_REGISTRATIONS)
        dialog.registrations.table.selectRow(1)
        _settle(150)
        save(_composed(page, dialog), "event-registrations")
        dialog.show_tab(TAB_SUMMARY)
        _settle(150)
        save(_composed(page, dialog), "event-summary")
        dialog.show_tab(TAB_REGISTRATIONS)
        invite = dialog.registrations.invite()
        if invite is not None:
            invite.filters.members_only.setChecked(True)
            invite.recount()  # type: ignore[attr-defined]
            _settle(150)
            save(_composed(page, invite), "invite")
            invite.reject()
        grid = AttendanceGridDialog(database, workshop.id, dialog.record().sessions, page)
        grid.show()
        grid.table.setCurrentIndex(grid.model.index(2, 4))
        grid.table.setFocus()
        _settle(150)
        save(_composed(page, grid), "attendance-grid")
        grid.reject()
        grid.deleteLater()
        dialog.reject()
        dialog.deleteLater()
    page.close()
    page.deleteLater()

    checkin = CheckinPage()
    checkin.setWindowTitle("SKiMLLL Desktop")
    checkin.resize(*size)
    checkin.set_database(database)
    checkin.show()
    _settle(150)
    if checkin.event_id() is not None:
        people = checkin.results_model.candidates()
        target = next((c for c in people if not c.present), None)
        if target is not None:
            checkin.search.setText(target.name.split()[-1][:4])
            checkin.update_results()
            checkin.check_in_current()
        second = next((c for c in checkin.results_model.candidates()
                       if not c.present and c is not target), None)
        if second is not None:
            checkin.search.setText(second.name.split()[-1][:3].lower())
            checkin.update_results()
            checkin.move_selection(+1)
        _settle(150)
        save(checkin.grab(), "checkin")
        walk_in = checkin.new_person()
        if walk_in is not None:
            from skimlll_desktop.ui.walk_in_dialog import WalkInDialog

            assert isinstance(walk_in, WalkInDialog)
            if second is not None:  # someone the registry knows: the form warns first
                first_name, _space, last_name = second.name.partition(" ")
                walk_in.first_name.setText(first_name)
                walk_in.last_name.setText(last_name)
                walk_in.add()
            _settle(150)
            save(_composed(checkin, walk_in), "walk-in")
            walk_in.reject()
        while checkin.can_undo():
            checkin.undo_last()
        _save_pdf_shots(database, checkin, save)
    checkin.close()
    checkin.deleteLater()
    _settle()
    return saved


def _save_pdf_shots(database: Database, background: QWidget,
                    save: Callable[[QPixmap | QImage, str], None]) -> None:
    """The list's first page as the printed paper would look, and the preview window."""
    from PySide6.QtPdf import QPdfDocument

    from skimlll_desktop.services.attendance_list import (
        AttendanceListOptions,
        build_attendance_list,
    )
    from skimlll_desktop.ui.checkin_page import CheckinPage
    from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog

    assert isinstance(background, CheckinPage)
    event_id = background.event_id()
    if event_id is None:
        return
    with tempfile.TemporaryDirectory(prefix="skimlll-tour-pdf-") as folder:
        path = build_attendance_list(database, event_id, Path(folder) / "lista.pdf",
                                     AttendanceListOptions(
                                         session_number=background.session_number()))
        document = QPdfDocument()
        document.load(str(path))
        points = document.pagePointSize(0)
        scale = 1100 / points.height()  # about 130 dpi: readable, not huge
        image = document.render(0, QSize(round(points.width() * scale), 1100))
        page = QImage(image.size(), QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, image)
        painter.end()
        document.close()
        save(page, "attendance-list-pdf")

        preview = PdfPreviewDialog(path, background, title=background.event_title())
        preview.resize(900, 700)
        preview.show()
        _settle(600)  # the view renders its pages on a thread of its own
        save(_composed(background, preview), "pdf-preview")
        preview.reject()
        preview.deleteLater()
        _settle()
