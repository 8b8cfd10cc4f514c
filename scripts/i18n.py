"""Gettext catalogs: ``extract`` the English source strings into a template,
``update`` each language's ``.po`` from it, ``compile`` the ``.po`` files to ``.mo``.

Configuration lives in ``[tool.babel]`` of pyproject.toml. Compiled ``.mo`` files
are committed, so the program runs without a build step; a test checks that
they match the ``.po`` files.
"""

from __future__ import annotations

import sys
import tomllib
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]
DOMAIN: str = CONFIG["domain"]
LOCALE_DIR = ROOT / CONFIG["locale_dir"]
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    catalog = Catalog(project="SKiMLLL Desktop", domain=DOMAIN, charset="utf-8")
    method_map = [(m["pattern"], m["method"]) for m in CONFIG["mappings"]]
    for source in CONFIG["sources"]:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / source, method_map=method_map, comment_tags=("TRANSLATORS:",)
        ):
            path = f"{source}/{filename}"
            catalog.add(message, locations=[(path, lineno)], auto_comments=comments,
                        context=context)
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, sort_output=True)
    return catalog


def update() -> None:
    template = extract()
    for language in CONFIG["languages"]:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as file:
                catalog = read_po(file, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="SKiMLLL Desktop")
        catalog.fuzzy = False
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=100, sort_output=True, ignore_obsolete=True)


def compiled(language: str) -> bytes:
    """The ``.mo`` bytes for a language's current ``.po``."""
    with po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in CONFIG["languages"]:
        mo_path(language).write_bytes(compiled(language))


def main(argv: list[str]) -> int:
    actions = {"extract": extract, "update": update, "compile": compile_all}
    if len(argv) != 1 or argv[0] not in actions:
        print("usage: python scripts/i18n.py extract|update|compile", file=sys.stderr)
        return 2
    actions[argv[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
