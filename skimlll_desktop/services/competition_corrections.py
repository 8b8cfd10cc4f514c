"""Everyday corrections in a competition edition: edit or delete an entry, remove an
attachment, remove a juror, change a juror's declared conflicts of interest.

Same rules as :mod:`competition`: a final edition is locked, and a save that lost the
race against another one (the record's ``version`` moved on) is refused. Scores are
never lost silently: deleting an entry or a juror that already has scores needs
``delete_scores=True`` (the screens ask first and say how many go), a gmina of an entry
with scores stays as it is, and a juror cannot declare a conflict with an entry they
have already scored.

Attachment files stay in the attachments folder when their rows go: ``attach_file``
keeps one copy per content (files are named by their SHA-256), shared by every entry,
every database opened on the computer and every backup of them, so a file cannot be
known to be unused by looking at one database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _, ngettext
from skimlll_desktop.models import (
    ConflictOfInterest,
    Entry,
    EntryAttachment,
    Gmina,
    Juror,
    JurorComment,
    Powiat,
    Score,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.competition import (
    category_for,
    check_editable,
    conflicted_pairs,
)
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.errors import (
    RecordNotFoundError,
    StaleRecordError,
    UserFacingError,
)
from skimlll_desktop.services.registry import FormErrors


class HasScores(UserFacingError):
    """The record has scores; it goes only with them, when asked explicitly."""

    def __init__(self, message: str, scores: int) -> None:
        super().__init__(message)
        self.scores = scores


def _check_version(record: Entry | Juror, version: int) -> None:
    if record.version != version:
        raise StaleRecordError(stale_record_message())


def _scores_of(session: Session, *where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count(Score.id)).where(*where)) or 0


def _delete_rows(session: Session, model: type[Score] | type[JurorComment],
                 *where: ColumnElement[bool]) -> None:
    """Through the unit of work, so that the change log keeps what was deleted."""
    for record in session.scalars(select(model).where(*where)):
        session.delete(record)


# --- entries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryDetails:
    """An entry as its form edits it, with the version read and what depends on it."""

    id: int
    version: int
    year: int
    gmina_teryt: str
    gmina: str
    title: str
    description: str
    submitted_on: date | None
    scores: int = 0
    attachments: int = 0


def _entry(session: Session, entry_id: int) -> Entry:
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise RecordNotFoundError(_("This entry no longer exists."))
    return entry


def entry_details(database: Database, entry_id: int) -> EntryDetails:
    with database.transaction() as session:
        entry = _entry(session, entry_id)
        gmina = session.scalar(select(Gmina.name).where(Gmina.teryt == entry.gmina_teryt))
        return EntryDetails(entry.id, entry.version, entry.edition.year, entry.gmina_teryt,
                            gmina or "", entry.title, entry.description, entry.submitted_on,
                            _scores_of(session, Score.entry_id == entry.id),
                            len(entry.attachments))


def edit_entry(database: Database, edited: EntryDetails) -> EntryDetails:
    """Save the entry's gmina (its category follows), title, date and description."""
    with database.transaction() as session:
        entry = _entry(session, edited.id)
        _check_version(entry, edited.version)
        edition = entry.edition
        check_editable(edition)
        if edited.gmina_teryt != entry.gmina_teryt:
            gmina = session.scalar(select(Gmina).where(Gmina.teryt == edited.gmina_teryt))
            if gmina is None:
                raise FormErrors({"gmina": _("There is no gmina with TERYT code {code} in "
                                             "Małopolska.").format(code=edited.gmina_teryt)})
            if _scores_of(session, Score.entry_id == entry.id):
                raise FormErrors({"gmina": _(
                    "The jury has already scored this entry, so its gmina cannot change. If "
                    "the gmina is wrong, delete the entry (with its scores) and add it "
                    "again.")})
            if session.scalar(select(Entry.id).where(Entry.edition_id == edition.id,
                                                     Entry.gmina_teryt == gmina.teryt)):
                raise FormErrors({"gmina": _("{gmina} already has an entry in the {year} "
                                             "edition.").format(gmina=gmina.name,
                                                                year=edition.year)})
            category = category_for(edition, gmina)
            entry.gmina_teryt = gmina.teryt
            entry.category_id = category.id if category else None
        entry.title = edited.title.strip()
        entry.description = edited.description.strip()
        entry.submitted_on = edited.submitted_on
    return entry_details(database, edited.id)


def delete_entry(database: Database, entry_id: int, version: int, *,
                 delete_scores: bool = False) -> None:
    """Delete the entry with its attachments' rows; its scores and jurors' comments only
    with ``delete_scores`` (otherwise :class:`HasScores`). An entry already gone is fine."""
    with database.transaction() as session:
        entry = session.get(Entry, entry_id)
        if entry is None:
            return
        _check_version(entry, version)
        check_editable(entry.edition)
        scores = _scores_of(session, Score.entry_id == entry.id)
        if scores and not delete_scores:
            raise HasScores(ngettext(
                "The jury has already given this entry {n} score. It can be deleted only "
                "together with its scores.",
                "The jury has already given this entry {n} scores. It can be deleted only "
                "together with its scores.", scores).format(n=scores), scores)
        _delete_rows(session, Score, Score.entry_id == entry.id)
        _delete_rows(session, JurorComment, JurorComment.entry_id == entry.id)
        session.delete(entry)


