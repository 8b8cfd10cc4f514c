"""Issuing certificates, diplomas and letters: numbers, pages, the register, verification.

Numbers come from a counter per kind and year (``ZU/2026/0001``) that only goes
up. A batch runs in ONE transaction whose first statement takes the counter, so
two batches at once get distinct numbers (the second waits), and a cancelled or
failed batch issues no number at all. Every issued document keeps the exact
inputs its page was drawn from (texts, values, images by hash): a reprint is the
same page with the same number, whatever happened to the template or the person
since. Each page carries a QR code and a short code, an HMAC of the number with
a secret kept in the database, so a forged number or an edited printout fails
verification.
"""

from __future__ import annotations

import base64
import contextlib
import enum
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _, format_date
from skimlll_desktop.models import (
    DocumentAsset,
    DocumentCounter,
    DocumentKind,
    DocumentStatus,
    DocumentTemplate,
    Event,
    EventSession,
    Gender,
    IssuedDocument,
    Orientation,
    Person,
    Registration,
    Setting,
)
from skimlll_desktop.models.base import utcnow
from skimlll_desktop.services.certificate_templates import fill
from skimlll_desktop.services.database import Database, actor_for
from skimlll_desktop.services.errors import RecordNotFoundError, UserFacingError
from skimlll_desktop.services.event_types import event_type_label
from skimlll_desktop.services.events import PRESENT
from skimlll_desktop.services.files import safe_file_name
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.services.pdf import pdf_lock
from skimlll_desktop.services.settings import load_document_settings

PREFIXES = {DocumentKind.PARTICIPATION: "ZU", DocumentKind.DIPLOMA: "DY",
            DocumentKind.THANKS: "PD"}
SECRET_KEY = "verification_secret"
QR_PREFIX = "SKIMLLL"


# --- verification codes -----------------------------------------------------------------


def _secret(session: Session) -> bytes:
    setting = session.scalar(select(Setting).where(Setting.key == SECRET_KEY))
    if setting is None:
        setting = Setting(key=SECRET_KEY, value=secrets.token_hex(32))
        session.add(setting)
        session.flush()
    return bytes.fromhex(setting.value)


def verification_code(secret: bytes, number: str) -> str:
    """Eight characters from an HMAC of the number, as ``ABCD-EFGH`` (no 0/O/1/I mix-ups)."""
    digest = hmac.new(secret, number.encode("utf-8"), hashlib.sha256).digest()
    text = base64.b32encode(digest).decode("ascii")[:8]
    return f"{text[:4]}-{text[4:]}"


def qr_text(number: str, code: str) -> str:
    return f"{QR_PREFIX}|{number}|{code}"


