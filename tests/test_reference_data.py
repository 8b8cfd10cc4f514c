from __future__ import annotations

from sqlalchemy import func, select

from skimlll_desktop.models import Gmina, GminaType, Powiat, PowiatKind
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.reference_data import ensure_reference_data


def test_reference_data_counts_and_szczawa(any_db: Database) -> None:
    counts = ensure_reference_data(any_db)  # a second load: idempotent
    assert (counts.powiaty, counts.gminy) == (22, 183)
    with any_db.transaction() as session:
        szczawa = session.scalar(select(Gmina).where(Gmina.teryt == "1207132"))
        assert szczawa is not None
        assert szczawa.name == "Szczawa" and szczawa.type is GminaType.RURAL
        assert szczawa.powiat.name == "limanowski"
        cities = session.scalars(
            select(Powiat.name).where(Powiat.kind == PowiatKind.CITY).order_by(Powiat.teryt)
        ).all()
        assert cities == ["Kraków", "Nowy Sącz", "Tarnów"]
        gorlice = session.scalars(
            select(Gmina.type).where(Gmina.name == "Gorlice").order_by(Gmina.teryt)).all()
        assert gorlice == [GminaType.URBAN, GminaType.RURAL]
        assert session.scalar(select(func.count()).select_from(Gmina)) == 183