def remove_attachment(database: Database, attachment_id: int) -> None:
    """Take a file off its entry's list (the copy stays in the attachments folder)."""
    with database.transaction() as session:
        attachment = session.get(EntryAttachment, attachment_id)
        if attachment is None:
            return
        check_editable(attachment.entry.edition)
        session.delete(attachment)


# --- jury ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JurorDetails:
    id: int
    version: int
    year: int
    name: str
    conflicts: tuple[str, ...]  # gmina / powiat TERYT codes
    scores: int = 0


def _juror(session: Session, juror_id: int) -> Juror:
    juror = session.get(Juror, juror_id)
    if juror is None:
        raise RecordNotFoundError(_("This juror is not on the edition's jury."))
    return juror


def _juror_details(session: Session, juror: Juror) -> JurorDetails:
    return JurorDetails(juror.id, juror.version, juror.edition.year, juror.person.full_name,
                        tuple(c.gmina_teryt or c.powiat_teryt or "" for c in juror.conflicts),
                        _scores_of(session, Score.juror_id == juror.id))


def juror_details(database: Database, juror_id: int) -> JurorDetails:
    with database.transaction() as session:
        return _juror_details(session, _juror(session, juror_id))


def remove_juror(database: Database, juror_id: int, version: int, *,
                 delete_scores: bool = False) -> None:
    """Take the juror off the jury with their conflicts; their scores and comments only
    with ``delete_scores`` (otherwise :class:`HasScores`). A juror already gone is fine."""
    with database.transaction() as session:
        juror = session.get(Juror, juror_id)
        if juror is None:
            return
        _check_version(juror, version)
        check_editable(juror.edition)
        scores = _scores_of(session, Score.juror_id == juror.id)
        if scores and not delete_scores:
            raise HasScores(ngettext(
                "{name} has already entered {n} score. The juror can be removed only "
                "together with their scores.",
                "{name} has already entered {n} scores. The juror can be removed only "
                "together with their scores.", scores).format(
                name=juror.person.full_name, n=scores), scores)
        _delete_rows(session, Score, Score.juror_id == juror.id)
        _delete_rows(session, JurorComment, JurorComment.juror_id == juror.id)
        session.delete(juror)


def set_juror_conflicts(database: Database, juror_id: int, version: int,
                        codes: Sequence[str]) -> JurorDetails:
    """The juror's declared conflicts become ``codes`` (7-digit gmina or 4-digit powiat
    TERYT codes): new ones are added, missing ones removed. A conflict with an entry the
    juror has already scored is refused: those scores are cleared first."""
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    with database.transaction() as session:
        juror = _juror(session, juror_id)
        _check_version(juror, version)
        edition = juror.edition
        check_editable(edition)
        gminy = set(session.scalars(select(Gmina.teryt).where(Gmina.teryt.in_(wanted))))
        powiaty = set(session.scalars(select(Powiat.teryt).where(Powiat.teryt.in_(wanted))))
        unknown = [code for code in wanted if code not in gminy | powiaty]
        if unknown:
            raise FormErrors({"conflicts": _("There is no gmina or powiat with TERYT code "
                                             "{code} in Małopolska.").format(code=unknown[0])})
        current = {c.gmina_teryt or c.powiat_teryt: c for c in juror.conflicts}
        if set(current) == set(wanted):
            return _juror_details(session, juror)
        for code, conflict in current.items():
            if code not in wanted:
                juror.conflicts.remove(conflict)
        for code in wanted:
            if code not in current:
                juror.conflicts.append(ConflictOfInterest(
                    gmina_teryt=code if code in gminy else None,
                    powiat_teryt=code if code in powiaty else None))
        session.flush()
        conflicted = {e for j, e in conflicted_pairs(session, edition) if j == juror.id}
        scored = set(session.scalars(select(Score.entry_id).where(
            Score.juror_id == juror.id, Score.entry_id.in_(conflicted))))
        if scored:
            names = sorted(session.scalars(select(Gmina.name).join(
                Entry, Entry.gmina_teryt == Gmina.teryt).where(Entry.id.in_(scored))))
            raise FormErrors({"conflicts": _(
                "{name} has already scored {gminy}. Clear those scores in the Scoring tab "
                "before declaring the conflict.").format(name=juror.person.full_name,
                                                         gminy=", ".join(names))})
        juror.updated_at = utcnow()  # the juror's version moves on with its conflicts
        session.flush()
        return _juror_details(session, juror)

