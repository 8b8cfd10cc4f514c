"""Search that ignores case and Polish diacritics, and keeps its own index current.

Derived values are kept by session hooks installed on every
:class:`~skimlll_desktop.services.database.Database`:

* ``sort_key`` (Polish alphabetical order) and ``search_name`` (folded name)
  of organisations and people, set before each flush;
* the ``search_words`` index (folded words of names, e-mails, NIP, REGON,
  gmina…), rewritten after each flush for the records that changed.

Bulk writers that bypass the ORM (demo data, imports) call
:func:`reindex` for what they wrote.

A search runs in two tiers, best matches first: records whose *name* begins
with the query (an index range on the folded ``search_name``), then records where every
typed word is the beginning of one of their words (range scans on the words
index, intersected).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, delete, event, exists, insert, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from skimlll_desktop.models import Gmina, Organization, Person, SearchWord
from skimlll_desktop.services.polish_text import sort_key, words

Kind = Literal["organization", "person"]
ORGANIZATION: Kind = "organization"
PERSON: Kind = "person"
_WORD_END = "{"  # the character after "z" (and after every digit) in byte order
MAX_WORD = 64
# The second tier ranks at most this many candidates per kind: a search as you type
# stays fast on 100,000 people; a broader text is refined by typing more.
SECOND_TIER_CAP = 2000


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


def person_words(person: dict[str, Any], gmina_name: str) -> set[str]:
    text = " ".join(str(person.get(key) or "") for key in ("first_name", "last_name", "email"))
    return {w[:MAX_WORD] for w in words(f"{text} {gmina_name}")}


def organization_words(organization: dict[str, Any], gmina_name: str) -> set[str]:
    keys = ("name", "short_name", "email", "nip", "regon", "krs", "city")
    text = " ".join(str(organization.get(key) or "") for key in keys)
    found = {w[:MAX_WORD] for w in words(f"{text} {gmina_name}")}
    found.update(str(organization.get(key)) for key in ("nip", "regon") if organization.get(key))
    return found


# --- keeping the index current -----------------------------------------------------------


def _gmina_names(connection: Connection) -> dict[str, str]:
    return {teryt: name for teryt, name in connection.execute(select(Gmina.teryt, Gmina.name))}


_PERSON_COLUMNS = (Person.id, Person.first_name, Person.last_name, Person.email,
                   Person.gmina_teryt)
_ORGANIZATION_COLUMNS = (Organization.id, Organization.name, Organization.short_name,
                         Organization.email, Organization.nip, Organization.regon,
                         Organization.krs, Organization.city, Organization.gmina_teryt)


def reindex(
    connection: Connection, kind: Kind, ids: Iterable[int] | None = None, chunk: int = 5000
) -> int:
    """Rewrite the index rows of the given records (all of ``kind`` when ``ids`` is None)."""
    model, columns, make_words = (
        (Person, _PERSON_COLUMNS, person_words) if kind == PERSON
        else (Organization, _ORGANIZATION_COLUMNS, organization_words)
    )
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
        rows: list[dict[str, Any]] = []
        for record in connection.execute(statement).mappings():
            gmina = gminy.get(record["gmina_teryt"] or "", "")
            rows.extend({"kind": kind, "record_id": record["id"], "word": word}
                        for word in make_words(dict(record), gmina))
            if len(rows) >= chunk:
                connection.execute(insert(SearchWord), rows)
                written += len(rows)
                rows = []
        if rows:
            connection.execute(insert(SearchWord), rows)
            written += len(rows)
    return written


def _set_name_keys(session: Session, _context: Any, _instances: Any) -> None:
    for record in list(session.new) + list(session.dirty):
        if isinstance(record, Person):
            name = f"{record.last_name or ''} {record.first_name or ''}"
            key = person_sort_key(record.last_name or "", record.first_name or "")
        elif isinstance(record, Organization):
            name = record.name or ""
            key = sort_key(name)
        else:
            continue
        if record.sort_key != key:
            record.sort_key = key
        if record.search_name != search_name(name):
            record.search_name = search_name(name)


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


def matching_ids(kind: Kind, tokens: list[str], cap: int | None = None):
    """A select of the ids of records where every token begins one of their words.

    The longest token drives (a range scan on the words index); each other token
    is checked per candidate through the (kind, record) index — far cheaper than
    intersecting the huge sets that one-letter tokens match. ``cap`` bounds the
    candidates (in word order, the same on every engine) for typing-speed searches.
    """
    driver, *others = sorted(dict.fromkeys(tokens), key=len, reverse=True)
    word = aliased(SearchWord)
    statement = select(word.record_id).where(
        word.kind == kind, word.word >= driver, word.word < driver + _WORD_END)
    for token in others:
        other = aliased(SearchWord)
        statement = statement.where(exists().where(
            other.kind == kind, other.record_id == word.record_id,
            other.word >= token, other.word < token + _WORD_END))
    if cap is not None:
        statement = statement.order_by(word.word, word.record_id).limit(cap)
    return statement


def _last_first(hit: SearchHit) -> str:
    first, _space, last = hit.name.rpartition(" ")
    return f"{last} {first}"


def _hits(session: Session, kind: Kind, statement) -> list[tuple[str, SearchHit]]:
    hits = []
    if kind == PERSON:
        for id_, uuid_, first, last, email, key in session.execute(statement):
            hits.append((key, SearchHit(PERSON, id_, uuid_, f"{first} {last}".strip(), email)))
    else:
        for id_, uuid_, name, city, gmina, key in session.execute(statement):
            hits.append((key, SearchHit(ORGANIZATION, id_, uuid_, name, gmina or city)))
    return hits


def _base(kind: Kind):
    if kind == PERSON:
        return select(Person.id, Person.uuid, Person.first_name, Person.last_name, Person.email,
                      Person.sort_key), Person
    return (
        select(Organization.id, Organization.uuid, Organization.name, Organization.city,
               Gmina.name, Organization.sort_key)
        .outerjoin(Gmina, Organization.gmina_teryt == Gmina.teryt),
        Organization,
    )


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
    prefix = " ".join(tokens)
    first_tier: list[tuple[str, SearchHit]] = []
    for kind in kinds:
        statement, model = _base(kind)
        # in folded-name order, straight from the index: the first rows come at once
        statement = statement.where(
            model.search_name >= prefix, model.search_name < prefix + _WORD_END
        ).order_by(model.search_name, model.sort_key, model.id).limit(limit)
        first_tier.extend(_hits(session, kind, statement))
    first_tier.sort(key=lambda pair: (search_name(pair[1].name if pair[1].kind ==
                                                  ORGANIZATION else _last_first(pair[1])),
                                      pair[0]))
    found = [hit for _key, hit in first_tier[:limit]]
    if len(found) >= limit:
        return found
    seen = {(hit.kind, hit.id) for hit in found}
    second_tier: list[tuple[str, SearchHit]] = []
    for kind in kinds:
        statement, model = _base(kind)
        already = [hit.id for hit in found if hit.kind == kind]
        statement = statement.where(model.id.in_(matching_ids(kind, tokens, SECOND_TIER_CAP)))
        if already:
            statement = statement.where(model.id.not_in(already))
        statement = statement.order_by(model.sort_key, model.id).limit(limit - len(found))
        second_tier.extend(pair for pair in _hits(session, kind, statement)
                           if (pair[1].kind, pair[1].id) not in seen)
    second_tier.sort(key=lambda pair: pair[0])
    found.extend(hit for _key, hit in second_tier[: limit - len(found)])
    return found
