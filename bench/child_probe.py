"""Start one program, time it from spawn to a marker line on its stdout, report its peak RSS.

    python bench/child_probe.py MARKER TIMEOUT EXIT_TIMEOUT -- PROGRAM [ARGS…]

prints one JSON line: ``{"seconds": …, "max_rss": …, "exit": …, "error": …}``
(``max_rss`` in bytes, ``null`` where the OS does not tell).

Why a separate small process: on Linux a child's ``ru_maxrss`` survives
``exec`` and starts at its parent's resident size when it is forked. Spawned
straight from the benchmark runner (which holds SQLAlchemy, the dataset, …)
every child would report at least the runner's size. This probe is a bare
interpreter of about 10 MiB, so what it reports is the program's own peak.

Standard library only: it must stay small.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time


def _kill(child: subprocess.Popen[str]) -> None:
    """Kill without reaping (``Popen.kill`` may reap it, and ``os.wait4`` must do that)."""
    if not hasattr(os, "wait4"):
        child.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)


def _reap(child: subprocess.Popen[str]) -> tuple[int, int | None]:
    """Wait for the child: its exit code and peak RSS in bytes (where the OS tells it)."""
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
        return child.returncode, rss
    return child.wait(), None


def probe(argv: list[str], marker: str, timeout: float, exit_timeout: float) -> dict:
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, text=True,
                                 encoding="utf-8", errors="replace")
        seen = threading.Event()
        marked: list[float] = []

        def read() -> None:
            assert child.stdout is not None
            for line in child.stdout:
                if not marked and line.rstrip("\r\n") == marker:
                    marked.append(time.perf_counter())
                    seen.set()
            seen.set()  # end of output: the child is gone

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        finished = seen.wait(timeout)
        killer = threading.Timer(exit_timeout if marked else 0, _kill, (child,))
        killer.start()
        try:
            status, rss = _reap(child)
        finally:
            killer.cancel()
        reader.join(5)
        if child.stdout is not None:
            child.stdout.close()
        error = ""
        if not marked:
            stderr.seek(0)
            tail = stderr.read()[-4000:].decode("utf-8", "replace").strip()
            why = (f"no {marker!r} within {timeout:.0f} s" if not finished
                   else f"exited with {status} before printing {marker!r}")
            lines = [line for line in tail.splitlines() if line.strip()]
            error = f"{why}: {lines[-1] if lines else 'nothing on stderr'}"
    return {"seconds": marked[0] - start if marked else None, "max_rss": rss, "exit": status,
            "error": error}


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") != 3 or len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    marker, timeout, exit_timeout = argv[0], float(argv[1]), float(argv[2])
    print(json.dumps(probe(argv[4:], marker, timeout, exit_timeout)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
