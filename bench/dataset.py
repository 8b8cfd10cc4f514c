"""The benchmark dataset: ``bench/.data/large.db``, built once and reused.

It is the ``large`` demo (:func:`skimlll_desktop.services.demo.generate_demo`):
20,000 organisations, 100,000 people, 2,000 events over 2020–2026, 300,000
registrations with attendance, with a fixed seed and a fixed "today", so every
machine benchmarks the same data.

It is reused while its schema is the program's current one, the generator
(``services/demo.py``) has not changed, and its build finished (a side file
``large.json`` records the build); otherwise, or with ``--rebuild``, it is
built again: into a temporary file first, moved into place
when complete, then ``ANALYZE``\\d (the query planner's statistics, as a
database in use would have them) and checkpointed.

``python -m bench.dataset [--rebuild]`` builds it on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / ".data"
LARGE_DB = DATA_DIR / "large.db"
SEED = 2026
TODAY = date(2026, 11, 23)  # events before it were held, after it are planned
FORMAT = 1  # bump to force a rebuild when what this module builds changes


@dataclass(frozen=True)
class DatasetInfo:
    path: Path
    built_now: bool
    build_seconds: float | None  # generate_demo's time (None if unknown)
    counts: dict[str, int]

    def describe(self) -> str:
        counts = ", ".join(f"{value:,} {name}" for name, value in self.counts.items())
        how = "built in this run" if self.built_now else "reused"
        took = (f"; generate_demo('large') took {self.build_seconds:.1f} s"
                if self.build_seconds is not None else "")
        shown = self.path
        with contextlib.suppress(ValueError):
            shown = self.path.relative_to(DATA_DIR.parent.parent)
        return f"Dataset: {shown} ({counts}); {how}{took}."


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _current_record(path: Path) -> dict | None:
    """The build record if ``path`` is a complete dataset at the current schema, else None."""
    from skimlll_desktop.services.database import SchemaState, resolve_location, schema_state
    from skimlll_desktop.services.errors import DatabaseProblem
    from skimlll_desktop.services.migrations import head_revision

    if not path.exists() or not _sidecar(path).exists():
        return None
    try:
        record = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        state = schema_state(resolve_location(path))
    except (OSError, ValueError, DatabaseProblem):
        return None
    if state is not SchemaState.CURRENT or record.get("revision") != head_revision():
        return None
    if (record.get("format"), record.get("seed"), record.get("generator")) != (
            FORMAT, SEED, _generator_digest()):
        return None
    return record


def _generator_digest() -> str:
    """A fingerprint of the demo generator's source: a changed generator means new data."""
    from skimlll_desktop.services import demo

    return hashlib.sha256(Path(demo.__file__).read_bytes()).hexdigest()[:16]


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build(path: Path, log: Callable[[str], None] | None = None) -> DatasetInfo:
    """Build the dataset into ``path`` (replacing it), reporting progress to ``log``."""
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.demo import generate_demo
    from skimlll_desktop.services.jobs import Progress, run_job
    from skimlll_desktop.services.migrations import head_revision

    log = log or _stderr
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    _remove(partial)
    last = [0.0]

    def show(progress: Progress) -> None:
        now = time.perf_counter()
        if now - last[0] >= 2:
            last[0] = now
            log(f"  {progress.message} {progress.fraction:.0%}")

    log(f"Building the benchmark dataset {path} (about a minute)…")
    database = open_database(partial)
    try:
        started = time.perf_counter()
        counts = run_job(generate_demo(database, "large", SEED, today=TODAY), show)
        seconds = time.perf_counter() - started
    finally:
        database.dispose()
    connection = sqlite3.connect(partial)
    try:
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    _remove(path)
    _sidecar(path).unlink(missing_ok=True)
    os.replace(partial, path)
    _remove(partial)  # companions of the partial file, if any are left
    summary = {"organizations": counts.organizations, "people": counts.people,
               "events": counts.events, "registrations": counts.registrations,
               "attendances": counts.attendances}
    _sidecar(path).write_text(json.dumps({
        "format": FORMAT, "seed": SEED, "today": TODAY.isoformat(),
        "revision": head_revision(), "generator": _generator_digest(),
        "build_seconds": round(seconds, 1), "counts": summary,
    }, indent=2), encoding="utf-8")
    log(f"  done: generate_demo('large') took {seconds:.1f} s")
    return DatasetInfo(path, True, seconds, summary)


def ensure_large_dataset(rebuild: bool = False, path: Path = LARGE_DB,
                         log: Callable[[str], None] | None = None) -> DatasetInfo:
    """The dataset, reused when current, else (or with ``rebuild``) built now."""
    if not rebuild:
        record = _current_record(path)
        if record is not None:
            return DatasetInfo(path, False, record.get("build_seconds"), record["counts"])
    return build(path, log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dataset",
                                     description="Build the benchmark dataset.")
    parser.add_argument("--rebuild", action="store_true", help="build even if it is current")
    args = parser.parse_args(argv)
    info = ensure_large_dataset(args.rebuild)
    print(info.describe())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
