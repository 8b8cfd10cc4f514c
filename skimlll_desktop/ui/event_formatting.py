"""How events and registrations look on screen: date ranges, check-in times, status colours.

Shared by the events list, the registrations panel, the attendance grid and the
check-in screen, so a status has one colour and a date range one form everywhere.
Nothing here imports the database stack (the main window paints before it loads).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from skimlll_desktop.i18n import _, format_date, to_local
from skimlll_desktop.ui.theme import is_dark

# RegistrationStatus values → (light palette, dark palette) colours.
_STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "invited": ("#7a7f87", "#a4a9b1"),
    "registered": ("#1f5aa6", "#7fb0ff"),
    "waiting": ("#b26a00", "#f0b050"),
    "attended": ("#1e7d32", "#6fcf7c"),
    "walk_in": ("#00796b", "#5fd0c0"),
    "absent": ("#b3261e", "#ff8a80"),
    "cancelled": ("#9aa0a6", "#7d828a"),
}

# EventStatus values → colours of the events list.
_EVENT_STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "planned": ("#7a7f87", "#a4a9b1"),
    "open": ("#1f5aa6", "#7fb0ff"),
    "held": ("#1e7d32", "#6fcf7c"),
    "cancelled": ("#b3261e", "#ff8a80"),
}


def date_range_text(starts_on: date, ends_on: date) -> str:
    """``13 stycznia 2026``, ``21–22 maja 2026``, ``30 września – 1 października 2026``."""
    if starts_on == ends_on or ends_on < starts_on:
        return format_date(starts_on)
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return f"{starts_on.day}–{format_date(ends_on)}"
    if starts_on.year == ends_on.year:
        return f"{format_date(starts_on, 'd MMMM')} – {format_date(ends_on)}"
    return f"{format_date(starts_on)} – {format_date(ends_on)}"


def session_label(number: int, day: date, title: str = "", *, sessions: int = 2) -> str:
    """``dzień 1 — 12 maja 2026: Otwarcie``; just the date when the event has one session."""
    when = format_date(day)
    text = when if sessions <= 1 else _("day {n} — {date}").format(n=number, date=when)
    return f"{text}: {title}" if title else text


def time_text(moment: datetime) -> str:
    """A stored UTC moment as the clock in Kraków shows it: ``9:41``."""
    local = to_local(moment)
    return f"{local.hour}:{local.minute:02d}"


def _pick(colours: dict[str, tuple[str, str]], value: Any) -> QColor:
    key = str(getattr(value, "value", value))
    light, dark = colours.get(key, ("#7a7f87", "#a4a9b1"))
    return QColor(dark if is_dark() else light)


def registration_status_color(status: Any) -> QColor:
    """The colour of a registration status (a ``RegistrationStatus`` or its value)."""
    return _pick(_STATUS_COLOURS, status)


def event_status_color(status: Any) -> QColor:
    return _pick(_EVENT_STATUS_COLOURS, status)


@cache
def _dot(colour: str, size: int) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(2, 2, size - 4, size - 4)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def status_dot(colour: QColor, size: int = 12) -> QIcon:
    """A small filled circle in ``colour``: the status is told by the text, the dot helps scan."""
    return _dot(colour.name(), size)
