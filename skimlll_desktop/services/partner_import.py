"""Importing partners (organisations with their contact persons) from Excel.

Two steps, as the user sees them: :func:`preview_partner_import` reads the
sheet, checks every row and says what would happen to it (new, update, skip —
with every problem per row and column) and writes nothing;
:func:`~skimlll_desktop.services.partner_writing.apply_partner_import` writes all
accepted rows in one transaction.
Re-importing the same file updates instead of duplicating: an organisation is
matched by NIP, then REGON, then its folded name within the same gmina.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.models import (
    Organization,
    OrganizationType,
    Pillar,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.excel_reading import (
    HeaderMatch,
    SheetProblem,
    cell_date,
    cell_text,
    read_sheet,
)
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.services.teryt import GminaRef, TerytIndex
from skimlll_desktop.services.validators import (
    InvalidValue,
    normalise_email,
    normalise_krs,
    normalise_nip,
    normalise_phone,
    normalise_regon,
)

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("Nazwa instytucji", "Nazwa organizacji", "Nazwa partnera", "Pełna nazwa", "Nazwa",
             "Instytucja", "Partner", "Organization", "Organisation", "Institution", "Name"),
    "short_name": ("Nazwa skrócona", "Skrót", "Short name", "Abbreviation"),
    "type": ("Typ instytucji", "Rodzaj instytucji", "Typ", "Rodzaj", "Kategoria", "Type"),
    "nip": ("NIP", "Tax ID", "VAT ID"),
    "regon": ("REGON",),
    "krs": ("KRS",),
    "address": ("Adres", "Adres siedziby", "Ulica", "Address", "Street"),
    "postal_code": ("Kod pocztowy", "Kod", "Postal code", "ZIP"),
    "city": ("Miejscowość", "Miasto", "Poczta", "City", "Town"),
    "gmina": ("Gmina", "Gmina (TERYT)", "Kod TERYT", "TERYT", "Municipality"),
    "powiat": ("Powiat", "County", "District"),
    "website": ("Strona www", "Strona internetowa", "WWW", "Website", "Web"),
    "email": ("E-mail instytucji", "Adres e-mail", "E-mail", "Email", "Mail"),
    "phone": ("Telefon instytucji", "Nr telefonu", "Telefon", "Tel", "Phone"),
    "contact": ("Osoba kontaktowa", "Osoba do kontaktu", "Przedstawiciel", "Imię i nazwisko",
                "Contact person", "Contact"),
    "contact_email": ("E-mail osoby kontaktowej", "E-mail kontaktowy", "Contact e-mail",
                      "Contact email"),
    "contact_phone": ("Telefon osoby kontaktowej", "Telefon kontaktowy", "Contact phone"),
    "contact_position": ("Stanowisko", "Funkcja", "Position", "Role"),
    "pillar": ("Filar", "Filar WZK", "Pillar"),
    "joined_on": ("Data przystąpienia", "Data przystąpienia do MPKU", "Członek od",
                  "Member since", "Joined"),
    "notes": ("Uwagi", "Notatki", "Komentarz", "Notes", "Comments"),
}
REQUIRED = ("name",)

TYPE_WORDS: tuple[tuple[str, OrganizationType], ...] = (
    ("organizacja pracodawcow", OrganizationType.EMPLOYERS_ORGANISATION),
    ("izba", OrganizationType.EMPLOYERS_ORGANISATION),
    ("cech", OrganizationType.EMPLOYERS_ORGANISATION),
    ("urzad pracy", OrganizationType.LABOUR_OFFICE),
    ("pup", OrganizationType.LABOUR_OFFICE),
    ("wup", OrganizationType.LABOUR_OFFICE),
    ("biblioteka", OrganizationType.LIBRARY_CULTURE),
    ("kultur", OrganizationType.LIBRARY_CULTURE),
    ("instytucja szkoleniowa", OrganizationType.TRAINING_INSTITUTION),
    ("szkoleni", OrganizationType.TRAINING_INSTITUTION),
    ("ksztalcenia ustawicznego", OrganizationType.TRAINING_INSTITUTION),
    ("uczelnia", OrganizationType.UNIVERSITY),
    ("uniwersytet", OrganizationType.UNIVERSITY),
    ("akademia", OrganizationType.UNIVERSITY),
    ("politechnika", OrganizationType.UNIVERSITY),
    ("szkola wyzsza", OrganizationType.UNIVERSITY),
    ("szkola", OrganizationType.SCHOOL),
    ("przedszkole", OrganizationType.SCHOOL),
    ("liceum", OrganizationType.SCHOOL),
    ("technikum", OrganizationType.SCHOOL),
    ("placowka oswiatowa", OrganizationType.SCHOOL),
    ("jst", OrganizationType.LOCAL_GOVERNMENT),
    ("samorzad", OrganizationType.LOCAL_GOVERNMENT),
    ("urzad gminy", OrganizationType.LOCAL_GOVERNMENT),
    ("urzad miasta", OrganizationType.LOCAL_GOVERNMENT),
    ("starostwo", OrganizationType.LOCAL_GOVERNMENT),
    ("gmina", OrganizationType.LOCAL_GOVERNMENT),
    ("powiat", OrganizationType.LOCAL_GOVERNMENT),
    ("pracodaw", OrganizationType.EMPLOYER),
    ("przedsiebiorstwo", OrganizationType.EMPLOYER),
    ("firma", OrganizationType.EMPLOYER),
    ("employer", OrganizationType.EMPLOYER),
    ("ngo", OrganizationType.NGO),
    ("pozarzadow", OrganizationType.NGO),
    ("stowarzyszenie", OrganizationType.NGO),
    ("fundacja", OrganizationType.NGO),
    ("inn", OrganizationType.OTHER),
    ("other", OrganizationType.OTHER),
)

PILLAR_WORDS: tuple[tuple[str, Pillar], ...] = (
    ("oswiat", Pillar.EDUCATION),
    ("eduk", Pillar.EDUCATION),
    ("gospodar", Pillar.ECONOMY),
    ("zarzadzanie", Pillar.STRATEGIC_MANAGEMENT),
    ("strateg", Pillar.STRATEGIC_MANAGEMENT),
    ("fundusz", Pillar.EU_FUNDS),
    ("dialog", Pillar.SOCIAL_DIALOGUE),
    ("spoleczn", Pillar.SOCIAL_DIALOGUE),
)

ACADEMIC_TITLES = ("prof", "dr hab", "dr", "mgr inz", "mgr", "inz", "lic")

CREATE, UPDATE, SKIP = "create", "update", "skip"


@dataclass(frozen=True)
class ContactPerson:
    first_name: str
    last_name: str
    title: str = ""
    email: str | None = None
    phone: str | None = None
    position: str = ""


@dataclass(frozen=True)
class PartnerRow:
    """One spreadsheet row, checked: what it says and what would happen to it."""

    row: int
    values: Mapping[str, Any]  # field → normalised value
    contact: ContactPerson | None
    problems: tuple[SheetProblem, ...] = ()
    gmina_candidates: tuple[GminaRef, ...] = ()
    action: str = CREATE
    match_id: int | None = None

    @property
    def blocked(self) -> bool:
        return any(problem.blocking for problem in self.problems)


@dataclass
class ImportPreview:
    path: Path
    sheet_name: str
    header: HeaderMatch
    rows: list[PartnerRow] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def problems(self) -> list[SheetProblem]:
        return [problem for row in self.rows for problem in row.problems]


@dataclass(frozen=True)
class ImportResult:
    imported: int
    updated: int
    skipped: int
    problems: tuple[SheetProblem, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "problems": [{"row": p.row, "column": p.column, "message": p.message}
                         for p in self.problems],
        }


def _match_word(text: str, table: tuple[tuple[str, Any], ...]) -> Any:
    folded = " ".join(re.findall(r"[0-9a-z]+", fold(text)))
    for word, value in table:
        if f" {word}" in f" {folded}":
            return value
    return None


def split_person_name(text: str) -> tuple[str, str, str]:
    """"dr hab. Anna Maria Kowalska-Nowak" → ("Anna Maria", "Kowalska-Nowak", "dr hab.")."""
    parts = text.replace(",", " ").split()
    title_parts = []
    while parts:
        folded = fold(parts[0]).rstrip(".")
        if folded in {"prof", "dr", "hab", "mgr", "inz", "lic"}:
            title_parts.append(parts.pop(0))
        else:
            break
    if not parts:
        return "", "", " ".join(title_parts)
    if len(parts) == 1:
        return "", parts[0], " ".join(title_parts)
    return " ".join(parts[:-1]), parts[-1], " ".join(title_parts)


class _RowChecker:
    """Turns the cells of one row into normalised values and problems."""

    def __init__(self, header: HeaderMatch, teryt: TerytIndex) -> None:
        self.header = header
        self.teryt = teryt
        # A lone "E-mail"/"Telefon" next to a contact person column is the contact's.
        columns = header.columns
        self.email_is_contact = "contact" in columns and "contact_email" not in columns and (
            "email" in columns and "instytuc" not in fold(header.header_of("email") or ""))
        self.phone_is_contact = "contact" in columns and "contact_phone" not in columns and (
            "phone" in columns and "instytuc" not in fold(header.header_of("phone") or ""))

    def cell(self, cells: tuple[Any, ...], name: str) -> Any:
        index = self.header.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def check(self, number: int, cells: tuple[Any, ...]) -> PartnerRow:
        problems: list[SheetProblem] = []
        values: dict[str, Any] = {}

        def problem(name: str, message: str, blocking: bool = True) -> None:
            problems.append(SheetProblem(number, self.header.header_of(name), message, blocking))

        def text(name: str) -> str:
            return cell_text(self.cell(cells, name))

        values["name"] = text("name")
        if not values["name"]:
            problem("name", _("The institution's name is missing."))
        for name in ("short_name", "address", "postal_code", "city", "website", "notes"):
            values[name] = text(name)
        for name, normalise in (("nip", normalise_nip), ("regon", normalise_regon),
                                ("krs", normalise_krs)):
            try:
                values[name] = normalise(text(name))
            except InvalidValue as invalid:
                problem(name, invalid.message)
        type_text = text("type") or values["name"]
        values["type"] = _match_word(type_text, TYPE_WORDS) or OrganizationType.OTHER
        if text("type") and _match_word(text("type"), TYPE_WORDS) is None:
            problem("type", _("Unknown type of institution {value}: saved as other.").format(
                value=text("type")), blocking=False)
        pillar_text = text("pillar")
        values["pillar"] = _match_word(pillar_text, PILLAR_WORDS) if pillar_text else None
        if pillar_text and values["pillar"] is None:
            problem("pillar", _("Unknown pillar {value}.").format(value=pillar_text))
        try:
            values["joined_on"] = cell_date(self.cell(cells, "joined_on"))
        except (ValueError, OverflowError):
            problem("joined_on", _("{value} is not a date (use dd.mm.yyyy).").format(
                value=text("joined_on")))
        org_email = None if self.email_is_contact else text("email")
        org_phone = None if self.phone_is_contact else text("phone")
        try:
            values["email"] = normalise_email(org_email) or ""
        except InvalidValue as invalid:
            problem("email", invalid.message)
        try:
            values["phone"] = normalise_phone(org_phone) or ""
        except InvalidValue as invalid:
            problem("phone", invalid.message)

        candidates: tuple[GminaRef, ...] = ()
        values["gmina_teryt"] = None
        values["powiat_teryt"] = self.teryt.resolve_powiat(text("powiat")) if text("powiat") \
            else None
        if text("powiat") and values["powiat_teryt"] is None:
            problem("powiat", _("There is no powiat named {name} in Małopolska.").format(
                name=text("powiat")))
        if text("gmina"):
            resolution = self.teryt.resolve_gmina(text("gmina"), text("powiat"), values["name"])
            if resolution.gmina is not None:
                values["gmina_teryt"] = resolution.gmina.teryt
                values["powiat_teryt"] = resolution.gmina.powiat_teryt
            else:
                candidates = resolution.candidates
                problem("gmina", resolution.message)

        contact = self._contact(number, cells, problem)
        return PartnerRow(number, values, contact, tuple(problems), candidates)

    def _contact(self, number: int, cells: tuple[Any, ...], problem) -> ContactPerson | None:
        name_text = cell_text(self.cell(cells, "contact"))
        email_column = "email" if self.email_is_contact else "contact_email"
        phone_column = "phone" if self.phone_is_contact else "contact_phone"
        email_text = cell_text(self.cell(cells, email_column))
        phone_text = cell_text(self.cell(cells, phone_column))
        if not name_text:
            if (self.email_is_contact and email_text) or (self.phone_is_contact and phone_text):
                problem("contact", _("An e-mail or phone is given without the contact person's "
                                     "name: it was not imported."), blocking=False)
            return None
        first, last, title = split_person_name(name_text)
        email = phone = None
        try:
            email = normalise_email(email_text)
        except InvalidValue as invalid:
            problem(email_column, invalid.message)
        try:
            phone = normalise_phone(phone_text)
        except InvalidValue as invalid:
            problem(phone_column, invalid.message)
        if not first:
            problem("contact", _("Give the contact person's first and last name."),
                    blocking=False)
        return ContactPerson(first, last, title, email, phone,
                             cell_text(self.cell(cells, "contact_position")))


def _name_key(name: str, gmina_teryt: str | None) -> tuple[str, str]:
    return " ".join(re.findall(r"[0-9a-z]+", fold(name))), gmina_teryt or ""


@dataclass
class _Existing:
    by_nip: dict[str, int] = field(default_factory=dict)
    by_regon: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, str], int] = field(default_factory=dict)

    def match(self, values: Mapping[str, Any]) -> int | None:
        if values.get("nip") and values["nip"] in self.by_nip:
            return self.by_nip[values["nip"]]
        if values.get("regon") and values["regon"] in self.by_regon:
            return self.by_regon[values["regon"]]
        return self.by_name.get(_name_key(values["name"], values.get("gmina_teryt")))

    def remember(self, values: Mapping[str, Any], key: int) -> None:
        if values.get("nip"):
            self.by_nip.setdefault(values["nip"], key)
        if values.get("regon"):
            self.by_regon.setdefault(values["regon"], key)
        self.by_name.setdefault(_name_key(values["name"], values.get("gmina_teryt")), key)


def preview_partner_import(
    database: Database,
    path: Path,
    sheet: str | None = None,
    overrides: Mapping[str, int | None] | None = None,
    gmina_choices: Mapping[int, str] | None = None,
) -> Job[ImportPreview]:
    """Read and check every row; say what would happen to it. Writes nothing.

    ``gmina_choices`` maps a spreadsheet row to the TERYT code the user chose for
    an ambiguous gmina name.
    """
    data = read_sheet(Path(path), SYNONYMS, REQUIRED, sheet, overrides)
    yield Progress(0, len(data.rows), _("Checking rows…"))
    with database.transaction() as session:
        teryt = TerytIndex.load(session)
        existing = _Existing()
        for id_, nip, regon, name, gmina in session.execute(select(
                Organization.id, Organization.nip, Organization.regon, Organization.name,
                Organization.gmina_teryt)):
            existing.remember({"nip": nip, "regon": regon, "name": name, "gmina_teryt": gmina},
                              id_)
    checker = _RowChecker(data.header, teryt)
    preview = ImportPreview(Path(path), data.sheet_name, data.header)
    in_file = _Existing()
    for done, (number, cells) in enumerate(data.rows, start=1):
        row = checker.check(number, cells)
        chosen = (gmina_choices or {}).get(number)
        if chosen and chosen in teryt.gminy:
            gmina = teryt.gminy[chosen]
            values = {**row.values, "gmina_teryt": gmina.teryt, "powiat_teryt": gmina.powiat_teryt}
            problems = tuple(p for p in row.problems if p.column != data.header.header_of("gmina"))
            row = replace(row, values=values, problems=problems, gmina_candidates=())
        if not row.blocked:
            earlier = in_file.match(row.values)
            if earlier is not None:
                row = replace(row, problems=(*row.problems, SheetProblem(
                    number, None, _("The same institution as in row {row}: skipped.").format(
                        row=earlier))))
            else:
                in_file.remember(row.values, number)
        if row.blocked:
            row = replace(row, action=SKIP)
        else:
            match_id = existing.match(row.values)
            row = replace(row, action=UPDATE if match_id else CREATE, match_id=match_id)
        preview.rows.append(row)
        if done % 500 == 0:
            yield Progress(done, len(data.rows), _("Checking rows…"))
    yield Progress(len(data.rows), len(data.rows), _("Checking rows…"))
    return preview


ACTION_LABELS = {CREATE: N_("new"), UPDATE: N_("update"), SKIP: N_("skipped")}


def write_import_report(preview: ImportPreview, path: Path) -> Path:
    """The import report as xlsx: every row, what happened to it, and its problems."""
    from skimlll_desktop.services.excel_writing import Column, Sheet, write_workbook

    rows = []
    for row in preview.rows:
        messages = "; ".join(
            f"{p.column}: {p.message}" if p.column else p.message for p in row.problems)
        rows.append([row.row, _(ACTION_LABELS[row.action]), row.values.get("name", ""),
                     row.values.get("nip") or "", row.values.get("gmina_teryt") or "", messages])
    columns = [Column(_("Row")), Column(_("Result")), Column(_("Institution")), Column("NIP"),
               Column(_("Gmina (TERYT)")), Column(_("Problems"), width=80)]
    return write_workbook(path, [Sheet(_("Import report"), columns, rows)])
