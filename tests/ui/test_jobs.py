"""The background job runner, driven by tiny jobs written here in the job protocol."""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.jobs import Progress
from skimlll_desktop.ui.jobs import JobWorker, run_with_progress


def counting_job(steps: int, result: object) -> Generator[Progress, None, object]:
    for done in range(steps):
        yield Progress(done, steps, f"step {done}")
    yield Progress(steps, steps, "done")
    return result


def test_worker_reports_progress_in_the_gui_thread_and_finishes(qtbot) -> None:
    seen: list[tuple[int, int, str, bool]] = []
    worker = JobWorker(counting_job(5, {"answer": 42}))
    worker.progressed.connect(
        lambda done, total, message: seen.append(
            (done, total, message, QThread.currentThread() is QApplication.instance().thread())
        )
    )
    with qtbot.waitSignal(worker.finished, timeout=10_000) as finished:
        worker.start()
    assert finished.args == [{"answer": 42}]
    assert seen[0][:3] == (0, 5, "step 0")
    assert seen[-1][:3] == (5, 5, "done")  # the end is always reported
    assert all(in_gui_thread for *_, in_gui_thread in seen)


def test_progress_is_throttled_to_about_ten_a_second(qtbot) -> None:
    received: list[int] = []
    worker = JobWorker(counting_job(20_000, None))
    worker.progressed.connect(lambda done, _total, _message: received.append(done))
    with qtbot.waitSignal(worker.ended, timeout=10_000):
        worker.start()
    assert 2 <= len(received) < 100
    assert received[-1] == 20_000


def test_worker_cancels_and_the_job_cleans_up(qtbot) -> None:
    cleaned = threading.Event()

    def endless() -> Generator[Progress, None, None]:
        try:
            step = 0
            while True:
                step += 1
                yield Progress(step, 0, "working")
        finally:
            cleaned.set()

    worker = JobWorker(endless(), progress_interval=0.0)
    cancelled: list[bool] = []
    worker.cancelled.connect(lambda: cancelled.append(True))
    with qtbot.waitSignal(worker.progressed, timeout=10_000):
        worker.start()
    with qtbot.waitSignal(worker.ended, timeout=10_000):
        worker.cancel()
    assert cancelled == [True]
    assert cleaned.is_set()
    assert worker.result is None


def test_a_user_facing_error_becomes_failed_with_its_message(qtbot) -> None:
    def refusing() -> Generator[Progress, None, None]:
        yield Progress(0, 1)
        raise UserFacingError("Plik jest uszkodzony.")

    worker = JobWorker(refusing())
    with qtbot.waitSignal(worker.failed, timeout=10_000) as failed:
        worker.start()
    assert failed.args == ["Plik jest uszkodzony."]
    assert isinstance(worker.error, UserFacingError)


def test_an_unexpected_error_is_logged_and_reported_without_a_traceback(
    qtbot, tmp_path: Path
) -> None:
    from skimlll_desktop.ui.errors import log_file, unexpected_error_message

    def broken() -> Generator[Progress, None, None]:
        yield Progress(0, 1)
        raise ZeroDivisionError("secret detail")

    worker = JobWorker(broken())
    with qtbot.waitSignal(worker.failed, timeout=10_000) as failed:
        worker.start()
    assert failed.args == [unexpected_error_message()]
    assert "secret detail" not in failed.args[0]
    log = log_file()
    assert log is not None and "ZeroDivisionError: secret detail" in log.read_text()


def test_quick_job_never_shows_the_progress_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    worker = run_with_progress(counting_job(3, "ok"), parent, "Quick")
    dialog = worker.progress_dialog  # type: ignore[attr-defined]
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        pass
    assert not dialog.isVisible()


def test_long_job_shows_the_dialog_after_a_delay_and_its_cancel_stops_the_job(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def waiting() -> Generator[Progress, None, str]:
        step = 0
        while not release.is_set():
            step += 1
            yield Progress(min(step, 99), 100, "Importing…")
        return "released"

    cancelled: list[bool] = []
    worker = run_with_progress(waiting(), parent, "Long job", delay_ms=100,
                               on_cancelled=lambda: cancelled.append(True))
    dialog = worker.progress_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, QProgressDialog)
    assert not dialog.isVisible()  # not at once
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    assert dialog.objectName() == "jobProgressDialog"
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    with qtbot.waitSignal(worker.cancelled, timeout=10_000):
        cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not worker.is_running(), timeout=10_000)
    assert cancelled == [True]
    assert not dialog.isVisible()


def test_a_full_disk_is_told_as_such(qtbot) -> None:
    import errno

    def writing() -> Generator[Progress, None, None]:
        yield Progress(0, 1, "saving")
        raise OSError(errno.ENOSPC, "No space left on device")

    worker = JobWorker(writing())
    with qtbot.waitSignal(worker.failed, timeout=10_000) as failed:
        worker.start()
    assert "Brak wolnego miejsca na dysku" in failed.args[0]
