"""The protocol of the jury's meeting, as PDF: criteria, awards, jury and conflicts, scores,
the ranking per category with the awards given, a map of the entries, laureates and
honourable mentions, and signatures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from skimlll_desktop.i18n import _, format_date
from skimlll_desktop.models import Gmina
from skimlll_desktop.services.competition import (
    competition_ranking,
    edition_info,
    list_entries,
    list_jurors,
)
from skimlll_desktop.services.competition_awards import (
    AwardSpec,
    assign_awards,
    award_label,
    list_awards,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.settings import load_document_settings

ENTRY_COLOUR = (0.70, 0.80, 0.93)
LAUREATE_COLOUR = (0.12, 0.35, 0.65)
MENTION_COLOUR = (0.40, 0.58, 0.82)


def laureates(ranking: Mapping[str, Sequence[Any]], awards: Sequence[AwardSpec]) -> set[str]:
    """TERYT codes of the gminy that get a place of an award (honourable mentions not)."""
    given = assign_awards(ranking, awards)
    return {e.gmina_teryt for entries in ranking.values() for e in entries
            if e.entry_id in given and not given[e.entry_id].mention}


def write_protocol(database: Database, year: int, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Flowable,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from skimlll_desktop.services.gmina_map import draw_on_canvas, gminy_without_shape
    from skimlll_desktop.services.pdf import (
        FONT,
        FONT_BOLD,
        PageDecoration,
        escape,
        numbered_canvas_class,
        styles,
        write_pdf,
    )

    info = edition_info(database, year)
    jurors = list_jurors(database, year)
    entries = list_entries(database, year)
    ranking = competition_ranking(database, year)
    awards = list_awards(database, year)
    given = assign_awards(ranking, awards)
    settings = load_document_settings(database)
    with database.transaction() as session:
        names = dict(session.execute(select(Gmina.teryt, Gmina.name)).all())
    style = styles()
    decoration = PageDecoration(settings, footer_note=info.name)
    grid_style = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8.5), ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, "#c0c6ce"), ("BACKGROUND", (0, 0), (-1, 0), "#eef2f7"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])

    def cell(text: str) -> Any:
        return Paragraph(escape(text), style["cell"])

    story: list[Any] = [
        Paragraph(escape(_("PROTOCOL OF THE JURY MEETING")), style["subtitle"]),
        Paragraph(escape(info.name), style["title"]),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Criteria")), style["body"]),
    ]
    criteria = Table([[_("Criterion"), _("Weight"), _("Max. points")]] + [
        [cell(c.name), str(c.weight.normalize()), str(c.max_points)] for c in info.criteria],
        colWidths=[120 * mm, 25 * mm, 30 * mm], repeatRows=1)
    criteria.setStyle(grid_style)
    award_table = Table([[_("Award"), _("Places per category"), _("Honourable mentions")]] + [
        [cell(a.title), str(a.places), str(a.honourable_mentions)] for a in awards],
        colWidths=[100 * mm, 37 * mm, 38 * mm], repeatRows=1)
    award_table.setStyle(grid_style)
    story += [criteria, Spacer(1, 5 * mm), Paragraph(escape(_("Awards")), style["body"]),
              award_table, Spacer(1, 5 * mm),
              Paragraph(escape(_("Jury and declared conflicts of interest")), style["body"])]

    def conflict_names(codes: tuple[str, ...]) -> str:
        return ", ".join(names.get(c, c) if len(c) == 7 else _("powiat {code}").format(code=c)
                         for c in codes) or "—"

    jury = Table([[_("Juror"), _("Conflicts of interest")]] + [
        [cell(j.name), cell(conflict_names(j.conflicts))] for j in jurors],
        colWidths=[70 * mm, 105 * mm], repeatRows=1)
    jury.setStyle(grid_style)
    story += [jury, Spacer(1, 5 * mm)]
    juror_names = {j.id: j.name for j in jurors}
    for category, ranked in ranking.items():
        rows = [[_("Place"), _("Gmina"), _("Score"), _("Award"), _("Jurors"), _("Spread"),
                 _("Notes")]]
        for e in ranked:
            notes = []
            if e.tie:
                notes.append(_("tie for the jury to decide"))
            if e.jurors_missing:
                notes.append(_("missing: {names}").format(names=", ".join(
                    juror_names.get(j, "?") for j in e.jurors_missing)))
            if e.outliers:
                notes.append(_("outlier: {names}").format(names=", ".join(
                    juror_names.get(j, "?") for j in e.outliers)))
            rows.append([str(e.rank), cell(e.gmina), str(e.score) if e.score is not None
                         else "—", cell(award_label(given.get(e.entry_id))),
                         str(e.jurors_scored), str(e.spread or "—"), cell("; ".join(notes))])
        table = Table(rows, colWidths=[14 * mm, 38 * mm, 17 * mm, 40 * mm, 14 * mm, 16 * mm,
                                       36 * mm], repeatRows=1)
        table.setStyle(grid_style)
        story += [KeepTogether([Paragraph(escape(_("Ranking — {category}").format(
            category=category)), style["body"]), Spacer(1, 1.5 * mm), table]),
            Spacer(1, 5 * mm)]

    colours = {e.gmina_teryt: ENTRY_COLOUR for e in entries}
    colours.update({e.gmina_teryt: MENTION_COLOUR if given[e.entry_id].mention
                    else LAUREATE_COLOUR
                    for ranked in ranking.values() for e in ranked if e.entry_id in given})

    class MapFlowable(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width = available_width
            return available_width, 110 * mm

        def draw(self) -> None:
            draw_on_canvas(self.canv, 0, 0, self.width, 110 * mm, colours)

    missing = gminy_without_shape({e.gmina_teryt for e in entries})
    legend = _("Light blue: gminy that entered; dark blue: laureates (the places of the "
               "awards); medium blue: honourable mentions.")
    if missing:
        legend += " " + _("Not drawn (no boundary in the map data): {names}.").format(
            names=", ".join(names.get(code, code) for code in missing))
    story += [KeepTogether([Paragraph(escape(_("Map of entries and laureates")), style["body"]),
                            MapFlowable(), Paragraph(escape(legend), style["small"])]),
              Spacer(1, 10 * mm)]
    meeting = format_date(info_meeting) if (info_meeting := _meeting(database, year)) else ""
    signatures = [[cell(j.name), "...................................."] for j in jurors]
    sign = Table([[_("Jury member"), _("Signature")], *signatures],
                 colWidths=[80 * mm, 80 * mm])
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9),
                              ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9),
                              ("TOPPADDING", (0, 1), (-1, -1), 10)]))
    closing = [Paragraph(escape(_("Kraków, {date}").format(date=meeting)), style["body"])
               ] if meeting else []
    story.append(KeepTogether([*closing, Spacer(1, 3 * mm), sign]))

    def build(target: str) -> None:
        document = SimpleDocTemplate(target, pagesize=A4, leftMargin=15 * mm,
                                     rightMargin=15 * mm,
                                     topMargin=10 * mm + decoration.header_height(),
                                     bottomMargin=16 * mm, title=info.name)
        document.build(story, onFirstPage=decoration.draw, onLaterPages=decoration.draw,
                       canvasmaker=numbered_canvas_class())

    return write_pdf(Path(path), build)


def _meeting(database: Database, year: int):
    from skimlll_desktop.models import CompetitionEdition

    with database.transaction() as session:
        return session.scalar(select(CompetitionEdition.jury_meeting_on).where(
            CompetitionEdition.year == year))
