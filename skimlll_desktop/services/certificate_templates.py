"""Templates of certificates, diplomas and letters: placeholders and Polish gendered forms.

A template's text names values in braces — ``{imię_nazwisko}``, ``{wydarzenie}``…
— and chooses words by the holder's grammatical gender with ``{wziął/wzięła}``;
a third form is the neutral wording for a person whose gender is unknown
(``{wziął/wzięła/wziął(-ęła)}``; without it both forms are shown,
"wziął/wzięła").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from skimlll_desktop.i18n import _
from skimlll_desktop.models import DocumentKind, DocumentTemplate, Gender, Orientation
from skimlll_desktop.services.database import Database, stale_record_message
from skimlll_desktop.services.errors import (
    RecordNotFoundError,
    StaleRecordError,
    UserFacingError,
)
from skimlll_desktop.services.registry import FormErrors

PLACEHOLDERS = {
    "imię_nazwisko": "Łucja Żółkiewska",
    "instytucja": "Urząd Gminy Łącko",
    "wydarzenie": "Poranek partnerski: zielone kompetencje",
    "rodzaj_wydarzenia": "poranek partnerski",
    "daty": "12 maja 2026",
    "miejsce": "Kraków, Centrum Kongresowe ICE",
    "godziny": "4",
    "edycja": "2026",
    "nagroda": "I miejsce w kategorii gmin wiejskich",
    "gmina": "Łącko",
    "data_wydania": "23 listopada 2026",
    "miejsce_wydania": "Kraków",
    "podpisujący": "Jan Kowalski",
    "funkcja_podpisującego": "Dyrektor Wojewódzkiego Urzędu Pracy w Krakowie",
    "numer": "ZU/2026/0001",
}
_FIELD = re.compile(r"\{([^{}]*)\}")


def fill(text: str, values: dict[str, str], gender: Gender | None) -> str:
    """Put values and gendered forms into a template's text (plain text, not markup)."""

    def replace(match: re.Match[str]) -> str:
        inside = match.group(1)
        if "/" in inside:
            forms = inside.split("/")
            if gender is Gender.MASCULINE:
                return forms[0]
            if gender is Gender.FEMININE and len(forms) > 1:
                return forms[1]
            return forms[2] if len(forms) > 2 else "/".join(forms[:2])
        return values.get(inside.strip(), match.group(0))

    return _FIELD.sub(replace, text)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in (m.group(1).strip() for m in _FIELD.finditer(text))
            if "/" not in name and name not in PLACEHOLDERS]


@dataclass(frozen=True)
class TemplateDetails:
    id: int | None = None
    version: int | None = None
    kind: DocumentKind = DocumentKind.PARTICIPATION
    name: str = ""
    orientation: Orientation = Orientation.PORTRAIT
    heading: str = ""
    body: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    issue_place: str = "Kraków"
    background: bytes | None = None
    is_default: bool = False


DEFAULTS = (
    TemplateDetails(
        kind=DocumentKind.PARTICIPATION, name="Zaświadczenie o udziale",
        heading="ZAŚWIADCZENIE",
        body=("Zaświadcza się, że\n{imię_nazwisko}\n"
              "{wziął/wzięła/wziął(-ęła)} udział w wydarzeniu „{wydarzenie}” "
              "({rodzaj_wydarzenia}), które odbyło się {daty} w miejscu: {miejsce}, "
              "w wymiarze {godziny} godz.\n"
              "Wydarzenie zorganizowano w ramach Małopolskiego Partnerstwa na rzecz "
              "Kształcenia Ustawicznego."),
        signatory_name="", signatory_role="Dyrektor Wojewódzkiego Urzędu Pracy w Krakowie",
        is_default=True),
    TemplateDetails(
        kind=DocumentKind.DIPLOMA, name="Dyplom dla laureata konkursu",
        orientation=Orientation.LANDSCAPE, heading="DYPLOM",
        body=("dla\n{imię_nazwisko}\n"
              "za zdobycie tytułu: {nagroda}\n"
              "w konkursie „Edukacyjna Gmina Małopolski” — edycja {edycja}.\n"
              "Gratulujemy i dziękujemy za działania na rzecz uczenia się przez całe życie."),
        signatory_role="Dyrektor Wojewódzkiego Urzędu Pracy w Krakowie", is_default=True),
    TemplateDetails(
        kind=DocumentKind.THANKS, name="Podziękowanie dla partnera", heading="PODZIĘKOWANIE",
        body=("Szanown{y/a/y(-a)} {Pan/Pani/Państwo}\n{imię_nazwisko}\n{instytucja}\n"
              "Serdecznie dziękujemy za zaangażowanie we współpracę w ramach Małopolskiego "
              "Partnerstwa na rzecz Kształcenia Ustawicznego i za wkład w rozwój uczenia się "
              "przez całe życie w Małopolsce."),
        signatory_role="Dyrektor Wojewódzkiego Urzędu Pracy w Krakowie", is_default=True),
)


