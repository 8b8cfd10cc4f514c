"""Corrections in a competition edition, on SQLite and PostgreSQL: editing and deleting
entries, removing attachments and jurors, changing conflicts, the status flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import func, select

from skimlll_desktop.models import (
    AuditAction,
    AuditEntry,
    ConflictOfInterest,
    EditionStatus,
    EntryAttachment,
    JurorComment,
    Person,
    Score,
)
from skimlll_desktop.services.competition import (
    EditionLocked,
    add_entry,
    add_juror,
    attach_file,
    create_edition,
    edition_info,
    list_entries,
    list_jurors,
    save_scores,
    scoring_grid,
    set_edition_status,
)
from skimlll_desktop.services.competition_corrections import (
    HasScores,
    delete_entry,
    edit_entry,
    entry_details,
    juror_details,
    remove_attachment,
    remove_juror,
    set_juror_conflicts,
)
from skimlll_desktop.services.competition_details import entry_attachments
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.errors import StaleRecordError, UserFacingError
from skimlll_desktop.services.registry import FormErrors

YEAR = 2026
LACKO, SZCZAWA, KRAKOW, ZABNO = "1210092", "1207132", "1261011", "1216153"
NOWOSADECKI = "1210"


def _setup(db: Database, status: EditionStatus = EditionStatus.SCORING) -> dict[str, int]:
    create_edition(db, YEAR, deadline=date(YEAR, 9, 30))
    ids = {teryt: add_entry(db, YEAR, teryt, f"Zgłoszenie {teryt}", date(YEAR, 9, 1))
           for teryt in (LACKO, SZCZAWA, KRAKOW)}
    with db.transaction() as session:
        anna, bogdan = Person(first_name="Anna", last_name="Jurorska"), \
            Person(first_name="Bogdan", last_name="Sędzia")
        session.add_all([anna, bogdan])
        session.flush()
        people = (anna.id, bogdan.id)
    ids["anna"] = add_juror(db, YEAR, people[0])
    ids["bogdan"] = add_juror(db, YEAR, people[1])
    if status is not EditionStatus.DRAFT:
        set_edition_status(db, YEAR, status)
    return ids


def _score(db: Database, juror: int, entry: int, comment: str = "") -> None:
    criteria = edition_info(db, YEAR).criteria
    save_scores(db, YEAR, juror, {(entry, c.id): D(6) for c in criteria},
                {entry: comment} if comment else None)


def _count(db: Database, model: type, *where: object) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count(model.id)).where(*where)) or 0


def test_an_entry_is_edited_and_its_category_follows_the_new_gmina(any_db: Database) -> None:
    ids = _setup(any_db, EditionStatus.OPEN)
    details = entry_details(any_db, ids[LACKO])
    assert (details.gmina, details.scores, details.attachments) == ("Łącko", 0, 0)
    saved = edit_entry(any_db, replace(details, gmina_teryt=ZABNO, title="  Szkoła otwarta ",
                                       description="Warsztaty dla dorosłych",
                                       submitted_on=date(YEAR, 9, 5)))
    assert saved.version == details.version + 1 and saved.gmina == "Żabno"
    row = next(e for e in list_entries(any_db, YEAR) if e.id == ids[LACKO])
    assert (row.gmina_teryt, row.category, row.title) == (ZABNO, "gmina miejsko-wiejska",
                                                          "Szkoła otwarta")
    assert entry_details(any_db, ids[LACKO]).description == "Warsztaty dla dorosłych"

    with pytest.raises(StaleRecordError):  # the form read the entry before that save
        edit_entry(any_db, replace(details, title="Inny tytuł"))
    with pytest.raises(FormErrors) as taken:
        edit_entry(any_db, replace(saved, gmina_teryt=KRAKOW))
    assert "Kraków" in taken.value.errors["gmina"]
    with pytest.raises(FormErrors):
        edit_entry(any_db, replace(saved, gmina_teryt="1465011"))  # Warszawa
    assert entry_details(any_db, ids[LACKO]).title == "Szkoła otwarta"


def test_the_gmina_of_a_scored_entry_stays_but_its_title_can_change(any_db: Database) -> None:
    ids = _setup(any_db)
    _score(any_db, ids["anna"], ids[SZCZAWA])
    details = entry_details(any_db, ids[SZCZAWA])
    assert details.scores == 5
    with pytest.raises(FormErrors) as refused:
        edit_entry(any_db, replace(details, gmina_teryt=ZABNO))
    assert refused.value.errors["gmina"]
    assert edit_entry(any_db, replace(details, title="Poprawiony")).title == "Poprawiony"


def test_an_entry_with_scores_is_deleted_only_together_with_them(
    any_db: Database, tmp_path: Path
) -> None:
    ids = _setup(any_db)
    source = tmp_path / "uchwała.pdf"
    source.write_bytes(b"%PDF uchwala")
    stored = attach_file(any_db, ids[SZCZAWA], source, tmp_path / "att")
    _score(any_db, ids["anna"], ids[SZCZAWA], comment="Dobre")
    details = entry_details(any_db, ids[SZCZAWA])
    with pytest.raises(HasScores) as refused:
        delete_entry(any_db, ids[SZCZAWA], details.version)
    assert refused.value.scores == 5 and " 5 " in refused.value.message
    assert len(list_entries(any_db, YEAR)) == 3 and _count(any_db, Score) == 5
    with pytest.raises(StaleRecordError):
        delete_entry(any_db, ids[SZCZAWA], details.version - 1, delete_scores=True)

    delete_entry(any_db, ids[SZCZAWA], details.version, delete_scores=True)
    assert [e.gmina_teryt for e in list_entries(any_db, YEAR)] == [KRAKOW, LACKO]
    assert _count(any_db, Score) == _count(any_db, JurorComment) == 0
    assert _count(any_db, EntryAttachment) == 0
    assert (tmp_path / "att" / stored).is_file()  # the shared copy stays
    with any_db.transaction() as session:
        deleted = {e.table_name for e in session.scalars(select(AuditEntry).where(
            AuditEntry.action == AuditAction.DELETE))}
    assert {"competition_entries", "scores", "juror_comments", "entry_attachments"} <= deleted
    delete_entry(any_db, ids[SZCZAWA], details.version)  # already gone: nothing to do

    unscored = entry_details(any_db, ids[KRAKOW])
    delete_entry(any_db, ids[KRAKOW], unscored.version)
    assert len(list_entries(any_db, YEAR)) == 1


def test_an_attachment_is_removed_from_its_entry(any_db: Database, tmp_path: Path) -> None:
    ids = _setup(any_db, EditionStatus.OPEN)
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(name.encode())
        attach_file(any_db, ids[LACKO], tmp_path / name, tmp_path / "att")
    first, second = entry_attachments(any_db, ids[LACKO])
    remove_attachment(any_db, first.id)
    assert [a.file_name for a in entry_attachments(any_db, ids[LACKO])] == [second.file_name]
    assert first.path(tmp_path / "att").is_file()
    remove_attachment(any_db, first.id)  # already gone: nothing to do


def test_a_juror_with_scores_is_removed_only_together_with_them(any_db: Database) -> None:
    ids = _setup(any_db)
    set_juror_conflicts(any_db, ids["bogdan"], juror_details(any_db, ids["bogdan"]).version,
                        [LACKO])
    _score(any_db, ids["bogdan"], ids[KRAKOW], comment="Świetne")
    _score(any_db, ids["anna"], ids[KRAKOW])
    details = juror_details(any_db, ids["bogdan"])
    with pytest.raises(HasScores) as refused:
        remove_juror(any_db, ids["bogdan"], details.version)
    assert "Bogdan Sędzia" in refused.value.message and refused.value.scores == 5
    assert len(list_jurors(any_db, YEAR)) == 2
    remove_juror(any_db, ids["bogdan"], details.version, delete_scores=True)
    assert [j.name for j in list_jurors(any_db, YEAR)] == ["Anna Jurorska"]
    assert _count(any_db, Score) == 5 and _count(any_db, JurorComment) == 0
    assert _count(any_db, ConflictOfInterest) == 0
    assert scoring_grid(any_db, YEAR, ids["anna"]).done == 5  # Anna's scores stay

    anna = juror_details(any_db, ids["anna"])
    with pytest.raises(HasScores):
        remove_juror(any_db, ids["anna"], anna.version)
    set_edition_status(any_db, YEAR, EditionStatus.FINAL)
    with pytest.raises(EditionLocked):
        remove_juror(any_db, ids["anna"], anna.version, delete_scores=True)


def test_conflicts_are_added_and_removed_but_never_over_given_scores(
    any_db: Database
) -> None:
    ids = _setup(any_db)
    bogdan = juror_details(any_db, ids["bogdan"])
    bogdan = set_juror_conflicts(any_db, bogdan.id, bogdan.version, [NOWOSADECKI, KRAKOW])
    assert set(bogdan.conflicts) == {NOWOSADECKI, KRAKOW}
    assert scoring_grid(any_db, YEAR, bogdan.id).conflicted == {ids[LACKO], ids[KRAKOW]}
    with pytest.raises(UserFacingError):
        _score(any_db, bogdan.id, ids[KRAKOW])
    bogdan = set_juror_conflicts(any_db, bogdan.id, bogdan.version, [NOWOSADECKI])
    assert bogdan.conflicts == (NOWOSADECKI,)
    _score(any_db, bogdan.id, ids[KRAKOW])  # no longer conflicted: may score

    with pytest.raises(StaleRecordError):  # the version read before the last change
        set_juror_conflicts(any_db, bogdan.id, bogdan.version - 1, [])
    with pytest.raises(FormErrors) as scored:
        set_juror_conflicts(any_db, bogdan.id, bogdan.version, [NOWOSADECKI, KRAKOW])
    assert "Kraków" in scored.value.errors["conflicts"]
    assert juror_details(any_db, bogdan.id).conflicts == (NOWOSADECKI,)
    with pytest.raises(FormErrors):
        set_juror_conflicts(any_db, bogdan.id, bogdan.version, ["9999"])
    assert set_juror_conflicts(any_db, bogdan.id, bogdan.version, []).conflicts == ()


def test_the_edition_moves_only_along_its_status_flow(any_db: Database) -> None:
    _setup(any_db, EditionStatus.DRAFT)
    with pytest.raises(UserFacingError) as refused:
        set_edition_status(any_db, YEAR, EditionStatus.FINAL)
    assert "szkic" in refused.value.message and "zatwierdzone" in refused.value.message
    assert edition_info(any_db, YEAR).status is EditionStatus.DRAFT
    set_edition_status(any_db, YEAR, EditionStatus.OPEN)
    for wrong in (EditionStatus.DRAFT, EditionStatus.FINAL):
        with pytest.raises(UserFacingError):
            set_edition_status(any_db, YEAR, wrong)
    set_edition_status(any_db, YEAR, EditionStatus.SCORING)
    with pytest.raises(UserFacingError):
        set_edition_status(any_db, YEAR, EditionStatus.OPEN)
    set_edition_status(any_db, YEAR, EditionStatus.FINAL)
    for wrong in (EditionStatus.DRAFT, EditionStatus.OPEN):
        with pytest.raises(UserFacingError):
            set_edition_status(any_db, YEAR, wrong)
    assert edition_info(any_db, YEAR).status is EditionStatus.FINAL
    with pytest.raises(StaleRecordError):  # a screen that still showed "open"
        set_edition_status(any_db, YEAR, EditionStatus.SCORING, expected=EditionStatus.OPEN)
    assert edition_info(any_db, YEAR).status is EditionStatus.FINAL
    set_edition_status(any_db, YEAR, EditionStatus.SCORING, expected=EditionStatus.FINAL)
    set_edition_status(any_db, YEAR, EditionStatus.SCORING)  # the same status: nothing


def test_a_final_edition_refuses_every_correction(any_db: Database, tmp_path: Path) -> None:
    ids = _setup(any_db)
    (tmp_path / "a.pdf").write_bytes(b"a")
    attach_file(any_db, ids[LACKO], tmp_path / "a.pdf", tmp_path / "att")
    set_edition_status(any_db, YEAR, EditionStatus.FINAL)
    entry = entry_details(any_db, ids[LACKO])
    juror = juror_details(any_db, ids["anna"])
    attachment = entry_attachments(any_db, ids[LACKO])[0]
    for attempt in (lambda: edit_entry(any_db, replace(entry, title="x")),
                    lambda: delete_entry(any_db, entry.id, entry.version),
                    lambda: remove_attachment(any_db, attachment.id),
                    lambda: remove_juror(any_db, juror.id, juror.version),
                    lambda: set_juror_conflicts(any_db, juror.id, juror.version, [KRAKOW])):
        with pytest.raises(EditionLocked):
            attempt()
    assert len(entry_attachments(any_db, ids[LACKO])) == 1 and len(list_jurors(any_db, YEAR)) == 2
