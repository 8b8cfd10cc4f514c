"""An institution's card: its data, MPKU membership, themes, people and events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_date
from skimlll_desktop.services.labels import ORGANIZATION_TYPES, PILLARS
from skimlll_desktop.services.polish_text import sort_key
from skimlll_desktop.ui.form_widgets import (
    OptionalDateEdit,
    SearchableComboBox,
    add_row,
    align_labels,
    column,
    fill_table,
    group,
    multiline,
    read_only_table,
)
from skimlll_desktop.ui.record_dialog import RecordDialog
from skimlll_desktop.ui.theme import SPACING, set_role
from skimlll_desktop.ui.themes_editor import ThemesEditor

if TYPE_CHECKING:
    from skimlll_desktop.services.duplicates import DuplicateCandidate
    from skimlll_desktop.services.registry import MembershipInfo, OrganizationDetails

ID_ROLE = Qt.ItemDataRole.UserRole


def _line(parent: QWidget, name: str, max_length: int = 0) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    if max_length:
        edit.setMaxLength(max_length)
    return edit


class OrganizationDialog(RecordDialog):
    """Dane, Członkostwo w MPKU, Tematy, Osoby, Wydarzenia."""

    KIND = "organization"

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        from skimlll_desktop.services.registry import gmina_choices

        self.resize(1000, 600)
        self._gminy = gmina_choices(self._database)
        self.tabs.addTab(self._details_tab(), _("Details"))
        self.tabs.addTab(self._membership_tab(), _("MPKU membership"))
        self.themes = ThemesEditor(self._database, "organization", self)
        self.tabs.addTab(self.themes, _("Themes"))
        self.tabs.addTab(self._people_tab(), _("People"))
        self.tabs.addTab(self._events_tab(), _("Events"))
        align_labels(self.tabs.widget(1))
        self._watch(self.name, self.short_name, self.type_combo, self.nip, self.regon, self.krs,
                    self.address, self.postal_code, self.city, self.gmina, self.website,
                    self.email, self.phone, self.notes, self.member, self.member_since,
                    self.member_until, self.declaration_date, self.council_seat, self.pillar,
                    self.themes.list)
        from skimlll_desktop.services.validators import (
            normalise_email,
            normalise_nip,
            normalise_regon,
        )

        self._validate_on_leave("nip", self.nip, normalise_nip)
        self._validate_on_leave("regon", self.regon, normalise_regon)
        self._validate_on_leave("email", self.email, normalise_email)
        self.member.toggled.connect(self._enable_membership)

    def _details_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("organizationDetailsTab")
        errors = self.errors

        self.name = _line(tab, "organizationName", 300)
        self.short_name = _line(tab, "organizationShortName", 80)
        self.type_combo = QComboBox(tab)
        self.type_combo.setObjectName("organizationType")
        for value, label in sorted(ORGANIZATION_TYPES.items(),
                                   key=lambda item: sort_key(_(item[1]))):
            self.type_combo.addItem(_(label), value)
        institution, form = group(_("Institution"), "organizationInstitutionGroup", tab)
        add_row(form, _("&Name:"), self.name, _("Name"),
                errors.field("name", self.name, "organizationName"))
        add_row(form, _("S&hort name:"), self.short_name, _("Short name"))
        add_row(form, _("&Type:"), self.type_combo, _("Type"))

        self.nip = _line(tab, "organizationNip", 20)
        self.regon = _line(tab, "organizationRegon", 20)
        self.krs = _line(tab, "organizationKrs", 14)
        for edit in (self.nip, self.regon, self.krs):
            edit.setMaximumWidth(220)
        self.nip.setToolTip(_("10 digits; “PL”, spaces and dashes are allowed"))
        self.regon.setToolTip(_("9 or 14 digits"))
        identifiers, form = group(_("Identifiers"), "organizationIdentifiersGroup", tab)
        add_row(form, "NI&P:", self.nip, "NIP", errors.field("nip", self.nip, "organizationNip"))
        add_row(form, "RE&GON:", self.regon, "REGON",
                errors.field("regon", self.regon, "organizationRegon"))
        add_row(form, "&KRS:", self.krs, "KRS", errors.field("krs", self.krs, "organizationKrs"))

        self.address = _line(tab, "organizationAddress", 300)
        self.address.setPlaceholderText(_("street and number"))
        self.postal_code = _line(tab, "organizationPostalCode", 6)
        self.postal_code.setPlaceholderText("30-107")
        self.postal_code.setMaximumWidth(90)
        self.city = _line(tab, "organizationCity", 120)
        self.gmina = SearchableComboBox(tab)
        self.gmina.setObjectName("organizationGmina")
        self.gmina.set_choices(self._gminy)
        self.gmina.setToolTip(_("Type part of the gmina's name; “zabno” finds “Żabno”"))
        place = QWidget(tab)
        place_row = QHBoxLayout(place)
        place_row.setContentsMargins(0, 0, 0, 0)
        place_row.setSpacing(SPACING // 2)
        place_row.addWidget(errors.field("postal_code", self.postal_code,
                                         "organizationPostalCode"))
        place_row.addWidget(self.city, 1)
        self.city.setAccessibleName(_("City"))
        self.city.setPlaceholderText(_("city"))
        address, form = group(_("Address"), "organizationAddressGroup", tab)
        add_row(form, _("A&ddress:"), self.address, _("Address"))
        add_row(form, _("P&ostal code, city:"), self.postal_code, _("Postal code"), place)
        add_row(form, _("&Gmina:"), self.gmina, _("Gmina"))

        self.website = _line(tab, "organizationWebsite", 200)
        self.email = _line(tab, "organizationEmail", 200)
        self.phone = _line(tab, "organizationPhone", 40)
        contact, form = group(_("Contact"), "organizationContactGroup", tab)
        add_row(form, _("&E-mail:"), self.email, _("E-mail"),
                errors.field("email", self.email, "organizationEmail"))
        add_row(form, _("P&hone:"), self.phone, _("Phone"),
                errors.field("phone", self.phone, "organizationPhone"))
        add_row(form, _("&Website:"), self.website, _("Website"))

        self.notes = multiline(tab, 3)
        self.notes.setObjectName("organizationNotes")
        self.notes.setAccessibleName(_("Notes"))
        notes, form = group(_("Notes"), "organizationNotesGroup", tab)
        form.addRow(self.notes)

        columns = QHBoxLayout()
        columns.setSpacing(SPACING + 4)
        columns.addWidget(column(tab, institution, address), 3)
        columns.addWidget(column(tab, identifiers, contact), 2)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addLayout(columns)
        layout.addWidget(notes)
        layout.addStretch(1)
        return tab

    def _membership_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("organizationMembershipTab")
        self.member = QCheckBox(_("The institution is a member of MPKU"), tab)
        self.member.setObjectName("organizationMember")
        self.member.setAccessibleName(_("Member of MPKU"))
        self.member_since = OptionalDateEdit(tab)
        self.member_since.setObjectName("organizationMemberSince")
        self.member_until = OptionalDateEdit(tab)
        self.member_until.setObjectName("organizationMemberUntil")
        self.declaration_date = OptionalDateEdit(tab)
        self.declaration_date.setObjectName("organizationDeclarationDate")
        for edit in (self.member_since, self.member_until, self.declaration_date):
            edit.setMinimumWidth(150)
            edit.setMaximumWidth(180)
        membership, form = group(_("Membership in MPKU"), "organizationMembershipGroup", tab)
        form.addRow("", self.member)
        add_row(form, _("Member &since:"), self.member_since, _("Member since"))
        add_row(form, _("Member &until:"), self.member_until, _("Member until"),
                self.errors.field("membership_until", self.member_until,
                                  "organizationMemberUntil"))
        add_row(form, _("&Declaration signed on:"), self.declaration_date,
                _("Declaration signed on"))
        hint = QLabel(_("Leave “until” empty while the membership lasts. Dates are typed as "
                        "dd.mm.yyyy; Delete empties a date."), tab)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        set_role(hint, "subtle")
        form.addRow("", hint)

        self.council_seat = QCheckBox(_("Has a seat on the Programme Council"), tab)
        self.council_seat.setObjectName("organizationCouncilSeat")
        self.council_seat.setAccessibleName(_("Programme Council seat"))
        self.pillar = QComboBox(tab)
        self.pillar.setObjectName("organizationPillar")
        self.pillar.addItem(_("— not represented —"), None)
        for value, label in PILLARS.items():
            self.pillar.addItem(_(label), value)
        self.pillar.setMinimumWidth(240)
        self.pillar.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        bodies, form = group(_("Programme Council and WZK"), "organizationBodiesGroup", tab)
        form.addRow("", self.council_seat)
        add_row(form, _("WZK &pillar:"), self.pillar, _("WZK pillar"))

        layout = QVBoxLayout(tab)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(membership)
        layout.addWidget(bodies)
        layout.addStretch(1)
        return tab

    def _people_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("organizationPeopleTab")
        self.people = read_only_table(tab, "organizationPeople",
                                      [_("Name"), _("Role"), _("E-mail")], _("People"))
        self.people_hint = QLabel(_("Double-click a person (or press Enter) to open their "
                                    "card. People are linked to an institution in their own "
                                    "card."), tab)
        self.people_hint.setWordWrap(True)
        set_role(self.people_hint, "subtle")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(self.people_hint)
        layout.addWidget(self.people, 1)
        self.people.doubleClicked.connect(lambda index: self.open_person(index.row()))
        self.people.activated.connect(lambda index: self.open_person(index.row()))
        return tab

    def _events_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("organizationEventsTab")
        self.events = read_only_table(tab, "organizationEvents",
                                      [_("Event"), _("Date")], _("Events"))
        hint = QLabel(_("Events attended by the institution's people, newest first."), tab)
        hint.setWordWrap(True)
        set_role(hint, "subtle")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(hint)
        layout.addWidget(self.events, 1)
        return tab

    # --- the record ---------------------------------------------------------------------

    def _new_record(self) -> OrganizationDetails:
        from skimlll_desktop.services.registry import OrganizationDetails

        return OrganizationDetails()

    def _get(self, record_id: int) -> OrganizationDetails:
        from skimlll_desktop.services.registry import get_organization

        return get_organization(self._database, record_id)

    def _save_record(self, form: OrganizationDetails) -> OrganizationDetails:
        from skimlll_desktop.services.registry import save_organization

        return save_organization(self._database, form)

    def _duplicates(self, form: OrganizationDetails) -> list[DuplicateCandidate]:
        from skimlll_desktop.services.registry_checks import likely_duplicate_organizations

        return likely_duplicate_organizations(self._database, form)

    def _title(self, record: OrganizationDetails) -> str:
        return record.name if record.id is not None else _("New institution")

    def _fill(self, record: OrganizationDetails) -> None:
        self.name.setText(record.name)
        self.short_name.setText(record.short_name)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(record.type), 0))
        self.nip.setText(record.nip)
        self.regon.setText(record.regon)
        self.krs.setText(record.krs)
        self.address.setText(record.address)
        self.postal_code.setText(record.postal_code)
        self.city.setText(record.city)
        self.gmina.set_value(record.gmina_teryt)
        self.website.setText(record.website)
        self.email.setText(record.email)
        self.phone.setText(record.phone)
        self.notes.setPlainText(record.notes)
        membership = record.membership
        self.member.setChecked(membership is not None)
        self.member_since.set_value(membership.since if membership else None)
        self.member_until.set_value(membership.until if membership else None)
        self.declaration_date.set_value(membership.declaration_signed_on if membership
                                        else None)
        self.council_seat.setChecked(bool(membership and membership.programme_council_seat))
        self.pillar.setCurrentIndex(max(self.pillar.findData(
            membership.wzk_pillar if membership else None), 0))
        self._enable_membership(membership is not None)
        self.themes.set_ticked(record.theme_ids)
        fill_table(self.people, [(p.name, p.role, p.email) for p in record.people],
                   [p.id for p in record.people])
        fill_table(self.events, [(e.title, format_date(e.starts_on)) for e in record.events],
                   [e.event_id for e in record.events])
        is_saved = record.id is not None
        self.tabs.setTabText(3, _("People ({n})").format(n=len(record.people)))
        self.tabs.setTabText(4, _("Events ({n})").format(n=len(record.events)))
        self.tabs.setTabEnabled(3, is_saved)
        self.tabs.setTabEnabled(4, is_saved)

    def _collect_fields(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "short_name": self.short_name.text(),
            "type": self.type_combo.currentData(),
            "nip": self.nip.text(),
            "regon": self.regon.text(),
            "krs": self.krs.text(),
            "address": self.address.text(),
            "postal_code": self.postal_code.text(),
            "city": self.city.text(),
            "gmina_teryt": self.gmina.value(),
            "website": self.website.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "notes": self.notes.toPlainText(),
            "theme_ids": self.themes.ticked(),
            "membership": self._membership(),
        }

    def _membership(self) -> MembershipInfo | None:
        from skimlll_desktop.services.registry import MembershipInfo

        if not self.member.isChecked():
            return None
        return MembershipInfo(
            since=self.member_since.value(),
            until=self.member_until.value(),
            declaration_signed_on=self.declaration_date.value(),
            programme_council_seat=self.council_seat.isChecked(),
            wzk_pillar=self.pillar.currentData(),
        )

    def _enable_membership(self, member: bool) -> None:
        for widget in (self.member_since, self.member_until, self.declaration_date,
                       self.council_seat, self.pillar):
            widget.setEnabled(member)

    # --- the people tab -----------------------------------------------------------------

    def open_person(self, row: int) -> QWidget | None:
        item = self.people.item(row, 0)
        if item is None:
            return None
        from skimlll_desktop.ui.person_dialog import PersonDialog

        dialog = PersonDialog(self._database, int(item.data(ID_ROLE)), self)
        dialog.saved.connect(lambda _id: self._refresh_linked())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _refresh_linked(self) -> None:
        """A person's card was saved: their name or role here may have changed."""
        record_id = self.record_id()
        if record_id is None:
            return
        fresh = self._get(record_id)
        fill_table(self.people, [(p.name, p.role, p.email) for p in fresh.people],
                   [p.id for p in fresh.people])
        self.tabs.setTabText(3, _("People ({n})").format(n=len(fresh.people)))
