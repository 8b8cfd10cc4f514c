"""Loading the TERYT gminy and powiaty of Małopolska shipped in ``resources/data``."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skimlll_desktop.models import Gmina, GminaType, Powiat, PowiatKind
from skimlll_desktop.paths import resource_path
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.polish_text import sort_key


@dataclass(frozen=True)
class ReferenceCounts:
    powiaty: int
    gminy: int


def _rows(name: str) -> list[dict[str, str]]:
    with resource_path("data", name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load_reference_data(session: Session) -> ReferenceCounts:
    """Insert or update every powiat and gmina by TERYT code; running it twice changes nothing."""
    session.info["audit"] = False
    powiaty = {p.teryt: p for p in session.scalars(select(Powiat))}
    for row in _rows("powiaty_malopolskie.csv"):
        powiat = powiaty.get(row["powiat_teryt"]) or Powiat(teryt=row["powiat_teryt"])
        powiat.name = row["powiat_name"]
        powiat.sort_key = sort_key(powiat.name)
        powiat.kind = PowiatKind(row["kind"])
        session.add(powiat)
    session.flush()
    gminy = {g.teryt: g for g in session.scalars(select(Gmina))}
    for row in _rows("gminy_malopolskie.csv"):
        gmina = gminy.get(row["teryt"]) or Gmina(teryt=row["teryt"])
        gmina.name = row["gmina_name"]
        gmina.sort_key = sort_key(gmina.name)
        gmina.type = GminaType(row["gmina_type"])
        gmina.powiat_teryt = row["powiat_teryt"]
        session.add(gmina)
    session.flush()
    return ReferenceCounts(
        powiaty=session.scalar(select(func.count()).select_from(Powiat)) or 0,
        gminy=session.scalar(select(func.count()).select_from(Gmina)) or 0,
    )


def ensure_reference_data(database: Database) -> ReferenceCounts:
    with database.transaction() as session:
        return load_reference_data(session)
