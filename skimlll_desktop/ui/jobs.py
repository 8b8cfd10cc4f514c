"""Running long jobs off the GUI thread, with progress and a Cancel button.

A job is a services generator that yields :class:`Progress` and returns its
result (see :mod:`skimlll_desktop.services.jobs`). :class:`JobWorker` runs it
on a :class:`QThreadPool` thread with :func:`run_job` and a
:class:`CancelToken`, keeps itself alive until the job is over, sends progress
to the GUI thread at most ~10 times a second and ends with exactly one of
``finished(result)``, ``failed(message)`` or ``cancelled()``.

:func:`run_with_progress` adds the progress dialog: it appears only when the
job runs longer than half a second, and its Cancel button stops the job.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget
from shiboken6 import isValid

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.jobs import CancelToken, Job, JobCancelled, Progress, run_job

T = TypeVar("T")

PROGRESS_INTERVAL = 0.1  # seconds between two progress signals (~10 a second)
DIALOG_DELAY_MS = 500  # a job that ends sooner never shows a dialog

# Workers that are running: the strong references that keep them (and their
# signals) alive until the job is over, whatever the caller does with its own.
_RUNNING: set[JobWorker] = set()


class _Runnable(QRunnable):
    def __init__(self, worker: JobWorker) -> None:
        super().__init__()
        self._worker = worker
        self.setAutoDelete(True)

    def run(self) -> None:
        self._worker._run()


class _Bridge(QObject):
    """The only object whose signals the pool thread emits.

    Its connections are made once, before the job starts, and never touched
    while the job runs (PySide6 crashes when a connection is removed while
    another thread emits); :class:`JobWorker` re-emits everything from the GUI
    thread, where callers may connect and disconnect freely.
    """

    progressed = Signal(int, int, str)
    ended = Signal(str, object)  # outcome, payload


class JobWorker(QObject):
    """One job on a pool thread; its signals are emitted in the GUI thread."""

    progressed = Signal(int, int, str)  # done, total, message
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    ended = Signal()  # after any of the three above

    def __init__(
        self,
        job: Job[Any],
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        progress_interval: float = PROGRESS_INTERVAL,
    ) -> None:
        super().__init__(parent)
        self._job = job
        self._token = CancelToken()
        self._pool = pool or QThreadPool.globalInstance()
        self._interval = progress_interval
        self._running = False
        self.error: BaseException | None = None  # what made the job fail, for the caller
        self.result: Any = None
        self._bridge = _Bridge()
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.progressed.connect(self._on_progressed, queued)
        self._bridge.ended.connect(self._on_ended, queued)

    def start(self) -> JobWorker:
        if self._running:
            return self
        self._running = True
        _RUNNING.add(self)
        self._pool.start(_Runnable(self))
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report (thread-safe)."""
        self._token.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self._token.cancelled

    def is_running(self) -> bool:
        return self._running

    # --- on the pool thread -------------------------------------------------------------

    def _run(self) -> None:
        last = float("-inf")

        bridge = self._bridge

        def report(progress: Progress) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= self._interval or (progress.total and progress.done >= progress.total):
                last = now
                bridge.progressed.emit(progress.done, progress.total, progress.message)

        outcome: tuple[str, Any]
        try:
            outcome = ("finished", run_job(self._job, report, self._token))
        except JobCancelled:
            outcome = ("cancelled", None)
        except UserFacingError as error:
            outcome = ("failed", error)
        except Exception as error:
            from skimlll_desktop.ui.errors import log_exception

            log_exception(type(error), error, error.__traceback__, "background job failed")
            outcome = ("failed", error)
        bridge.ended.emit(*outcome)

    # --- back on the GUI thread ---------------------------------------------------------

    @Slot(int, int, str)
    def _on_progressed(self, done: int, total: int, message: str) -> None:
        if self._running:
            self.progressed.emit(done, total, message)

    @Slot(str, object)
    def _on_ended(self, outcome: str, payload: Any) -> None:
        self._running = False
        self._job = None  # type: ignore[assignment]
        try:
            if outcome == "finished":
                self.result = payload
                self.finished.emit(payload)
            elif outcome == "cancelled":
                self.cancelled.emit()
            else:
                from skimlll_desktop.services.environment_problems import environment_problem
                from skimlll_desktop.ui.errors import unexpected_error_message

                self.error = payload
                message = (
                    payload.message
                    if isinstance(payload, UserFacingError)
                    else environment_problem(payload) or unexpected_error_message()
                )
                self.failed.emit(message)
        finally:
            self.ended.emit()
            _RUNNING.discard(self)
            self._bridge.deleteLater()


def running_workers() -> int:
    """How many jobs are still running (tests check that none is left behind)."""
    return len(_RUNNING)


class JobProgressDialog(QProgressDialog):
    """Progress of one job; shown by :func:`run_with_progress` after a short delay."""

    def __init__(self, title: str, parent: QWidget | None, *, cancellable: bool) -> None:
        super().__init__(parent)
        self.setObjectName("jobProgressDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setLabelText(title)
        self._bar = QProgressBar(self)
        self._bar.setObjectName("jobProgressBar")
        self._bar.setRange(0, 0)
        self._bar.setTextVisible(True)
        self.setBar(self._bar)
        self._cancellable = cancellable
        if cancellable:
            self.setCancelButtonText(_("Cancel"))
        else:
            self.setCancelButton(None)  # type: ignore[arg-type]
        self.setAutoReset(False)
        self.setAutoClose(True)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        # Qt's own "show after minimumDuration" timer is stopped: the caller decides.
        # (The bar is driven directly, never through setValue, which would spin
        # a nested event loop in a modal dialog.)
        self.reset()

    def show_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(min(done, total))
        else:
            self._bar.setRange(0, 0)
        if message:
            self.setLabelText(message)

    def reject(self) -> None:  # Esc
        if self._cancellable:
            super().reject()


def run_with_progress(
    job: Job[Any],
    parent: QWidget | None,
    title: str,
    *,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
    delay_ms: int = DIALOG_DELAY_MS,
) -> JobWorker:
    """Start ``job`` in the background with a progress dialog that appears after ``delay_ms``."""
    worker = JobWorker(job)
    dialog = JobProgressDialog(title, parent, cancellable=cancellable)
    worker.progress_dialog = dialog  # type: ignore[attr-defined]
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)

    def show_dialog() -> None:
        if isValid(dialog) and worker.is_running() and not worker.cancel_requested:
            dialog.show()

    def cancel() -> None:
        worker.cancel()

    def close_dialog() -> None:
        if not isValid(dialog):  # its parent window was closed meanwhile
            return
        timer.stop()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    timer.timeout.connect(show_dialog)
    dialog.canceled.connect(cancel)
    worker.progressed.connect(dialog.show_progress)
    worker.ended.connect(close_dialog)
    if on_finished is not None:
        worker.finished.connect(on_finished)
    if on_failed is not None:
        worker.failed.connect(on_failed)
    if on_cancelled is not None:
        worker.cancelled.connect(on_cancelled)
    worker.start()
    timer.start()
    return worker


def call_as_job(function: Callable[..., T], *args: Any, message: str = "") -> Job[T]:
    """A blocking service call as a one-step job, to run it off the GUI thread."""
    yield Progress(0, 0, message)
    return function(*args)
