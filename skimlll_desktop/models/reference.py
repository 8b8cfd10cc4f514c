"""TERYT reference data: the powiaty and gminy of Małopolska (voivodeship 12)."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skimlll_desktop.models.base import Record, str_enum


class PowiatKind(enum.StrEnum):
    POWIAT = "powiat"
    CITY = "miasto na prawach powiatu"


class GminaType(enum.StrEnum):
    URBAN = "1"  # gmina miejska
    RURAL = "2"  # gmina wiejska
    URBAN_RURAL = "3"  # gmina miejsko-wiejska


class Powiat(Record):
    __tablename__ = "powiaty"

    teryt: Mapped[str] = mapped_column(String(4), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[PowiatKind] = mapped_column(str_enum(PowiatKind, 40))
    # Polish alphabetical order of the name (services.polish_text.sort_key)
    sort_key: Mapped[str] = mapped_column(String(200), default="")

    gminy: Mapped[list[Gmina]] = relationship(back_populates="powiat")


class Gmina(Record):
    __tablename__ = "gminy"

    teryt: Mapped[str] = mapped_column(String(7), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    type: Mapped[GminaType] = mapped_column(str_enum(GminaType, 1))
    # Polish alphabetical order of the name (services.polish_text.sort_key)
    sort_key: Mapped[str] = mapped_column(String(200), default="")
    powiat_teryt: Mapped[str] = mapped_column(ForeignKey("powiaty.teryt"), index=True)

    powiat: Mapped[Powiat] = relationship(back_populates="gminy")