class Verdict(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    REPLACED = "replaced"
    UNKNOWN = "unknown"
    FORGED = "forged"


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    number: str
    holder: str = ""
    subject: str = ""
    issued_on: date | None = None
    replaced_by: str = ""
    reason: str = ""


def parse_scanned(text: str) -> tuple[str, str] | None:
    """``SKIMLLL|ZU/2026/0001|ABCD-EFGH`` (what the QR code holds) → number and code."""
    parts = text.strip().split("|")
    if len(parts) == 3 and parts[0] == QR_PREFIX:
        return parts[1], parts[2]
    return None


def verify(database: Database, number: str, code: str) -> Verification:
    number = " ".join(number.split()).upper()
    code = code.strip().upper().replace(" ", "")
    if len(code) == 8:
        code = f"{code[:4]}-{code[4:]}"
    with database.transaction() as session:
        secret = _secret(session)
        document = session.scalar(select(IssuedDocument).where(IssuedDocument.number == number))
        if document is None:
            return Verification(Verdict.UNKNOWN, number)
        if not hmac.compare_digest(verification_code(secret, number), code):
            return Verification(Verdict.FORGED, number)
        issued_on = document.issued_at.date()
        if document.status is DocumentStatus.REVOKED:
            return Verification(Verdict.REVOKED, number, document.holder_name, document.subject,
                                issued_on, reason=document.revoked_reason)
        if document.status is DocumentStatus.REPLACED:
            replaced_by = document.replaced_by.number if document.replaced_by else ""
            return Verification(Verdict.REPLACED, number, document.holder_name,
                                document.subject, issued_on, replaced_by=replaced_by)
        return Verification(Verdict.VALID, number, document.holder_name, document.subject,
                            issued_on)


# --- what goes on a page ----------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Who gets a document, and the values that differ per person (award, place…)."""

    person_id: int | None
    name: str
    gender: Gender | None = None
    institution: str = ""
    gmina: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IssueRequest:
    kind: DocumentKind
    template_id: int
    recipients: Sequence[Recipient]
    event_id: int | None = None
    subject: str = ""  # what the document is for (the event title, the award…)
    values: dict[str, str] = field(default_factory=dict)  # shared placeholder values
    issue_date: date = field(default_factory=date.today)
    out_pdf: Path | None = None  # one PDF with every page, for printing
    per_person_dir: Path | None = None  # and/or one PDF per person, for e-mailing


@dataclass(frozen=True)
class IssuedPage:
    number: str
    person_id: int | None
    person_uuid: str | None
    name: str
    file: Path | None  # the person's own PDF, if asked for


@dataclass(frozen=True)
class IssueResult:
    pages: tuple[IssuedPage, ...]
    out_pdf: Path | None


def _asset(session: Session, data: bytes | None) -> str | None:
    if not data:
        return None
    digest = hashlib.sha256(data).hexdigest()
    if session.scalar(select(DocumentAsset.id).where(DocumentAsset.sha256 == digest)) is None:
        session.add(DocumentAsset(sha256=digest, data=data))
        session.flush()
    return digest


def event_values(session: Session, event_id: int) -> tuple[dict[str, str], str]:
    event = session.get(Event, event_id)
    if event is None:
        raise RecordNotFoundError(_("This event no longer exists."))
    dates = format_date(event.starts_on) if event.starts_on == event.ends_on else (
        f"{format_date(event.starts_on)} – {format_date(event.ends_on)}")
    place = ", ".join(p for p in (event.venue_name, event.venue_address) if p)
    return {"wydarzenie": event.title, "rodzaj_wydarzenia": event_type_label(session, event.type),
            "daty": dates, "miejsce": place, "godziny": str(event.training_hours)}, event.title


def event_recipients(database: Database, event_id: int, all_sessions: bool = False
                     ) -> list[Recipient]:
    """Who attended: at least one session, or (``all_sessions``) every session."""
    from skimlll_desktop.models import Affiliation, Attendance, Gmina, Organization

    with database.transaction() as session:
        sessions = session.scalar(select(func.count(EventSession.id)).where(
            EventSession.event_id == event_id)) or 0
        attended = (select(func.count(Attendance.id)).where(
            Attendance.registration_id == Registration.id).scalar_subquery())
        institution = (select(Organization.name)
                       .join(Affiliation, Affiliation.organization_id == Organization.id)
                       .where(Affiliation.person_id == Person.id, Affiliation.is_primary)
                       .limit(1).scalar_subquery())
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.gender, institution,
                   Gmina.name, attended)
            .join(Registration, Registration.person_id == Person.id)
            .outerjoin(Gmina, Person.gmina_teryt == Gmina.teryt)
            .where(Registration.event_id == event_id, Registration.status.in_(PRESENT))
            .order_by(Person.sort_key, Person.id))
        return [Recipient(pid, f"{first} {last}", gender, org or "", gmina or "")
                for pid, first, last, gender, org, gmina, count in rows
                if count and (not all_sessions or count >= sessions)]


