"""Demo data for the competition: a past edition, complete and final, and this year's
edition being scored (some sheets still unfinished, one declared conflict)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from skimlll_desktop.models import EditionStatus, FormalCheck, Gmina, GminaType, Person
from skimlll_desktop.services.competition import (
    add_entry,
    add_juror,
    create_edition,
    edition_info,
    list_entries,
    save_scores,
    set_edition_status,
    set_formal_check,
)
from skimlll_desktop.services.database import Database

ENTRY_TITLES = (
    "Gminne centrum uczenia się dorosłych", "Szkoła otwarta na mieszkańców",
    "Akademia kompetencji cyfrowych seniora", "Zielone kompetencje w naszej gminie",
    "Lokalne partnerstwo na rzecz kształcenia zawodowego", "Biblioteka jako miejsce nauki",
    "Uniwersytet Trzeciego Wieku w każdej wsi", "Doradztwo zawodowe dla całej rodziny",
)


def add_competition_demo(database: Database, rng: random.Random, today: date) -> None:
    with database.transaction() as session:
        by_type: dict[GminaType, list[str]] = {}
        for teryt, gmina_type in session.execute(select(Gmina.teryt, Gmina.type)
                                                 .order_by(Gmina.teryt)):
            by_type.setdefault(gmina_type, []).append(teryt)
        people = list(session.scalars(select(Person.id).order_by(Person.id).limit(400)))
        if session.scalar(select(Gmina.id).limit(1)) is None or len(people) < 6:
            return
    for year, final in ((today.year - 1, True), (today.year, False)):
        if any(e.year == year for e in _editions(database)):
            continue
        create_edition(database, year, deadline=date(year, 9, 30))
        # every category gets entries: 6 urban, 10 rural, 8 urban-rural gminy
        chosen = [teryt for gmina_type, count in ((GminaType.URBAN, 6), (GminaType.RURAL, 10),
                                                  (GminaType.URBAN_RURAL, 8))
                  for teryt in rng.sample(by_type.get(gmina_type, []),
                                          min(count, len(by_type.get(gmina_type, []))))]
        for teryt in chosen:
            entry_id = add_entry(database, year, teryt, rng.choice(ENTRY_TITLES),
                                 date(year, 9, rng.randint(1, 30)) if rng.random() > 0.05
                                 else date(year, 10, 3))
            incomplete = rng.random() < 0.08
            set_formal_check(database, entry_id,
                             FormalCheck.INCOMPLETE if incomplete else FormalCheck.COMPLETE,
                             "brak uchwały rady gminy" if incomplete else "")
        panel = rng.sample(people, 5)
        jurors = [add_juror(database, year, person,
                            conflicts=[chosen[0]] if index == 0 else [])
                  for index, person in enumerate(panel)]
        set_edition_status(database, year, EditionStatus.SCORING)
        criteria = edition_info(database, year).criteria
        entries = [e for e in list_entries(database, year)
                   if e.formal_check is FormalCheck.COMPLETE]
        quality = {e.id: rng.uniform(0.35, 0.95) for e in entries}
        for index, juror in enumerate(jurors):
            unfinished = not final and index >= 3
            points: dict[tuple[int, int], Decimal | None] = {}
            for entry in entries:
                if index == 0 and entry.gmina_teryt == chosen[0]:
                    continue  # declared conflict
                if unfinished and rng.random() < 0.5:
                    continue
                for criterion in criteria:
                    value = quality[entry.id] * criterion.max_points + rng.uniform(-1.5, 1.5)
                    points[(entry.id, criterion.id)] = Decimal(
                        max(0, min(criterion.max_points, round(value))))
            save_scores(database, year, juror, points)
        if final:
            set_edition_status(database, year, EditionStatus.FINAL)


def _editions(database: Database):
    from skimlll_desktop.services.competition import list_editions

    return list_editions(database)
