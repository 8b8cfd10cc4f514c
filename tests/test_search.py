"""Search ignoring case and Polish diacritics — the same results on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from skimlll_desktop.models import Affiliation, Organization, Person, SearchWord
from skimlll_desktop.services import search
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.search import ORGANIZATION, PERSON, reindex, search_records


def _seed(db: Database) -> None:
    with db.transaction() as session:
        lacko = Organization(name="Gmina Łącko", nip="7340009469", gmina_teryt="1210092",
                             email="sekretariat@lacko.pl")
        zabno = Organization(name="Stowarzyszenie Razem", gmina_teryt="1216153")
        session.add_all([lacko, zabno])
        session.add_all([
            Person(first_name="Łucja", last_name="Żółkiewska", email="l.zolkiewska@lacko.pl",
                   affiliations=[Affiliation(organization=lacko)]),
            Person(first_name="Anna", last_name="Kowalska", email="anna.kowalska@example.pl"),
            Person(first_name="Anna", last_name="Kowalczyk", email="ak@example.pl"),
            Person(first_name="Jan", last_name="Annusewicz", email="jan@example.pl"),
            Person(first_name="Łukasz", last_name="Łącki", email="lukasz@example.pl"),
        ])


def _names(db: Database, text: str, **kwargs) -> list[str]:
    with db.transaction() as session:
        return [hit.name for hit in search_records(session, text, **kwargs)]


def test_folding_prefixes_and_fields(any_db: Database) -> None:
    _seed(any_db)
    assert _names(any_db, "lacko") == ["Gmina Łącko", "Łucja Żółkiewska"]  # her e-mail
    assert _names(any_db, "ZOLKIEW") == ["Łucja Żółkiewska"]
    assert _names(any_db, "zółkiewska łucja") == ["Łucja Żółkiewska"]
    assert _names(any_db, "734000") == ["Gmina Łącko"]  # NIP prefix
    assert _names(any_db, "sekretariat") == ["Gmina Łącko"]  # e-mail
    assert _names(any_db, "zabno") == ["Stowarzyszenie Razem"]  # by its gmina Żabno
    assert _names(any_db, "anna kow") == ["Anna Kowalczyk", "Anna Kowalska"]
    assert _names(any_db, "") == [] and _names(any_db, "  ,. ") == []
    assert _names(any_db, "xyzzy") == []


def test_best_matches_first(any_db: Database) -> None:
    _seed(any_db)
    # names beginning with the text first (Polish order), then other words that do
    assert _names(any_db, "an") == ["Jan Annusewicz", "Anna Kowalczyk", "Anna Kowalska"]
    assert _names(any_db, "la") == ["Łukasz Łącki", "Gmina Łącko", "Łucja Żółkiewska"]
    assert _names(any_db, "la", limit=1) == ["Łukasz Łącki"]
    assert _names(any_db, "la", kinds=(ORGANIZATION,)) == ["Gmina Łącko"]


def test_index_follows_changes_and_deletions(any_db: Database) -> None:
    _seed(any_db)
    with any_db.transaction() as session:
        person = session.scalar(select(Person).where(Person.last_name == "Kowalska"))
        assert person is not None
        person.last_name = "Śliwińska"
    assert _names(any_db, "sliwinska") == ["Anna Śliwińska"]
    assert "Anna Kowalska" not in _names(any_db, "kowalska")
    with any_db.transaction() as session:
        session.delete(session.scalar(select(Person).where(Person.last_name == "Śliwińska")))
    assert _names(any_db, "sliwinska") == []


def test_rebuild_gives_the_same_index(any_db: Database) -> None:
    _seed(any_db)
    with any_db.transaction() as session:
        before = sorted(session.execute(select(
            SearchWord.kind, SearchWord.record_id, SearchWord.word)).all())
    with any_db.transaction() as session:
        reindex(session.connection(), PERSON)
        reindex(session.connection(), ORGANIZATION)
    with any_db.transaction() as session:
        after = sorted(session.execute(select(
            SearchWord.kind, SearchWord.record_id, SearchWord.word)).all())
    assert after == before and len(before) > 20


def test_a_broad_text_scans_a_bounded_part_of_the_index(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with any_db.transaction() as session:
        session.add_all(Person(first_name="Anna", last_name=f"Kowal{letter}")
                        for letter in "abcdefghij")
    everyone = [f"Anna Kowal{letter}" for letter in "abcdefghij"]
    assert _names(any_db, "anna kowal") == everyone
    monkeypatch.setattr(search, "SECOND_TIER_SCAN", 4)
    # the driving word "kowal" is read for its first four index entries, in word order
    assert _names(any_db, "anna kowal") == everyone[:4]
    assert _names(any_db, "anna kowalg") == ["Anna Kowalg"]  # a narrower text is complete
