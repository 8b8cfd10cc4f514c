"""Search that ignores case and Polish diacritics, and keeps its own index current.

Derived values are kept by session hooks installed on every
:class:`~skimlll_desktop.services.database.Database`:

* ``sort_key`` (Polish alphabetical order) and ``search_name`` (folded name)
  of organisations and people, set before each flush;
* the ``search_words`` index (folded words of names, e-mails, NIP, REGON,
  gmina…), rewritten after each flush for the records that changed.

Bulk writers that bypass the ORM (demo data, imports) call
:func:`index_new_records` (or :func:`reindex`) for what they wrote.

A search runs in two tiers, best matches first: records whose *name* begins
with the query (an index range on the folded ``search_name``), then records where every
typed word is the beginning of one of their words (range scans on the words
index, intersected).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    bindparam,
    delete,
    event,
    exists,
    insert,
    select,
)
from sqlalchemy.orm import Session, aliased, sessionmaker

from skimlll_desktop.models import Gmina, Organization, Person, SearchWord
from skimlll_desktop.services.polish_text import sort_key, words

Kind = Literal["organization", "person"]
ORGANIZATION: Kind = "organization"
PERSON: Kind = "person"
_WORD_END = "{"  # the character after "z" (and after every digit) in byte order
MAX_WORD = 64
# The second tier looks at most at this many index entries of its driving word per kind:
# a search as you type stays fast on 100,000 people, and its results are complete while
# the longest typed word begins fewer words than this; a broader text is refined by
# typing more.
SECOND_TIER_SCAN = 2000


@dataclass(frozen=True)
class SearchHit:
    kind: Kind
    id: int
    uuid: uuid.UUID
    name: str
    detail: str  # the person's e-mail, or the organisation's gmina / city


def person_sort_key(last_name: str, first_name: str) -> str:
    return sort_key(f"{last_name} {first_name}")


def search_name(name: str) -> str:
    """A name as plain folded words, for "begins with" matching: "Gmina Łącko" → "gmina lacko"."""
    return " ".join(words(name))[:300]


def person_words(person: Mapping[str, Any], gmina_name: str) -> set[str]:
    if person.get("erased_at"):  # RODO: an erased person is found by nothing
        return set()
    text = " ".join(str(person.get(key) or "") for key in ("first_name", "last_name", "email"))
    return {w[:MAX_WORD] for w in words(f"{text} {gmina_name}")}


def organization_words(organization: Mapping[str, Any], gmina_name: str) -> set[str]:
    keys = ("name", "short_name", "email", "nip", "regon", "krs", "city")
    text = " ".join(str(organization.get(key) or "") for key in keys)
    found = {w[:MAX_WORD] for w in words(f"{text} {gmina_name}")}
    found.update(str(organization.get(key)) for key in ("nip", "regon") if organization.get(key))
    return found


# --- keeping the index current -----------------------------------------------------------


def _gmina_names(connection: Connection) -> dict[str, str]:
    return {teryt: name for teryt, name in connection.execute(select(Gmina.teryt, Gmina.name))}


_PERSON_COLUMNS = (Person.id, Person.first_name, Person.last_name, Person.email,
                   Person.gmina_teryt, Person.erased_at)
_ORGANIZATION_COLUMNS = (Organization.id, Organization.name, Organization.short_name,
                         Organization.email, Organization.nip, Organization.regon,
                         Organization.krs, Organization.city, Organization.gmina_teryt)


def reindex(
    connection: Connection, kind: Kind, ids: Iterable[int] | None = None, chunk: int = 5000
) -> int:
    """Rewrite the index rows of the given records (all of ``kind`` when ``ids`` is None)."""
    model, columns = ((Person, _PERSON_COLUMNS) if kind == PERSON
                      else (Organization, _ORGANIZATION_COLUMNS))
    gminy = _gmina_names(connection)
    id_list = None if ids is None else sorted(set(ids))
    if id_list is None:
        connection.execute(delete(SearchWord).where(SearchWord.kind == kind))
        batches: Iterable[Sequence[int] | None] = [None]
    else:
        batches = [id_list[i:i + chunk] for i in range(0, len(id_list), chunk)]
    written = 0
    for batch in batches:
        statement = select(*columns)
        if batch is not None:
            connection.execute(delete(SearchWord).where(
                SearchWord.kind == kind, SearchWord.record_id.in_(batch)))
            statement = statement.where(model.id.in_(batch))
        written += index_new_records(connection, kind, connection.execute(statement).mappings(),
                                     chunk, gminy)
    return written


def index_new_records(
    connection: Connection,
    kind: Kind,
    records: Iterable[Mapping[str, Any]],
    chunk: int = 5000,
    gminy: Mapping[str, str] | None = None,
) -> int:
    """Write the index rows of records that have none yet (just inserted).

    ``records`` are their column values with their ``id``: a bulk writer has them
    in hand and need not read them back.
    """
    make_words = person_words if kind == PERSON else organization_words
    if gminy is None:
        gminy = _gmina_names(connection)
    rows: list[dict[str, Any]] = []
    written = 0
    for record in records:
        gmina = gminy.get(record.get("gmina_teryt") or "", "")
        rows.extend({"kind": kind, "record_id": record["id"], "word": word}
                    for word in make_words(record, gmina))
        if len(rows) >= chunk:
            connection.execute(insert(SearchWord), rows)
            written += len(rows)
            rows = []
    if rows:
        connection.execute(insert(SearchWord), rows)
        written += len(rows)
    return written


def organization_name_keys(name: str) -> dict[str, str]:
    """The derived columns of an organisation's name: Polish order, folded words."""
    return {"sort_key": sort_key(name), "search_name": search_name(name)}


