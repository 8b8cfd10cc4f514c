"""Alembic, driven from code: the migration scripts live inside the package."""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

SCRIPT_LOCATION = "skimlll_desktop:migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


@cache
def _script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script_directory().get_current_head()
    assert head is not None
    return head


def first_revision() -> str:
    base = _script_directory().get_base()
    assert base is not None
    return base


def is_known_revision(revision: str) -> bool:
    try:
        return _script_directory().get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Apply migrations in one transaction on the given engine."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
