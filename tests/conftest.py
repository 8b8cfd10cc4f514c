"""Shared fixtures: a fresh real database per test, SQLite always, PostgreSQL when available.

PostgreSQL comes from ``SKIMLLL_TEST_PG_URL`` (``scripts/test.sh`` starts a throwaway
server on loopback). In CI its absence is an error; elsewhere the PostgreSQL half
of the data-layer tests is skipped with a visible reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from skimlll_desktop.i18n import set_language
from skimlll_desktop.services.database import Database, open_database
from skimlll_desktop.services.reference_data import ensure_reference_data

PG_URL_VARIABLE = "SKIMLLL_TEST_PG_URL"


@pytest.fixture(autouse=True)
def polish_language() -> Iterator[None]:
    """Every test starts in Polish, the program's default."""
    set_language("pl")
    yield
    set_language("pl")


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never touch the real user's data folder (platformdirs reads XDG_DATA_HOME)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


def _pg_server_url() -> str:
    url = os.environ.get(PG_URL_VARIABLE)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{PG_URL_VARIABLE} is not set in CI: scripts/test.sh should start PostgreSQL")
    pytest.skip(f"no PostgreSQL server ({PG_URL_VARIABLE} unset): PostgreSQL half skipped")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test; dropped afterwards."""
    from sqlalchemy import create_engine, make_url, text

    server = make_url(_pg_server_url())
    name = f"skimlll_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same data-layer test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def any_db(any_db_url: str) -> Iterator[Database]:
    database = open_database(any_db_url)
    ensure_reference_data(database)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "test.db")
    ensure_reference_data(database)
    try:
        yield database
    finally:
        database.dispose()


def run_skimlll(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it: a real process, real files."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "skimlll_desktop", *args],
        capture_output=True, text=True, env=environment, timeout=300, check=False,
    )


@pytest.fixture
def skimlll() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_skimlll
