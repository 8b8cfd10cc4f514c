"""Where the program finds its shipped resources and keeps the user's data.

Installed from a wheel, ``resources/`` lives inside the package
(``skimlll_desktop/resources``); in a source checkout it is the top-level
``resources/`` folder next to the package. Both are read through
:mod:`importlib.resources` so the code never guesses a path.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from skimlll_desktop import APP_ID

_CHECKOUT_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resources_root() -> Traversable:
    """The shipped ``resources`` folder, installed or in a checkout."""
    packaged = resources.files("skimlll_desktop") / "resources"
    if packaged.is_dir():
        return packaged
    return _CHECKOUT_RESOURCES


def resource_path(*parts: str) -> Path:
    """A real file-system path to a shipped resource (fonts and Qt need paths)."""
    node = resources_root()
    for part in parts:
        node = node / part
    return Path(str(node))


def user_data_dir() -> Path:
    """The platform's per-user data folder for the program (created on demand)."""
    from platformdirs import user_data_path

    path = user_data_path(APP_ID, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "skimlll.db"
