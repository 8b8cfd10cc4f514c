"""Start-up: the program's window against a bare PySide6 window, as fresh processes.

The program is started as a user starts it (``python -m skimlll_desktop --db
FILE``) with ``SKIMLLL_BENCH_MARK`` set: it prints ``BENCH first-paint`` after
its main window's first paint, or ``BENCH people-list`` once the first page of
the people list (Osoby) is on screen, and quits (see ``skimlll_desktop/app.py``).
The baseline is ``bench/bare_window.py``.
"""

from __future__ import annotations

from bench.harness import BENCH_DIR, Benchmark, ChildProcess, Command, Context

BARE_WINDOW = str(BENCH_DIR / "bare_window.py")


def _app(mark: str, database: str) -> ChildProcess:
    def command(context: Context) -> Command:
        db = context.empty_db() if database == "empty" else context.large_db()
        return Command(
            argv=[context.python, "-m", "skimlll_desktop", "--db", str(db)],
            env=context.child_env(SKIMLLL_BENCH_MARK=mark),
            marker=f"BENCH {mark}",
        )

    return ChildProcess(f"python -m skimlll_desktop --db <{database} database>, "
                        f"SKIMLLL_BENCH_MARK={mark}", command)


def _bare_first_paint(context: Context) -> Command:
    return Command([context.python, BARE_WINDOW], context.child_env(), "BENCH first-paint")


def _bare_people(context: Context) -> Command:
    return Command([context.python, BARE_WINDOW, "--people", str(context.large_db())],
                   context.child_env(), "BENCH people-list")


BENCHMARKS = [
    Benchmark(
        name="start-up to first paint (empty database)",
        subject=_app("first-paint", "empty"),
        baseline=ChildProcess("bench/bare_window.py: QApplication + QMainWindow, shown",
                              _bare_first_paint),
        repeats=7,
    ),
    Benchmark(
        name="start-up to people list (large database)",
        subject=_app("people-list", "large"),
        baseline=ChildProcess(
            "bench/bare_window.py --people: the bare window, then sqlite3 reads the "
            "first 200 people (ORDER BY sort_key, id) and a count into a QTableWidget",
            _bare_people),
        repeats=7,
        note="The warm-up run of the program also makes its daily backup of the dataset "
             "(bench/.data/large-backups/), outside the timed runs.",
    ),
]
