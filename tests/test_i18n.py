"""Translations: the Polish catalog is complete and compiled; Polish formats and plurals."""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime
from pathlib import Path

from babel.messages.pofile import read_po

from skimlll_desktop.i18n import (
    _,
    format_date,
    format_datetime,
    format_number,
    ngettext,
    set_language,
)

ROOT = Path(__file__).resolve().parent.parent


def _i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_source_string_has_a_polish_translation() -> None:
    script = _i18n_script()
    template = script.extract()
    with script.po_path("pl").open("rb") as file:
        polish = read_po(file, locale="pl")
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = polish.get(message.id, context=message.context)
        if translated is None or translated.fuzzy or not all(
            translated.string if isinstance(translated.string, tuple) else [translated.string]
        ):
            missing.append(message.id)
    assert missing == [], f"untranslated (run make i18n-update, then translate): {missing}"


def test_compiled_catalogs_match_po_files() -> None:
    script = _i18n_script()
    for language in ("pl", "en"):
        assert script.mo_path(language).read_bytes() == script.compiled(language), (
            f"{language}: run make i18n-compile")


def test_polish_is_the_default_and_english_is_available() -> None:
    assert _("People") == "Osoby"
    set_language("en")
    assert _("People") == "People"


def test_polish_dates_and_numbers() -> None:
    assert format_date(date(2026, 11, 23)) == "23 listopada 2026"
    assert format_number(12345) == "12\xa0345"
    # 22:30 UTC in November is 23:30 in Warsaw
    assert "23:30" in format_datetime(datetime(2026, 11, 23, 22, 30, tzinfo=UTC))


def test_polish_plural_forms_from_the_catalog() -> None:
    forms = {n: ngettext("{n} person", "{n} people", n).format(n=n) for n in (1, 2, 5, 22, 112)}
    assert forms == {1: "1 osoba", 2: "2 osoby", 5: "5 osób", 22: "22 osoby", 112: "112 osób"}
