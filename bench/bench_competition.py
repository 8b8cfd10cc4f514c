"""The competition ranking (issue 6): 183 entries × 12 jurors × 10 criteria."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from bench.harness import Benchmark, Context, InProcess

ENTRIES, JURORS, CRITERIA = 183, 12, 10


def _data() -> tuple[list, list, list[int], list, list]:
    from skimlll_desktop.services.ranking import CriterionSpec, EntrySpec, ScoreSpec

    rng = random.Random(183)
    criteria = [CriterionSpec(c, f"Kryterium {c}", Decimal(rng.choice(["1", "1.5", "2", "3"])),
                              10, c) for c in range(CRITERIA)]
    entries = [EntrySpec(e, f"12{e:05d}", f"Gmina {e}", ("miejska", "wiejska",
                                                           "miejsko-wiejska")[e % 3])
               for e in range(ENTRIES)]
    jurors = list(range(JURORS))
    scores = [ScoreSpec(j, e.id, c.id, Decimal(rng.randint(0, 20)) / 2)
              for j in jurors for e in entries for c in criteria if rng.random() > 0.02]
    conflicts = [(j, rng.randrange(ENTRIES)) for j in jurors]
    return criteria, entries, jurors, scores, conflicts


def _ranking(_context: Context) -> Callable[[], object]:
    from skimlll_desktop.services.ranking import rank

    criteria, entries, jurors, scores, conflicts = _data()
    return lambda: rank(criteria, entries, jurors, scores, conflicts)


def _bare(_context: Context) -> Callable[[], object]:
    """Plain float sums and means per entry, sorted: the least a ranking could do."""
    criteria, _entries, _jurors, scores, _conflicts = _data()
    weights = {c.id: float(c.weight) for c in criteria}
    triples = [(s.juror_id, s.entry_id, weights[s.criterion_id] * float(s.points))
               for s in scores]

    def once() -> object:
        totals: dict[tuple[int, int], float] = {}
        for juror, entry, value in triples:
            totals[(juror, entry)] = totals.get((juror, entry), 0.0) + value
        means: dict[int, list[float]] = {}
        for (_juror, entry), total in totals.items():
            means.setdefault(entry, []).append(total)
        return sorted(((sum(v) / len(v), e) for e, v in means.items()), reverse=True)

    return once


BENCHMARKS = [
    Benchmark(
        name="ranking of 183 entries × 12 jurors × 10 criteria",
        subject=InProcess("services.ranking.rank: exact decimals, completeness per juror, "
                          "conflicts, tie-breaks, spread and outliers", _ranking),
        baseline=InProcess("plain float weighted sums, means and a sort", _bare),
        repeats=15, quick_repeats=5, warmup=2,
        note="Target (issue 6): subject under 200 ms.",
    ),
]
