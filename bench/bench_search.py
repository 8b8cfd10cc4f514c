"""Search as users type it (issue 3): prefixes, folded Polish, on 100,000 people and
20,000 organisations, against two bare baselines measured in the same run:

- the same indexed SQL statements the search sends, replayed through the bare ``sqlite3``
  module (what the database itself must do for these rows: the issue's target);
- the result rows fetched by primary key (what any search must at least read).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable

from bench.harness import Benchmark, Context, InProcess

QUERIES = ["k", "kow", "nowak", "anna kow", "lacko", "szkola", "zespol szkol", "wisniewska",
           "gmina", "krakow", "jan n", "zolk", "urzad", "fundacja", "bach", "sp z o"]


def _database(context: Context):
    from skimlll_desktop.services.database import open_database

    database = open_database(context.large_db())
    context.on_close(database.dispose)
    return database


def _bare_connection(context: Context) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{context.large_db()}?mode=ro", uri=True)
    context.on_close(connection.close)
    return connection


def _search(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.search import search_records

    database = _database(context)
    queries = itertools.cycle(QUERIES)

    def one() -> object:
        with database.transaction() as session:
            return search_records(session, next(queries), limit=50)

    return one


def _same_statements(context: Context) -> Callable[[], object]:
    """Each typed text's SQL statements (as the search sends them), replayed bare."""
    from sqlalchemy import event

    from skimlll_desktop.services.search import search_records

    database = _database(context)
    sent: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, tuple(parameters)))

    per_query: list[list[tuple[str, tuple]]] = []
    event.listen(database.engine, "before_cursor_execute", record)
    try:
        for query in QUERIES:
            sent.clear()
            with database.transaction() as session:
                search_records(session, query, limit=50)
            per_query.append([(s, p) for s, p in sent if s.lstrip().upper().startswith("SELECT")])
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    connection = _bare_connection(context)
    cycle = itertools.cycle(per_query)

    def one() -> object:
        return [connection.execute(statement, parameters).fetchall()
                for statement, parameters in next(cycle)]

    return one


def _by_key(context: Context) -> Callable[[], object]:
    """The same rows fetched by their keys: what any search must at least read."""
    from skimlll_desktop.services.search import search_records

    database = _database(context)
    found: list[tuple[list[int], list[int]]] = []
    with database.transaction() as session:
        for query in QUERIES:
            hits = search_records(session, query, limit=50)
            found.append(([h.id for h in hits if h.kind == "person"],
                          [h.id for h in hits if h.kind == "organization"]))
    connection = _bare_connection(context)
    cycle = itertools.cycle(found)

    def one() -> object:
        people, organizations = next(cycle)
        rows = connection.execute(
            f"SELECT id, uuid, first_name, last_name, email, sort_key FROM people WHERE id IN "
            f"({','.join(map(str, people)) or '0'}) ORDER BY sort_key").fetchall()
        rows += connection.execute(
            f"SELECT id, uuid, name, city, sort_key FROM organizations WHERE id IN "
            f"({','.join(map(str, organizations)) or '0'}) ORDER BY sort_key").fetchall()
        return rows

    return one


_SUBJECT = InProcess("services.search.search_records(text, limit=50), one query per run, "
                     f"cycling through {len(QUERIES)} typed texts", _search)

BENCHMARKS = [
    Benchmark(
        name="search as you type (100,000 people, 20,000 organisations)",
        subject=_SUBJECT,
        baseline=InProcess("sqlite3: the same indexed SQL statements (folded-name range, "
                           "word-index range scans) replayed with their parameters",
                           _same_statements),
        repeats=96, quick_repeats=16, warmup=len(QUERIES),
        note="Target (issue 3): subject p95 under 30 ms and within 3x of the baseline.",
    ),
    Benchmark(
        name="search as you type, against fetching its result rows by key",
        subject=_SUBJECT,
        baseline=InProcess("sqlite3: the same result rows fetched by primary key", _by_key),
        repeats=48, quick_repeats=16, warmup=len(QUERIES),
        note="For scale: the least any search could read for the same rows.",
    ),
]
