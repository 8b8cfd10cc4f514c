"""One event: its form (type, title, dates, sessions, venue, places, partners, notes),
its registrations and its summary, in tabs.

Saving works like the registry's forms (:class:`RecordDialog`): Ctrl+S saves
and keeps the window open, problems appear under their fields, a save that
lost the race with someone else's offers to reload. Registrations are changed
one action at a time (each its own transaction), so they need no *Save*.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.form_widgets import (
    DATE_FORMAT,
    SearchableComboBox,
    add_row,
    align_labels,
    group,
    multiline,
)
from skimlll_desktop.ui.record_dialog import RecordDialog
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.duplicates import DuplicateCandidate
    from skimlll_desktop.services.events import EventDetails

TAB_EVENT, TAB_PROGRAM, TAB_NOTES, TAB_REGISTRATIONS, TAB_SUMMARY = range(5)
MAX_CAPACITY = 100_000


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class EventDialog(RecordDialog):
    """The event's window: *Wydarzenie*, *Dni i partnerzy*, *Opis i wnioski*, *Zgłoszenia*,
    *Podsumowanie*."""

    KIND = "event"

    registrations_changed = Signal()

    def __init__(self, database: Database, event_id: int | None,
                 parent: QWidget | None = None, *, year: int | None = None) -> None:
        self._year = year
        super().__init__(database, event_id, parent)
        self.resize(1000, 680)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs.addTab(self._event_tab(), _("&Event"))
        self.tabs.addTab(self._program_tab(), _("Themes and &partners"))
        self.tabs.addTab(self._notes_tab(), _("Description and &conclusions"))
        self.tabs.addTab(self._registrations_tab(), _("&Registrations"))
        self.tabs.addTab(self._summary_tab(), _("S&ummary"))
        self.tabs.currentChanged.connect(self._on_tab)
        self._watch(self.type_combo, self.title_edit, self.status_combo, self.organiser_edit,
                    self.themes_list, self.starts_on, self.ends_on, self.venue_name,
                    self.venue_address, self.gmina_combo, self.capacity_spin, self.hours_spin,
                    self.description_edit, self.notes_edit)
        self.sessions_editor.edited.connect(self._on_edited)
        self.partners.changed.connect(self._on_edited)
        self.starts_on.dateChanged.connect(self._on_dates_changed)
        self.ends_on.dateChanged.connect(self._on_dates_changed)

    def _page(self, name: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self)
        page.setObjectName(name)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        return page, layout

    def _event_tab(self) -> QWidget:
        from skimlll_desktop.services.labels import EVENT_STATUSES
        from skimlll_desktop.services.registry import gmina_choices

        page, layout = self._page("eventMainTab")
        about, about_form = group(_("About the event"), "eventAboutGroup", page)
        self.type_combo = QComboBox(page)
        self.type_combo.setObjectName("eventType")
        self.type_combo.setToolTip(_("What kind of event it is"))
        self.types_button = QPushButton(_("Edit the list…"), page)
        self.types_button.setObjectName("eventTypesEdit")
        self.types_button.setAccessibleName(_("Edit the list of event types"))
        self.types_button.setToolTip(_("Add, rename, hide or reorder the types of events"))
        self.types_button.setAutoDefault(False)
        self.types_button.clicked.connect(self.edit_event_types)
        type_row = QWidget(page)
        type_layout = QHBoxLayout(type_row)
        type_layout.setContentsMargins(0, 0, 0, 0)
        type_layout.addWidget(self.type_combo, 1)
        type_layout.addWidget(self.types_button)
        self._fill_types()
        add_row(about_form, _("&Type:"), self.type_combo, _("Type of event"), type_row)
        self.title_edit = QLineEdit(page)
        self.title_edit.setObjectName("eventTitle")
        self.title_edit.setToolTip(_("As it appears on the attendance list and certificates"))
        add_row(about_form, _("T&itle:"), self.title_edit, _("Title"),
                self.errors.field("title", self.title_edit, "eventTitle"))
        self.status_combo = QComboBox(page)
        self.status_combo.setObjectName("eventStatus")
        self.status_combo.setToolTip(_("Planned, open for registration, held or cancelled"))
        for value, label in EVENT_STATUSES.items():
            self.status_combo.addItem(_(label), value)
        add_row(about_form, _("&Status:"), self.status_combo, _("Status"))
        self.organiser_edit = QLineEdit(page)
        self.organiser_edit.setObjectName("eventOrganiser")
        self.organiser_edit.setToolTip(_("Who organises the event"))
        add_row(about_form, _("&Organiser:"), self.organiser_edit, _("Organiser"))

        when, when_form = group(_("When and where"), "eventWhenGroup", page)
        self.starts_on = self._date_edit("eventStartsOn", _("The first day"))
        add_row(when_form, _("&From:"), self.starts_on, _("First day"))
        self.ends_on = self._date_edit("eventEndsOn", _("The last day (the same day for a "
                                                        "one-day event)"))
        add_row(when_form, _("T&o:"), self.ends_on, _("Last day"),
                self.errors.field("ends_on", self.ends_on, "eventEndsOn"))
        self.venue_name = QLineEdit(page)
        self.venue_name.setObjectName("eventVenueName")
        self.venue_name.setToolTip(_("e.g. the name of a hall or a building"))
        add_row(when_form, _("&Venue:"), self.venue_name, _("Venue"))
        self.venue_address = QLineEdit(page)
        self.venue_address.setObjectName("eventVenueAddress")
        self.venue_address.setToolTip(_("Street, number, postal code and town"))
        add_row(when_form, _("&Address:"), self.venue_address, _("Address of the venue"))
        self.gmina_combo = SearchableComboBox(page)
        self.gmina_combo.setObjectName("eventGmina")
        self.gmina_combo.setToolTip(_("Type part of the gmina's name, e.g. “zabno” for Żabno"))
        self.gmina_combo.set_choices(gmina_choices(self._database))
        add_row(when_form, _("&Gmina:"), self.gmina_combo, _("Gmina of the venue"))

        people, people_form = group(_("Participants"), "eventPeopleGroup", page)
        self.capacity_spin = QSpinBox(page)
        self.capacity_spin.setObjectName("eventCapacity")
        self.capacity_spin.setRange(0, MAX_CAPACITY)
        self.capacity_spin.setSpecialValueText(_("no limit"))
        self.capacity_spin.setToolTip(_("When the places are taken, further registrations go "
                                        "to the waiting list; 0 means no limit"))
        add_row(people_form, _("&Places:"), self.capacity_spin, _("Number of places"),
                self.errors.field("capacity", self.capacity_spin, "eventCapacity"))
        self.hours_spin = QSpinBox(page)
        self.hours_spin.setObjectName("eventTrainingHours")
        self.hours_spin.setRange(0, 1000)
        self.hours_spin.setToolTip(_("Hours of training, printed on certificates"))
        add_row(people_form, _("Training &hours:"), self.hours_spin, _("Training hours"),
                self.errors.field("training_hours", self.hours_spin, "eventTrainingHours"))

        em = self.fontMetrics().averageCharWidth()
        for combo in (self.type_combo, self.status_combo):
            combo.setMaximumWidth(em * 40)
        for spin in (self.capacity_spin, self.hours_spin):
            spin.setMaximumWidth(em * 18)
        days = self._days_group(page)
        columns = QHBoxLayout()
        columns.setSpacing(SPACING)
        left = QVBoxLayout()
        left.setSpacing(SPACING)
        left.addWidget(when)
        left.addWidget(people)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(days, 1)
        layout.addWidget(about)  # full width: titles are long
        layout.addLayout(columns, 1)
        align_labels(page)
        return page

    def _date_edit(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setToolTip(tip)
        return edit

    def _days_group(self, page: QWidget) -> QWidget:
        from skimlll_desktop.ui.sessions_editor import SessionsEditor

        days, days_form = group(_("Days (sessions)"), "eventDaysGroup", page)
        self.sessions_editor = SessionsEditor(page)
        note = QLabel(_("Attendance is taken and lists are printed for each session: a "
                        "two-day workshop has two."), page)
        note.setWordWrap(True)
        set_role(note, "subtle")
        box = QWidget(page)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(note)
        box_layout.addWidget(self.errors.field("sessions", self.sessions_editor,
                                               "eventSessions"), 1)
        days_form.addRow(box)
        return days

    def _program_tab(self) -> QWidget:
        from skimlll_desktop.services.registry import theme_choices
        from skimlll_desktop.ui.partner_picker import PartnerPicker

        page, layout = self._page("eventProgramTab")
        themes, themes_form = group(_("Themes"), "eventThemesGroup", page)
        self.themes_list = QListWidget(page)
        self.themes_list.setObjectName("eventThemes")
        self.themes_list.setToolTip(_("Tick the event's themes (Space ticks the selected one)"))
        for choice in theme_choices(self._database):
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, int(choice.value))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.themes_list.addItem(item)
        rows = min(max(self.themes_list.count(), 4), 9)
        self.themes_list.setFixedHeight(self.themes_list.sizeHintForRow(0) * rows + 8
                                        if self.themes_list.count() else 60)
        add_row(themes_form, _("T&hemes:"), self.themes_list, _("Themes"))


        partners, partners_form = group(_("Co-hosting partners"), "eventPartnersGroup", page)
        self.partners = PartnerPicker("eventPartners", page)
        self.partners.set_database(self._database)
        add_row(partners_form, _("&Institutions:"), self.partners.list,
                _("Co-hosting partners"), self.partners)
        layout.addWidget(themes)
        layout.addWidget(partners, 1)
        align_labels(page)
        return page

    def _notes_tab(self) -> QWidget:
        page, layout = self._page("eventNotesTab")
        texts, form = group(_("Description and conclusions"), "eventTextsGroup", page)
        self.description_edit = multiline(page, 5)
        self.description_edit.setObjectName("eventDescription")
        self.description_edit.setToolTip(_("What the event is about: for invitations"))
        add_row(form, _("&Description:"), self.description_edit, _("Description"))
        self.notes_edit = multiline(page, 10)
        self.notes_edit.setObjectName("eventNotes")
        self.notes_edit.setToolTip(_("Notes and conclusions: the ground for recommendations"))
        add_row(form, _("&Notes and conclusions:"), self.notes_edit, _("Notes and conclusions"))
        layout.addWidget(texts)
        layout.addStretch(1)
        align_labels(page)
        return page

    def _registrations_tab(self) -> QWidget:
        from skimlll_desktop.ui.registrations_panel import RegistrationsPanel

        self.registrations = RegistrationsPanel(self._database, self)
        self.registrations.setObjectName("eventRegistrationsTab")
        self.registrations.changed.connect(self.registrations_changed)
        return self.registrations

    def _summary_tab(self) -> QWidget:
        from skimlll_desktop.ui.event_summary import EventSummaryWidget

        self.summary = EventSummaryWidget(self)
        self.summary.setObjectName("eventSummaryTab")
        return self.summary

    # --- RecordDialog -------------------------------------------------------------------

    def _new_record(self) -> EventDetails:
        from skimlll_desktop.services.events import EventDetails
        from skimlll_desktop.services.settings import load_document_settings

        today = date.today()
        day = today if self._year in (None, today.year) else date(
            self._year or today.year, today.month, min(today.day, 28))
        organiser = load_document_settings(self._database).institution_name
        return EventDetails(starts_on=day, ends_on=day, organiser=organiser)

    def _get(self, record_id: int) -> EventDetails:
        from skimlll_desktop.services.events import get_event

        return get_event(self._database, record_id)

    def _save_record(self, form: EventDetails) -> EventDetails:
        from skimlll_desktop.services.events import save_event

        return save_event(self._database, form)

    def _duplicates(self, form: Any) -> list[DuplicateCandidate]:
        return []

    def _check_duplicates(self, form: Any) -> bool:
        return True  # two events may share a title and a day (morning and afternoon)

    def _title(self, record: EventDetails) -> str:
        return record.title if record.id is not None and record.title else _("New event")

    def _fill_types(self, keep: str | None = None) -> None:
        """The types on offer, and the event's own even if it is hidden now."""
        from skimlll_desktop.services.event_types import event_type_choices

        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        for choice in event_type_choices(self._database):
            if not choice.hidden or choice.code == keep:
                self.type_combo.addItem(choice.label, choice.code)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(keep), 0))
        self.type_combo.blockSignals(False)

    def edit_event_types(self) -> None:
        from skimlll_desktop.ui.event_types_dialog import EventTypesDialog

        chosen = self.type_combo.currentData()
        EventTypesDialog(self._database, self).exec()
        self._fill_types(chosen)

    def _fill(self, record: EventDetails) -> None:
        from skimlll_desktop.services.event_forms import organization_choices

        self._fill_types(record.type)
        self.title_edit.setText(record.title)
        self.title_edit.setCursorPosition(0)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(record.status), 0))
        self.organiser_edit.setText(record.organiser)
        for row in range(self.themes_list.count()):
            item = self.themes_list.item(row)
            ticked = int(item.data(Qt.ItemDataRole.UserRole)) in record.theme_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.starts_on.blockSignals(True)
        self.ends_on.blockSignals(True)
        self.starts_on.setDate(_qdate(record.starts_on))
        self.ends_on.setDate(_qdate(record.ends_on))
        self.starts_on.blockSignals(False)
        self.ends_on.blockSignals(False)
        self.venue_name.setText(record.venue_name)
        self.venue_address.setText(record.venue_address)
        self.gmina_combo.set_value(record.gmina_teryt)
        self.capacity_spin.setValue(record.capacity or 0)
        self.hours_spin.setValue(record.training_hours)
        self.description_edit.setPlainText(record.description)
        self.notes_edit.setPlainText(record.notes)
        self.sessions_editor.set_sessions(record.sessions, record.starts_on, record.ends_on)
        self.partners.set_choices(organization_choices(self._database, record.partner_ids))
        saved = record.id is not None
        for index in (TAB_REGISTRATIONS, TAB_SUMMARY):
            self.tabs.setTabEnabled(index, saved)
            self.tabs.setTabToolTip(index, "" if saved else _(
                "Save the event first: then you can invite people and take registrations."))
        if saved:
            assert record.id is not None
            self.registrations.set_event(record.id, record.title, record.sessions)
            if self.tabs.currentIndex() == TAB_SUMMARY:
                self.summary.show_event(self._database, record.id)

    def _collect_fields(self) -> dict[str, Any]:
        themes = tuple(sorted(
            int(self.themes_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.themes_list.count())
            if self.themes_list.item(row).checkState() == Qt.CheckState.Checked))
        capacity = self.capacity_spin.value()
        return {
            "type": self.type_combo.currentData(),
            "title": self.title_edit.text(),
            "status": self.status_combo.currentData(),
            "organiser": self.organiser_edit.text(),
            "theme_ids": themes,
            "starts_on": _date(self.starts_on.date()),
            "ends_on": _date(self.ends_on.date()),
            "venue_name": self.venue_name.text(),
            "venue_address": self.venue_address.text(),
            "gmina_teryt": self.gmina_combo.value(),
            "capacity": capacity or None,
            "training_hours": self.hours_spin.value(),
            "description": self.description_edit.toPlainText(),
            "notes": self.notes_edit.toPlainText(),
            "sessions": self.sessions_editor.sessions(),
            "partner_ids": self.partners.ids(),
        }

    def save(self) -> bool:
        """Check the typed times first (they cannot reach the service as text)."""
        from skimlll_desktop.ui.sessions_editor import TimeFormatError

        try:
            self.sessions_editor.sessions(strict=True)
        except TimeFormatError as problem:
            self.errors.show({"sessions": problem.message})
            self._show_message(_("Some fields need correcting."))
            return False
        saved = super().save()
        if saved:
            self.registrations_changed.emit()
        return saved

    # --- reacting -----------------------------------------------------------------------

    def _on_dates_changed(self) -> None:
        starts, ends = _date(self.starts_on.date()), _date(self.ends_on.date())
        self.sessions_editor.dates_changed(starts, ends)
        if ends >= starts:
            self.errors.set("ends_on", None)

    def _on_tab(self, index: int) -> None:
        record_id = self.record_id()
        if index == TAB_SUMMARY and record_id is not None:
            self.summary.show_event(self._database, record_id)
        elif index == TAB_REGISTRATIONS and record_id is not None:
            self.registrations.refresh()

    def show_tab(self, index: int) -> None:
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)
