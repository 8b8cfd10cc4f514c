"""The command line, run as a user runs it: a real process and real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_init_demo_info(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    init = skimlll("--db", db, "init")
    assert init.returncode == 0, init.stderr
    assert "183" in init.stdout
    demo = skimlll("--db", db, "demo", "--size", "small")
    assert demo.returncode == 0, demo.stderr
    info = skimlll("--db", db, "info")
    assert info.returncode == 0, info.stderr
    assert "Osoby:" in info.stdout and "Gminy:" in info.stdout
    counts = json.loads(skimlll("--db", db, "info", "--json").stdout)["counts"]
    assert counts["gminy"] == 183 and counts["powiaty"] == 22
    assert counts["people"] > 100 and counts["events"] > 10 and counts["registrations"] > 100


def test_backup_and_restore_commands(tmp_path: Path, skimlll) -> None:
    db = str(tmp_path / "x.db")
    assert skimlll("--db", db, "init").returncode == 0
    backup = skimlll("--db", db, "backup", str(tmp_path / "b.db"))
    assert backup.returncode == 0 and (tmp_path / "b.db").exists()
    restore = skimlll("--db", db, "restore", str(tmp_path / "b.db"))
    assert restore.returncode == 0, restore.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("nonsense-command",),
        ("demo", "--size", "enormous"),
        ("backup",),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: tuple[str, ...], skimlll) -> None:
    result = skimlll("--db", str(tmp_path / "x.db"), *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"garbage" * 100, b"SQLite format 3\x00" + b"\x00" * 50])
def test_unreadable_database_exits_2_unchanged(tmp_path: Path, content: bytes, skimlll) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    result = skimlll("--db", str(path), "info")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_backup_of_server_database_is_explained(skimlll) -> None:
    result = skimlll("--db", "postgresql+psycopg://u@127.0.0.1:9/x", "backup", "out.db")
    assert result.returncode == 2
    assert "pg_dump" in result.stderr


def test_english_messages_on_request(tmp_path: Path, skimlll) -> None:
    result = skimlll("--lang", "en", "--db", str(tmp_path / "x.db"), "info")
    assert result.returncode == 0
    assert "People:" in result.stdout
