"""The attendance list (lista obecności) to print and sign, as a PDF.

A4 portrait; the institution header and funding marks from Settings on every
page; the event's title, type, date(s), session and venue; columns Lp., Imię i
nazwisko, Instytucja, Gmina/Powiat and a wide Podpis — or one signature column
per day of a multi-day event; registrants in Polish alphabetical order of last
names; blank rows for walk-ins; the header row repeated on every page; "Strona
X z Y"; a closing block for the organiser's confirmation.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _, format_date
from skimlll_desktop.models import (
    Affiliation,
    Event,
    Gmina,
    Organization,
    Person,
    Powiat,
    Registration,
    RegistrationStatus,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.erasure import not_erased
from skimlll_desktop.services.errors import RecordNotFoundError, UserFacingError
from skimlll_desktop.services.event_types import event_type_label
from skimlll_desktop.services.settings import DocumentSettings, load_document_settings

# Who is expected at the venue and so gets a line to sign.
ON_THE_LIST = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED,
               RegistrationStatus.ABSENT, RegistrationStatus.WALK_IN)


class ListLayout(enum.StrEnum):
    PER_SESSION = "per_session"  # a separate list for each session (day)
    COLUMN_PER_DAY = "column_per_day"  # one list, a signature column per session


@dataclass(frozen=True)
class AttendanceListOptions:
    session_number: int | None = None  # only this session; None: every session
    blank_rows: int = 5
    layout: ListLayout = ListLayout.PER_SESSION


@dataclass(frozen=True)
class ListedPerson:
    name: str
    institution: str
    place: str  # "gmina / powiat"


@dataclass(frozen=True)
class SessionInfo:
    number: int
    day: date
    title: str


@dataclass(frozen=True)
class ListedEvent:
    title: str
    type_label: str
    starts_on: date
    ends_on: date
    venue: str
    sessions: tuple[SessionInfo, ...]
    people: tuple[ListedPerson, ...]


def load_listed_event(session: Session, event_id: int) -> ListedEvent:
    event = session.get(Event, event_id)
    if event is None:
        raise RecordNotFoundError(_("This event no longer exists."))
    primary = (
        select(Affiliation.person_id, Organization.name.label("organization"))
        .join(Organization, Affiliation.organization_id == Organization.id)
        .where(Affiliation.is_primary)
        .subquery()
    )
    rows = session.execute(
        select(Person.first_name, Person.last_name, primary.c.organization, Gmina.name,
               Powiat.name)
        .join(Registration, Registration.person_id == Person.id)
        .outerjoin(primary, primary.c.person_id == Person.id)
        .outerjoin(Gmina, Person.gmina_teryt == Gmina.teryt)
        .outerjoin(Powiat, Gmina.powiat_teryt == Powiat.teryt)
        .where(Registration.event_id == event_id, Registration.status.in_(ON_THE_LIST),
               not_erased())
        .order_by(Person.sort_key, Person.id)
    )
    seen_names: set[tuple[str, str]] = set()
    people = []
    for first, last, organization, gmina, powiat in rows:
        if (first, last, organization) in seen_names:  # one person, several affiliations
            continue
        seen_names.add((first, last, organization))
        place = " / ".join(part for part in (gmina, powiat) if part)
        people.append(ListedPerson(f"{first} {last}".strip(), organization or "", place))
    venue = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    sessions = tuple(SessionInfo(s.number, s.day, s.title) for s in event.sessions) or (
        SessionInfo(1, event.starts_on, ""),)
    return ListedEvent(event.title, event_type_label(session, event.type), event.starts_on,
                       event.ends_on, venue, sessions, tuple(people))


def _dates(event: ListedEvent) -> str:
    if event.starts_on == event.ends_on:
        return format_date(event.starts_on)
    return f"{format_date(event.starts_on)} – {format_date(event.ends_on)}"


def _cell(text: str, width: float, style: Any) -> str:
    """The text as it fits the column: wrapped at spaces, very long words broken.

    Plain lines joined with newlines (a table cell draws them as they are, no markup
    to escape, and far faster than a Paragraph); never wider than the cell.
    """
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room = width - 8  # the cell's padding
    if stringWidth(text, style.fontName, style.fontSize) <= room:
        return text
    lines: list[str] = []
    for line in simpleSplit(text, style.fontName, style.fontSize, room):
        while stringWidth(line, style.fontName, style.fontSize) > room:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], style.fontName, style.fontSize) > room:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _table(event: ListedEvent, sessions: Sequence[SessionInfo], blank_rows: int,
           width: float) -> Any:
    from reportlab.lib.colors import Color
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from skimlll_desktop.services.pdf import FONT, FONT_BOLD, RULE_COLOUR, styles

    style = styles()
    signature_width = max(38 * mm, (width - 10 * mm - 48 * mm - 46 * mm - 30 * mm)
                          if len(sessions) == 1 else 24 * mm)
    fixed = 10 * mm
    rest = width - fixed - signature_width * len(sessions)
    name_width, institution_width = rest * 0.33, rest * 0.40
    place_width = rest - name_width - institution_width
    widths = [fixed, name_width, institution_width, place_width] + [signature_width] * len(
        sessions)
    head = [_("No."), _("First and last name"), _("Institution"), _("Gmina / powiat")]
    if len(sessions) == 1:
        head.append(_("Signature"))
    else:
        head.extend(_("Signature — day {n} ({date})").format(
            n=s.number, date=format_date(s.day, "d.MM")) for s in sessions)
    rows: list[list[Any]] = [[_cell(text, width, style["cell_head"])
                              for text, width in zip(head, widths, strict=True)]]
    for number, person in enumerate(event.people, start=1):
        rows.append([str(number), _cell(person.name, name_width, style["cell"]),
                     _cell(person.institution, institution_width, style["cell"]),
                     _cell(person.place, place_width, style["cell"])] + [""] * len(sessions))
    for number in range(len(event.people) + 1, len(event.people) + blank_rows + 1):
        rows.append([str(number), "", "", ""] + [""] * len(sessions))
    table = Table(rows, colWidths=widths, repeatRows=1)
    rule = Color(*RULE_COLOUR)
    table.setStyle(TableStyle([
        ("FONT", (0, 1), (-1, -1), FONT, 8.5),
        ("LEADING", (0, 1), (-1, -1), 10.5),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.5, rule),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.93, 0.95, 0.97)),
        ("TOPPADDING", (0, 1), (-1, -1), 7.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 7.5),
    ]))
    return table


def _story_for(event: ListedEvent, sessions: Sequence[SessionInfo], options:
               AttendanceListOptions, width: float) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from skimlll_desktop.services.pdf import escape, styles

    style = styles()
    if len(sessions) == 1:
        session = sessions[0]
        when = format_date(session.day)
        if len(event.sessions) > 1:
            when = _("day {n} of {total}: {date}").format(n=session.number,
                                                          total=len(event.sessions), date=when)
        if session.title:
            when = f"{when} — {session.title}"
    else:
        when = _dates(event)
    story: list[Any] = [
        Paragraph(escape(_("ATTENDANCE LIST")), style["subtitle"]),
        Paragraph(escape(event.title), style["title"]),
        Paragraph(escape(f"{event.type_label} · {when}"), style["body"]),
    ]
    if event.venue:
        story.append(Paragraph(escape(_("Venue: {venue}").format(venue=event.venue)),
                               style["body"]))
    story += [Spacer(1, 5 * mm), _table(event, sessions, options.blank_rows, width),
              Spacer(1, 8 * mm)]
    closing = [
        Paragraph(escape(_("I confirm that this list is complete and correct.")), style["body"]),
        Spacer(1, 9 * mm),
        Paragraph(escape(_("Organiser: name ........................................ "
                           "date .................... signature "
                           "....................................")), style["body"]),
    ]
    story.append(KeepTogether(closing))
    return story


def build_attendance_list(
    database: Database, event_id: int, path: Path,
    options: AttendanceListOptions = AttendanceListOptions(),
) -> Path:
    """Write the attendance list PDF for an event to ``path``."""
    with database.transaction() as session:
        event = load_listed_event(session, event_id)
    settings = load_document_settings(database)
    return render_attendance_list(event, settings, Path(path), options)


def render_attendance_list(event: ListedEvent, settings: DocumentSettings, path: Path,
                           options: AttendanceListOptions) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from skimlll_desktop.services.pdf import (
        PageDecoration,
        numbered_canvas_class,
        section_start,
        write_pdf,
    )

    if options.blank_rows < 0 or options.blank_rows > 500:
        raise UserFacingError(_("The number of blank rows must be between 0 and 500."))
    sessions = list(event.sessions)
    if options.session_number is not None:
        sessions = [s for s in sessions if s.number == options.session_number]
        if not sessions:
            raise UserFacingError(_("The event has no session number {n}.").format(
                n=options.session_number))
    decoration = PageDecoration(settings, footer_note=event.title)

    def build(target: str) -> None:
        document = SimpleDocTemplate(
            target, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
            topMargin=10 * mm + decoration.header_height(), bottomMargin=16 * mm,
            title=f"{_('Attendance list')} — {event.title}", author=settings.institution_name,
        )
        story: list[Any] = []
        groups = ([sessions] if options.layout is ListLayout.COLUMN_PER_DAY or len(sessions) == 1
                  else [[s] for s in sessions])
        for index, group in enumerate(groups):
            if index:
                story.append(PageBreak())
            story.append(section_start())  # each day's list counts its own pages
            story += _story_for(event, group, options, document.width)
        document.build(story, onFirstPage=decoration.draw, onLaterPages=decoration.draw,
                       canvasmaker=numbered_canvas_class())

    return write_pdf(path, build)
