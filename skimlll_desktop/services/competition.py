"""The competition "Edukacyjna Gmina Małopolski": editions, entries, jury, scores, results.

A final edition is locked: every change is refused until the edition is
reopened, and reopening is written to the audit log. Scores are decimals
between 0 and the criterion's maximum; a juror never scores a gmina (or a
powiat) they declared a conflict with.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.models import (
    AuditAction,
    AuditEntry,
    CompetitionCategory,
    CompetitionEdition,
    ConflictOfInterest,
    Criterion,
    EditionStatus,
    Entry,
    EntryAttachment,
    FormalCheck,
    Gmina,
    GminaType,
    Juror,
    JurorComment,
    Person,
    Score,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.database import Database, actor_for
from skimlll_desktop.services.errors import (
    RecordNotFoundError,
    StaleRecordError,
    UserFacingError,
)
from skimlll_desktop.services.polish_text import sort_key
from skimlll_desktop.services.ranking import (
    CriterionSpec,
    EntrySpec,
    RankedEntry,
    ScoreSpec,
    rank,
)
from skimlll_desktop.services.registry import FormErrors

DEFAULT_CATEGORIES = ((GminaType.URBAN, "gmina miejska"), (GminaType.RURAL, "gmina wiejska"),
                      (GminaType.URBAN_RURAL, "gmina miejsko-wiejska"))
DEFAULT_CRITERIA = (
    ("Strategia i planowanie uczenia się przez całe życie", Decimal("3"), 10),
    ("Współpraca z partnerami lokalnymi", Decimal("2"), 10),
    ("Oferta edukacyjna dla dorosłych", Decimal("2"), 10),
    ("Innowacyjność działań", Decimal("1.5"), 10),
    ("Trwałość i efekty", Decimal("1.5"), 10),
)


class EditionLocked(UserFacingError):
    """The edition is final; it must be reopened before anything changes."""


def edition_in(session: Session, year: int) -> CompetitionEdition:
    """The edition of ``year`` (RecordNotFoundError when there is none)."""
    edition = session.scalar(select(CompetitionEdition).where(CompetitionEdition.year == year))
    if edition is None:
        raise RecordNotFoundError(_("There is no competition edition {year}.").format(year=year))
    return edition


def check_editable(edition: CompetitionEdition) -> None:
    """Refuse changes to a final (locked) edition."""
    if edition.status is EditionStatus.FINAL:
        raise EditionLocked(_("The {year} edition is final and locked. Reopen it first (the "
                              "reopening is logged).").format(year=edition.year))


# --- editions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EditionInfo:
    id: int
    year: int
    name: str
    status: EditionStatus
    deadline: date | None
    entries: int
    jurors: int
    categories: tuple[str, ...]
    criteria: tuple[CriterionSpec, ...]


def create_edition(database: Database, year: int, name: str = "",
                   deadline: date | None = None) -> EditionInfo:
    """A new edition with the default categories, and the criteria and awards of the
    previous one (the default ones for the first edition)."""
    from skimlll_desktop.services.competition_awards import initial_awards

    with database.transaction() as session:
        if session.scalar(select(CompetitionEdition.id).where(
                CompetitionEdition.year == year)) is not None:
            raise FormErrors({"year": _("The {year} edition already exists.").format(year=year)})
        edition = CompetitionEdition(year=year, deadline=deadline,
                                     name=name or f"Edukacyjna Gmina Małopolski {year}")
        for position, (gmina_type, label) in enumerate(DEFAULT_CATEGORIES):
            edition.categories.append(CompetitionCategory(name=label, gmina_type=gmina_type,
                                                          position=position))
        previous = session.scalar(select(CompetitionEdition).where(
            CompetitionEdition.year < year).order_by(CompetitionEdition.year.desc()).limit(1))
        source = [(c.name, c.description, c.weight, c.max_points) for c in previous.criteria] \
            if previous and previous.criteria else [(n, "", w, m) for n, w, m in DEFAULT_CRITERIA]
        for position, (criterion_name, description, weight, max_points) in enumerate(source):
            edition.criteria.append(Criterion(name=criterion_name, description=description,
                                              weight=weight, max_points=max_points,
                                              position=position))
        edition.awards.extend(initial_awards(previous))
        session.add(edition)
    return edition_info(database, year)


def edition_info(database: Database, year: int) -> EditionInfo:
    with database.transaction() as session:
        edition = edition_in(session, year)
        return EditionInfo(
            edition.id, edition.year, edition.name, edition.status, edition.deadline,
            len(edition.entries), len(edition.jurors),
            tuple(c.name for c in edition.categories),
            tuple(CriterionSpec(c.id, c.name, c.weight, c.max_points, c.position)
                  for c in edition.criteria))


def list_editions(database: Database) -> list[EditionInfo]:
    with database.transaction() as session:
        years = list(session.scalars(select(CompetitionEdition.year).order_by(
            CompetitionEdition.year.desc())))
    return [edition_info(database, year) for year in years]


# The status flow: forward one stage at a time (a draft may go straight to scoring: entries
# can be registered while the edition is a draft), and a final edition only back to scoring.
STATUS_FLOW: dict[EditionStatus, frozenset[EditionStatus]] = {
    EditionStatus.DRAFT: frozenset({EditionStatus.OPEN, EditionStatus.SCORING}),
    EditionStatus.OPEN: frozenset({EditionStatus.SCORING}),
    EditionStatus.SCORING: frozenset({EditionStatus.FINAL}),
    EditionStatus.FINAL: frozenset({EditionStatus.SCORING}),
}
STATUS_NAMES = {EditionStatus.DRAFT: N_("draft"), EditionStatus.OPEN: N_("call for entries open"),
                EditionStatus.SCORING: N_("jury scoring"),
                EditionStatus.FINAL: N_("final — locked")}


def set_edition_status(database: Database, year: int, status: EditionStatus,
                       expected: EditionStatus | None = None) -> None:
    """Move an edition along :data:`STATUS_FLOW`; reopening a final edition is logged.

    ``expected`` is the status the caller showed: when the edition has moved on since
    (another computer), nothing changes and :class:`StaleRecordError` says so.
    """
    with database.transaction() as session:
        edition = edition_in(session, year)
        old = edition.status
        if expected is not None and old != expected:
            raise StaleRecordError(_(
                "Someone has meanwhile moved the {year} edition to “{status}”. Nothing was "
                "changed; check its current stage and try again.").format(
                year=year, status=_(STATUS_NAMES[old])))
        if old == status:
            return
        if status not in STATUS_FLOW[old]:
            raise UserFacingError(_(
                "The {year} edition cannot go from “{old}” to “{new}”. Its stages follow one "
                "another: draft, call for entries open, jury scoring, final.").format(
                year=year, old=_(STATUS_NAMES[old]), new=_(STATUS_NAMES[status])))
        edition.status = status
        if old is EditionStatus.FINAL:
            session.flush()
            session.execute(insert(AuditEntry), [{
                "at": utcnow(), "actor": actor_for(database.location),
                "action": AuditAction.UPDATE, "table_name": "competition_editions",
                "record_id": edition.id, "record_uuid": str(edition.uuid),
                "changes": {"reopened": [old.value, status.value]}}])


def set_criteria(database: Database, year: int,
                 criteria: Sequence[tuple[str, Decimal, int]]) -> None:
    errors = {}
    for name, weight, max_points in criteria:
        if not name.strip() or weight <= 0 or max_points <= 0:
            errors["criteria"] = _("Every criterion needs a name, a positive weight and "
                                   "maximum points.")
    if errors:
        raise FormErrors(errors)
    with database.transaction() as session:
        edition = edition_in(session, year)
        check_editable(edition)
        if session.scalar(select(Score.id).join(Criterion).where(
                Criterion.edition_id == edition.id).limit(1)) is not None:
            raise UserFacingError(_("Scoring has started: the criteria can no longer change."))
        edition.criteria.clear()
        session.flush()
        for position, (name, weight, max_points) in enumerate(criteria):
            edition.criteria.append(Criterion(name=name.strip(), weight=Decimal(weight),
                                              max_points=max_points, position=position))


# --- entries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRow:
    id: int
    uuid: uuid.UUID
    gmina_teryt: str
    gmina: str
    category: str
    title: str
    submitted_on: date | None
    late: bool
    formal_check: FormalCheck
    formal_note: str
    attachments: tuple[str, ...] = ()


def category_for(edition: CompetitionEdition, gmina: Gmina) -> CompetitionCategory | None:
    return next((c for c in edition.categories if c.gmina_type is gmina.type), None)


def add_entry(database: Database, year: int, gmina_teryt: str, title: str = "",
              submitted_on: date | None = None, description: str = "",
              submitted_by_id: int | None = None) -> int:
    with database.transaction() as session:
        edition = edition_in(session, year)
        check_editable(edition)
        gmina = session.scalar(select(Gmina).where(Gmina.teryt == gmina_teryt))
        if gmina is None:
            raise FormErrors({"gmina": _("There is no gmina with TERYT code {code} in "
                                         "Małopolska.").format(code=gmina_teryt)})
        if session.scalar(select(Entry.id).where(Entry.edition_id == edition.id,
                                                 Entry.gmina_teryt == gmina_teryt)):
            raise FormErrors({"gmina": _("{gmina} already has an entry in the {year} "
                                         "edition.").format(gmina=gmina.name, year=year)})
        category = category_for(edition, gmina)
        entry = Entry(edition=edition, gmina_teryt=gmina_teryt, title=title,
                      description=description, submitted_on=submitted_on,
                      submitted_by_id=submitted_by_id,
                      category_id=category.id if category else None)
        session.add(entry)
        session.flush()
        return entry.id


def list_entries(database: Database, year: int) -> list[EntryRow]:
    with database.transaction() as session:
        edition = edition_in(session, year)
        categories = {c.id: c.name for c in edition.categories}
        gminy = dict(session.execute(select(Gmina.teryt, Gmina.name)).all())
        rows = []
        for entry in sorted(edition.entries,
                            key=lambda e: sort_key(gminy.get(e.gmina_teryt, ""))):
            late = bool(edition.deadline and entry.submitted_on
                        and entry.submitted_on > edition.deadline)
            rows.append(EntryRow(entry.id, entry.uuid, entry.gmina_teryt,
                                 gminy.get(entry.gmina_teryt, ""),
                                 categories.get(entry.category_id or 0, ""), entry.title,
                                 entry.submitted_on, late, entry.formal_check, entry.formal_note,
                                 tuple(a.file_name for a in entry.attachments)))
        return rows


def set_formal_check(database: Database, entry_id: int, check: FormalCheck,
                     note: str = "") -> None:
    if check is FormalCheck.INCOMPLETE and not note.strip():
        raise FormErrors({"formal_note": _("Say what is missing.")})
    with database.transaction() as session:
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise RecordNotFoundError(_("This entry no longer exists."))
        check_editable(entry.edition)
        entry.formal_check = check
        entry.formal_note = note.strip()


def attach_file(database: Database, entry_id: int, source: Path, folder: Path) -> str:
    """Copy a file into the program's attachments folder and list it with the entry."""
    data = Path(source).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stored = f"{digest[:2]}/{digest}{Path(source).suffix.lower()}"
    target = folder / stored
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(source, target)
    with database.transaction() as session:
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise RecordNotFoundError(_("This entry no longer exists."))
        check_editable(entry.edition)
        entry.attachments.append(EntryAttachment(file_name=Path(source).name, stored_as=stored,
                                                 size=len(data), sha256=digest))
    return stored


