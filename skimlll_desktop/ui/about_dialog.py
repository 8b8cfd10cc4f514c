"""O programie: name, version, the open database, and the licences of everything shipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop import APP_NAME, __version__
from skimlll_desktop.i18n import _, format_number
from skimlll_desktop.paths import resource_path
from skimlll_desktop.ui.theme import SPACING, app_icon, set_role

# Files whose text the Licences tab shows, in this order (paths inside resources/).
LICENCE_FILES: tuple[tuple[str, ...], ...] = (
    ("README.md",),
    ("fonts", "README.md"),
    ("icons", "README.md"),
    ("data", "SOURCES.md"),
)
FULL_TEXTS: tuple[tuple[str, ...], ...] = (("fonts", "OFL.txt"), ("icons", "LICENSE"))
EUPL_URL = "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12"


@dataclass(frozen=True)
class AboutFacts:
    """What the dialog says about the open database (all optional)."""

    database: str = ""
    engine: str = ""
    schema_revision: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def _read(*parts: str) -> str:
    try:
        return resource_path(*parts).read_text(encoding="utf-8")
    except OSError:
        return ""


def _program_licence_text() -> str:
    """The EUPL text when the program runs from a checkout (``LICENSE`` at the root)."""
    root_licence = Path(__file__).resolve().parents[2] / "LICENSE"
    try:
        return root_licence.read_text(encoding="utf-8")
    except OSError:
        return ""


def licences_markdown() -> str:
    """The Licences tab: a summary in the user's language, then the shipped files as they are."""
    parts = [
        "## " + _("Licences"),
        "- **{app}** — {text}".format(
            app=APP_NAME,
            text=_("European Union Public Licence v1.2 (EUPL-1.2). Full text: {url}").format(
                url=EUPL_URL
            ),
        ),
        "- **" + _("Font") + "** — " + _(
            "Noto Sans 2.004, © 2015 Google LLC, SIL Open Font License 1.1."
        ),
        "- **" + _("Icons") + "** — " + _(
            "Tabler Icons 3.51.0, © 2020–2026 Paweł Kuna, MIT licence."
        ),
        "- **" + _("Reference data") + "** — " + _(
            "TERYT register of Statistics Poland (GUS); gmina and powiat boundaries from the "
            "PRG register of the Head Office of Geodesy and Cartography (GUGiK). Public data."
        ),
        "",
        "## " + _("Details from the program's resource files"),
    ]
    for path in LICENCE_FILES:
        text = _read(*path)
        if text:
            parts += ["", "---", "", f"*resources/{'/'.join(path)}*", "", text.strip()]
    for path in FULL_TEXTS:
        text = _read(*path)
        if text:
            parts += ["", "---", "", f"*resources/{'/'.join(path)}*", "", "```", text.strip(),
                      "```"]
    program = _program_licence_text()
    if program:
        parts += ["", "---", "", "*LICENSE (EUPL-1.2)*", "", "```", program.strip(), "```"]
    return "\n".join(parts) + "\n"


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        self.setAccessibleName(self.windowTitle())
        self.resize(720, 560)

        tabs = QTabWidget(self)
        tabs.setObjectName("aboutTabs")
        tabs.setAccessibleName(_("About the program"))
        tabs.addTab(self._about_tab(facts), _("Program"))
        self.licences = QTextBrowser(self)
        self.licences.setObjectName("licencesText")
        self.licences.setAccessibleName(_("Licences"))
        self.licences.setOpenExternalLinks(True)
        self.licences.setMarkdown(licences_markdown())
        tabs.addTab(self.licences, _("Licences"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("aboutButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutClose")
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    def _about_tab(self, facts: AboutFacts) -> QWidget:
        page = QWidget(self)
        icon = QLabel(page)
        icon.setPixmap(app_icon().pixmap(QSize(72, 72), self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        name = QLabel(APP_NAME, page)
        name.setObjectName("aboutName")
        set_role(name, "heading")
        version = QLabel(_("Version {version}").format(version=__version__), page)
        version.setObjectName("aboutVersion")
        description = QLabel(
            _("Registry, events, attendance, competition and documents of the Małopolska "
              "Partnership for Lifelong Learning (MPKU). Made for the Regional Labour Office in "
              "Kraków (WUP), in a project funded by the National Recovery Plan (KPO)."),
            page,
        )
        description.setWordWrap(True)
        set_role(description, "subtle")

        details = QFormLayout()
        details.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        details.setHorizontalSpacing(SPACING)
        details.setVerticalSpacing(6)
        database = QLabel(facts.database or _("no database is open"), page)
        database.setObjectName("aboutDatabase")
        database.setWordWrap(True)
        database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.addRow(_("Database:"), database)
        if facts.engine:
            engine = QLabel("SQLite" if facts.engine == "sqlite" else "PostgreSQL"
                            if facts.engine == "postgresql" else facts.engine, page)
            details.addRow(_("Engine:"), engine)
        revision = QLabel(facts.schema_revision or "—", page)
        revision.setObjectName("aboutSchemaRevision")
        revision.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.addRow(_("Schema version:"), revision)
        if facts.counts:
            people = QLabel(format_number(facts.counts.get("people", 0)), page)
            details.addRow(_("People:"), people)
            organizations = QLabel(format_number(facts.counts.get("organizations", 0)), page)
            details.addRow(_("Institutions:"), organizations)
            events = QLabel(format_number(facts.counts.get("events", 0)), page)
            details.addRow(_("Events:"), events)
        licence = QLabel(
            _("Free software under the European Union Public Licence v1.2 (EUPL-1.2). "
              "The Licences tab lists the fonts, icons and data it ships with."),
            page,
        )
        licence.setWordWrap(True)

        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(name)
        text.addWidget(version)
        text.addWidget(description)
        text.addSpacing(6)
        text.addLayout(details)
        text.addSpacing(6)
        text.addWidget(licence)
        text.addStretch(1)
        row = QHBoxLayout(page)
        row.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        row.setSpacing(SPACING * 2)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        return page
