"""Measuring: benchmarks as subject/baseline pairs, timed in the same run, printed as one table.

A benchmark module (``bench/bench_*.py``) exposes ``BENCHMARKS: list[Benchmark]``.
A :class:`Benchmark` pairs a *subject* (what the program does) with a bare
*baseline* (the least anything could do for the same result), each a
:class:`Measure`:

- :class:`InProcess` — a callable timed with ``time.perf_counter``; its peak
  memory comes from one extra run under ``tracemalloc`` (Python allocations
  only: not comparable with a process's RSS);
- :class:`ChildProcess` — a program started afresh each time, timed from spawn
  to a marker line on its stdout; its peak memory is the child's maximum
  resident set size from ``os.wait4`` (``ru_maxrss``). Both are taken by the
  small ``child_probe.py`` process, which starts the program (see there why).

Subject and baseline runs alternate (after warm-up runs of both), so drift in
the machine's speed touches both alike. A measure that fails becomes a row
with the error; the other benchmarks still run. Timings are reported, never
asserted.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent


class BenchError(Exception):
    """A measure could not be taken; the message goes into the table."""


# --- what a benchmark is -----------------------------------------------------------------


class Trial(Protocol):
    """A prepared measure: run it once, and say what its peak memory was."""

    def once(self) -> float:
        """Run once; return the seconds it took."""
        ...

    def peak(self) -> tuple[int, str] | None:
        """Peak memory in bytes and its kind ("RSS" or "py"), or None if unknown."""
        ...


class Measure(Protocol):
    label: str  # what it is, for the notes under the table

    def prepare(self, context: Context) -> Trial: ...


@dataclass(frozen=True)
class Benchmark:
    """One row of the table.

    ``repeats`` timed runs each of subject and baseline (``quick_repeats`` with
    ``--quick``), after ``warmup`` untimed runs of each.
    """

    name: str
    subject: Measure
    baseline: Measure
    repeats: int = 7
    quick_repeats: int = 3
    warmup: int = 1
    note: str = ""


# --- the context benchmarks get ----------------------------------------------------------


class Context:
    """What benchmarks share in one run: datasets (built lazily), a scratch folder, cleanup."""

    def __init__(self, *, quick: bool = False, rebuild: bool = False) -> None:
        self.quick = quick
        self.rebuild = rebuild
        self.python = sys.executable
        self._stack = contextlib.ExitStack()
        self.scratch = Path(self._stack.enter_context(
            tempfile.TemporaryDirectory(prefix="skimlll-bench-")))
        self._large: Path | None = None
        self._empty: Path | None = None
        self.dataset_notes: list[str] = []

    def large_db(self) -> Path:
        """The benchmark dataset (``bench/.data/large.db``), built on first use if needed."""
        if self._large is None:
            from bench.dataset import ensure_large_dataset

            info = ensure_large_dataset(rebuild=self.rebuild)
            self.dataset_notes.append(info.describe())
            self._large = info.path
        return self._large

    def empty_db(self) -> Path:
        """A new database with only reference data, made once per run."""
        if self._empty is None:
            from skimlll_desktop.services.database import open_database
            from skimlll_desktop.services.reference_data import ensure_reference_data

            path = self.scratch / "empty.db"
            database = open_database(path)
            try:
                ensure_reference_data(database)
            finally:
                database.dispose()
            self._empty = path
        return self._empty

    def child_env(self, **extra: str) -> dict[str, str]:
        """The environment of child processes: offscreen Qt; settings, data and caches in
        the scratch folder (never the user's own); Python's bytecode caches allowed."""
        env = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            folder = self.scratch / name.lower()
            folder.mkdir(exist_ok=True)
            env[name] = str(folder)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["PYTHONIOENCODING"] = "utf-8"
        env.pop("SKIMLLL_BENCH_MARK", None)
        # As a user's installed program: bytecode caches written (by the warm-up run) and used.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(extra)
        return env

    def on_close(self, callback: Callable[[], object]) -> None:
        self._stack.callback(callback)

    def close(self) -> None:
        self._stack.close()


# --- in-process measures --------------------------------------------------------------------


@dataclass(frozen=True)
class InProcess:
    """A callable timed in this process.

    ``setup(context)`` returns the zero-argument callable to time (open the
    database there, not in the callable); register cleanup with
    ``context.on_close``.
    """

    label: str
    setup: Callable[[Context], Callable[[], object]]

    def prepare(self, context: Context) -> Trial:
        return _InProcessTrial(self.setup(context))


class _InProcessTrial:
    def __init__(self, function: Callable[[], object]) -> None:
        self.function = function

    def once(self) -> float:
        start = time.perf_counter()
        self.function()
        return time.perf_counter() - start

    def peak(self) -> tuple[int, str]:
        # A separate run: tracing slows the code down, so it never touches the timings.
        was_tracing = tracemalloc.is_tracing()
        if not was_tracing:
            tracemalloc.start()
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        self.function()
        _current, peak = tracemalloc.get_traced_memory()
        if not was_tracing:
            tracemalloc.stop()
        return max(peak - base, 0), "py"


# --- child-process measures -----------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    argv: list[str]
    env: dict[str, str]
    marker: str  # the line on stdout that ends the timing


@dataclass(frozen=True)
class ChildProcess:
    """A program timed from spawn to a marker line on its stdout, started afresh each run.

    ``command(context)`` returns the :class:`Command`. The child must exit on
    its own after printing the marker (it is killed after ``exit_timeout``).
    """

    label: str
    command: Callable[[Context], Command]
    timeout: float = 120.0  # seconds to wait for the marker
    exit_timeout: float = 30.0  # seconds to wait for the exit after it

    def prepare(self, context: Context) -> Trial:
        return _ChildTrial(self.command(context), self.timeout, self.exit_timeout)


PROBE = str(BENCH_DIR / "child_probe.py")


class _ChildTrial:
    """Each run goes through ``child_probe.py`` (see there why), which times and reaps it."""

    def __init__(self, command: Command, timeout: float, exit_timeout: float) -> None:
        self.command = command
        self.timeout = timeout
        self.exit_timeout = exit_timeout
        self.peaks: list[int] = []

    def once(self) -> float:
        command = self.command
        argv = [sys.executable, PROBE, command.marker, str(self.timeout),
                str(self.exit_timeout), "--", *command.argv]
        done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8",
                              env=command.env, cwd=REPO, check=False,
                              timeout=self.timeout + self.exit_timeout + 30)
        try:
            report = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError) as error:
            raise BenchError(f"child_probe.py failed: {done.stderr.strip()[-300:]}") from error
        if report["error"]:
            raise BenchError(report["error"])
        if report["max_rss"] is not None:
            self.peaks.append(report["max_rss"])
        return float(report["seconds"])

    def peak(self) -> tuple[int, str] | None:
        return (max(self.peaks), "RSS") if self.peaks else None


# --- running and reporting -----------------------------------------------------------------


@dataclass
class Outcome:
    """What one side (subject or baseline) of a benchmark gave."""

    label: str
    times: list[float] = field(default_factory=list)
    peak: tuple[int, str] | None = None
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        return percentile(self.times, 95)


@dataclass
class Result:
    benchmark: Benchmark
    subject: Outcome
    baseline: Outcome
    repeats: int

    @property
    def ratio(self) -> float | None:
        if self.subject.error or self.baseline.error or not self.baseline.median:
            return None
        return self.subject.median / self.baseline.median


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between the closest ranks (as numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * pct / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    text = lines[0] if lines else ""
    if isinstance(error, BenchError):
        return text
    return f"{type(error).__name__}: {text}".rstrip(": ")


def run_benchmark(benchmark: Benchmark, context: Context,
                  log: Callable[[str], None] = lambda _message: None) -> Result:
    """Prepare both sides, warm up, then alternate timed runs of subject and baseline."""
    repeats = min(benchmark.quick_repeats, benchmark.repeats) if context.quick else (
        benchmark.repeats)
    sides = {"subject": Outcome(benchmark.subject.label),
             "baseline": Outcome(benchmark.baseline.label)}
    trials: dict[str, Trial] = {}
    for side, measure in (("subject", benchmark.subject), ("baseline", benchmark.baseline)):
        try:
            trials[side] = measure.prepare(context)
            for _warm in range(benchmark.warmup):
                trials[side].once()
        except Exception as error:  # reported in the table, not raised
            sides[side].error = _first_line(error)
            trials.pop(side, None)
    for index in range(repeats):
        order = ("subject", "baseline") if index % 2 == 0 else ("baseline", "subject")
        for side in order:
            if side not in trials:
                continue
            try:
                sides[side].times.append(trials[side].once())
            except Exception as error:
                sides[side].error = _first_line(error)
                del trials[side]
        log(f"  {benchmark.name}: run {index + 1}/{repeats}")
    for side, trial in trials.items():
        try:
            sides[side].peak = trial.peak()
        except Exception as error:
            sides[side].error = _first_line(error)
    return Result(benchmark, sides["subject"], sides["baseline"], repeats)


def format_seconds(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def format_peak(peak: tuple[int, str] | None) -> str:
    if peak is None:
        return "n/a"
    size, kind = peak
    if size < 2**20:
        return f"{size / 2**10:.0f} KiB ({kind})"
    return f"{size / 2**20:.1f} MiB ({kind})"


HEADERS = ("benchmark", "subject median", "subject p95", "baseline median", "baseline p95",
           "ratio (median)", "peak memory subject", "peak memory baseline")


def table_rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    rows = []
    for number, result in enumerate(results, start=1):
        cells = [f"{result.benchmark.name} [{number}]"]
        for outcome in (result.subject, result.baseline):
            if outcome.error or not outcome.times:
                cells += ["FAILED", "-"]
            else:
                cells += [format_seconds(outcome.median), format_seconds(outcome.p95)]
        ratio = result.ratio
        cells.append("-" if ratio is None else f"{ratio:.2f}x")
        cells += [format_peak(None if result.subject.error else result.subject.peak),
                  format_peak(None if result.baseline.error else result.baseline.peak)]
        rows.append(tuple(cells))
    return rows


def render_table(results: Sequence[Result]) -> str:
    rows = [HEADERS, *table_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]

    def line(row: Sequence[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return " | ".join([first, *rest])

    rule = "-+-".join("-" * width for width in widths)
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def render_notes(results: Sequence[Result], context: Context) -> str:
    notes = []
    for number, result in enumerate(results, start=1):
        benchmark = result.benchmark
        text = (f"[{number}] {result.repeats} timed runs each. Subject: {result.subject.label}. "
                f"Baseline: {result.baseline.label}.")
        if benchmark.note:
            text += f" {benchmark.note}"
        for side, outcome in (("subject", result.subject), ("baseline", result.baseline)):
            if outcome.error:
                text += f"\n    {side} FAILED: {outcome.error}"
        notes.append(text)
    notes += [
        "Times are wall-clock medians and 95th percentiles (linear interpolation); "
        "ratio = subject median / baseline median (1.00x = as fast as the bare baseline; "
        "lower is better).",
        "Peak memory: (RSS) maximum resident set size of the child process (os.wait4 "
        "ru_maxrss); (py) in-process benchmarks: Python allocations only, traced by "
        "tracemalloc in one extra untimed run — not comparable with RSS, and blind to "
        "memory that SQLite and Qt allocate in C.",
        *context.dataset_notes,
        f"Machine: Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
        + (" — quick run (fewer repeats)" if context.quick else "") + ".",
    ]
    return "\n".join(notes)


@contextlib.contextmanager
def bench_context(*, quick: bool = False, rebuild: bool = False) -> Iterator[Context]:
    context = Context(quick=quick, rebuild=rebuild)
    try:
        yield context
    finally:
        context.close()
