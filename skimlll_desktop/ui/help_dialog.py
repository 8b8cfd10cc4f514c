"""Pomoc (F1): a short guide to the program, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from skimlll_desktop import APP_NAME
from skimlll_desktop.i18n import _
from skimlll_desktop.ui.theme import SPACING


def help_markdown() -> str:
    """The help text; every paragraph goes through the catalog."""
    sections = [
        "## " + _("{app}: help").format(app=APP_NAME),
        _("The program keeps the registry of the Małopolska Partnership for Lifelong "
          "Learning, its events and attendance, the “Edukacyjna Gmina Małopolski” "
          "competition, documents and reports — in one database on this computer or on the "
          "office server."),
        "### " + _("Areas"),
        _("Choose an area in the bar on the left, or press Ctrl+1 … Ctrl+9 (menu View)."),
        "- **" + _("Partners") + "** — " + _(
            "the registry of institutions with their MPKU membership, Programme Council seats, "
            "themes and people. Search (Ctrl+F) ignores Polish letters: “lacko” finds "
            "“Łącko”. Narrow the list with the filters under the search field; right-click a "
            "column header to choose the columns. Ctrl+N adds, Enter opens the selected row, "
            "Delete deletes it after asking; Edit → Merge… joins two rows that are the same "
            "institution; File → Export the list to Excel… saves what the list shows.") + " " + _(
            "Click a column header to sort by it, in Polish alphabetical order (Ł after L, Ż "
            "last); empty cells come last either way."),
        "- **" + _("People") + "** — " + _(
            "the list of people, with the same search, filters and keys. A person's card "
            "holds their institutions and roles, RODO consent, themes and the events they "
            "attended.") + " " + _(
            "Deleting a person is an erasure under RODO: their data go, also from the change "
            "log; someone who took part in events stays as a nameless record, so that the "
            "counts of past events and the indicators do not change."),
        "- **" + _("Events") + "** — " + _(
            "the year's events and the plan of partner mornings (ten a year). An event's "
            "window holds its sessions (one per day), themes and partners, and on the "
            "Registrations tab: inviting people by filters, statuses (a full event gets a "
            "waiting list), copying the e-mail addresses for a BCC message, the attendance "
            "list to print and sign, ticking who came from the signed list, the summary and "
            "the export to Excel.") + " " + _(
            "The types of events are a list you edit (Event types…): add a new format, "
            "rename or hide one, change their order."),
        "- **" + _("Attendance") + "** — " + _(
            "check-in at the venue, also without a network. Choose the event and session, "
            "type part of a name and press Enter: the person is marked present at once. "
            "Ctrl+Z undoes the last check-in, Ctrl+Enter adds someone who did not register, "
            "Ctrl+N adds a new person."),
        "- **" + _("Competition") + "** — " + _(
            "“Edukacyjna Gmina Małopolski”: editions with their criteria, entries (one per "
            "gmina), the jury with declared conflicts of interest, scoring in the program or "
            "through Excel sheets sent to jurors, the ranking (exact decimals, tie-breaks "
            "in the rules), the map and the protocol. A final edition is locked until it is "
            "reopened, and reopening is recorded.") + " " + _(
            "The edition's awards (Dates, criteria and awards…) say how many places per "
            "category and how many honourable mentions are given: they decide the laureates "
            "and their diplomas. An entry or a juror is corrected or deleted with F2 or Delete "
            "on its tab."),
        "- **" + _("Documents") + "** — " + _(
            "certificates, diplomas and thank-you letters: templates with a live preview "
            "({wziął/wzięła} chooses the word by the person's gender), issuing for an event's "
            "attendees, the laureates or chosen people, the register (reprint with the same "
            "number, revoke, correct) and checking a document's number and code."),
        "- **" + _("Settings") + "** — " + _(
            "the institution, the project and the images printed on documents (shared by "
            "everyone who uses the database), and the program's language (this computer "
            "only). Save with Ctrl+S."),
        "- " + _("Recommendations and Reports are being prepared; each says what it will "
                 "be for."),
        "### " + _("The database"),
        _("The bottom right corner of the window shows which database is open. Menu File "
          "opens another database (Ctrl+O) or creates a new one (Ctrl+Shift+N)."),
        _("A database file is backed up automatically once a day, into the folder next to it "
          "whose name ends in “-backups”. File → Back up… saves a copy wherever you choose, "
          "for example on a USB stick; File → Restore from backup… puts a copy back (what "
          "was there before is kept in a safety copy)."),
        _("If a database cannot be opened, the program says why and offers the ways out: "
          "another file, the latest backup, or a new database. It never changes a file it "
          "cannot read."),
        "### " + _("Keyboard"),
        "| " + _("Keys") + " | " + _("Action") + " |\n|---|---|\n" + "\n".join(
            f"| {keys} | {what} |"
            for keys, what in (
                ("Ctrl+1 … Ctrl+9", _("go to an area")),
                ("Ctrl+F", _("search")),
                ("Ctrl+N", _("add to the list")),
                ("Enter", _("open the selected row")),
                ("Delete", _("delete the selected rows")),
                ("Ctrl+E", _("export the list to Excel")),
                ("Ctrl+S", _("save")),
                ("Ctrl+O", _("open a database")),
                ("Ctrl+Shift+N", _("new database")),
                ("F1", _("this help")),
                ("Esc", _("close a dialog")),
                ("Ctrl+Q", _("quit")),
            )
        ),
    ]
    return "\n\n".join(sections) + "\n"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_("Help"))
        self.setAccessibleName(_("Help"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(680, 600)
        self.text = QTextBrowser(self)
        self.text.setObjectName("helpText")
        self.text.setAccessibleName(_("Help"))
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(help_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("helpClose")
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
