"""The people list (Osoby): its first page and count, in process, on the large dataset."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from bench.harness import Benchmark, Context, InProcess

BARE_SQL = (
    "SELECT id, uuid, last_name, first_name, email, gmina_teryt FROM people "
    "ORDER BY sort_key, id LIMIT 200"
)


def _service(context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.people import PeopleQuery, count_people, list_people

    database = open_database(context.large_db())
    context.on_close(database.dispose)
    query = PeopleQuery()

    def first_page() -> object:
        return count_people(database, query), list_people(database, query, 0, 200)

    return first_page


def _bare(context: Context) -> Callable[[], object]:
    connection = sqlite3.connect(f"file:{context.large_db()}?mode=ro", uri=True)
    context.on_close(connection.close)

    def first_page() -> object:
        count = connection.execute("SELECT count(*) FROM people").fetchone()[0]
        return count, connection.execute(BARE_SQL).fetchall()

    return first_page


BENCHMARKS = [
    Benchmark(
        name="people list first page (large database)",
        subject=InProcess("services.people: count_people + list_people(PeopleQuery(), 0, 200)",
                          _service),
        baseline=InProcess(f"sqlite3: SELECT count(*) FROM people; {BARE_SQL}", _bare),
        repeats=30,
        quick_repeats=5,
        warmup=2,
        note="The subject also looks up each shown person's primary organisation and gmina, "
             "leaves out erased people (RODO) and builds PersonRow objects.",
    ),
]
