"""Settings kept in the database: what printed documents need (institution, project, images)."""

from __future__ import annotations

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from skimlll_desktop.models.base import Record


class Setting(Record):
    """One named setting; text in ``value``, images (logo, funding bar) in ``blob``."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")
    blob: Mapped[bytes | None] = mapped_column(LargeBinary)
