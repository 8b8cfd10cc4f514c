"""The ranking on hand-computed cases."""

from __future__ import annotations

from decimal import Decimal as D

from skimlll_desktop.services.ranking import CriterionSpec, EntrySpec, ScoreSpec, rank

CRITERIA = [CriterionSpec(1, "Innowacyjność", D("2"), 10, 0),
            CriterionSpec(2, "Zasięg", D("1"), 10, 1)]


def _entries(*names: str, category: str = "wiejska") -> list[EntrySpec]:
    return [EntrySpec(i, f"12{i:05d}", name, category) for i, name in enumerate(names, start=1)]


def _scores(table: dict[tuple[int, int], tuple[str, str]]) -> list[ScoreSpec]:
    """(juror, entry) → (points for criterion 1, points for criterion 2)."""
    return [ScoreSpec(juror, entry, criterion, D(points))
            for (juror, entry), pair in table.items()
            for criterion, points in zip((1, 2), pair, strict=True)]


def test_weights_and_mean_of_jurors() -> None:
    # entry 1: juror totals 2*8+6=22 and 2*7+9=23 → 22.50; entry 2: 2*9+1=19, 2*5+5=15 → 17.00
    result = rank(CRITERIA, _entries("Łącko", "Szczawa"), [1, 2], _scores({
        (1, 1): ("8", "6"), (2, 1): ("7", "9"), (1, 2): ("9", "1"), (2, 2): ("5", "5")}))
    (first, second) = result["wiejska"]
    assert (first.gmina, first.score, first.rank) == ("Łącko", D("22.50"), 1)
    assert (second.gmina, second.score, second.rank) == ("Szczawa", D("17.00"), 2)
    assert first.juror_totals == {1: D("22"), 2: D("23")} and first.spread == D("1")
    assert not first.tie and not second.tie


def test_missing_scores_are_not_zero_and_conflicts_are_left_out() -> None:
    result = rank(CRITERIA, _entries("Łącko"), [1, 2, 3], _scores({
        (1, 1): ("10", "10"), (3, 1): ("4", "4")})[:-1],  # juror 3 gave criterion 1 only
        conflicts=[(2, 1)])
    (entry,) = result["wiejska"]
    assert entry.score == D("30.00")  # only juror 1 counts: not (30 + 0) / 2
    assert entry.jurors_scored == 1
    assert entry.jurors_missing == (3,) and entry.jurors_conflicted == (2,)


def test_rounding_half_up_at_the_second_decimal() -> None:
    criteria = [CriterionSpec(1, "A", D("0.5"), 10, 0)]
    scores = [ScoreSpec(1, 1, 1, D("7")), ScoreSpec(2, 1, 1, D("7")), ScoreSpec(3, 1, 1, D("8"))]
    (entry,) = rank(criteria, _entries("X"), [1, 2, 3], scores)["wiejska"]
    assert entry.score == D("3.67")  # (3.5 + 3.5 + 4) / 3 = 3.6666… → 3.67
    scores = [ScoreSpec(1, 1, 1, D("0.25")), ScoreSpec(2, 1, 1, D("0.26"))]
    (entry,) = rank([CriterionSpec(1, "A", D("1"), 1, 0)], _entries("X"), [1, 2],
                    scores)["wiejska"]
    assert entry.score == D("0.26")  # 0.255 → 0.26 (half up; binary floats give 0.25)


def test_tie_break_by_highest_weight_criterion() -> None:
    # both total 20 with one juror; entry 2 has more on the heavier criterion 1
    result = rank(CRITERIA, _entries("A", "B"), [1], _scores({
        (1, 1): ("6", "8"), (1, 2): ("8", "4")}))
    assert [(e.gmina, e.rank, e.tie) for e in result["wiejska"]] == [("B", 1, False),
                                                                     ("A", 2, False)]


def test_tie_break_by_first_places_then_a_real_tie() -> None:
    # A: 15, 15, 6 → 12; B: 12, 12, 12 → 12; criterion 1 means both 4;
    # jurors 1 and 2 put A first, juror 3 puts B first
    result = rank(CRITERIA, _entries("A", "B"), [1, 2, 3], _scores({
        (1, 1): ("5", "5"), (1, 2): ("4", "4"),
        (2, 1): ("5", "5"), (2, 2): ("4", "4"),
        (3, 1): ("2", "2"), (3, 2): ("4", "4")}))
    a, b = result["wiejska"]
    assert a.score == b.score == D("12.00")
    assert a.top_criterion_mean == b.top_criterion_mean
    assert (a.gmina, a.first_places, a.rank, b.first_places, b.rank) == ("A", 2, 1, 1, 2)
    tied = rank(CRITERIA, _entries("A", "B", "C"), [1], _scores({
        (1, 1): ("5", "5"), (1, 2): ("5", "5"), (1, 3): ("1", "1")}))["wiejska"]
    assert [(e.gmina, e.rank, e.tie) for e in tied] == [("A", 1, True), ("B", 1, True),
                                                        ("C", 3, False)]


def test_categories_outliers_and_what_if() -> None:
    entries = [*_entries("A", "B"), EntrySpec(3, "1261011", "Kraków", "miejska")]
    table = {(j, e): ("5", "5") for j in (1, 2, 3) for e in (1, 2, 3)}
    table[(3, 1)] = ("10", "10")  # juror 3 far above the others for A
    result = rank(CRITERIA, entries, [1, 2, 3], _scores(table))
    assert set(result) == {"wiejska", "miejska"}
    a = next(e for e in result["wiejska"] if e.gmina == "A")
    assert a.outliers == (3,) and a.spread == D("15")
    without_3 = rank(CRITERIA, entries, [1, 2, 3], _scores(table), exclude_jurors=[3])
    assert [e.tie for e in without_3["wiejska"]] == [True, True]
