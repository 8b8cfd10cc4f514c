"""The last resort: an unexpected error becomes a short message and a log entry.

Installed as ``sys.excepthook`` by the application, so an exception escaping a
slot never shows a traceback to the user. A :class:`UserFacingError` that got
that far is shown with its own (already translated) message and not logged.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from skimlll_desktop.i18n import _
from skimlll_desktop.services.environment_problems import environment_problem
from skimlll_desktop.services.errors import UserFacingError

LOG_NAME = "skimlll.log"


class _State:
    showing = False


def log_file() -> Path | None:
    """The log in the user's data folder (None if the folder cannot be made)."""
    try:
        from skimlll_desktop.paths import user_data_dir

        return user_data_dir() / LOG_NAME
    except OSError:
        return None


def log_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    context: str = "unexpected error",
) -> Path | None:
    """Append the traceback to the log file; returns the file, or None if it cannot be written."""
    path = log_file()
    if path is None:
        return None
    stamp = datetime.now().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        with path.open("a", encoding="utf-8") as log:
            log.write(f"{stamp} ERROR {context}\n{text}\n")
    except OSError:
        return None
    return path


def unexpected_error_message() -> str:
    return _(
        "Something went wrong in the program. What you saved before is safe; "
        "the last action may not have been completed. Please try again."
    )


def _dialog_parent() -> QWidget | None:
    return QApplication.activeWindow()


def show_message(
    title: str,
    text: str,
    details: str = "",
    *,
    critical: bool = False,
    parent: QWidget | None = None,
    object_name: str = "messageDialog",
) -> None:
    box = QMessageBox(parent or _dialog_parent())
    box.setObjectName(object_name)
    box.setIcon(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before something that cannot be undone: Yes, or Cancel (the default)."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: a short message for the user, the traceback for the log."""
    if issubclass(exc_type, KeyboardInterrupt):
        app = QApplication.instance()
        if app is not None:
            app.quit()
        return
    if _State.showing:  # an error while showing an error: log only
        log_exception(exc_type, exc, tb)
        return
    _State.showing = True
    try:
        if isinstance(exc, UserFacingError):
            show_message(_("SKiMLLL Desktop"), exc.message, object_name="problemMessage")
            return
        log = log_exception(exc_type, exc, tb)
        problem = environment_problem(exc)
        if problem:  # the disk, not the program: say what to do about it
            show_message(_("SKiMLLL Desktop"), problem, object_name="problemMessage")
            return
        details = (
            _("Details were written to the log file {path}.").format(path=log) if log else ""
        )
        show_message(
            _("Unexpected error"),
            unexpected_error_message(),
            details,
            critical=True,
            object_name="unexpectedErrorDialog",
        )
    finally:
        _State.showing = False


def install_exception_hook() -> None:
    sys.excepthook = handle_exception