def person_name_keys(first_name: str, last_name: str) -> dict[str, str]:
    """The derived columns of a person's name (surname first)."""
    return {"sort_key": person_sort_key(last_name, first_name),
            "first_name_key": sort_key(first_name),
            "search_name": search_name(f"{last_name} {first_name}")}


def _set_name_keys(session: Session, _context: Any, _instances: Any) -> None:
    for record in list(session.new) + list(session.dirty):
        if isinstance(record, Person):
            keys = person_name_keys(record.first_name or "", record.last_name or "")
        elif isinstance(record, Organization):
            keys = organization_name_keys(record.name or "")
        else:
            continue
        for column, value in keys.items():
            if getattr(record, column) != value:
                setattr(record, column, value)


def _update_index(session: Session, _context: Any) -> None:
    changed: dict[Kind, set[int]] = {PERSON: set(), ORGANIZATION: set()}
    for record in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(record, Person):
            changed[PERSON].add(record.id)
        elif isinstance(record, Organization):
            changed[ORGANIZATION].add(record.id)
    for kind, ids in changed.items():
        if ids:
            reindex(session.connection(), kind, ids)


def install_search_index(session_factory: sessionmaker[Session]) -> None:
    event.listen(session_factory, "before_flush", _set_name_keys)
    event.listen(session_factory, "after_flush", _update_index)


# --- searching ---------------------------------------------------------------------------


def matching_ids(kind: Kind, tokens: list[str], scan_limit: int | None = None) -> Select:
    """A select of the ids of records where every token begins one of their words.

    The longest token drives (a range scan on the words index); each other token
    is checked per candidate through the (kind, record) index — far cheaper than
    intersecting the huge sets that one-letter tokens match. ``scan_limit`` bounds
    the driving scan to its first index entries (in word order, the same on every
    engine), so a search as you type costs the same however broad the text is.
    """
    driver, *others = _driver_first(tokens)
    return _matching(kind, _word_range(driver), [_word_range(token) for token in others],
                     scan_limit)


def _driver_first(tokens: list[str]) -> list[str]:
    return sorted(dict.fromkeys(tokens), key=len, reverse=True)


def _word_range(token: str) -> tuple[str, str]:
    """The words that begin with ``token`` are those in [low, high) in byte order."""
    return token, token + _WORD_END