# --- jury --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JurorInfo:
    id: int
    person_id: int
    name: str
    conflicts: tuple[str, ...]  # gmina / powiat TERYT codes


def add_juror(database: Database, year: int, person_id: int,
              conflicts: Sequence[str] = ()) -> int:
    """A juror with their declared conflicts (7-digit gmina or 4-digit powiat TERYT codes)."""
    with database.transaction() as session:
        edition = edition_in(session, year)
        check_editable(edition)
        if session.get(Person, person_id) is None:
            raise RecordNotFoundError(_("This person no longer exists."))
        juror = Juror(edition=edition, person_id=person_id)
        for code in conflicts:
            juror.conflicts.append(ConflictOfInterest(
                gmina_teryt=code if len(code) == 7 else None,
                powiat_teryt=code if len(code) == 4 else None))
        session.add(juror)
        session.flush()
        return juror.id


def list_jurors(database: Database, year: int) -> list[JurorInfo]:
    with database.transaction() as session:
        edition = edition_in(session, year)
        return [JurorInfo(j.id, j.person_id, j.person.full_name,
                          tuple(c.gmina_teryt or c.powiat_teryt or "" for c in j.conflicts))
                for j in sorted(edition.jurors, key=lambda j: j.person.sort_key)]


def conflicted_pairs(session: Session, edition: CompetitionEdition) -> set[tuple[int, int]]:
    powiat_of = dict(session.execute(select(Gmina.teryt, Gmina.powiat_teryt)).all())
    pairs = set()
    for juror in edition.jurors:
        gminy = {c.gmina_teryt for c in juror.conflicts if c.gmina_teryt}
        powiaty = {c.powiat_teryt for c in juror.conflicts if c.powiat_teryt}
        for entry in edition.entries:
            if entry.gmina_teryt in gminy or powiat_of.get(entry.gmina_teryt) in powiaty:
                pairs.add((juror.id, entry.id))
    return pairs


