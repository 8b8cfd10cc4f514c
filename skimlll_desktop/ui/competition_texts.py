"""Words, numbers and looks of the competition screens: statuses, formal checks, points
in Polish, the colours of problems and ties, tables with air between their columns.

Statuses are the values of the models' enums, repeated as strings so that the
pages can be imported before the database stack is (first paint).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from skimlll_desktop.i18n import N_, _, current_language
from skimlll_desktop.ui.theme import is_dark

DRAFT, OPEN, SCORING, FINAL = "draft", "open", "scoring", "final"
STATUS_TEXTS = {
    DRAFT: N_("draft"),
    OPEN: N_("call for entries open"),
    SCORING: N_("jury scoring"),
    FINAL: N_("final — locked"),
}
# status → (the next status, the button that moves there)
NEXT_STEP = {
    DRAFT: (OPEN, N_("Open the call for entries")),
    OPEN: (SCORING, N_("Start the jury's scoring")),
    SCORING: (FINAL, N_("Approve the results…")),
}

PENDING, COMPLETE, INCOMPLETE = "pending", "complete", "incomplete"
FORMAL_TEXTS = {PENDING: N_("not checked"), COMPLETE: N_("complete"),
                INCOMPLETE: N_("incomplete")}

CONFLICT_TEXT = N_("conflict of interest")
TIE_TEXT = N_("tie — for the jury to decide")


def _locale() -> str:
    return "pl_PL" if current_language() == "pl" else "en_GB"


def points_text(value: Decimal | None, places: int = 2) -> str:
    """``12,30`` (always ``places`` decimals, Polish separators); ``—`` for no value."""
    if value is None:
        return "—"
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=_locale())


def plain_points_text(value: Decimal | None) -> str:
    """A score as a juror typed it: ``7``, ``7,5`` (no trailing zeros)."""
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=_locale())


def status_text(status: str) -> str:
    return _(STATUS_TEXTS.get(str(status), str(status)))


def formal_text(check: str, note: str = "") -> str:
    text = _(FORMAL_TEXTS.get(str(check), str(check)))
    return f"{text}: {note}" if note and str(check) == INCOMPLETE else text


def conflict_text(code: str, gminy: Mapping[str, str], powiaty: Mapping[str, str]) -> str:
    """A declared conflict: the gmina's name, or the whole powiat."""
    if len(code) == 4:
        return _("powiat {name} (whole)").format(name=powiaty.get(code, code))
    return gminy.get(code, code)


def warning_color() -> QColor:
    """Red text for late entries and bad cells, readable on light and dark palettes."""
    return QColor("#ff8a80" if is_dark() else "#b3261e")


def tinted(color: str, amount: float) -> QColor:
    """``color`` mixed into the palette's base colour (cell backgrounds)."""
    from PySide6.QtGui import QGuiApplication, QPalette

    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    target = QColor(color)
    if is_dark():
        amount = min(1.0, amount * 1.8)
    return QColor(round(base.red() + (target.red() - base.red()) * amount),
                  round(base.green() + (target.green() - base.green()) * amount),
                  round(base.blue() + (target.blue() - base.blue()) * amount))


def error_background() -> QColor:
    return tinted("#e5484d", 0.22)


def tie_background() -> QColor:
    return tinted("#f5a524", 0.24)


def conflict_background() -> QColor:
    return tinted("#8a8f98", 0.16)


def pad_columns(table: QTableView, stretch: int, padding: int = 20, widest: int = 360) -> None:
    """Columns as wide as their content plus air (Qt's fit leaves none); ``stretch`` fills."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        if column != stretch:
            table.setColumnWidth(column, min(table.columnWidth(column) + padding, widest))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