def _matching(kind: Kind, driver: tuple[Any, Any], others: list[tuple[Any, Any]],
              scan_limit: Any) -> Select:
    """:func:`matching_ids` over word ranges given as values or as bound parameters."""
    low, high = driver
    scan = select(SearchWord.record_id.label("record_id")).where(
        SearchWord.kind == kind, SearchWord.word >= low, SearchWord.word < high)
    if scan_limit is not None:
        scan = scan.order_by(SearchWord.word, SearchWord.record_id).limit(scan_limit)
    candidates = scan.subquery("candidates")
    statement = select(candidates.c.record_id)
    for low, high in others:
        other = aliased(SearchWord)
        statement = statement.where(exists().where(
            other.kind == kind, other.record_id == candidates.c.record_id,
            other.word >= low, other.word < high))
    return statement


def _hits(session: Session, kind: Kind, statement: Select,
          parameters: dict[str, Any]) -> list[tuple[str, str, SearchHit]]:
    """(folded name, sort key, hit) for each row, through Core: no ORM bookkeeping."""
    rows = session.connection().execute(statement, parameters)
    if kind == PERSON:
        return [(folded, key, SearchHit(PERSON, id_, uuid_, f"{first} {last}".strip(), email))
                for id_, uuid_, first, last, email, key, folded in rows]
    return [(folded, key, SearchHit(ORGANIZATION, id_, uuid_, name, gmina or city))
            for id_, uuid_, name, city, gmina, key, folded in rows]


def _base(kind: Kind):
    if kind == PERSON:
        return select(Person.id, Person.uuid, Person.first_name, Person.last_name, Person.email,
                      Person.sort_key, Person.search_name), Person
    return (
        select(Organization.id, Organization.uuid, Organization.name, Organization.city,
               Gmina.name, Organization.sort_key, Organization.search_name)
        .outerjoin(Gmina, Organization.gmina_teryt == Gmina.teryt),
        Organization,
    )


# Searches run on every keystroke: their statements are built once per shape and
# reused with new parameters (building one costs more than running it).


@lru_cache(maxsize=4)
def _name_begins(kind: Kind) -> Select:
    statement, model = _base(kind)
    # in folded-name order, straight from the index: the first rows come at once
    return statement.where(
        model.search_name >= bindparam("low"), model.search_name < bindparam("high")
    ).order_by(model.search_name, model.sort_key, model.id).limit(
        bindparam("limit", type_=Integer))


@lru_cache(maxsize=32)
def _words_begin(kind: Kind, other_words: int) -> Select:
    statement, model = _base(kind)
    ranges = [(bindparam(f"low{n}"), bindparam(f"high{n}")) for n in range(other_words + 1)]
    matching = _matching(kind, ranges[0], ranges[1:], bindparam("scan", type_=Integer))
    return statement.where(
        model.id.in_(matching), model.id.not_in(bindparam("already", expanding=True))
    ).order_by(model.sort_key, model.id).limit(bindparam("limit", type_=Integer))


def search_records(
    session: Session,
    text: str,
    limit: int = 50,
    kinds: Sequence[Kind] = (ORGANIZATION, PERSON),
) -> list[SearchHit]:
    """Up to ``limit`` organisations and people matching ``text``, best matches first."""
    tokens = [token[:MAX_WORD] for token in words(text)]
    if not tokens or limit <= 0:
        return []
    low, high = _word_range(" ".join(tokens))
    first_tier: list[tuple[str, str, SearchHit]] = []
    for kind in kinds:
        first_tier.extend(_hits(session, kind, _name_begins(kind),
                                {"low": low, "high": high, "limit": limit}))
    first_tier.sort(key=lambda row: row[:2])
    found = [hit for _folded, _key, hit in first_tier[:limit]]
    if len(found) >= limit:
        return found
    ordered = _driver_first(tokens)
    parameters: dict[str, Any] = {"scan": SECOND_TIER_SCAN, "limit": limit - len(found)}
    for n, token in enumerate(ordered):
        parameters[f"low{n}"], parameters[f"high{n}"] = _word_range(token)
    second_tier: list[tuple[str, str, SearchHit]] = []
    for kind in kinds:
        already = [hit.id for hit in found if hit.kind == kind]
        second_tier.extend(_hits(session, kind, _words_begin(kind, len(ordered) - 1),
                                 {**parameters, "already": already}))
    second_tier.sort(key=lambda row: row[1])
    found.extend(hit for _folded, _key, hit in second_tier[: limit - len(found)])
    return found
