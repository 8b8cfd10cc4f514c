"""The attendance list PDF: made in the background, one at a time, then shown in the preview.

Used by the event's registrations and by the check-in screen, so the list is
made and shown the same way from both. The PDF goes to a temporary folder and
is deleted when its preview closes; "Save as…" in the preview keeps a copy.
reportlab is not thread-safe: the service serialises builds, and this module
never starts a second list while one is being made.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress

if TYPE_CHECKING:
    from skimlll_desktop.services.attendance_list import AttendanceListOptions
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog


class _State:
    worker: JobWorker | None = None


def pdf_folder() -> Path:
    """This program run's folder for documents made to be previewed."""
    folder = Path(tempfile.gettempdir()) / f"skimlll-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_file_name(text: str, limit: int = 80) -> str:
    """A title as a file name on Windows too: no \\ / : * ? " < > |, no trailing dots."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    name = " ".join(name.split()).strip(" .")
    return name[:limit].rstrip(" .") or "document"


def is_busy() -> bool:
    return _State.worker is not None and _State.worker.is_running()


def show_attendance_list(
    parent: QWidget,
    database: Database,
    event_id: int,
    options: AttendanceListOptions,
    event_title: str,
    *,
    on_shown: Callable[[PdfPreviewDialog], Any] | None = None,
) -> JobWorker | None:
    """Build the list in the background and open it in the preview (window-modal).

    Returns the worker, or None when a list is already being made.
    """
    from skimlll_desktop.services.attendance_list import build_attendance_list

    if is_busy():
        show_message(_("Attendance list"), _("An attendance list is being prepared already. "
                                             "Wait until it is shown."), parent=parent,
                     object_name="pdfBusyMessage")
        return None
    suffix = f"-{options.session_number}" if options.session_number is not None else ""
    path = pdf_folder() / f"attendance-{event_id}{suffix}-{os.urandom(3).hex()}.pdf"
    suggested = safe_file_name(_("Attendance list — {title}").format(title=event_title)
                               + (" — " + _("session {n}").format(n=options.session_number)
                                  if options.session_number is not None else "")) + ".pdf"
    message = _("Preparing the attendance list…")

    def finished(written: Path) -> None:
        from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog

        _State.worker = None
        dialog = PdfPreviewDialog(
            written, parent, title=_("Attendance list — {title}").format(title=event_title),
            suggested_name=suggested, delete_on_close=True)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        if on_shown is not None:
            on_shown(dialog)

    def failed(text: str) -> None:
        _State.worker = None
        show_message(_("Attendance list"), text, parent=parent)

    def cancelled() -> None:
        _State.worker = None
        path.unlink(missing_ok=True)

    _State.worker = run_with_progress(
        call_as_job(build_attendance_list, database, event_id, path, options, message=message),
        parent, message, on_finished=finished, on_failed=failed, on_cancelled=cancelled,
    )
    return _State.worker