# --- scoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoringGrid:
    """One juror's sheet: their entries (conflicted ones marked) × the criteria."""

    juror_id: int
    juror_name: str
    criteria: tuple[CriterionSpec, ...]
    entries: tuple[EntryRow, ...]
    conflicted: frozenset[int]  # entry ids the juror must not score
    points: dict[tuple[int, int], Decimal] = field(default_factory=dict)  # (entry, criterion)
    comments: dict[int, str] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return len(self.points)

    @property
    def needed(self) -> int:
        return (len(self.entries) - len(self.conflicted)) * len(self.criteria)


def scoring_grid(database: Database, year: int, juror_id: int) -> ScoringGrid:
    """A juror's grid: the entries that passed (or still wait for) the formal check."""
    entries = [entry for entry in list_entries(database, year)
               if entry.formal_check is not FormalCheck.INCOMPLETE]
    with database.transaction() as session:
        edition = edition_in(session, year)
        juror = session.get(Juror, juror_id)
        if juror is None or juror.edition_id != edition.id:
            raise RecordNotFoundError(_("This juror is not on the edition's jury."))
        conflicted = frozenset(e for j, e in conflicted_pairs(session, edition) if j == juror_id)
        points = {(s.entry_id, s.criterion_id): s.points for s in session.scalars(
            select(Score).where(Score.juror_id == juror_id))}
        comments = {c.entry_id: c.text for c in session.scalars(
            select(JurorComment).where(JurorComment.juror_id == juror_id))}
        criteria = tuple(CriterionSpec(c.id, c.name, c.weight, c.max_points, c.position)
                         for c in edition.criteria)
        return ScoringGrid(juror_id, juror.person.full_name, criteria, tuple(entries),
                           conflicted, points, comments)


