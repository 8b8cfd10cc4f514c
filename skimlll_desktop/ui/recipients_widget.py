"""Who gets the documents: an event's attendees, a competition's laureates, or people picked
by hand — with the list of names and their count, updated as the choice changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.documents_widgets import buddy_label, combo_box
from skimlll_desktop.ui.event_formatting import date_range_text
from skimlll_desktop.ui.form_widgets import SearchableComboBox, align_labels
from skimlll_desktop.ui.people_chooser import PeopleChooserWidget
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.certificates import Recipient
    from skimlll_desktop.services.database import Database

SOURCE_EVENT, SOURCE_LAUREATES, SOURCE_PEOPLE = 0, 1, 2
SHOWN_NAMES = 500  # the list shows this many names; the count is always the full one


def recipients_text(count: int) -> str:
    return ngettext("{n} recipient", "{n} recipients", count).format(n=format_number(count))


class RecipientsWidget(QWidget):
    changed = Signal()  # the recipients (or where they come from) changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueRecipientsWidget")
        self._database: Database | None = None
        self._recipients: list[Recipient] = []
        self._subject = ""
        self._event_titles: dict[int, str] = {}

        self.sources = QButtonGroup(self)
        self.from_event = self._radio("issueFromEvent", _("An event's &attendees"))
        self.from_laureates = self._radio("issueFromLaureates", _("&Laureates of the "
                                                                   "competition"))
        self.from_people = self._radio("issueFromPeople", _("People &picked by hand"))
        for number, radio in enumerate((self.from_event, self.from_laureates,
                                        self.from_people)):
            self.sources.addButton(radio, number)
        self.from_event.setChecked(True)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("issueSourceStack")
        self.stack.addWidget(self._event_page())
        self.stack.addWidget(self._laureates_page())
        self.chooser = PeopleChooserWidget(self)
        self.stack.addWidget(self.chooser)
        align_labels(self.stack)  # the two forms' fields start at the same place

        self.count_label = QLabel(self)
        self.count_label.setObjectName("issueCount")
        self.count_label.setAccessibleName(_("Number of recipients"))
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        self.names = QListWidget(self)
        self.names.setObjectName("issueRecipients")
        self.names.setAccessibleName(_("Who gets a document"))
        self.names.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.names.setSelectionMode(QListWidget.SelectionMode.NoSelection)

        radios = QHBoxLayout()
        radios.setSpacing(SPACING)
        for radio in (self.from_event, self.from_laureates, self.from_people):
            radios.addWidget(radio)
        radios.addStretch(1)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)
        layout.addLayout(radios)
        layout.addWidget(self.stack)
        layout.addWidget(self.count_label)
        layout.addWidget(self.names, 1)

        self.sources.idToggled.connect(self._on_source)
        self.event_combo.currentIndexChanged.connect(self.refresh)
        self.all_sessions.toggled.connect(self.refresh)
        self.edition_combo.currentIndexChanged.connect(self.refresh)
        self.chooser.changed.connect(self.refresh)
        self._on_source(SOURCE_EVENT, True)

    # --- building -----------------------------------------------------------------------

    def _radio(self, name: str, text: str) -> QRadioButton:
        radio = QRadioButton(text, self)
        radio.setObjectName(name)
        radio.setAccessibleName(text.replace("&", ""))
        return radio

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return page, form

    def _event_page(self) -> QWidget:
        page, form = self._form()
        self.event_combo = SearchableComboBox(page, none_text=_("— choose the event —"))
        self.event_combo.setObjectName("issueEvent")
        self.event_combo.setAccessibleName(_("Event"))
        self.event_combo.setToolTip(_("Type part of the title to find the event"))
        self.any_session = QRadioButton(_("present at &least one session"), page)
        self.any_session.setObjectName("issueAnySession")
        self.all_sessions = QRadioButton(_("present at e&very session"), page)
        self.all_sessions.setObjectName("issueAllSessions")
        for radio in (self.any_session, self.all_sessions):
            radio.setAccessibleName(radio.text().replace("&", ""))
        self.any_session.setChecked(True)
        presence = QHBoxLayout()
        presence.setSpacing(SPACING)
        presence.addWidget(self.any_session)
        presence.addWidget(self.all_sessions)
        presence.addStretch(1)
        form.addRow(_form_label(page, _("Eve&nt:"), self.event_combo), self.event_combo)
        presence_label = QLabel(_("Who:"), page)
        presence_label.setObjectName("formLabel")
        form.addRow(presence_label, presence)
        return page

    def _laureates_page(self) -> QWidget:
        page, form = self._form()
        self.edition_combo = combo_box(page, "issueEdition", _("Competition edition"))
        form.addRow(_form_label(page, _("E&dition:"), self.edition_combo), self.edition_combo)
        note = QLabel(_("Diplomas for every place and honourable mention of the edition's "
                        "awards (Competition → Dates, criteria and awards…)."), page)
        note.setObjectName("issueAwardsNote")
        note.setWordWrap(True)
        set_role(note, "subtle")
        form.addRow("", note)
        return page

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self.chooser.set_database(database)
        self.reload_choices()

    def reload_choices(self) -> None:
        """The events and editions to choose from (the newest first)."""
        from skimlll_desktop.services.registry import Choice

        events: list[Any] = []
        editions: list[Any] = []
        if self._database is not None:
            from skimlll_desktop.services.competition import list_editions
            from skimlll_desktop.services.events import EventQuery, list_events

            events = sorted(list_events(self._database, EventQuery()),
                            key=lambda row: (row.starts_on, row.id), reverse=True)
            editions = list_editions(self._database)
        self._event_titles = {row.id: row.title for row in events}
        current = self.event_combo.value()
        self.event_combo.set_choices([Choice(str(row.id), _event_label(row)) for row in events])
        if not current:
            held = next((row for row in events if row.attended), None)
            current = str(held.id) if held is not None else ""
        self.event_combo.blockSignals(True)
        self.event_combo.set_value(current)
        self.event_combo.blockSignals(False)
        year = self.edition_combo.currentData()
        self.edition_combo.blockSignals(True)
        self.edition_combo.clear()
        for edition in editions:
            self.edition_combo.addItem(edition.name or str(edition.year), edition.year)
        index = self.edition_combo.findData(year)
        if index < 0:
            index = next((n for n, e in enumerate(editions) if e.status.value == "final"), 0)
        self.edition_combo.setCurrentIndex(index)
        self.edition_combo.blockSignals(False)
        self.refresh()

    # --- the recipients -----------------------------------------------------------------

    def source(self) -> int:
        return self.sources.checkedId()

    def set_source(self, source: int) -> None:
        button = self.sources.button(source)
        if button is not None:
            button.setChecked(True)

    def select_event(self, event_id: int) -> None:
        self.event_combo.set_value(str(event_id))

    def event_id(self) -> int | None:
        value = self.event_combo.value()
        return int(value) if value and self.source() == SOURCE_EVENT else None

    def edition_year(self) -> int | None:
        year = self.edition_combo.currentData()
        return int(year) if year is not None and self.source() == SOURCE_LAUREATES else None

    def recipients(self) -> list[Recipient]:
        return list(self._recipients)

    def subject(self) -> str:
        """What the documents are for, as the source says (the service's default when empty)."""
        return self._subject

    def _on_source(self, source: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(source)
            for index in range(self.stack.count()):  # the stack as tall as the page shown
                page = self.stack.widget(index)
                policy = QSizePolicy.Policy.Preferred if index == source \
                    else QSizePolicy.Policy.Ignored
                page.setSizePolicy(policy, policy)
            self._layout.setStretchFactor(self.stack, 1 if source == SOURCE_PEOPLE else 0)
            self.names.setVisible(source != SOURCE_PEOPLE)
            self.refresh()

    def refresh(self) -> None:
        self._recipients, self._subject = self._collect()
        count = len(self._recipients)
        self.count_label.setText(recipients_text(count) if count else
                                 self._nobody_text())
        self.names.clear()
        self.names.addItems([_recipient_label(r) for r in self._recipients[:SHOWN_NAMES]])
        if count > SHOWN_NAMES:
            self.names.addItem(_("… and {n} more").format(n=format_number(count - SHOWN_NAMES)))
        self.changed.emit()

    def _collect(self) -> tuple[list[Recipient], str]:
        database = self._database
        if database is None:  # nothing to import yet: the window paints first
            return [], ""
        from skimlll_desktop.services.certificates import event_recipients
        from skimlll_desktop.services.competition import laureate_recipients
        from skimlll_desktop.services.document_recipients import people_recipients

        source = self.source()
        if source == SOURCE_EVENT:
            event_id = self.event_id()
            if event_id is None:
                return [], ""
            return (event_recipients(database, event_id, self.all_sessions.isChecked()),
                    self._event_titles.get(event_id, ""))
        if source == SOURCE_LAUREATES:
            year = self.edition_year()
            if year is None:
                return [], ""
            subject = self.edition_combo.currentText()
            return laureate_recipients(database, year), subject
        return people_recipients(database, self.chooser.chosen_ids()), ""

    def _nobody_text(self) -> str:
        source = self.source()
        if source == SOURCE_EVENT:
            if self.event_id() is None:
                return _("Choose the event.")
            return _("Nobody was recorded as present at this event.")
        if source == SOURCE_LAUREATES:
            if self.edition_combo.count() == 0:
                return _("There is no competition edition yet.")
            return _("This edition has no scored laureates yet.")
        return _("Find people and add them to the list.")


def _form_label(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
    """A label that :func:`align_labels` lines up with the other source's form."""
    label = buddy_label(parent, text, buddy)
    label.setObjectName("formLabel")
    return label


def _event_label(row: Any) -> str:
    present = ngettext("{n} present", "{n} present", row.attended).format(
        n=format_number(row.attended))
    return f"{date_range_text(row.starts_on, row.ends_on)} — {row.title} ({present})"


def _recipient_label(recipient: Recipient) -> str:
    extra = recipient.extra.get("nagroda") or recipient.institution
    return f"{recipient.name} — {extra}" if extra else recipient.name
