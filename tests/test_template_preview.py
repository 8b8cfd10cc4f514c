"""The template preview: the page an issued document would be, with sample values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from skimlll_desktop.models import DocumentKind, Gender
from skimlll_desktop.services.certificate_templates import default_template
from skimlll_desktop.services.certificates import list_register
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.settings import DocumentSettings
from skimlll_desktop.services.template_preview import (
    SAMPLE_NAMES,
    placeholder_problem,
    preview_inputs,
    render_template_preview,
)


def _text(path: Path) -> str:
    pages = PdfReader(path).pages
    assert len(pages) == 1
    return " ".join(pages[0].extract_text().split())


def test_preview_fills_sample_values_and_gendered_forms(sqlite_db: Database,
                                                        tmp_path: Path) -> None:
    template = default_template(sqlite_db, DocumentKind.PARTICIPATION)
    settings = DocumentSettings(institution_name="Wojewódzki Urząd Pracy w Krakowie")
    woman = _text(render_template_preview(template, settings, Gender.FEMININE,
                                          tmp_path / "f.pdf", date(2026, 5, 12)))
    assert SAMPLE_NAMES[Gender.FEMININE] in woman and "wzięła udział" in woman
    assert "ZU/2026/0000" in woman and "{" not in woman
    man = _text(render_template_preview(template, settings, Gender.MASCULINE,
                                        tmp_path / "m.pdf", date(2026, 5, 12)))
    assert SAMPLE_NAMES[Gender.MASCULINE] in man and "wziął udział" in man
    unknown = _text(render_template_preview(template, settings, None, tmp_path / "n.pdf",
                                            date(2026, 5, 12)))
    assert "wziął(-ęła) udział" in unknown
    assert list_register(sqlite_db) == []  # a preview issues nothing


def test_preview_of_each_kind_and_the_edited_text(sqlite_db: Database, tmp_path: Path) -> None:
    for kind, prefix in ((DocumentKind.DIPLOMA, "DY"), (DocumentKind.THANKS, "PD")):
        template = replace(default_template(sqlite_db, kind), heading="NAGŁÓWEK <b>&",
                           body="Dla {imię_nazwisko} z gminy {gmina}")
        inputs, images = preview_inputs(template, DocumentSettings(), None, date(2026, 1, 2))
        assert inputs["number"] == f"{prefix}/2026/0000" and images == {}
        text = _text(render_template_preview(template, DocumentSettings(), None,
                                             tmp_path / f"{kind}.pdf"))
        assert "NAGŁÓWEK <b>&" in text and "z gminy Łącko" in text


def test_background_image_is_passed_by_its_hash(sqlite_db: Database) -> None:
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
           b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe"
           b"\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
    template = replace(default_template(sqlite_db, DocumentKind.THANKS), background=png)
    inputs, images = preview_inputs(template, DocumentSettings(), Gender.FEMININE)
    assert images == {inputs["assets"]["background"]: png}


def test_placeholder_problem_names_each_unknown_once() -> None:
    assert placeholder_problem("{numer}", "{imię_nazwisko} {wziął/wzięła}") is None
    problem = placeholder_problem("{imie}", "{imie} {miasto}")
    assert problem is not None
    assert problem.count("{imie}") == 1 and "{miasto}" in problem
