"""Long jobs as plain generators: they yield progress and stop when asked.

A job is a generator function that yields :class:`Progress` now and then and
returns its result. Whoever runs it (the command line with ``run_job``, the GUI
with its background worker) may stop it between two yields: the generator is
closed, so its ``with`` blocks roll back and clean up, and nothing half-done is
left behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


Job = Generator[Progress, None, T]


class JobCancelled(Exception):
    """The user stopped the job; everything it did was undone."""


class CancelToken:
    """A flag the runner sets (from any thread) and the job's runner checks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def run_job(
    job: Job[T],
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> T:
    """Drive a job to its end; raise :class:`JobCancelled` if ``cancel`` is set meanwhile."""
    try:
        while True:
            progress = next(job)
            if cancel is not None and cancel.cancelled:
                job.close()
                raise JobCancelled()
            if on_progress is not None:
                on_progress(progress)
    except StopIteration as finished:
        return finished.value