def parse_points(text: object, max_points: int) -> Decimal:
    """A score as typed or read from Excel: 0..max, at most two decimals; else ValueError."""
    if isinstance(text, bool):
        raise ValueError(text)
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(text) from error
    if not value.is_finite() or value < 0 or value > max_points or value != round(value, 2):
        raise ValueError(text)
    return value


def save_scores(database: Database, year: int, juror_id: int,
                points: dict[tuple[int, int], Decimal | None],
                comments: dict[int, str] | None = None) -> tuple[int, int]:
    """Store a juror's scores ((entry, criterion) → points, None clears); one transaction.

    Returns how many scores were added and how many changed.
    """
    with database.transaction() as session:
        edition = edition_in(session, year)
        return apply_scores(session, edition, juror_id, points, comments or {})


def apply_scores(session: Session, edition: CompetitionEdition, juror_id: int,
                 points: dict[tuple[int, int], Decimal | None],
                 comments: dict[int, str]) -> tuple[int, int]:
    check_editable(edition)
    if edition.status is not EditionStatus.SCORING:
        raise UserFacingError(_("Scores can be entered while the edition is in scoring."))
    conflicted = {e for j, e in conflicted_pairs(session, edition) if j == juror_id}
    maxima = {c.id: c.max_points for c in edition.criteria}
    entries = {e.id for e in edition.entries}
    incomplete = {e.id for e in edition.entries if e.formal_check is FormalCheck.INCOMPLETE}
    existing = {(s.entry_id, s.criterion_id): s for s in session.scalars(
        select(Score).where(Score.juror_id == juror_id))}
    added = changed = 0
    for (entry_id, criterion_id), value in points.items():
        if entry_id not in entries or criterion_id not in maxima:
            raise UserFacingError(_("The score refers to an entry or criterion that is not "
                                    "in this edition."))
        if entry_id in conflicted:
            raise UserFacingError(_("A juror cannot score an entry they declared a "
                                    "conflict of interest with."))
        if entry_id in incomplete and value is not None:
            raise UserFacingError(_("The entry failed the formal check: it is not scored."))
        score = existing.get((entry_id, criterion_id))
        if value is None:
            if score is not None:
                session.delete(score)
                changed += 1
            continue
        value = parse_points(value, maxima[criterion_id])
        if score is None:
            session.add(Score(juror_id=juror_id, entry_id=entry_id,
                              criterion_id=criterion_id, points=value))
            added += 1
        elif score.points != value:
            score.points = value
            changed += 1
    for entry_id, text in comments.items():
        comment = session.scalar(select(JurorComment).where(
            JurorComment.juror_id == juror_id, JurorComment.entry_id == entry_id))
        if comment is None:
            if text:
                session.add(JurorComment(juror_id=juror_id, entry_id=entry_id, text=text))
        elif comment.text != text:
            comment.text = text
    return added, changed


