"""Events (issue 4): check-in search and commit on the large dataset, and a 500-person
attendance list against a bare reportlab table of the same rows."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.fixtures import event_with_attendees, temp_folder
from bench.harness import Benchmark, Context, InProcess


def _busiest_event(path: Path) -> tuple[int, list[int], list[str]]:
    """The event with most registrations: its id, registered people, typed prefixes."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        event_id = connection.execute(
            "SELECT event_id FROM registrations GROUP BY event_id ORDER BY count(*) DESC "
            "LIMIT 1").fetchone()[0]
        people = connection.execute(
            "SELECT p.id, p.search_name FROM registrations r JOIN people p ON p.id = "
            "r.person_id WHERE r.event_id = ? AND r.status IN ('registered', 'invited') "
            "ORDER BY r.id", (event_id,)).fetchall()
    finally:
        connection.close()
    texts = [name[:length] for (_id, name), length in zip(people, itertools.cycle((2, 3, 5, 8)),
                                                          strict=False)]
    return event_id, [person_id for person_id, _name in people], texts[:40]


def _checkin_search(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.checkin import find_for_checkin
    from skimlll_desktop.services.database import open_database

    event_id, _people, texts = _busiest_event(context.large_db())
    database = open_database(context.large_db())
    context.on_close(database.dispose)
    cycle = itertools.cycle(texts)
    return lambda: find_for_checkin(database, event_id, 1, next(cycle))


def _checkin_search_bare(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.checkin import find_for_checkin
    from skimlll_desktop.services.database import open_database

    event_id, _people, texts = _busiest_event(context.large_db())
    database = open_database(context.large_db())
    ids = [[c.person_id for c in find_for_checkin(database, event_id, 1, text)]
           for text in texts]
    database.dispose()
    connection = sqlite3.connect(f"file:{context.large_db()}?mode=ro", uri=True)
    context.on_close(connection.close)
    cycle = itertools.cycle(ids)

    def one() -> object:
        wanted = ",".join(map(str, next(cycle))) or "0"
        return connection.execute(
            "SELECT p.id, p.first_name, p.last_name, r.status FROM people p JOIN registrations "
            f"r ON r.person_id = p.id AND r.event_id = {event_id} WHERE p.id IN ({wanted}) "
            "ORDER BY p.sort_key").fetchall()

    return one


def _copy_of_large(context: Context) -> Path:
    """Check-ins write: they go to a copy, never to the shared dataset."""
    target = temp_folder(context) / "checkin.db"
    source = sqlite3.connect(f"file:{context.large_db()}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    source.backup(destination)
    source.close()
    destination.close()
    return target


def _checkin_commit(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.checkin import check_in
    from skimlll_desktop.services.database import open_database

    path = _copy_of_large(context)
    event_id, people, _texts = _busiest_event(path)
    database = open_database(path)
    context.on_close(database.dispose)
    queue = iter(people)
    return lambda: check_in(database, event_id, next(queue), 1)


def _checkin_commit_bare(context: Context) -> Callable[[], object]:
    path = _copy_of_large(context)
    event_id, people, _texts = _busiest_event(path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    context.on_close(connection.close)
    session_id = connection.execute("SELECT id FROM event_sessions WHERE event_id = ? AND "
                                    "number = 1", (event_id,)).fetchone()[0]
    queue = iter(people)

    def one() -> object:
        person = next(queue)
        now = datetime.now(UTC).replace(tzinfo=None)
        connection.execute("BEGIN")
        registration = connection.execute(
            "SELECT id FROM registrations WHERE event_id = ? AND person_id = ?",
            (event_id, person)).fetchone()[0]
        connection.execute("UPDATE registrations SET status = 'attended', version = version + 1"
                           " WHERE id = ?", (registration,))
        connection.execute(
            "INSERT INTO attendances (registration_id, session_id, checked_in_at, uuid, "
            "created_at, updated_at, version) VALUES (?, ?, ?, lower(hex(randomblob(16))), ?, "
            "?, 1)", (registration, session_id, now, now, now))
        connection.execute("COMMIT")
        return registration

    return one


def _attendance_list(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.attendance_list import (
        AttendanceListOptions,
        build_attendance_list,
    )
    from skimlll_desktop.services.database import open_database

    path, event_id, _uuid = event_with_attendees(context, 500, "list500")
    database = open_database(path)
    context.on_close(database.dispose)
    out = temp_folder(context) / "lista.pdf"
    return lambda: build_attendance_list(database, event_id, out,
                                         AttendanceListOptions(blank_rows=10))


def _attendance_list_bare(context: Context) -> Callable[[], object]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from skimlll_desktop.services.attendance_list import load_listed_event
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.pdf import FONT, register_fonts

    path, event_id, _uuid = event_with_attendees(context, 500, "list500bare")
    database = open_database(path)
    with database.transaction() as session:
        event = load_listed_event(session, event_id)
    database.dispose()
    register_fonts()
    out = str(temp_folder(context) / "bare.pdf")
    # the same cell texts as the program prints (long names wrapped to the column)
    from skimlll_desktop.services.attendance_list import _cell
    from skimlll_desktop.services.pdf import styles

    style = styles()["cell"]
    widths = [10 * mm, 40 * mm, 48 * mm, 34 * mm, 48 * mm]
    rows = [["Lp.", "Imię i nazwisko", "Instytucja", "Gmina / powiat", "Podpis"]] + [
        [str(n), _cell(p.name, widths[1], style), _cell(p.institution, widths[2], style),
         _cell(p.place, widths[3], style), ""] for n, p in enumerate(event.people, 1)
    ] + [[str(n), "", "", "", ""] for n in range(501, 511)]

    def one() -> object:
        document = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8.5),
                                   ("GRID", (0, 0), (-1, -1), 0.5, "#c0c6ce"),
                                   ("TOPPADDING", (0, 1), (-1, -1), 7.5),
                                   ("BOTTOMPADDING", (0, 1), (-1, -1), 7.5)]))
        document.build([table])
        return out

    return one


BENCHMARKS = [
    Benchmark(
        name="check-in search at the door (100,000 people)",
        subject=InProcess("services.checkin.find_for_checkin, typed prefixes of registrants",
                          _checkin_search),
        baseline=InProcess("sqlite3: the same people and their registrations by key",
                           _checkin_search_bare),
        repeats=80, quick_repeats=16, warmup=5,
        note="Target (issue 4): subject p95 under 30 ms.",
    ),
    Benchmark(
        name="check-in commit (SQLite, WAL)",
        subject=InProcess("services.checkin.check_in: one committed transaction (attendance, "
                          "status, audit log)", _checkin_commit),
        baseline=InProcess("sqlite3: UPDATE registration + INSERT attendance + COMMIT",
                           _checkin_commit_bare),
        repeats=40, quick_repeats=10, warmup=3,
        note="Target (issue 4): subject median under 20 ms. Runs on a copy of the dataset.",
    ),
    Benchmark(
        name="attendance list PDF, 500 people",
        subject=InProcess("services.attendance_list.build_attendance_list (header, repeated "
                          "table header, page X of Y, 10 blank rows)", _attendance_list),
        baseline=InProcess("reportlab: SimpleDocTemplate + Table of the same 510 rows (the "
                           "same cell texts, long ones wrapped), same font",
                           _attendance_list_bare),
        repeats=5, quick_repeats=2, warmup=1,
        note="Target (issue 4): within 1.5x of the baseline.",
    ),
]
