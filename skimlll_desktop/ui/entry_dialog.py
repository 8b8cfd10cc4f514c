"""A gmina's entry to the competition, and the entry's formal check.

The gmina is picked from Małopolska's TERYT list (type part of the name, no
Polish letters needed); a gmina can enter an edition once. The formal check is
complete, or incomplete with what is missing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.competition_texts import COMPLETE, INCOMPLETE, PENDING
from skimlll_desktop.ui.edition_dialog import dialog_buttons
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.form_widgets import (
    FieldErrors,
    OptionalDateEdit,
    SearchableComboBox,
    add_row,
    group,
    multiline,
)
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import EntryRow
    from skimlll_desktop.services.competition_corrections import EntryDetails
    from skimlll_desktop.services.database import Database


class EntryDialog(QDialog):
    """A new entry, or an existing one (``entry_id`` given) to correct; ``entry_id`` holds
    the entry after acceptance."""

    def __init__(self, database: Database, year: int, parent: QWidget | None = None,
                 entry_id: int | None = None) -> None:
        from skimlll_desktop.services.competition_corrections import entry_details
        from skimlll_desktop.services.registry import gmina_choices

        super().__init__(parent)
        self.setObjectName("entryDialog")
        self._database = database
        self._year = year
        self.entry_id: int | None = entry_id
        self.details: EntryDetails | None = (entry_details(database, entry_id)
                                             if entry_id is not None else None)
        self.setWindowTitle(_("Edit the entry — {gmina}").format(gmina=self.details.gmina)
                            if self.details else
                            _("New entry — edition {year}").format(year=year))
        self.setAccessibleName(self.windowTitle())
        self.errors = FieldErrors()

        box, form = group(_("Entry"), "entryGroup", self)
        self.gmina = SearchableComboBox(self, none_text=_("— choose the gmina —"))
        self.gmina.setObjectName("entryGmina")
        self.gmina.set_choices(gmina_choices(database))
        self.gmina.setToolTip(_("Type part of the gmina's name; only gminy of Małopolska"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("entryTitle")
        self.submitted = OptionalDateEdit(self)
        self.submitted.setObjectName("entrySubmitted")
        self.submitted.set_value(date.today())
        self.description = multiline(self, 5)
        self.description.setObjectName("entryDescription")
        add_row(form, _("&Gmina:"), self.gmina, _("Gmina"),
                self.errors.field("gmina", self.gmina, "entryGmina"))
        add_row(form, _("&Title:"), self.title_edit, _("Title of the entry"))
        add_row(form, _("&Submitted on:"), self.submitted, _("Submitted on"))
        add_row(form, _("&Activities:"), self.description,
                _("Description of the gmina's activities"))
        note = QLabel(_("The category follows from the gmina's type in TERYT. An entry "
                        "submitted after the deadline is flagged as late."), self)
        note.setObjectName("entryNote")
        note.setWordWrap(True)
        set_role(note, "subtle")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(box)
        layout.addWidget(note)
        layout.addWidget(dialog_buttons(
            self, _("Save") if self.details else _("Add the entry"), "saveEntry"))
        self.setMinimumWidth(600)
        if self.details is not None:
            self._show(self.details)

    def _show(self, details: EntryDetails) -> None:
        self.gmina.set_value(details.gmina_teryt)
        self.title_edit.setText(details.title)
        self.submitted.set_value(details.submitted_on)
        self.description.setPlainText(details.description)
        if details.scores:  # the service refuses it too; say why before the user tries
            self.gmina.setEnabled(False)
            self.gmina.setToolTip(_("The jury has already scored this entry, so its gmina "
                                    "cannot change."))

    def accept(self) -> None:
        from skimlll_desktop.services.competition import add_entry
        from skimlll_desktop.services.competition_corrections import edit_entry
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        teryt = self.gmina.value()
        if not teryt:
            self.errors.show({"gmina": _("Choose the gmina that submits the entry.")})
            return
        title = self.title_edit.text().strip()
        description = self.description.toPlainText().strip()
        try:
            if self.details is not None:
                self.details = edit_entry(self._database, replace(
                    self.details, gmina_teryt=teryt, title=title, description=description,
                    submitted_on=self.submitted.value()))
            else:
                self.entry_id = add_entry(self._database, self._year, teryt, title,
                                          self.submitted.value(), description)
        except FormErrors as error:
            self.errors.show(error.errors)
            return
        except UserFacingError as error:  # changed elsewhere meanwhile, or locked
            show_message(_("Entry"), error.message, parent=self)
            return
        super().accept()


class FormalCheckDialog(QDialog):
    """Complete, or incomplete with the reason (the reason is required)."""

    def __init__(self, database: Database, entry: EntryRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formalCheckDialog")
        self.setWindowTitle(_("Formal check — {gmina}").format(gmina=entry.gmina))
        self.setAccessibleName(self.windowTitle())
        self._database = database
        self._entry = entry
        self.errors = FieldErrors()

        box, form = group(_("Is the entry formally complete?"), "formalCheckGroup", self)
        self.choice = QButtonGroup(self)
        self.options: dict[str, QRadioButton] = {}
        for value, text in ((COMPLETE, _("&Complete")), (INCOMPLETE, _("&Incomplete")),
                            (PENDING, _("&Not checked yet"))):
            radio = QRadioButton(text, self)
            radio.setObjectName(f"formalCheck{value.capitalize()}")
            radio.setAccessibleName(text.replace("&", ""))
            self.choice.addButton(radio)
            self.options[value] = radio
            form.addRow(radio)
        self.options.get(str(entry.formal_check), self.options[PENDING]).setChecked(True)
        self.note = multiline(self, 3)
        self.note.setObjectName("formalCheckNote")
        self.note.setPlainText(entry.formal_note)
        self.note.setPlaceholderText(_("What is missing, e.g. the council's resolution"))
        add_row(form, _("&What is missing:"), self.note, _("What is missing"),
                self.errors.field("formal_note", self.note, "formalCheckNote"))
        self.choice.buttonToggled.connect(lambda *_args: self._sync())
        self._sync()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(box)
        layout.addWidget(dialog_buttons(self, _("Save"), "saveFormalCheck"))
        self.setMinimumWidth(480)

    def _sync(self) -> None:
        self.note.setEnabled(self.value() == INCOMPLETE)

    def value(self) -> str:
        return next((value for value, radio in self.options.items() if radio.isChecked()),
                    PENDING)

    def accept(self) -> None:
        from skimlll_desktop.models import FormalCheck
        from skimlll_desktop.services.competition import set_formal_check
        from skimlll_desktop.services.registry import FormErrors

        check = FormalCheck(self.value())
        note = self.note.toPlainText().strip() if check is FormalCheck.INCOMPLETE else ""
        try:
            set_formal_check(self._database, self._entry.id, check, note)
        except FormErrors as error:
            self.errors.show(error.errors)
            return
        super().accept()
