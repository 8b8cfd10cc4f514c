"""Competition data for the GUI tests, set up through the services on the test's database.

Two urban gminy (Kraków, Gorlice) that one juror ranks one way and the other
the other way, so that leaving a juror out swaps them; two rural gminy (Łącko,
Szczawa) with equal scores from everyone: a tie. Juror Bogdan declared a
conflict with the whole powiat nowosądecki, so Łącko is not his to score.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from skimlll_desktop.models import EditionStatus, Person
from skimlll_desktop.services.competition import (
    add_entry,
    add_juror,
    create_edition,
    edition_info,
    save_scores,
    set_edition_status,
)
from skimlll_desktop.services.database import Database

YEAR = 2026
KRAKOW, GORLICE, LACKO, SZCZAWA = "1261011", "1205011", "1210092", "1207132"
NOWOSADECKI = "1210"


def people(database: Database, *names: tuple[str, str]) -> list[int]:
    with database.transaction() as session:
        records = [Person(first_name=first, last_name=last) for first, last in names]
        session.add_all(records)
        session.flush()
        return [person.id for person in records]


def edition(database: Database, *, status: EditionStatus = EditionStatus.SCORING,
            late: str | None = KRAKOW) -> dict[str, object]:
    """The 2026 edition with four entries and two jurors; returns the ids by name."""
    create_edition(database, YEAR, deadline=date(YEAR, 9, 30))
    entries = {teryt: add_entry(database, YEAR, teryt, f"Zgłoszenie {teryt}",
                                date(YEAR, 10, 3) if teryt == late else date(YEAR, 9, 1))
               for teryt in (KRAKOW, GORLICE, LACKO, SZCZAWA)}
    anna, bogdan = people(database, ("Anna", "Jurorska"), ("Bogdan", "Sędzia"))
    jurors = {"anna": add_juror(database, YEAR, anna),
              "bogdan": add_juror(database, YEAR, bogdan, conflicts=[NOWOSADECKI])}
    if status is not EditionStatus.DRAFT:
        set_edition_status(database, YEAR, status)
    return {"entries": entries, "jurors": jurors,
            "criteria": [c.id for c in edition_info(database, YEAR).criteria]}


def score_everything(database: Database, data: dict[str, object]) -> None:
    """Anna: Kraków 9, Gorlice 5; Bogdan: Kraków 4, Gorlice 10; everyone 7 for the rural two.

    Means: Gorlice 75,00 before Kraków 65,00; without Bogdan Kraków 90,00 leads.
    Łącko and Szczawa: 70,00 each (Bogdan may not score Łącko, so he skips Szczawa too).
    """
    entries: dict[str, int] = data["entries"]  # type: ignore[assignment]
    jurors: dict[str, int] = data["jurors"]  # type: ignore[assignment]
    criteria: list[int] = data["criteria"]  # type: ignore[assignment]
    given = {"anna": {KRAKOW: 9, GORLICE: 5, LACKO: 7, SZCZAWA: 7},
             "bogdan": {KRAKOW: 4, GORLICE: 10}}
    for juror, points in given.items():
        save_scores(database, YEAR, jurors[juror], {
            (entries[teryt], criterion): Decimal(value)
            for teryt, value in points.items() for criterion in criteria})