def _details(template: DocumentTemplate) -> TemplateDetails:
    return TemplateDetails(
        template.id, template.version, template.kind, template.name, template.orientation,
        template.heading, template.body, template.signatory_name, template.signatory_role,
        template.issue_place, template.background, template.is_default)


def list_templates(database: Database, kind: DocumentKind | None = None) -> list[TemplateDetails]:
    """The templates (the shipped defaults are added the first time)."""
    with database.transaction() as session:
        if session.scalar(select(DocumentTemplate.id).limit(1)) is None:
            for default in DEFAULTS:
                session.add(DocumentTemplate(
                    kind=default.kind, name=default.name, orientation=default.orientation,
                    heading=default.heading, body=default.body,
                    signatory_name=default.signatory_name,
                    signatory_role=default.signatory_role, issue_place=default.issue_place,
                    is_default=True))
            session.flush()
        statement = select(DocumentTemplate).order_by(DocumentTemplate.kind,
                                                      DocumentTemplate.name)
        if kind is not None:
            statement = statement.where(DocumentTemplate.kind == kind)
        return [_details(t) for t in session.scalars(statement)]


def default_template(database: Database, kind: DocumentKind) -> TemplateDetails:
    templates = list_templates(database, kind)
    return next((t for t in templates if t.is_default), templates[0])


def get_template(database: Database, template_id: int) -> TemplateDetails:
    with database.transaction() as session:
        template = session.get(DocumentTemplate, template_id)
        if template is None:
            raise RecordNotFoundError(_("This template no longer exists."))
        return _details(template)


def save_template(database: Database, form: TemplateDetails) -> TemplateDetails:
    errors: dict[str, str] = {}
    if not form.name.strip():
        errors["name"] = _("Give the template a name.")
    unknown = unknown_placeholders(form.body) + unknown_placeholders(form.heading)
    if unknown:
        errors["body"] = _("Unknown placeholders: {names}. Available: {available}.").format(
            names=", ".join("{" + n + "}" for n in unknown),
            available=", ".join("{" + n + "}" for n in PLACEHOLDERS))
    if errors:
        raise FormErrors(errors)
    with database.transaction() as session:
        if form.id is None:
            template = DocumentTemplate(kind=form.kind, name=form.name.strip())
            session.add(template)
        else:
            found = session.get(DocumentTemplate, form.id)
            if found is None:
                raise RecordNotFoundError(_("This template no longer exists."))
            if form.version is not None and found.version != form.version:
                raise StaleRecordError(stale_record_message())
            template = found
        for key in ("kind", "orientation", "heading", "body", "signatory_name",
                    "signatory_role", "issue_place", "background", "is_default"):
            if getattr(template, key) != getattr(form, key):
                setattr(template, key, getattr(form, key))
        if template.name != form.name.strip():
            template.name = form.name.strip()
        if form.is_default:
            for other in session.scalars(select(DocumentTemplate).where(
                    DocumentTemplate.kind == form.kind, DocumentTemplate.id != template.id)):
                if other.is_default:
                    other.is_default = False
        session.flush()
        template_id = template.id
    return get_template(database, template_id)


def delete_template(database: Database, template_id: int, version: int) -> None:
    """Delete a template; the last one of its kind stays (documents are made from it).

    Documents already issued keep their text: they do not point at the template. When
    the default of its kind goes, the first other template of that kind (by name)
    becomes the default.
    """
    with database.transaction() as session:
        template = session.get(DocumentTemplate, template_id)
        if template is None:
            return
        if template.version != version:
            raise StaleRecordError(stale_record_message())
        others = list(session.scalars(select(DocumentTemplate).where(
            DocumentTemplate.kind == template.kind, DocumentTemplate.id != template.id)
            .order_by(DocumentTemplate.name, DocumentTemplate.id)))
        if not others:
            raise UserFacingError(_(
                "This is the only template of its kind, and documents of that kind are made "
                "from it: change it instead of deleting it."))
        if template.is_default and not any(other.is_default for other in others):
            others[0].is_default = True
        session.delete(template)
