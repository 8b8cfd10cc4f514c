"""Search as users type it (issue 3): prefixes, folded Polish, on 100,000 people and
20,000 organisations, against a bare indexed query fetching the same rows."""

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


def _search(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.search import search_records

    database = _database(context)
    queries = itertools.cycle(QUERIES)

    def one() -> object:
        with database.transaction() as session:
            return search_records(session, next(queries), limit=50)

    return one


def _bare(context: Context) -> Callable[[], object]:
    """The same rows fetched by their keys: what any search must at least read."""
    from skimlll_desktop.services.search import search_records

    database = _database(context)
    found: list[tuple[list[int], list[int]]] = []
    with database.transaction() as session:
        for query in QUERIES:
            hits = search_records(session, query, limit=50)
            found.append(([h.id for h in hits if h.kind == "person"],
                          [h.id for h in hits if h.kind == "organization"]))
    connection = sqlite3.connect(f"file:{context.large_db()}?mode=ro", uri=True)
    context.on_close(connection.close)
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


BENCHMARKS = [
    Benchmark(
        name="search as you type (100,000 people, 20,000 organisations)",
        subject=InProcess("services.search.search_records(text, limit=50), one query per run, "
                          f"cycling through {len(QUERIES)} typed texts", _search),
        baseline=InProcess("sqlite3: the same result rows fetched by primary key", _bare),
        repeats=96, quick_repeats=16, warmup=len(QUERIES),
        note="Target (issue 3): subject p95 under 30 ms and within 3x of the baseline.",
    ),
]
