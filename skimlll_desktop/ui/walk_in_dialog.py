"""Nowa osoba (bez zgłoszenia): a quick form for someone who came without registering.

Before anyone new is added, people who may be the same person are shown (the
same e-mail, a similar name in the same institution, or the same name in the
registry): choosing one checks *them* in instead, so the registry gets no
duplicate. Otherwise the person is added with the consent as ticked and
checked in as a walk-in — committed before the dialog closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
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
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.ui.form_widgets import FieldErrors, add_row, align_labels, group
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.checkin import CheckinResult, WalkIn
    from skimlll_desktop.services.database import Database


class WalkInDialog(QDialog):
    """Name, institution, e-mail, consent; likely duplicates; *Add and check in*."""

    checked_in = Signal(object)  # CheckinResult

    def __init__(self, database: Database, event_id: int, session_number: int,
                 parent: QWidget | None = None, *, typed: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self.setWindowTitle(_("New person (without registration)"))
        self.setAccessibleName(self.windowTitle())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._event_id = event_id
        self._session = session_number
        self._checked_for: WalkIn | None = None  # the form the duplicates were looked up for
        self.result_: CheckinResult | None = None
        self.errors = FieldErrors()

        intro = QLabel(_("Someone came without registering: they are added to the registry and "
                         "marked present at once. People who may be the same person are shown "
                         "first."), self)
        intro.setObjectName("walkInIntro")
        intro.setWordWrap(True)
        set_role(intro, "subtle")
        box, form = group(_("Person"), "walkInPerson", self)
        self.first_name = self._line("walkInFirstName", _("First name"))
        add_row(form, _("&First name:"), self.first_name, _("First name"),
                self.errors.field("first_name", self.first_name, "walkInFirstName"))
        self.last_name = self._line("walkInLastName", _("Last name"))
        add_row(form, _("&Last name:"), self.last_name, _("Last name"),
                self.errors.field("last_name", self.last_name, "walkInLastName"))
        self.institution = self._line("walkInInstitution",
                                      _("The institution the person represents, if any"))
        add_row(form, _("&Institution:"), self.institution, _("Institution"))
        self.email = self._line("walkInEmail", _("For certificates and invitations"))
        add_row(form, _("&E-mail:"), self.email, _("E-mail"),
                self.errors.field("email", self.email, "walkInEmail"))
        self.consent = QCheckBox(_("Agrees to the processing of their data (RODO)"), self)
        self.consent.setObjectName("walkInConsent")
        self.consent.setAccessibleName(_("Consent to the processing of personal data"))
        self.consent.setToolTip(_("Tick only when the person gave their consent at the venue"))
        form.addRow("", self.consent)
        align_labels(box)

        self.duplicates_label = QLabel(self)
        self.duplicates_label.setObjectName("walkInDuplicatesLabel")
        self.duplicates_label.setWordWrap(True)
        set_role(self.duplicates_label, "banner")
        self.duplicates = QListWidget(self)
        self.duplicates.setObjectName("walkInDuplicates")
        self.duplicates.setAccessibleName(_("People who may be the same person"))
        self.duplicates.setToolTip(_("Choose the person and click “This is the person”"))
        for widget in (self.duplicates_label, self.duplicates):
            widget.hide()

        self.message = QLabel(self)
        self.message.setObjectName("walkInMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "banner")
        self.message.hide()

        self.add_button = QPushButton(tinted_icon("check"), _("Add and check in"), self)
        self.add_button.setObjectName("walkInAdd")
        self.add_button.setAccessibleName(_("Add and check in"))
        self.add_button.setToolTip(_("Add the person to the registry and mark them present "
                                     "(Enter)"))
        self.add_button.setDefault(True)
        self.existing_button = QPushButton(_("This is the person — check in"), self)
        self.existing_button.setObjectName("walkInUseExisting")
        self.existing_button.setAccessibleName(_("Check in the chosen existing person"))
        self.existing_button.setToolTip(_("Check in the person chosen in the list instead of "
                                          "adding a new one"))
        self.existing_button.setAutoDefault(False)
        self.existing_button.hide()
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("walkInCancel")
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.setToolTip(_("Close without adding anyone (Esc)"))
        self.cancel_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addStretch(1)
        buttons.addWidget(self.existing_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(self.duplicates_label)
        layout.addWidget(self.duplicates)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.existing_button.clicked.connect(self.use_existing)
        self.cancel_button.clicked.connect(self.reject)
        self.duplicates.itemDoubleClicked.connect(lambda _item: self.use_existing())
        self.duplicates.currentRowChanged.connect(
            lambda row: self.existing_button.setEnabled(row >= 0))
        self._prefill(typed)
        self.setMinimumWidth(560)

    def _line(self, name: str, tip: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setToolTip(tip)
        return edit

    def _prefill(self, typed: str) -> None:
        """What was typed in the search: "Jan Kowalski" → first and last name."""
        parts = typed.split()
        if len(parts) == 1:
            self.last_name.setText(parts[0].capitalize())
        elif len(parts) > 1:
            self.first_name.setText(parts[0].capitalize())
            self.last_name.setText(" ".join(p.capitalize() for p in parts[1:]))

    def walk_in(self) -> WalkIn:
        from skimlll_desktop.services.checkin import WalkIn

        return WalkIn(first_name=self.first_name.text(), last_name=self.last_name.text(),
                      institution=self.institution.text(), email=self.email.text(),
                      consent=self.consent.isChecked())

    # --- duplicates ---------------------------------------------------------------------

    def likely_duplicates(self, walk_in: WalkIn) -> list[tuple[int, str, str]]:
        """(person id, name, why) of people who may be this walk-in."""
        from skimlll_desktop.services.checkin import find_for_checkin
        from skimlll_desktop.services.registry import (
            AffiliationInfo,
            PersonDetails,
            organization_names,
        )
        from skimlll_desktop.services.registry_checks import likely_duplicate_people

        found: dict[int, tuple[int, str, str]] = {}
        institution = " ".join(walk_in.institution.split())
        affiliations: tuple[AffiliationInfo, ...] = ()
        if institution:
            affiliations = tuple(AffiliationInfo(int(choice.value), choice.label)
                                 for choice in organization_names(self._database, institution, 5)
                                 if fold(choice.label) == fold(institution))
        form = PersonDetails(first_name=walk_in.first_name, last_name=walk_in.last_name,
                             email=walk_in.email, affiliations=affiliations)
        for candidate in likely_duplicate_people(self._database, form):
            found.setdefault(candidate.id, (candidate.id, candidate.name, candidate.reason))
        name = f"{walk_in.first_name} {walk_in.last_name}".strip()
        if walk_in.first_name.strip() and walk_in.last_name.strip():
            for person in find_for_checkin(self._database, self._event_id, self._session, name):
                why = person.institution or _("the same name")
                found.setdefault(person.person_id, (person.person_id, person.name, why))
        return list(found.values())

    def _show_duplicates(self, people: list[tuple[int, str, str]]) -> None:
        self.duplicates.clear()
        for person_id, name, why in people:
            item = QListWidgetItem(f"{name} — {why}")
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.duplicates.addItem(item)
        self.duplicates_label.setText(_(
            "These people are in the registry already. If the person is one of them, choose "
            "them and click “This is the person”. Otherwise click “Add anyway”."))
        for widget in (self.duplicates_label, self.duplicates, self.existing_button):
            widget.show()
        rows = min(max(self.duplicates.count(), 2), 6)
        self.duplicates.setFixedHeight(self.duplicates.sizeHintForRow(0) * rows
                                       + 2 * self.duplicates.frameWidth() + 4)
        self.duplicates.setCurrentRow(0)
        self.adjustSize()
        self.add_button.setText(_("Add anyway"))
        self.add_button.setAccessibleName(_("Add anyway"))
        self.existing_button.setDefault(True)
        self.duplicates.setFocus()

    # --- actions ------------------------------------------------------------------------

    def add(self) -> CheckinResult | None:
        """Check for duplicates once, then add the person and check them in."""
        from skimlll_desktop.services.checkin import add_walk_in
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        walk_in = self.walk_in()
        self.message.hide()
        if self._checked_for != walk_in:
            self._checked_for = walk_in
            if walk_in.last_name.strip():
                people = self.likely_duplicates(walk_in)
                if people:
                    self._show_duplicates(people)
                    return None
        try:
            result = add_walk_in(self._database, self._event_id, self._session, walk_in)
        except FormErrors as problems:
            self.errors.show(problems.errors)
            return None
        except UserFacingError as error:
            self._show_message(error.message)
            return None
        return self._done(result)

    def use_existing(self) -> CheckinResult | None:
        from skimlll_desktop.services.checkin import check_in
        from skimlll_desktop.services.errors import UserFacingError

        item = self.duplicates.currentItem()
        if item is None:
            return None
        try:
            result = check_in(self._database, self._event_id,
                              int(item.data(Qt.ItemDataRole.UserRole)), self._session,
                              walk_in=True)
        except UserFacingError as error:
            self._show_message(error.message)
            return None
        return self._done(result)

    def _done(self, result: CheckinResult) -> CheckinResult:
        self.result_ = result
        self.checked_in.emit(result)
        self.accept()
        return result

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        target = self.first_name if not self.first_name.text() else self.institution
        if not self.last_name.text():
            target = self.first_name if not self.first_name.text() else self.last_name
        target.setFocus(Qt.FocusReason.OtherFocusReason)
