"""The event file for an inspection (teczka wydarzenia): one ZIP with what an auditor asks for.

Attendance lists (one PDF per session), the attendance sheet (xlsx), the notes and
conclusions, and a summary PDF. Built in a temporary folder and zipped under a
temporary name, so a cancelled or failed job leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from skimlll_desktop.i18n import _, format_date
from skimlll_desktop.services.attendance import event_summary, export_attendance
from skimlll_desktop.services.attendance_list import (
    AttendanceListOptions,
    build_attendance_list,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.events import get_event
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.services.labels import (
    event_status_label,
    organization_type_label,
    pillar_label,
)
from skimlll_desktop.services.settings import load_document_settings


def write_event_file(database: Database, event_id: int, path: Path) -> Job[Path]:
    event = get_event(database, event_id)
    steps = len(event.sessions) + 3
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="skimlll-teczka-") as folder:
        work = Path(folder)
        files: list[Path] = []
        for done, session in enumerate(event.sessions, start=1):
            yield Progress(done - 1, steps, _("Attendance list, session {n}…").format(
                n=session.number))
            files.append(build_attendance_list(
                database, event_id, work / f"lista-obecnosci-sesja-{session.number}.pdf",
                AttendanceListOptions(session_number=session.number, blank_rows=0)))
        yield Progress(len(event.sessions), steps, _("Attendance sheet…"))
        files.append(export_attendance(database, event_id, work / "obecnosc.xlsx"))
        notes = work / "notatki-i-wnioski.txt"
        notes.write_text(f"{event.title}\n\n{event.notes or _('(no notes)')}\n",
                         encoding="utf-8")
        files.append(notes)
        yield Progress(len(event.sessions) + 1, steps, _("Summary…"))
        files.append(_summary_pdf(database, event_id, work / "podsumowanie.pdf"))
        yield Progress(len(event.sessions) + 2, steps, _("Packing…"))
        partial = path.with_name(path.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in files:
                    archive.write(file, file.name)
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
    yield Progress(steps, steps, _("Done."))
    return path


def _summary_pdf(database: Database, event_id: int, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from skimlll_desktop.services.pdf import (
        FONT,
        PageDecoration,
        escape,
        numbered_canvas_class,
        styles,
        write_pdf,
    )

    event = get_event(database, event_id)
    summary = event_summary(database, event_id)
    settings = load_document_settings(database)
    style = styles()
    decoration = PageDecoration(settings, footer_note=event.title)

    def table(rows: list[list[str]]) -> Any:
        grid = Table(rows, colWidths=[110 * mm, 30 * mm], hAlign="LEFT")
        grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9),
                                  ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                  ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#c0c6ce")]))
        return grid

    def counts(values: dict[Any, int], label) -> list[list[str]]:
        rows = [[label(key) if key is not None else _("not given"), str(count)]
                for key, count in sorted(values.items(), key=lambda kv: -kv[1])]
        return rows or [[_("nobody was present"), "0"]]

    dates = format_date(event.starts_on) if event.starts_on == event.ends_on else (
        f"{format_date(event.starts_on)} – {format_date(event.ends_on)}")
    story: list[Any] = [
        Paragraph(escape(_("EVENT SUMMARY")), style["subtitle"]),
        Paragraph(escape(event.title), style["title"]),
        Paragraph(escape(f"{event.type_label} · {dates} · "
                         f"{event_status_label(event.status)}"), style["body"]),
        Spacer(1, 6 * mm),
        table([[_("Registered"), str(summary.registered)],
               [_("Present (including walk-ins)"), str(summary.attended)],
               [_("Walk-ins"), str(summary.walk_ins)],
               [_("Cancelled registrations"), str(summary.cancelled)],
               [_("Sessions"), str(len(event.sessions))],
               [_("Training hours"), str(event.training_hours)]]),
        Spacer(1, 6 * mm),
        Paragraph(escape(_("Present by type of institution")), style["body"]),
        table(counts(summary.by_organization_type, organization_type_label)),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Present by WZK pillar")), style["body"]),
        table(counts(summary.by_pillar, pillar_label)),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Present by powiat")), style["body"]),
        table(counts(summary.by_powiat, lambda name: name or _("not given"))),
    ]

    def build(target: str) -> None:
        document = SimpleDocTemplate(target, pagesize=A4, leftMargin=15 * mm,
                                     rightMargin=15 * mm,
                                     topMargin=10 * mm + decoration.header_height(),
                                     bottomMargin=16 * mm, title=event.title)
        document.build(story, onFirstPage=decoration.draw, onLaterPages=decoration.draw,
                       canvasmaker=numbered_canvas_class())

    return write_pdf(path, build)