# --- ranking ------------------------------------------------------------------------------


def competition_ranking(database: Database, year: int,
                        exclude_jurors: Sequence[int] = ()) -> dict[str, list[RankedEntry]]:
    with database.transaction() as session:
        edition = edition_in(session, year)
        categories = {c.id: c.name for c in edition.categories}
        gminy = dict(session.execute(select(Gmina.teryt, Gmina.name)).all())
        criteria = [CriterionSpec(c.id, c.name, c.weight, c.max_points, c.position)
                    for c in edition.criteria]
        entries = [EntrySpec(e.id, e.gmina_teryt, gminy.get(e.gmina_teryt, ""),
                             categories.get(e.category_id or 0, _("no category")),
                             sort_key(gminy.get(e.gmina_teryt, "")))
                   for e in edition.entries if e.formal_check is not FormalCheck.INCOMPLETE]
        jurors = [j.id for j in edition.jurors]
        scores = [ScoreSpec(s.juror_id, s.entry_id, s.criterion_id, s.points)
                  for s in session.scalars(select(Score).join(Juror).where(
                      Juror.edition_id == edition.id))]
        conflicts = conflicted_pairs(session, edition)
        order = [c.name for c in edition.categories]
    ranked = rank(criteria, entries, jurors, scores, conflicts, exclude_jurors)
    return {name: ranked[name] for name in sorted(
        ranked, key=lambda n: order.index(n) if n in order else len(order))}


def export_results(database: Database, year: int, path: Path) -> Path:
    from skimlll_desktop.services.competition_awards import award_label, awards_given
    from skimlll_desktop.services.excel_writing import Column, Sheet, write_workbook

    sheets = []
    ranking = competition_ranking(database, year)
    given = awards_given(database, year, ranking)
    for category, entries in ranking.items():
        rows = [[e.rank, e.gmina, e.gmina_teryt, e.score, award_label(given.get(e.entry_id)),
                 e.jurors_scored, len(e.jurors_missing), e.spread,
                 _("yes") if e.tie else ""] for e in entries]
        sheets.append(Sheet(category, [
            Column(_("Place")), Column(_("Gmina")), Column("TERYT"),
            Column(_("Score"), number_format="0.00"), Column(_("Award")),
            Column(_("Jurors who scored")), Column(_("Missing scores")),
            Column(_("Spread"), number_format="0.00"), Column(_("Tie for the jury"))], rows))
    return write_workbook(Path(path), sheets)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}


def laureate_recipients(database: Database, year: int, places: int | None = None) -> list:
    """The gminy the edition's awards reach (places and honourable mentions), as recipients
    of diplomas: ``{nagroda}`` says the award, the place or mention, and the category.

    ``places``: only the entries ranked up to that place (None: everyone awarded).
    """
    from skimlll_desktop.services.certificates import Recipient
    from skimlll_desktop.services.competition_awards import awards_given, diploma_award_text

    ranking = competition_ranking(database, year)
    given = awards_given(database, year, ranking)
    recipients = []
    for category, entries in ranking.items():
        for entry in entries:
            award = given.get(entry.entry_id)
            if award is None or (places is not None and entry.rank > places):
                continue
            recipients.append(Recipient(None, f"Gmina {entry.gmina}", None, "", entry.gmina, {
                "nagroda": diploma_award_text(award, category), "edycja": str(year)}))
    return recipients