def page_inputs(template: DocumentTemplate, settings: Any, recipient: Recipient,
                 values: dict[str, str], number: str, code: str, issue_date: date,
                 assets: dict[str, str | None]) -> dict[str, Any]:
    filled_values = {
        **values, **recipient.extra, "imię_nazwisko": recipient.name,
        "instytucja": recipient.institution, "gmina": recipient.gmina,
        "data_wydania": format_date(issue_date), "miejsce_wydania": template.issue_place,
        "podpisujący": template.signatory_name,
        "funkcja_podpisującego": template.signatory_role, "numer": number,
    }
    return {
        "kind": template.kind.value, "orientation": template.orientation.value,
        "heading": fill(template.heading, filled_values, recipient.gender),
        "body": fill(template.body, filled_values, recipient.gender),
        "holder": recipient.name, "number": number, "code": code,
        "issued": f"{template.issue_place}, {format_date(issue_date)}".strip(", "),
        "signatory_name": template.signatory_name, "signatory_role": template.signatory_role,
        "institution": settings.institution_name, "funding_note": settings.funding_note,
        "assets": assets,
    }


def _digest(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def _take_numbers(session: Session, kind: DocumentKind, year: int, count: int) -> int:
    """Reserve ``count`` serials (the statement takes the write lock until the commit)."""
    result = session.execute(
        update(DocumentCounter).where(DocumentCounter.kind == kind, DocumentCounter.year == year)
        .values(last=DocumentCounter.last + count, version=DocumentCounter.version + 1)
        .returning(DocumentCounter.last))
    last = result.scalar_one_or_none()
    if last is None:
        raise LookupError
    return last - count + 1


def _next_number(session: Session, kind: DocumentKind, year: int) -> int:
    """The serial the next batch would start with (read only: no lock taken)."""
    last = session.scalar(select(DocumentCounter.last).where(
        DocumentCounter.kind == kind, DocumentCounter.year == year))
    return (last or 0) + 1


def _ensure_secret(database: Database) -> None:
    """The verification secret exists before batches read it (two may start at once)."""
    from sqlalchemy.exc import IntegrityError

    with contextlib.suppress(IntegrityError), database.transaction() as session:
        _secret(session)


def _ensure_counter(database: Database, kind: DocumentKind, year: int) -> None:
    from sqlalchemy.exc import IntegrityError

    with contextlib.suppress(IntegrityError), database.transaction() as session:
        if session.scalar(select(DocumentCounter.id).where(
                DocumentCounter.kind == kind, DocumentCounter.year == year)) is None:
            session.add(DocumentCounter(kind=kind, year=year, last=0))


def issue_documents(database: Database, request: IssueRequest) -> Job[IssueResult]:
    """Number, record and draw the documents; all or nothing (a cancel issues none)."""
    from skimlll_desktop.services.certificate_pages import PageRenderer

    if not request.recipients:
        raise UserFacingError(_("There is nobody to issue documents to."))
    if request.out_pdf is None and request.per_person_dir is None:
        raise UserFacingError(_("Choose where to save the documents."))
    year = request.issue_date.year
    _ensure_counter(database, request.kind, year)
    _ensure_secret(database)
    settings = load_document_settings(database)
    actor = actor_for(database.location)
    total = len(request.recipients)
    yield Progress(0, total, _("Preparing…"))
    with tempfile.TemporaryDirectory(prefix="skimlll-docs-") as folder:
        work = Path(folder)
        # Read what the pages need, then draw them with no write lock held: a long batch
        # must not make check-ins at the door wait.
        with database.transaction() as session:
            first = _next_number(session, request.kind, year)
            template = session.get(DocumentTemplate, request.template_id)
            if template is None or template.kind is not request.kind:
                raise RecordNotFoundError(_("This template no longer exists."))
            secret = _secret(session)
            values = dict(request.values)
            subject = request.subject
            if request.event_id is not None:
                event_fill, event_title = event_values(session, request.event_id)
                values = {**event_fill, **values}
                subject = subject or event_title
            assets = {"background": _asset(session, template.background),
                      "logo": _asset(session, settings.logo),
                      "funding_bar": _asset(session, settings.funding_bar)}
            images = {digest: data for digest, data in (
                (assets["background"], template.background), (assets["logo"], settings.logo),
                (assets["funding_bar"], settings.funding_bar)) if digest}
            person_uuids = dict(session.execute(select(Person.id, Person.uuid).where(
                Person.id.in_([r.person_id for r in request.recipients if r.person_id]))).all())
        context = _Batch(request, template, settings, values, secret, assets, first, year,
                         subject, actor, person_uuids)
        renderer = PageRenderer(images)
        with pdf_lock:  # reportlab keeps global state: one PDF job at a time
            pages, rows = yield from _draw_pages(renderer, work, context)
        with database.transaction() as session:
            taken = _take_numbers(session, request.kind, year, total)  # the write lock
            if taken != first:  # another batch took these numbers meanwhile: ours differ
                context = replace(context, first=taken)
                with pdf_lock:
                    pages, rows = yield from _draw_pages(renderer, work, context)
            _insert_issued(session, rows)
            # the last report comes before the commit: a Cancel here still issues nothing
            yield Progress(total, total, _("Done."))
            # Files go into place inside the transaction: if moving fails, nothing is issued.
            pages = _move_into_place(work, request, pages)
    return IssueResult(tuple(pages), request.out_pdf)


@dataclass(frozen=True)
class _Batch:
    request: IssueRequest
    template: DocumentTemplate
    settings: Any
    values: dict[str, str]
    secret: bytes
    assets: dict[str, str | None]
    first: int
    year: int
    subject: str
    actor: str
    person_uuids: dict[int, Any]


def _draw_pages(renderer: Any, work: Path, batch: _Batch
                ) -> Job[tuple[list[IssuedPage], list[dict[str, Any]]]]:
    request = batch.request
    total = len(request.recipients)
    combined = renderer.open(work / "all.pdf") if request.out_pdf else None
    pages: list[IssuedPage] = []
    rows: list[dict[str, Any]] = []
    now = utcnow()
    for index, recipient in enumerate(request.recipients):
        serial = batch.first + index
        number = f"{PREFIXES[request.kind]}/{batch.year}/{serial:04d}"
        inputs = page_inputs(batch.template, batch.settings, recipient, batch.values, number,
                             verification_code(batch.secret, number), request.issue_date,
                             batch.assets)
        if combined is not None:
            renderer.draw(combined, inputs)
        own_file = None
        if request.per_person_dir is not None:
            # the number keeps names unique even when long names are cut
            own_file = work / "people" / (safe_file_name(recipient.name, max_length=60)
                                          + "-" + safe_file_name(number, ".pdf"))
            own_file.parent.mkdir(exist_ok=True)
            single = renderer.open(own_file)
            renderer.draw(single, inputs)
            single.save()
        rows.append({"number": number, "kind": request.kind, "year": batch.year,
                     "serial": serial, "person_id": recipient.person_id,
                     "event_id": request.event_id, "holder_name": recipient.name,
                     "subject": batch.subject[:400], "issued_at": now, "issued_by": batch.actor,
                     "status": DocumentStatus.VALID, "inputs": inputs,
                     "inputs_sha256": _digest(inputs)})
        uuid_ = batch.person_uuids.get(recipient.person_id) if recipient.person_id else None
        pages.append(IssuedPage(number, recipient.person_id, str(uuid_) if uuid_ else None,
                                recipient.name, own_file))
        if (index + 1) % 25 == 0:
            yield Progress(index + 1, total, _("Drawing pages…"))
    if combined is not None:
        combined.save()
    return pages, rows


def _insert_issued(session: Session, rows: list[dict[str, Any]]) -> None:
    import uuid

    for row in rows:
        row.update(uuid=uuid.uuid4(), created_at=row["issued_at"], updated_at=row["issued_at"],
                   version=1)
    for start in range(0, len(rows), 500):
        session.execute(insert(IssuedDocument), rows[start:start + 500])


def _move_into_place(work: Path, request: IssueRequest,
                     pages: list[IssuedPage]) -> list[IssuedPage]:
    moved: list[Path] = []
    try:
        if request.out_pdf is not None:
            request.out_pdf.parent.mkdir(parents=True, exist_ok=True)
            os.replace(work / "all.pdf", request.out_pdf)
            moved.append(request.out_pdf)
        result = []
        for page in pages:
            if page.file is not None and request.per_person_dir is not None:
                request.per_person_dir.mkdir(parents=True, exist_ok=True)
                target = request.per_person_dir / page.file.name
                os.replace(page.file, target)
                moved.append(target)
                page = IssuedPage(page.number, page.person_id, page.person_uuid, page.name,
                                  target)
            result.append(page)
        return result
    except OSError as error:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
        raise UserFacingError(_("The documents could not be saved: {reason}. No number was "
                                "issued.").format(reason=error.strerror or error)) from error


# --- the register ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    kind: DocumentKind
    holder: str
    subject: str
    issued_at: Any
    issued_by: str
    status: DocumentStatus
    code: str


def list_register(database: Database, text: str = "", kind: DocumentKind | None = None,
                  limit: int = 5000) -> list[RegisterRow]:
    from skimlll_desktop.services.polish_text import fold

    with database.transaction() as session:
        secret = _secret(session)
        statement = select(IssuedDocument).order_by(IssuedDocument.issued_at.desc(),
                                                    IssuedDocument.id.desc())
        if kind is not None:
            statement = statement.where(IssuedDocument.kind == kind)
        rows = []
        needle = fold(text)
        for document in session.scalars(statement):
            if needle and needle not in fold(f"{document.number} {document.holder_name} "
                                             f"{document.subject}"):
                continue
            rows.append(RegisterRow(document.id, document.number, document.kind,
                                    document.holder_name, document.subject, document.issued_at,
                                    document.issued_by, document.status,
                                    verification_code(secret, document.number)))
            if len(rows) >= limit:
                break
        return rows


def revoke(database: Database, document_id: int, reason: str) -> None:
    if not reason.strip():
        from skimlll_desktop.services.registry import FormErrors

        raise FormErrors({"reason": _("Give the reason for revoking the document.")})
    with database.transaction() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None:
            raise RecordNotFoundError(_("This document is not in the register."))
        if document.status is not DocumentStatus.VALID:
            raise UserFacingError(_("Only a valid document can be revoked."))
        document.status = DocumentStatus.REVOKED
        document.revoked_reason = reason.strip()


def reprint(database: Database, document_ids: Sequence[int], out_pdf: Path) -> Path:
    """The same pages again, from their stored inputs: same numbers, same text."""
    from skimlll_desktop.services.certificate_pages import PageRenderer
    from skimlll_desktop.services.pdf import write_pdf

    with database.transaction() as session:
        documents = [session.get(IssuedDocument, i) for i in document_ids]
        if any(d is None for d in documents):
            raise RecordNotFoundError(_("This document is not in the register."))
        inputs = [d.inputs for d in documents if d is not None]
        digests = {h for i in inputs for h in i["assets"].values() if h}
        images = dict(session.execute(select(DocumentAsset.sha256, DocumentAsset.data).where(
            DocumentAsset.sha256.in_(digests))).all())

    def build(target: str) -> None:
        renderer = PageRenderer(images)
        canvas = renderer.open(Path(target), locked=False)
        for page in inputs:
            renderer.draw(canvas, page)
        canvas.save()

    return write_pdf(Path(out_pdf), build)


def reissue_corrected(database: Database, document_id: int, holder_name: str,
                      out_pdf: Path) -> Job[IssueResult]:
    """A corrected document: the same page with the name corrected, under a NEW number;
    the old document is marked replaced. Everything else (award, edition, event, texts)
    comes from what was issued, not from today's template."""
    from skimlll_desktop.services.certificate_pages import PageRenderer

    holder_name = " ".join(holder_name.split())
    if not holder_name:
        from skimlll_desktop.services.registry import FormErrors

        raise FormErrors({"holder": _("Give the holder's name.")})
    with database.transaction() as session:
        old = session.get(IssuedDocument, document_id)
        if old is None:
            raise RecordNotFoundError(_("This document is not in the register."))
        kind = old.kind
    year = date.today().year
    _ensure_counter(database, kind, year)
    yield Progress(0, 1, _("Preparing…"))
    with tempfile.TemporaryDirectory(prefix="skimlll-docs-") as folder:
        work = Path(folder) / "corrected.pdf"
        with database.transaction() as session:
            serial = _take_numbers(session, kind, year, 1)
            old = session.get(IssuedDocument, document_id)
            if old is None:
                raise RecordNotFoundError(_("This document is not in the register."))
            if old.status is not DocumentStatus.VALID:
                raise UserFacingError(_("Only a valid document can be corrected."))
            number = f"{PREFIXES[kind]}/{year}/{serial:04d}"
            inputs = dict(old.inputs)
            inputs.update(
                holder=holder_name, number=number,
                code=verification_code(_secret(session), number),
                body=str(inputs.get("body", "")).replace(old.holder_name, holder_name))
            digests = {h for h in inputs.get("assets", {}).values() if h}
            images = dict(session.execute(select(DocumentAsset.sha256, DocumentAsset.data)
                                          .where(DocumentAsset.sha256.in_(digests))).all())
            with pdf_lock:
                renderer = PageRenderer(images)
                canvas = renderer.open(work)
                renderer.draw(canvas, inputs)
                canvas.save()
            now = utcnow()
            new = IssuedDocument(
                number=number, kind=kind, year=year, serial=serial, person_id=old.person_id,
                event_id=old.event_id, holder_name=holder_name, subject=old.subject,
                issued_at=now, issued_by=actor_for(database.location), inputs=inputs,
                inputs_sha256=_digest(inputs))
            session.add(new)
            session.flush()
            old.status = DocumentStatus.REPLACED
            old.replaced_by_id = new.id
            yield Progress(1, 1, _("Done."))
            try:
                Path(out_pdf).parent.mkdir(parents=True, exist_ok=True)
                os.replace(work, out_pdf)
            except OSError as error:
                raise UserFacingError(_("The documents could not be saved: {reason}. No "
                                        "number was issued.").format(
                    reason=error.strerror or error)) from error
            person_uuid = str(session.get(Person, old.person_id).uuid) if old.person_id else None
    return IssueResult((IssuedPage(number, old.person_id, person_uuid, holder_name,
                                   Path(out_pdf)),), Path(out_pdf))


def export_register(database: Database, path: Path) -> Path:
    from skimlll_desktop.services.excel_writing import Column, Sheet, write_workbook
    from skimlll_desktop.services.labels import document_kind_label, document_status_label

    rows = [[r.number, document_kind_label(r.kind), r.holder, r.subject, r.issued_at,
             r.issued_by, document_status_label(r.status), r.code]
            for r in list_register(database, limit=10**9)]
    columns = [Column(_("Number")), Column(_("Kind")), Column(_("Holder")),
               Column(_("Subject")), Column(_("Issued")), Column(_("Issued by")),
               Column(_("Status")), Column(_("Verification code"))]
    return write_workbook(Path(path), [Sheet(_("Register of documents"), columns, rows)])


def orientation_of(inputs: dict[str, Any]) -> Orientation:
    return Orientation(inputs.get("orientation", Orientation.PORTRAIT.value))
