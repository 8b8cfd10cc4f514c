"""A template drawn with sample values, for the live preview in the template editor.

The page is built exactly as an issued one is (``certificates.page_inputs``
and :class:`~skimlll_desktop.services.certificate_pages.PageRenderer`), with
the sample values of :data:`PLACEHOLDERS`, a sample holder of the chosen
grammatical gender and a number that is never issued (``ZU/2026/0000``).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from skimlll_desktop.i18n import _
from skimlll_desktop.models import Gender
from skimlll_desktop.services.certificate_templates import (
    PLACEHOLDERS,
    TemplateDetails,
    unknown_placeholders,
)
from skimlll_desktop.services.settings import DocumentSettings

SAMPLE_CODE = "WZOR-0000"
SAMPLE_NAMES: dict[Gender | None, str] = {
    Gender.FEMININE: PLACEHOLDERS["imię_nazwisko"],
    Gender.MASCULINE: "Mikołaj Żółkiewski",
    None: "Sasza Nowak",  # a name that does not tell the gender
}


def sample_number(template: TemplateDetails, year: int) -> str:
    """``ZU/2026/0000``: the kind's pattern with serial 0, which is never issued."""
    from skimlll_desktop.services.certificates import PREFIXES

    return f"{PREFIXES[template.kind]}/{year}/0000"


def placeholder_problem(heading: str, body: str) -> str | None:
    """What is wrong with the placeholders of a heading and body (None when nothing)."""
    unknown = unknown_placeholders(heading) + unknown_placeholders(body)
    if not unknown:
        return None
    names = ", ".join("{" + name + "}" for name in dict.fromkeys(unknown))
    return _("Unknown placeholders: {names}. Choose from the list of placeholders; "
             "a double-click inserts one.").format(names=names)


def preview_inputs(template: TemplateDetails, settings: DocumentSettings,
                   gender: Gender | None, issue_date: date | None = None
                   ) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The page's inputs (as an issued page stores them) and the images they name."""
    from skimlll_desktop.services.certificates import Recipient, page_inputs

    issue_date = issue_date or date.today()
    images: dict[str, bytes] = {}

    def asset(data: bytes | None) -> str | None:
        if not data:
            return None
        digest = hashlib.sha256(data).hexdigest()
        images[digest] = data
        return digest

    assets = {"background": asset(template.background), "logo": asset(settings.logo),
              "funding_bar": asset(settings.funding_bar)}
    recipient = Recipient(None, SAMPLE_NAMES[gender], gender,
                          PLACEHOLDERS["instytucja"], PLACEHOLDERS["gmina"])
    number = sample_number(template, issue_date.year)
    inputs = page_inputs(template, settings, recipient, dict(PLACEHOLDERS),  # type: ignore[arg-type]
                          number, SAMPLE_CODE, issue_date, assets)
    return inputs, images


def render_template_preview(template: TemplateDetails, settings: DocumentSettings,
                            gender: Gender | None, path: Path,
                            issue_date: date | None = None) -> Path:
    """A one-page PDF of the template with sample values; returns ``path``."""
    from skimlll_desktop.services.certificate_pages import PageRenderer
    from skimlll_desktop.services.pdf import write_pdf

    inputs, images = preview_inputs(template, settings, gender, issue_date)

    def build(target: str) -> None:
        renderer = PageRenderer(images)
        canvas = renderer.open(Path(target))
        renderer.draw(canvas, inputs)
        canvas.save()

    return write_pdf(Path(path), build)
