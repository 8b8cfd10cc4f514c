"""A juror for the edition: a person from the registry and their declared conflicts.

A conflict of interest is a gmina or a whole powiat; the juror never scores the
entries it covers (the grid greys them out, the ranking leaves them out). The same
dialog, opened on a juror of the jury, changes their declared conflicts.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.edition_dialog import dialog_buttons
from skimlll_desktop.ui.form_widgets import FieldErrors, SearchableComboBox, add_row, group
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition_corrections import JurorDetails
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.registry import Choice

SEARCH_DEBOUNCE_MS = 150
PEOPLE_SHOWN = 50
ID_ROLE = Qt.ItemDataRole.UserRole


def conflict_choices(database: Database) -> list[Choice]:
    """Every gmina ("Łącko — gmina wiejska (powiat nowosądecki)") and every whole powiat."""
    from skimlll_desktop.services.registry import Choice, gmina_choices, powiat_choices

    powiaty = [Choice(c.value, _("powiat {name} (whole)").format(name=c.label))
               for c in powiat_choices(database)]
    return gmina_choices(database) + powiaty


class JurorDialog(QDialog):
    """Pick a person, declare conflicts; ``juror_id`` holds the new juror. Given a
    ``juror_id``, the dialog changes that juror's conflicts (the person stays)."""

    def __init__(self, database: Database, year: int, exclude_people: Collection[int] = (),
                 parent: QWidget | None = None, juror_id: int | None = None) -> None:
        from skimlll_desktop.services.competition_corrections import juror_details

        super().__init__(parent)
        self.setObjectName("jurorDialog")
        self._database = database
        self._year = year
        self._exclude = set(exclude_people)
        self.juror_id: int | None = juror_id
        self.details: JurorDetails | None = (juror_details(database, juror_id)
                                             if juror_id is not None else None)
        self.setWindowTitle(
            _("Conflicts of interest — {name}").format(name=self.details.name) if self.details
            else _("Add a juror — edition {year}").format(year=year))
        self.setAccessibleName(self.windowTitle())
        self.errors = FieldErrors()

        person_box = QGroupBox(_("Juror"), self)
        person_box.setObjectName("jurorPersonGroup")
        self.search = QLineEdit(self)
        self.search.setObjectName("jurorSearch")
        self.search.setPlaceholderText(_("Type part of the name (no Polish letters needed)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.people = QListWidget(self)
        self.people.setObjectName("jurorPeople")
        self.people.setAccessibleName(_("People found"))
        self.people.setMinimumHeight(160)
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.search.setAccessibleName(_("Find a person"))
        find_label = QLabel(_("&Find a person:"), self)
        find_label.setBuddy(self.search)
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.search, 1)
        person_layout = QVBoxLayout(person_box)
        person_layout.setContentsMargins(SPACING + 4, SPACING + 6, SPACING + 4, SPACING + 4)
        person_layout.setSpacing(SPACING - 4)
        person_layout.addLayout(find_row)
        person_layout.addWidget(self.errors.field("person", self.people, "jurorPeople"), 1)

        conflict_box, conflict_form = group(_("Declared conflicts of interest"),
                                            "jurorConflictsGroup", self)
        self.conflict_combo = SearchableComboBox(self, none_text=_("— a gmina or a powiat —"))
        self.conflict_combo.setObjectName("jurorConflictChoice")
        self.conflict_combo.set_choices(conflict_choices(database))
        self.add_conflict_button = QPushButton(tinted_icon("add"), _("Add"), self)
        self.add_conflict_button.setObjectName("addConflict")
        self.add_conflict_button.setAccessibleName(_("Add the conflict"))
        self.add_conflict_button.setToolTip(_("Add the chosen gmina or powiat to the conflicts"))
        choose = QWidget(self)
        row = QHBoxLayout(choose)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.conflict_combo, 1)
        row.addWidget(self.add_conflict_button)
        add_row(conflict_form, _("&Gmina or powiat:"), self.conflict_combo,
                _("Gmina or powiat of a conflict"), choose)
        self.conflicts = QListWidget(self)
        self.conflicts.setObjectName("jurorConflicts")
        self.conflicts.setAccessibleName(_("Declared conflicts"))
        self.conflicts.setMaximumHeight(96)
        self.remove_conflict_button = QPushButton(tinted_icon("delete"), _("Remove"), self)
        self.remove_conflict_button.setObjectName("removeConflict")
        self.remove_conflict_button.setAccessibleName(_("Remove the selected conflict"))
        self.remove_conflict_button.setToolTip(_("Remove the selected conflict (Delete)"))
        listed = QWidget(self)
        listed_row = QHBoxLayout(listed)
        listed_row.setContentsMargins(0, 0, 0, 0)
        listed_row.addWidget(self.errors.field("conflicts", self.conflicts, "jurorConflicts"), 1)
        listed_row.addWidget(self.remove_conflict_button, 0, Qt.AlignmentFlag.AlignTop)
        conflict_form.addRow("", listed)
        note = QLabel(_("A conflict with a powiat covers every gmina in it."), self)
        note.setObjectName("jurorConflictsNote")
        note.setWordWrap(True)
        set_role(note, "subtle")
        conflict_form.addRow("", note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(person_box, 1)
        layout.addWidget(conflict_box)
        layout.addWidget(dialog_buttons(
            self, _("Save") if self.details else _("Add the juror"), "saveJuror"))
        self.resize(640, 620)
        if self.details is not None:  # the person is fixed: only the conflicts change
            person_box.hide()
            for code in self.details.conflicts:
                self.add_conflict(code)
            self.resize(640, 360)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.find_people)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_enter)
        self.add_conflict_button.clicked.connect(self.add_conflict)
        self.remove_conflict_button.clicked.connect(self.remove_conflict)
        if self.details is None:
            self.find_people()

    def find_people(self) -> None:
        from skimlll_desktop.services.people import PeopleQuery, list_people

        self._debounce.stop()
        rows = list_people(self._database, PeopleQuery(text=self.search.text()), 0,
                           PEOPLE_SHOWN + len(self._exclude))
        self.people.clear()
        for person in rows:
            if person.id in self._exclude:
                continue
            text = f"{person.last_name} {person.first_name}".strip()
            if person.organization:
                text += f" — {person.organization}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, person.id)
            self.people.addItem(item)
            if self.people.count() >= PEOPLE_SHOWN:
                break
        if self.people.count():
            self.people.setCurrentRow(0)

    def _search_enter(self) -> None:
        self.find_people()
        self.people.setFocus()

    def person_id(self) -> int | None:
        item = self.people.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def add_conflict(self, code: str = "") -> None:
        code = code or self.conflict_combo.value()
        if not code or code in self.conflict_codes():
            return
        index = self.conflict_combo.findData(code)
        item = QListWidgetItem(self.conflict_combo.itemText(index) if index >= 0 else code)
        item.setData(ID_ROLE, code)
        self.conflicts.addItem(item)
        self.conflict_combo.set_value("")

    def remove_conflict(self) -> None:
        row = self.conflicts.currentRow()
        if row >= 0:
            self.conflicts.takeItem(row)

    def conflict_codes(self) -> list[str]:
        return [str(self.conflicts.item(row).data(ID_ROLE))
                for row in range(self.conflicts.count())]

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Delete and self.conflicts.hasFocus():
            self.remove_conflict()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        from skimlll_desktop.services.competition import add_juror
        from skimlll_desktop.services.errors import UserFacingError

        if self.details is not None:
            self._save_conflicts()
            return
        person = self.person_id()
        if person is None:
            self.errors.show({"person": _("Find and select the person who joins the jury.")})
            return
        try:
            self.juror_id = add_juror(self._database, self._year, person, self.conflict_codes())
        except UserFacingError as error:
            self.errors.show({"person": error.message})
            return
        super().accept()

    def _save_conflicts(self) -> None:
        from skimlll_desktop.services.competition_corrections import set_juror_conflicts
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        assert self.details is not None
        try:
            self.details = set_juror_conflicts(self._database, self.details.id,
                                               self.details.version, self.conflict_codes())
        except FormErrors as error:
            self.errors.show(error.errors)
            return
        except UserFacingError as error:  # changed elsewhere meanwhile, or locked
            self.errors.show({"conflicts": error.message})
            return
        super().accept()
