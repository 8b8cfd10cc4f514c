"""Awards of a competition edition: defaults and copies, validation, the final lock, and the
awards given down each category's ranking — on diplomas, in the protocol and the export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from skimlll_desktop.i18n import _
from skimlll_desktop.models import DocumentKind, EditionStatus, Gmina, GminaType, Person
from skimlll_desktop.services.certificate_templates import default_template
from skimlll_desktop.services.certificates import IssueRequest, issue_documents
from skimlll_desktop.services.competition import (
    EditionLocked,
    add_entry,
    add_juror,
    competition_ranking,
    create_edition,
    edition_info,
    export_results,
    laureate_recipients,
    save_scores,
    set_edition_status,
)
from skimlll_desktop.services.competition_awards import (
    DEFAULT_AWARD,
    AwardGiven,
    AwardSpec,
    assign_awards,
    award_label,
    awards_given,
    list_awards,
    save_awards,
)
from skimlll_desktop.services.competition_protocol import laureates, write_protocol
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.jobs import run_job
from skimlll_desktop.services.ranking import RankedEntry
from skimlll_desktop.services.registry import FormErrors

YEAR = 2026
TITLE, GRAND = "Tytuł Laureata", "Nagroda Marszałka"


def _ranked(*ranks: int | None, first: int = 1) -> list[RankedEntry]:
    """Entries ``first``, ``first`` + 1, … with these ranks (None: not scored, placed last)."""
    return [RankedEntry(rank or number, number, f"{number:07d}", f"Gmina {number}", "c",
                        None if rank is None else Decimal(100 - number), 1, (), ())
            for number, rank in enumerate(ranks, start=first)]


def _by_entry(ranking: dict[str, list[RankedEntry]],
              awards: list[AwardSpec]) -> dict[int, str]:
    return {entry: award_label(given) for entry, given in assign_awards(ranking, awards).items()}


# --- the list of awards ----------------------------------------------------------------------


def test_a_new_edition_gets_the_default_award_then_the_previous_editions(
        any_db: Database) -> None:
    create_edition(any_db, 2025)
    assert list_awards(any_db, 2025) == [DEFAULT_AWARD] == [
        AwardSpec("Tytuł „Edukacyjna Gmina Małopolski”", 3, 0)]
    chosen = [AwardSpec(GRAND, 1, 0), AwardSpec(TITLE, 2, 2)]
    assert save_awards(any_db, 2025, [AwardSpec(f"  {GRAND} ", 1, 0), chosen[1]]) == chosen
    create_edition(any_db, 2026)
    assert list_awards(any_db, 2026) == chosen  # copied, in order
    create_edition(any_db, 2020)  # no edition before 2020: the default
    assert list_awards(any_db, 2020) == [DEFAULT_AWARD]
    save_awards(any_db, 2026, [AwardSpec("Inna", 3, 0)])
    assert list_awards(any_db, 2025) == chosen  # a copy, not shared


def test_saving_replaces_the_list_and_keeps_its_order(any_db: Database) -> None:
    create_edition(any_db, YEAR)
    a, b, c = AwardSpec("A", 1, 0), AwardSpec("B", 2, 1), AwardSpec("C", 0, 3)
    assert save_awards(any_db, YEAR, [a, b, c]) == [a, b, c]
    assert save_awards(any_db, YEAR, [c, a]) == [c, a]  # moved up, one removed
    assert save_awards(any_db, YEAR, [b, c, a, a]) == [b, c, a, a]
    assert list_awards(any_db, YEAR) == [b, c, a, a]


TITLE_REQUIRED = "Award {row}: the title is required."
NEGATIVE = "Award {row}: places and honourable mentions cannot be negative."
NO_PLACE = "The awards need at least one place in total."


@pytest.mark.parametrize(("awards", "message", "row"), [
    ([AwardSpec("  ", 3, 0)], TITLE_REQUIRED, 1),
    ([AwardSpec("A", 3, 0), AwardSpec("B", -1, 0)], NEGATIVE, 2),
    ([AwardSpec("A", 3, -2)], NEGATIVE, 1),
    ([AwardSpec("x" * 201, 3, 0)], "Award {row}: the title is too long (at most {n} characters).",
     1),
    ([AwardSpec("A", 0, 2)], NO_PLACE, 0),
    ([], NO_PLACE, 0),
])
def test_invalid_awards_are_refused_and_nothing_changes(
        any_db: Database, awards: list[AwardSpec], message: str, row: int) -> None:
    create_edition(any_db, YEAR)
    with pytest.raises(FormErrors) as refused:
        save_awards(any_db, YEAR, awards)
    assert refused.value.errors["awards"] == _(message).format(row=row, n=200)
    assert list_awards(any_db, YEAR) == [DEFAULT_AWARD]


def test_the_awards_of_a_final_edition_are_locked(any_db: Database) -> None:
    create_edition(any_db, YEAR)
    set_edition_status(any_db, YEAR, EditionStatus.SCORING)
    set_edition_status(any_db, YEAR, EditionStatus.FINAL)
    with pytest.raises(EditionLocked):
        save_awards(any_db, YEAR, [AwardSpec(TITLE, 5, 0)])
    assert list_awards(any_db, YEAR) == [DEFAULT_AWARD]
    set_edition_status(any_db, YEAR, EditionStatus.SCORING)  # reopened
    assert save_awards(any_db, YEAR, [AwardSpec(TITLE, 5, 0)]) == [AwardSpec(TITLE, 5, 0)]


# --- the awards down a ranking ---------------------------------------------------------------


def test_places_then_honourable_mentions_then_the_next_award() -> None:
    ranking = {"gmina wiejska": _ranked(1, 2, 3, 4, 5, 6, None),
               "gmina miejska": _ranked(1, 2, first=11)}
    given = assign_awards(ranking, [AwardSpec(TITLE, 2, 1), AwardSpec(GRAND, 1, 1)])
    assert given == {
        1: AwardGiven(TITLE, 1), 2: AwardGiven(TITLE, 2), 3: AwardGiven(TITLE, None),
        4: AwardGiven(GRAND, 1), 5: AwardGiven(GRAND, None),
        # every category gets every award
        11: AwardGiven(TITLE, 1), 12: AwardGiven(TITLE, 2)}
    assert given[3].mention and not given[1].mention  # entry 6 and the unscored 7: nothing
    assert award_label(given[1]) == TITLE and GRAND in award_label(given[5])
    assert award_label(given[5]) != GRAND and award_label(None) == ""


def test_a_tie_at_the_boundary_gives_both_entries_the_award() -> None:
    ranking = {"gmina wiejska": _ranked(1, 2, 3, 3, 5)}
    assert _by_entry(ranking, [AwardSpec(TITLE, 3, 0)]) == {1: TITLE, 2: TITLE, 3: TITLE,
                                                             4: TITLE}  # 4 laureates
    # the tie takes ranks 3 and 4: the next entry (rank 5) gets the slot of rank 5
    given = assign_awards(ranking, [AwardSpec(TITLE, 3, 1), AwardSpec(GRAND, 1, 0)])
    assert given[3] == given[4] == AwardGiven(TITLE, 3) and given[5] == AwardGiven(GRAND, 1)
    # a tie for the last mention: both get it; a tie for the last place: the place
    assert set(assign_awards({"c": _ranked(1, 2, 2)}, [AwardSpec(TITLE, 1, 1)])) == {1, 2, 3}
    assert assign_awards({"c": _ranked(1, 1)}, [AwardSpec(TITLE, 1, 1)]) == {
        1: AwardGiven(TITLE, 1), 2: AwardGiven(TITLE, 1)}


def test_no_awards_or_no_scores_give_nothing() -> None:
    assert assign_awards({"c": _ranked(1, 2)}, []) == {}
    assert assign_awards({"c": _ranked(None, None)}, [AwardSpec(TITLE, 3, 3)]) == {}
    assert assign_awards({}, [DEFAULT_AWARD]) == {}


# --- diplomas, protocol, export ----------------------------------------------------------------


def _scored_edition(database: Database, points: list[int]) -> list[str]:
    """Rural gminy scored ``points`` (one juror, every criterion); their names in order."""
    create_edition(database, YEAR, deadline=date(YEAR, 9, 30))
    with database.transaction() as session:
        gminy = session.execute(select(Gmina.teryt, Gmina.name).where(
            Gmina.type == GminaType.RURAL).order_by(Gmina.teryt).limit(len(points))).all()
        person = Person(first_name="Anna", last_name="Jurorska")
        session.add(person)
        session.flush()
        person_id = person.id
    entries = [add_entry(database, YEAR, teryt, submitted_on=date(YEAR, 9, 1))
               for teryt, _name in gminy]
    juror = add_juror(database, YEAR, person_id)
    set_edition_status(database, YEAR, EditionStatus.SCORING)
    criteria = edition_info(database, YEAR).criteria
    save_scores(database, YEAR, juror, {(entry, criterion.id): Decimal(value)
                                        for entry, value in zip(entries, points, strict=True)
                                        for criterion in criteria})
    return [name for _teryt, name in gminy]


def test_the_awards_reach_the_diplomas_the_export_and_the_map(
        any_db: Database, tmp_path: Path) -> None:
    names = _scored_edition(any_db, [10, 9, 8, 8, 6, 5, 4])
    save_awards(any_db, YEAR, [AwardSpec(GRAND, 1, 0), AwardSpec(TITLE, 2, 2)])
    ranking = competition_ranking(any_db, YEAR)
    given = awards_given(any_db, YEAR, ranking)
    ranks = {e.gmina: e.rank for e in ranking["gmina wiejska"]}
    assert [ranks[n] for n in names] == [1, 2, 3, 3, 5, 6, 7]
    # Slots: 1 Grand Prix, 2–3 the title, 4–5 its mentions. The tie on 3 takes slots 3 and 4,
    # so rank 5 gets the last mention and ranks 6 and 7 get nothing.
    recipients = {r.gmina: r.extra["nagroda"] for r in laureate_recipients(any_db, YEAR)}
    assert list(recipients) == names[:5]
    assert GRAND in recipients[names[0]] and "I " in recipients[names[0]]
    assert all(TITLE in recipients[n] for n in names[1:5])
    assert recipients[names[1]] != recipients[names[4]]  # a place, a mention
    assert recipients[names[2]] == recipients[names[3]]  # tied: the same
    assert [r.gmina for r in laureate_recipients(any_db, YEAR, places=3)] == names[:4]
    assert len(laureates(ranking, list_awards(any_db, YEAR))) == 4  # the map: places only

    sheet = load_workbook(export_results(any_db, YEAR, tmp_path / "wyniki.xlsx"))[
        "gmina wiejska"]
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, value in enumerate(header) if value in ("Award", "Nagroda"))
    awards = {row[1]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert awards[names[0]] == GRAND and awards[names[2]] == awards[names[3]] == TITLE
    assert TITLE in awards[names[4]] and awards[names[4]] != TITLE
    assert awards[names[5]] in (None, "") and awards[names[6]] in (None, "")
    assert len(given) == 5


def test_the_protocol_and_the_diplomas_show_the_award_titles(
        sqlite_db: Database, tmp_path: Path) -> None:
    names = _scored_edition(sqlite_db, [10, 9, 8])
    save_awards(sqlite_db, YEAR, [AwardSpec(GRAND, 1, 0), AwardSpec(TITLE, 1, 1)])
    protocol = write_protocol(sqlite_db, YEAR, tmp_path / "protokol.pdf")
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(protocol).pages)
    assert GRAND in text and TITLE in text and "1–3" not in text

    template = default_template(sqlite_db, DocumentKind.DIPLOMA)
    run_job(issue_documents(sqlite_db, IssueRequest(
        kind=DocumentKind.DIPLOMA, template_id=template.id or 0,
        recipients=laureate_recipients(sqlite_db, YEAR), issue_date=date(YEAR, 12, 10),
        out_pdf=tmp_path / "dyplomy.pdf")))
    pages = [" ".join(page.extract_text().split())
             for page in PdfReader(tmp_path / "dyplomy.pdf").pages]
    assert len(pages) == 3
    assert f"Gmina {names[0]}" in pages[0] and GRAND in pages[0]
    assert f"Gmina {names[1]}" in pages[1] and TITLE in pages[1]
    assert f"Gmina {names[2]}" in pages[2] and TITLE in pages[2] and "{" not in pages[2]
