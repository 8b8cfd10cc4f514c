"""The awards of a competition edition, and who gets them down each category's ranking.

An edition has an ordered list of awards (title, places per category, honourable
mentions per category); the order is the records' id order. The awards are given
down each category's ranking in that order: the first award's places take the first
ranks, then that award's honourable mentions, then the next award's places, and so
on. An entry without a score gets nothing.

A tie shares the better slot: entries sharing a rank all get what that rank gets,
also at an award's boundary (two entries tied for the last place of an award both get
the award). The ranks they occupy together are used up, as in the ranking itself
(places 1, 2, 2, 4), so the entry after the tie gets what its own rank gets.

A new edition gets the previous edition's awards, or :data:`DEFAULT_AWARD`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from skimlll_desktop.i18n import _
from skimlll_desktop.models import Award, CompetitionEdition
from skimlll_desktop.services.competition import ROMAN, check_editable, edition_in
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.ranking import RankedEntry
from skimlll_desktop.services.registry import FormErrors

TITLE_LENGTH = 200  # awards.title


@dataclass(frozen=True)
class AwardSpec:
    title: str
    places: int = 3  # per category
    honourable_mentions: int = 0  # per category


DEFAULT_AWARD = AwardSpec("Tytuł „Edukacyjna Gmina Małopolski”", 3, 0)


@dataclass(frozen=True)
class AwardGiven:
    """What one ranked entry gets: a place of an award, or (``place`` None) its mention."""

    title: str
    place: int | None  # 1.. within the award; None: an honourable mention

    @property
    def mention(self) -> bool:
        return self.place is None


def _ordered(edition: CompetitionEdition) -> list[Award]:
    return sorted(edition.awards, key=lambda award: award.id)


def _spec(award: Award) -> AwardSpec:
    return AwardSpec(award.title, award.places, award.honourable_mentions)


def list_awards(database: Database, year: int) -> list[AwardSpec]:
    """The edition's awards, in the order they are given."""
    with database.transaction() as session:
        return [_spec(award) for award in _ordered(edition_in(session, year))]


def check_awards(awards: Sequence[AwardSpec]) -> None:
    """FormErrors (field ``awards``) about the first bad award, or the list as a whole."""
    for row, award in enumerate(awards, start=1):
        if not award.title.strip():
            message = _("Award {row}: the title is required.")
        elif len(award.title.strip()) > TITLE_LENGTH:
            message = _("Award {row}: the title is too long (at most {n} characters).")
        elif award.places < 0 or award.honourable_mentions < 0:
            message = _("Award {row}: places and honourable mentions cannot be negative.")
        else:
            continue
        raise FormErrors({"awards": message.format(row=row, n=TITLE_LENGTH)})
    if sum(award.places for award in awards) < 1:
        raise FormErrors({"awards": _("The awards need at least one place in total.")})


def save_awards(database: Database, year: int,
                awards: Sequence[AwardSpec]) -> list[AwardSpec]:
    """Replace the edition's awards with ``awards`` (in this order); refused when final.

    Existing records are updated in place, extra ones deleted, new ones added after
    them, so the id order stays the list's order and the change log shows real changes.
    """
    check_awards(awards)
    cleaned = [AwardSpec(a.title.strip(), a.places, a.honourable_mentions) for a in awards]
    with database.transaction() as session:
        edition = edition_in(session, year)
        check_editable(edition)
        existing = _ordered(edition)
        for record, award in zip(existing, cleaned, strict=False):
            if _spec(record) != award:
                record.title, record.places = award.title, award.places
                record.honourable_mentions = award.honourable_mentions
        for record in existing[len(cleaned):]:
            edition.awards.remove(record)
        session.flush()
        for award in cleaned[len(existing):]:
            edition.awards.append(Award(title=award.title, places=award.places,
                                        honourable_mentions=award.honourable_mentions))
            session.flush()  # one by one: the ids follow the list's order
        return [_spec(record) for record in _ordered(edition)]


def initial_awards(previous: CompetitionEdition | None) -> list[Award]:
    """A new edition's awards: copies of the previous edition's, or the default one."""
    source = [_spec(award) for award in _ordered(previous)] if previous is not None else []
    return [Award(title=a.title, places=a.places, honourable_mentions=a.honourable_mentions)
            for a in source or [DEFAULT_AWARD]]


def assign_awards(ranking: Mapping[str, Sequence[RankedEntry]],
                  awards: Sequence[AwardSpec]) -> dict[int, AwardGiven]:
    """Entry id → what it gets, for the entries the awards reach (see the module's rules).

    ``ranking`` is what :func:`~skimlll_desktop.services.competition.competition_ranking`
    returns; each category gets every award. An entry ranked r gets the r-th slot of
    the awards' places and mentions laid end to end, so tied entries get the same.
    """
    slots: list[AwardGiven] = []
    for award in awards:
        slots += [AwardGiven(award.title, place) for place in range(1, award.places + 1)]
        slots += [AwardGiven(award.title, None)] * award.honourable_mentions
    return {entry.entry_id: slots[entry.rank - 1]
            for entries in ranking.values() for entry in entries
            if entry.score is not None and 1 <= entry.rank <= len(slots)}


def awards_given(database: Database, year: int,
                 ranking: Mapping[str, Sequence[RankedEntry]]) -> dict[int, AwardGiven]:
    """:func:`assign_awards` with the edition's saved awards."""
    return assign_awards(ranking, list_awards(database, year))


def award_label(given: AwardGiven | None) -> str:
    """For a list or a table: the award's title, or the honourable mention ('' for none)."""
    if given is None:
        return ""
    if given.mention:
        return _("honourable mention ({award})").format(award=given.title)
    return given.title


def diploma_award_text(given: AwardGiven, category: str) -> str:
    """The diploma's ``{nagroda}``: the award with the place, or the mention, and the category."""
    if given.place is None:
        return _("honourable mention ({award}) in the category {category}").format(
            award=given.title, category=category)
    return _("{award} — {place} place in the category {category}").format(
        award=given.title, place=ROMAN.get(given.place, str(given.place)), category=category)
