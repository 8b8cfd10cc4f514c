"""The competition ranking, in exact decimal arithmetic. No Qt, no database: plain data in.

The rules, as the jury's protocol states them:

* A juror's total for an entry is the sum over criteria of points × weight.
  Only a juror who scored every criterion of the entry counts for it; missing
  scores are shown, never taken as zero. Conflicted juror–entry pairs are left
  out.
* An entry's score is the mean of the counting jurors' totals, rounded half up
  to two decimals; the ranking compares these published scores.
* Ties are broken, in order, by (1) the higher mean on the criterion with the
  highest weight (the first such criterion if several share the weight), then
  (2) more first places among jurors (a juror's first place: the entry with
  their highest total in the category). Entries still equal share the rank and
  are marked as a tie for the jury to decide.
* Spread is the difference between the highest and lowest juror total; a juror
  is an outlier for an entry when their total is further from the median than
  20% of the highest possible total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

TWO_PLACES = Decimal("0.01")
OUTLIER_SHARE = Decimal("0.20")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    name: str
    weight: Decimal
    max_points: int
    position: int = 0


@dataclass(frozen=True)
class EntrySpec:
    id: int
    gmina_teryt: str
    gmina: str
    category: str
    sort_key: str = ""


@dataclass(frozen=True)
class ScoreSpec:
    juror_id: int
    entry_id: int
    criterion_id: int
    points: Decimal


@dataclass(frozen=True)
class RankedEntry:
    rank: int
    entry_id: int
    gmina_teryt: str
    gmina: str
    category: str
    score: Decimal | None  # None: no juror scored it completely
    jurors_scored: int
    jurors_missing: tuple[int, ...]  # jurors who should have scored it and did not finish
    jurors_conflicted: tuple[int, ...]
    juror_totals: dict[int, Decimal] = field(default_factory=dict)
    top_criterion_mean: Decimal | None = None
    first_places: int = 0
    spread: Decimal | None = None
    outliers: tuple[int, ...] = ()
    tie: bool = False


def round_score(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / Decimal(len(values))


def rank(
    criteria: Sequence[CriterionSpec],
    entries: Sequence[EntrySpec],
    jurors: Sequence[int],
    scores: Iterable[ScoreSpec],
    conflicts: Iterable[tuple[int, int]] = (),
    exclude_jurors: Iterable[int] = (),
) -> dict[str, list[RankedEntry]]:
    """Category name → entries in ranking order (``exclude_jurors`` for a what-if view)."""
    excluded = set(exclude_jurors)
    panel = [j for j in jurors if j not in excluded]
    conflicted = set(conflicts)
    points: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for score in scores:
        if score.juror_id in excluded:
            continue
        points[(score.juror_id, score.entry_id)][score.criterion_id] = Decimal(score.points)
    criterion_ids = [c.id for c in criteria]
    top = max(criteria, key=lambda c: (c.weight, -c.position), default=None)
    max_total = sum((Decimal(c.max_points) * c.weight for c in criteria), Decimal(0))

    totals: dict[int, dict[int, Decimal]] = {}
    missing: dict[int, list[int]] = {}
    for entry in entries:
        totals[entry.id] = {}
        missing[entry.id] = []
        for juror in panel:
            if (juror, entry.id) in conflicted:
                continue
            given = points.get((juror, entry.id), {})
            if criteria and all(c in given for c in criterion_ids):
                totals[entry.id][juror] = sum(
                    (given[c.id] * c.weight for c in criteria), Decimal(0))
            else:
                missing[entry.id].append(juror)

    first_places: dict[int, int] = defaultdict(int)
    by_category: dict[str, list[EntrySpec]] = defaultdict(list)
    for entry in entries:
        by_category[entry.category].append(entry)
    for members in by_category.values():
        for juror in panel:
            mine = {e.id: totals[e.id][juror] for e in members if juror in totals[e.id]}
            if mine:
                best = max(mine.values())
                for entry_id, total in mine.items():
                    if total == best:
                        first_places[entry_id] += 1

    result: dict[str, list[RankedEntry]] = {}
    for category, members in by_category.items():
        ranked = []
        for entry in members:
            juror_totals = totals[entry.id]
            score = round_score(_mean(list(juror_totals.values()))) if juror_totals else None
            top_mean = None
            if top is not None and juror_totals:
                top_mean = _mean([points[(j, entry.id)][top.id] for j in juror_totals])
            spread = None
            outliers: tuple[int, ...] = ()
            if juror_totals:
                values = list(juror_totals.values())
                spread = round_score(max(values) - min(values))
                middle = Decimal(median(values))
                outliers = tuple(j for j, t in juror_totals.items()
                                 if abs(t - middle) > OUTLIER_SHARE * max_total)
            ranked.append(RankedEntry(
                0, entry.id, entry.gmina_teryt, entry.gmina, category, score,
                len(juror_totals), tuple(missing[entry.id]),
                tuple(j for j in panel if (j, entry.id) in conflicted), dict(juror_totals),
                top_mean, first_places[entry.id], spread, outliers))

        def key(item: RankedEntry) -> tuple:
            return (item.score is None, -(item.score or 0), -(item.top_criterion_mean or 0),
                    -item.first_places)

        sort_keys = {e.id: e.sort_key or e.gmina for e in members}
        ranked.sort(key=lambda item: (key(item), sort_keys[item.entry_id]))
        final: list[RankedEntry] = []
        for index, item in enumerate(ranked):
            same_as_previous = index > 0 and key(ranked[index - 1]) == key(item)
            same_as_next = index + 1 < len(ranked) and key(ranked[index + 1]) == key(item)
            position = final[-1].rank if same_as_previous else index + 1
            tie = item.score is not None and (same_as_previous or same_as_next)
            final.append(RankedEntry(**{**item.__dict__, "rank": position, "tie": tie}))
        result[category] = final
    return result
