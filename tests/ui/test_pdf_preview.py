"""The PDF preview: an attendance list made in the background, shown, paged, zoomed, "printed"
to a PDF file (read back with pypdf) and saved as a copy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from skimlll_desktop.models import Person
from skimlll_desktop.services.attendance_list import AttendanceListOptions, ListLayout
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.events import EventDetails, register_person, save_event
from skimlll_desktop.ui.attendance_list_dialog import AttendanceListOptionsDialog
from skimlll_desktop.ui.attendance_list_job import show_attendance_list
from skimlll_desktop.ui.checkin_page import CheckinPage
from skimlll_desktop.ui.jobs import JobProgressDialog
from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog
from skimlll_desktop.ui.registrations_panel import RegistrationsPanel

TODAY = date.today()
JOB_TIMEOUT_MS = 30_000


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    opened = open_database(db_path)
    yield opened
    opened.dispose()


@pytest.fixture
def event_id(database: Database) -> int:
    """Today's event with 70 registered people: a list of more than one page."""
    saved = save_event(database, EventDetails(title="Poranek partnerski w Żabnie",
                                              starts_on=TODAY, ends_on=TODAY))
    assert saved.id is not None
    with database.transaction() as session:
        people = [Person(first_name="Łucja", last_name=f"Żółkiewska{n:02d}") for n in range(70)]
        session.add_all(people)
        session.flush()
        ids = [person.id for person in people]
    for person_id in ids:
        register_person(database, saved.id, person_id)
    return saved.id


@pytest.fixture
def fake_printer(monkeypatch, tmp_path: Path) -> Path:
    """The print dialog "accepts" at once and the printer writes a PDF file instead."""
    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return target


def _settle(qtbot, owner: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Let the finished job's progress dialog and closed previews be deleted (their
    deleteLater) before the test's widgets are torn down."""
    qtbot.waitUntil(lambda: not owner.findChildren(JobProgressDialog)
                    and not owner.findChildren(PdfPreviewDialog), timeout=JOB_TIMEOUT_MS)


def _preview(qtbot, start) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    shown: list[PdfPreviewDialog] = []
    worker = start(shown.append)
    assert worker is not None
    with qtbot.waitSignal(worker.ended, timeout=JOB_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: bool(shown), timeout=JOB_TIMEOUT_MS)
    return shown[0]  # a child of the caller's widget, deleted when it closes


def test_an_attendance_list_is_previewed_paged_and_printed(
    qtbot, database: Database, event_id: int, fake_printer: Path, tmp_path: Path
) -> None:
    parent = QLabel("host")
    qtbot.addWidget(parent)
    dialog = _preview(qtbot, lambda shown: show_attendance_list(
        parent, database, event_id, AttendanceListOptions(blank_rows=3),
        "Poranek partnerski w Żabnie", on_shown=shown))
    source = dialog.path
    assert source.is_file()
    assert PdfReader(str(source)).pages[0].extract_text().count("Żółkiewska") > 10
    pages = dialog.page_count()
    assert pages >= 2
    assert dialog.findChild(QLabel, "pdfPageCount").text() == f"z {pages}"
    assert dialog.windowTitle() == "Lista obecności — Poranek partnerski w Żabnie"

    spin = dialog.findChild(QSpinBox, "pdfPage")
    assert spin.value() == 1
    assert not dialog.findChild(QToolButton, "pdfPrevious").isEnabled()
    qtbot.mouseClick(dialog.findChild(QToolButton, "pdfNext"), Qt.MouseButton.LeftButton)
    assert dialog.current_page() == 1 and spin.value() == 2
    dialog.zoom_in()
    zoom = dialog.findChild(QComboBox, "pdfZoom")
    assert isinstance(zoom.currentData(), float)
    before = dialog.zoom_factor()
    dialog.zoom_in()
    assert dialog.zoom_factor() > before

    with qtbot.waitSignal(dialog.printed, timeout=JOB_TIMEOUT_MS) as printed:
        qtbot.mouseClick(dialog.findChild(QPushButton, "pdfPrint"), Qt.MouseButton.LeftButton)
    assert printed.args == [pages]
    reader = PdfReader(str(fake_printer))
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    assert reader.pages[0].images  # each page painted from the rendered list

    dialog.reject()
    _settle(qtbot, parent)
    assert not source.exists()  # the temporary list goes with its preview


