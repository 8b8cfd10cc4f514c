"""Translations and Polish formatting: the one place that exports ``_``.

English is the source language; Polish is the default. Catalogs are gettext
``.po`` files in ``resources/locale`` compiled to ``.mo`` (``make i18n-compile``).
Dates, numbers and plurals go through babel with the same locale everywhere:
in the UI, in PDFs and in Excel.
"""

from __future__ import annotations

import gettext
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

DOMAIN = "skimlll"
DEFAULT_LANGUAGE = "pl"
LANGUAGES = {"pl": "Polski", "en": "English"}
LOCAL_TIMEZONE = ZoneInfo("Europe/Warsaw")


class _State:
    language: str | None = None
    translations: gettext.NullTranslations = gettext.NullTranslations()


def _catalog_path(language: str):
    from skimlll_desktop.paths import resource_path

    return resource_path("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")


def set_language(language: str) -> None:
    """Switch the program's language ("pl" or "en"; anything else falls back to Polish)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    translations: gettext.NullTranslations = gettext.NullTranslations()
    if language != "en":
        try:
            with open(_catalog_path(language), "rb") as catalog:
                translations = gettext.GNUTranslations(catalog)
        except OSError:  # a broken installation: English beats a crash
            translations = gettext.NullTranslations()
    _State.language = language
    _State.translations = translations


def current_language() -> str:
    if _State.language is None:
        set_language(DEFAULT_LANGUAGE)
    assert _State.language is not None
    return _State.language


def _translations() -> gettext.NullTranslations:
    current_language()
    return _State.translations


def _(message: str) -> str:
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form for ``n`` by the catalog's own rule (1 / 2-4 / 5+ in Polish)."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_``."""
    return message


def _babel_locale() -> str:
    return "pl_PL" if current_language() == "pl" else "en_GB"


def format_date(value: date, format: str = "long") -> str:
    """``23 listopada 2026`` in Polish (babel ``long``); ``medium``/``short`` also work."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=format, locale=_babel_locale())


def to_local(value: datetime) -> datetime:
    """A stored UTC timestamp as Warsaw time (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TIMEZONE)


def format_datetime(value: datetime, format: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(to_local(value), format=format, locale=_babel_locale())


def format_number(value: int | float | Decimal) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale())
