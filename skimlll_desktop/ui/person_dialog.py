"""A person's card: their data and RODO consent, institutions and roles, themes, history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_date
from skimlll_desktop.models import Gender
from skimlll_desktop.services.labels import registration_status_label
from skimlll_desktop.ui.form_widgets import (
    SearchableComboBox,
    add_row,
    column,
    fill_table,
    group,
    multiline,
    read_only_table,
)
from skimlll_desktop.ui.record_dialog import RecordDialog
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon
from skimlll_desktop.ui.themes_editor import ThemesEditor

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.duplicates import DuplicateCandidate
    from skimlll_desktop.services.registry import AffiliationInfo, PersonDetails
    from skimlll_desktop.ui.institution_picker import InstitutionPickerDialog

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMN_INSTITUTION, COLUMN_ROLE, COLUMN_PRIMARY = range(3)
# Grammatical gender for Polish documents ("wziął" / "wzięła"); "—" when not given.
GENDERS = ((Gender.FEMININE, N_("woman")), (Gender.MASCULINE, N_("man")))


def _line(parent: QWidget, name: str, max_length: int) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    return edit


class AffiliationsEditor(QWidget):
    """A person's institutions: the role is edited in place, one of them is the primary one."""

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personInstitutionsTab")
        self._database = database
        self._filling = False
        self.picker: InstitutionPickerDialog | None = None
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("personInstitutions")
        self.table.setAccessibleName(_("Institutions and roles"))
        self.table.setHorizontalHeaderLabels([_("Institution"), _("Role"), _("Primary")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(COLUMN_INSTITUTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_ROLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_PRIMARY, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(COLUMN_ROLE, 24 * self.table.fontMetrics().averageCharWidth())

        self.add_button = QPushButton(tinted_icon("add"), _("Add institution…"), self)
        self.add_button.setObjectName("personAddInstitution")
        self.add_button.setAccessibleName(_("Add institution"))
        self.add_button.setToolTip(_("Link the person to an institution from the registry"))
        self.remove_button = QPushButton(tinted_icon("delete"), _("Remove"), self)
        self.remove_button.setObjectName("personRemoveInstitution")
        self.remove_button.setAccessibleName(_("Remove the institution"))
        self.remove_button.setToolTip(_("Unlink the selected institution (the institution "
                                        "itself stays in the registry)"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        hint = QLabel(_("Double-click a role to change it. The primary institution is shown "
                        "in lists and printed on documents."), self)
        hint.setWordWrap(True)
        set_role(hint, "subtle")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING - 4)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.pick)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_affiliations(self, affiliations: tuple[AffiliationInfo, ...]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            for info in affiliations:
                self._append(info.organization_id, info.organization_name, info.role,
                             info.is_primary)
        finally:
            self._filling = False
        self._update_buttons()

    def affiliations(self) -> tuple[AffiliationInfo, ...]:
        from skimlll_desktop.services.registry import AffiliationInfo

        rows = []
        for row in range(self.table.rowCount()):
            institution = self.table.item(row, COLUMN_INSTITUTION)
            role = self.table.item(row, COLUMN_ROLE)
            primary = self.table.item(row, COLUMN_PRIMARY)
            rows.append(AffiliationInfo(
                int(institution.data(ID_ROLE)), institution.text(),
                role.text().strip() if role else "",
                primary is not None and primary.checkState() == Qt.CheckState.Checked))
        return tuple(rows)

    def _append(self, organization_id: int, name: str, role: str, primary: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        institution = QTableWidgetItem(name)
        institution.setData(ID_ROLE, organization_id)
        institution.setFlags(institution.flags() & ~Qt.ItemFlag.ItemIsEditable)
        institution.setToolTip(name)
        self.table.setItem(row, COLUMN_INSTITUTION, institution)
        self.table.setItem(row, COLUMN_ROLE, QTableWidgetItem(role))
        check = QTableWidgetItem()
        check.setFlags((check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                       & ~Qt.ItemFlag.ItemIsEditable)
        check.setCheckState(Qt.CheckState.Checked if primary else Qt.CheckState.Unchecked)
        check.setToolTip(_("The primary institution"))
        self.table.setItem(row, COLUMN_PRIMARY, check)

    def pick(self) -> InstitutionPickerDialog:
        """The institution picker; the chosen institution is added as a new row."""
        from skimlll_desktop.ui.institution_picker import InstitutionPickerDialog

        linked = [info.organization_id for info in self.affiliations()]
        picker = InstitutionPickerDialog(self._database, linked, self)
        picker.picked.connect(self.add)
        picker.finished.connect(picker.deleteLater)
        self.picker = picker
        picker.open()
        return picker

    def add(self, organization_id: int, name: str, role: str) -> None:
        if organization_id in {info.organization_id for info in self.affiliations()}:
            return
        first = self.table.rowCount() == 0
        self._filling = True
        try:
            self._append(organization_id, name, role, first)
        finally:
            self._filling = False
        self.table.selectRow(self.table.rowCount() - 1)
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()},
                      reverse=True)
        if not rows:
            return
        removed_primary = False
        self._filling = True
        try:
            for row in rows:
                item = self.table.item(row, COLUMN_PRIMARY)
                removed_primary |= item is not None and item.checkState() == Qt.CheckState.Checked
                self.table.removeRow(row)
            if removed_primary and self.table.rowCount():
                self.table.item(0, COLUMN_PRIMARY).setCheckState(Qt.CheckState.Checked)
        finally:
            self._filling = False
        self._update_buttons()
        self.changed.emit()

    def set_primary(self, row: int) -> None:
        self._filling = True
        try:
            for other in range(self.table.rowCount()):
                self.table.item(other, COLUMN_PRIMARY).setCheckState(
                    Qt.CheckState.Checked if other == row else Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        self.changed.emit()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if item.column() == COLUMN_PRIMARY:
            if item.checkState() == Qt.CheckState.Checked:
                self.set_primary(item.row())
                return
            self._filling = True  # one institution stays primary: it cannot be unticked
            item.setCheckState(Qt.CheckState.Checked)
            self._filling = False
            return
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))


class PersonDialog(RecordDialog):
    """Dane, Instytucje, Tematy, Historia."""

    KIND = "person"

    def _build(self) -> None:
        from skimlll_desktop.services.registry import gmina_choices

        self.resize(960, 580)
        self._gminy = gmina_choices(self._database)
        self.tabs.addTab(self._details_tab(), _("Details"))
        self.institutions = AffiliationsEditor(self._database, self)
        self.tabs.addTab(self.institutions, _("Institutions"))
        self.themes = ThemesEditor(self._database, "person", self)
        self.tabs.addTab(self.themes, _("Themes"))
        self.tabs.addTab(self._history_tab(), _("History"))
        self._watch(self.first_name, self.last_name, self.gender, self.title, self.position,
                    self.email, self.phone, self.gmina, self.notes, self.consent,
                    self.consent_note, self.institutions, self.themes)
        from skimlll_desktop.services.validators import normalise_email, normalise_phone

        self._validate_on_leave("email", self.email, normalise_email)
        self._validate_on_leave("phone", self.phone, normalise_phone)
        self.consent.toggled.connect(self.consent_note.setEnabled)

    def _details_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("personDetailsTab")
        errors = self.errors
        self.title = _line(tab, "personTitle", 60)
        self.title.setPlaceholderText(_("e.g. dr, mgr"))
        self.title.setMaximumWidth(160)
        self.first_name = _line(tab, "personFirstName", 100)
        self.last_name = _line(tab, "personLastName", 100)
        self.gender = QComboBox(tab)
        self.gender.setObjectName("personGender")
        self.gender.addItem("—", None)
        for value, label in GENDERS:
            self.gender.addItem(_(label), value)
        self.gender.setToolTip(_("Used to write documents in the right grammatical form "
                                 "(“wziął” or “wzięła” udział)"))
        self.gender.setMinimumWidth(160)
        self.position = _line(tab, "personPosition", 200)
        person, form = group(_("Person"), "personGroup", tab)
        add_row(form, _("&First name:"), self.first_name, _("First name"),
                errors.field("first_name", self.first_name, "personFirstName"))
        add_row(form, _("&Last name:"), self.last_name, _("Last name"),
                errors.field("last_name", self.last_name, "personLastName"))
        add_row(form, _("T&itle:"), self.title, _("Title"))
        add_row(form, _("&Position:"), self.position, _("Position"))
        add_row(form, _("&Gender in documents:"), self.gender, _("Gender in documents"))

        self.email = _line(tab, "personEmail", 200)
        self.phone = _line(tab, "personPhone", 40)
        self.gmina = SearchableComboBox(tab)
        self.gmina.setObjectName("personGmina")
        self.gmina.set_choices(self._gminy)
        self.gmina.setToolTip(_("Type part of the gmina's name; “zabno” finds “Żabno”"))
        contact, form = group(_("Contact"), "personContactGroup", tab)
        add_row(form, _("&E-mail:"), self.email, _("E-mail"),
                errors.field("email", self.email, "personEmail"))
        add_row(form, _("P&hone:"), self.phone, _("Phone"),
                errors.field("phone", self.phone, "personPhone"))
        add_row(form, _("G&mina:"), self.gmina, _("Gmina"))

        self.consent = QCheckBox(_("Agreed to be kept in the registry and contacted"), tab)
        self.consent.setObjectName("personConsent")
        self.consent.setAccessibleName(_("RODO consent"))
        self.consent_note = _line(tab, "personConsentNote", 300)
        self.consent_note.setPlaceholderText(_("how and when, e.g. registration form of "
                                               "12.03.2026"))
        self.consent_state = QLabel(tab)
        self.consent_state.setObjectName("personConsentState")
        set_role(self.consent_state, "subtle")
        rodo, form = group(_("RODO"), "personRodoGroup", tab)
        form.addRow("", self.consent)
        add_row(form, _("&Consent note:"), self.consent_note, _("Consent note"))
        form.addRow("", self.consent_state)

        self.notes = multiline(tab, 3)
        self.notes.setObjectName("personNotes")
        self.notes.setAccessibleName(_("Notes"))
        notes, form = group(_("Notes"), "personNotesGroup", tab)
        form.addRow(self.notes)

        columns = QHBoxLayout()
        columns.setSpacing(SPACING + 4)
        columns.addWidget(column(tab, person), 1)
        columns.addWidget(column(tab, contact), 1)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addLayout(columns)
        layout.addWidget(rodo)
        layout.addWidget(notes)
        layout.addStretch(1)
        return tab

    def _history_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("personHistoryTab")
        self.history = read_only_table(
            tab, "personHistory", [_("Event"), _("Date"), _("Status"), _("Sessions attended")],
            _("Events attended"))
        self.history_hint = QLabel(tab)
        self.history_hint.setObjectName("personHistoryHint")
        self.history_hint.setWordWrap(True)
        set_role(self.history_hint, "subtle")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(self.history_hint)
        layout.addWidget(self.history, 1)
        return tab

    # --- the record ---------------------------------------------------------------------

    def _new_record(self) -> PersonDetails:
        from skimlll_desktop.services.registry import PersonDetails

        return PersonDetails()

    def _get(self, record_id: int) -> PersonDetails:
        from skimlll_desktop.services.registry import get_person

        return get_person(self._database, record_id)

    def _save_record(self, form: PersonDetails) -> PersonDetails:
        from skimlll_desktop.services.registry import save_person

        return save_person(self._database, form)

    def _duplicates(self, form: PersonDetails) -> list[DuplicateCandidate]:
        from skimlll_desktop.services.registry_checks import likely_duplicate_people

        return likely_duplicate_people(self._database, form)

    def _title(self, record: PersonDetails) -> str:
        name = f"{record.first_name} {record.last_name}".strip()
        return name if record.id is not None and name else _("New person")

    def _fill(self, record: PersonDetails) -> None:
        self.first_name.setText(record.first_name)
        self.last_name.setText(record.last_name)
        self.gender.setCurrentIndex(max(self.gender.findData(record.gender), 0))
        self.title.setText(record.title)
        self.position.setText(record.position)
        self.email.setText(record.email)
        self.phone.setText(record.phone)
        self.gmina.set_value(record.gmina_teryt)
        self.notes.setPlainText(record.notes)
        self.consent.setChecked(record.consent)
        self.consent_note.setText(record.consent_note)
        self.consent_note.setEnabled(record.consent)
        self.consent_state.setText(
            _("Consent is recorded with the date it was given.") if record.consent
            else _("Without consent, keep only what an event needs and erase the person "
                   "afterwards (Delete in the list)."))
        self.institutions.set_affiliations(record.affiliations)
        self.themes.set_ticked(record.theme_ids)
        fill_table(self.history, [
            (event.title, format_date(event.starts_on), registration_status_label(event.status),
             _("{attended} of {total}").format(attended=event.sessions_attended,
                                               total=event.sessions))
            for event in record.events], [event.event_id for event in record.events])
        self.history_hint.setText(
            _("Events the person was invited to or took part in, newest first.")
            if record.events else _("No events yet."))
        self.tabs.setTabText(1, _("Institutions ({n})").format(n=len(record.affiliations)))
        self.tabs.setTabText(3, _("History ({n})").format(n=len(record.events)))
        self.tabs.setTabEnabled(3, record.id is not None)

    def _collect_fields(self) -> dict[str, Any]:
        return {
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "gender": self.gender.currentData(),
            "title": self.title.text(),
            "position": self.position.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "gmina_teryt": self.gmina.value(),
            "notes": self.notes.toPlainText(),
            "consent": self.consent.isChecked(),
            "consent_note": self.consent_note.text(),
            "affiliations": self.institutions.affiliations(),
            "theme_ids": self.themes.ticked(),
        }
