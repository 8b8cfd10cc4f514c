"""Documents (issue 5): 1,000 certificates into one PDF, as fresh processes (for the peak
memory), against a bare reportlab loop drawing the same kind of pages."""

from __future__ import annotations

from bench.fixtures import event_with_attendees, temp_folder
from bench.harness import BENCH_DIR, Benchmark, ChildProcess, Command, Context

PAGES = 1000


def _program(context: Context) -> Command:
    path, event_id, _uuid = event_with_attendees(context, PAGES, "certificates")
    out = temp_folder(context) / "certificates.pdf"
    return Command([context.python, str(BENCH_DIR / "certificates_child.py"), str(path),
                    str(event_id), str(out)], context.child_env(), "BENCH certificates")


def _bare(context: Context) -> Command:
    out = temp_folder(context) / "bare.pdf"
    return Command([context.python, str(BENCH_DIR / "bare_certificates.py"), str(out),
                    str(PAGES)], context.child_env(), "BENCH certificates")


BENCHMARKS = [
    Benchmark(
        name="1,000 certificates into one PDF",
        subject=ChildProcess("services.certificates.issue_documents for an event's 1,000 "
                             "attendees: numbers, register rows, QR codes, one PDF",
                             _program, timeout=600),
        baseline=ChildProcess("bench/bare_certificates.py: reportlab canvas loop, same fonts, "
                              "texts and QR path", _bare, timeout=600),
        repeats=3, quick_repeats=1, warmup=1,
        note="Target (issue 5): within 1.5x of the baseline, peak memory under 400 MB. Both "
             "include starting Python; the subject also opens the database.",
    ),
]
