"""Zaproś osoby: choose people from the registry by filters and add them all as invited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.registry_filters import FilterBar
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.invitations import InvitationPreview
    from skimlll_desktop.services.people import PeopleQuery

RECOUNT_MS = 150


def people_text(count: int) -> str:
    return ngettext("{n} person", "{n} people", count).format(n=format_number(count))


class InviteDialog(QDialog):
    """Filters, the live count, and one button that invites everyone found."""

    invited = Signal(int)  # how many were added

    def __init__(self, database: Database, event_id: int, event_title: str,
                 parent: QWidget | None = None) -> None:
        from skimlll_desktop.services.registry import powiat_choices, theme_choices

        super().__init__(parent)
        self.setObjectName("inviteDialog")
        self.setWindowTitle(_("Invite people"))
        self.setAccessibleName(_("Invite people"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._event_id = event_id
        self.preview: InvitationPreview | None = None

        intro = QLabel(_("People from the registry who match the filters are added to the list "
                         "of “{title}” as invited. People already on the list keep their "
                         "status.").format(title=event_title), self)
        intro.setWordWrap(True)
        intro.setObjectName("inviteIntro")

        self.search = QLineEdit(self)
        self.search.setObjectName("inviteSearch")
        self.search.setPlaceholderText(_("Name or e-mail (optional)"))
        self.search.setAccessibleName(_("Search people"))
        self.search.setToolTip(_("Narrow the choice to people whose name or e-mail begins "
                                 "like this"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search_label = QLabel(_("&Search:"), self)
        search_label.setBuddy(self.search)

        self.filters = FilterBar("invite", _("Institution type:"),
                                 _("Type of the person's institution"), self)
        self.filters.set_choices(powiat_choices(database), theme_choices(database))
        self.attended_before = QCheckBox(_("Only people who attended an event before"), self)
        self.attended_before.setObjectName("inviteAttendedBefore")
        self.attended_before.setAccessibleName(_("Only people who attended an event before"))
        self.attended_before.setToolTip(_("Present at any earlier event, walk-ins included"))

        self.count_label = QLabel(self)
        self.count_label.setObjectName("inviteCount")
        self.count_label.setAccessibleName(_("How many people match"))
        set_role(self.count_label, "banner")

        self.confirm_button = QPushButton(tinted_icon("check"), _("Invite"), self)
        self.confirm_button.setObjectName("inviteConfirm")
        self.confirm_button.setDefault(True)
        self.confirm_button.setToolTip(_("Add everyone found to the event's list as invited"))
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("inviteCancel")
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.setToolTip(_("Close without inviting anyone (Esc)"))
        self.cancel_button.setAutoDefault(False)

        search_row = QHBoxLayout()
        search_row.setSpacing(SPACING // 2)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.attended_before)
        layout.addStretch(1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)

        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(RECOUNT_MS)
        self._recount_timer.timeout.connect(self.recount)
        self.search.textChanged.connect(self._recount_timer.start)
        self.filters.changed.connect(self._recount_timer.start)
        self.attended_before.toggled.connect(self._recount_timer.start)
        self.confirm_button.clicked.connect(self.invite)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(920, 330)
        self.recount()

    def query(self) -> PeopleQuery:
        from skimlll_desktop.services.people import PeopleQuery

        values = self.filters.values()
        return PeopleQuery(text=self.search.text().strip(),
                           organization_type=values.organization_type, pillar=values.pillar,
                           powiat_teryt=values.powiat_teryt, members_only=values.members_only,
                           theme_id=values.theme_id)

    def recount(self) -> InvitationPreview:
        from skimlll_desktop.services.invitations import invitation_preview

        self._recount_timer.stop()
        preview = invitation_preview(self._database, self._event_id, self.query(),
                                     self.attended_before.isChecked())
        self.preview = preview
        text = _("Found: {people}").format(people=people_text(preview.matching))
        if preview.already_listed:
            text += " · " + ngettext("{n} of them is on the list already",
                                     "{n} of them are on the list already",
                                     preview.already_listed).format(
                n=format_number(preview.already_listed))
        self.count_label.setText(text)
        self.confirm_button.setEnabled(preview.new > 0)
        label = ngettext("Invite {n} person", "Invite {n} people", preview.new).format(
            n=format_number(preview.new))
        self.confirm_button.setText(label)
        self.confirm_button.setAccessibleName(label)
        return preview

    def invite(self) -> int:
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.invitations import invite_matching
        from skimlll_desktop.ui.errors import show_message

        try:
            count = invite_matching(self._database, self._event_id, self.query(),
                                    self.attended_before.isChecked())
        except UserFacingError as error:
            show_message(_("Invite people"), error.message, parent=self)
            return 0
        self.invited.emit(count)
        self.accept()
        return count

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