def test_print_dialog_page_range_is_respected(
    qtbot, database: Database, event_id: int, monkeypatch, tmp_path: Path
) -> None:
    from skimlll_desktop.services.attendance_list import build_attendance_list

    path = build_attendance_list(database, event_id, tmp_path / "list.pdf")
    dialog = PdfPreviewDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.page_count() >= 2
    target = tmp_path / "second-page.pdf"

    def accept(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 2)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert dialog.print_() == 1
    assert len(PdfReader(str(target)).pages) == 1
    assert path.exists()  # not owned by the dialog: kept


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot, database: Database, event_id: int, monkeypatch, tmp_path: Path
) -> None:
    from skimlll_desktop.services.attendance_list import build_attendance_list

    dialog = PdfPreviewDialog(build_attendance_list(database, event_id, tmp_path / "l.pdf"))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: int(QDialog.DialogCode.Rejected))
    assert dialog.print_() == 0


def test_save_as_copies_the_file(qtbot, tmp_path: Path, database: Database, event_id: int,
                                 monkeypatch) -> None:
    from skimlll_desktop.services.attendance_list import build_attendance_list

    path = build_attendance_list(database, event_id, tmp_path / "source.pdf")
    dialog = PdfPreviewDialog(path, suggested_name="Lista obecności.pdf")
    qtbot.addWidget(dialog)
    target = tmp_path / "kopia"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kwargs: (str(target), ""))
    with qtbot.waitSignal(dialog.saved_as, timeout=3000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "pdfSaveAs"),
                         Qt.MouseButton.LeftButton)
    copy = target.with_suffix(".pdf")
    assert copy.read_bytes() == path.read_bytes()


def test_a_file_that_is_not_a_pdf_is_explained(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    dialog = PdfPreviewDialog(bad)
    qtbot.addWidget(dialog)
    problem = dialog.findChild(QLabel, "pdfProblem")
    assert "bad.pdf" in problem.text()
    assert not dialog.findChild(QPushButton, "pdfPrint").isEnabled()


def test_the_registrations_panel_asks_for_options_and_shows_the_list(
    qtbot, database: Database, event_id: int
) -> None:
    from skimlll_desktop.services.events import get_event

    event = get_event(database, event_id)
    panel = RegistrationsPanel(database)
    qtbot.addWidget(panel)
    panel.set_event(event_id, event.title, event.sessions)
    options = panel.print_list()
    assert isinstance(options, AttendanceListOptionsDialog)
    options.findChild(QSpinBox, "attendanceListBlankRows").setValue(0)
    assert options.options() == AttendanceListOptions(1, 0, ListLayout.PER_SESSION)
    qtbot.mouseClick(options.findChild(QPushButton, "attendanceListPrepare"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.findChild(PdfPreviewDialog) is not None,
                    timeout=JOB_TIMEOUT_MS)
    dialog = panel.findChild(PdfPreviewDialog)
    text = "".join(page.extract_text() for page in PdfReader(str(dialog.path)).pages)
    assert "Żółkiewska69" in text
    dialog.reject()
    _settle(qtbot, panel)


def test_the_check_in_screen_prints_the_list_of_its_session(
    qtbot, database: Database, event_id: int
) -> None:
    page = CheckinPage()
    qtbot.addWidget(page)
    page.set_database(database)
    assert page.event_id() == event_id
    worker = page.print_list()
    assert worker is not None
    qtbot.waitUntil(lambda: page.findChild(PdfPreviewDialog) is not None,
                    timeout=JOB_TIMEOUT_MS)
    dialog = page.findChild(PdfPreviewDialog)
    assert dialog.page_count() >= 2
    text = PdfReader(str(dialog.path)).pages[0].extract_text()
    assert "Poranek partnerski w Żabnie" in text
    dialog.reject()
    _settle(qtbot, page)
