"""Wydarzenia: the year's events with filters and search, and the year's plan of partner mornings.

The page lists one year (the current one first); type and status filters and
the search run in the service. The strip above the list shows partner
mornings held against the yearly target. Ctrl+N plans a new event; Enter or a
double click opens one in :class:`~skimlll_desktop.ui.event_dialog.EventDialog`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import confirm, show_message
from skimlll_desktop.ui.events_model import SORT_ROLE, EventsTableModel
from skimlll_desktop.ui.lazy_table import ID_ROLE
from skimlll_desktop.ui.table_setup import set_up_list_table
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.events import EventRow, YearPlan

SEARCH_DEBOUNCE_MS = 150
FIRST_YEAR, LAST_YEAR = 2015, 2100


def keys_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def events_count_text(count: int) -> str:
    return ngettext("{n} event", "{n} events", count).format(n=format_number(count))


def plan_text(plan: YearPlan) -> str:
    """``Poranki partnerskie: 7 z 10``."""
    return _("Partner mornings: {held} of {target}").format(
        held=format_number(plan.partner_mornings_held), target=format_number(plan.target))


def plan_note(plan: YearPlan) -> str:
    parts = []
    if plan.partner_mornings_planned:
        parts.append(ngettext("{n} more planned", "{n} more planned",
                              plan.partner_mornings_planned).format(
            n=format_number(plan.partner_mornings_planned)))
    missing = plan.target - plan.partner_mornings_held - plan.partner_mornings_planned
    if missing > 0:
        parts.append(ngettext("{n} still to plan", "{n} still to plan", missing).format(
            n=format_number(missing)))
    elif plan.partner_mornings_held >= plan.target:
        parts.append(_("the year's target is met"))
    return " · ".join(parts)


class EventsPage(QWidget):
    """The Wydarzenia area."""

    list_shown = Signal()  # the list (or the empty state) was filled after a load
    events_changed = Signal()  # saved or deleted: counts elsewhere may differ
    checkin_requested = Signal(int)  # the event to take attendance for
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, shortcuts: bool = True) -> None:
        """``shortcuts=False`` when the window's own actions (Edit → Add, Find) call
        :meth:`add_record` and :meth:`focus_search`: two shortcuts on one key cancel out."""
        super().__init__(parent)
        self.setObjectName("eventsArea")
        self._database: Database | None = None
        self._rows: list[EventRow] = []

        self.heading = QLabel(_("Events"), self)
        self.heading.setObjectName("eventsHeading")
        set_role(self.heading, "heading")

        self.checkin_button = self._button(
            "eventsCheckin", "attendance", _("Take attendance"), self.request_checkin,
            _("Check people in at the venue for the selected event"))
        self.add_button = self._button(
            "addEvent", "add", _("New event"), self.add_event,
            _("Plan a new event ({keys})").format(keys=keys_text("Ctrl+N")))
        self.types_button = self._button(
            "eventTypesButton", "edit", _("Event types…"), self.edit_event_types,
            _("Add, rename, hide or reorder the types of events"))

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("eventsYear")
        self.year_spin.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setAccessibleName(_("Year"))
        self.year_spin.setToolTip(_("The year whose events are listed"))
        self.year_spin.setGroupSeparatorShown(False)
        self.type_combo = self._combo("eventsTypeFilter", _("Type of event"))
        self.status_combo = self._combo("eventsStatusFilter", _("Status of the event"))
        for combo in (self.type_combo, self.status_combo):
            combo.addItem(_("all"), None)
        self.search = QLineEdit(self)
        self.search.setObjectName("eventsSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by title (Ctrl+F)"))
        self.search.setAccessibleName(_("Search events"))
        self.search.setToolTip(_("Type the beginning of words of the title"))
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(200)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("eventsCountLabel")
        self.count_label.setAccessibleName(_("Number of events"))
        set_role(self.count_label, "subtle")

        self._build_plan_strip()

        self.model = EventsTableModel(self)
        self.model.setObjectName("eventsModel")
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("eventsTable")
        self.table.setAccessibleName(_("Events of the year"))
        self.table.setModel(self.proxy)
        self._set_up_table()

        self.no_match = QLabel(self)
        self.no_match.setObjectName("eventsNoMatch")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        set_role(self.no_match, "subtle")
        self.no_match.hide()

        self.empty = EmptyStateWidget(
            "events", "", _("Partner mornings, workshops, conferences, Think Tank meetings and "
                            "the gala: plan them here, invite people, take registrations and "
                            "print attendance lists."), self, object_name="eventsEmptyState")
        self.empty.add_button("addFirstEvent", "add", _("Plan the first event"),
                              _("Plan a new event ({keys})").format(keys=keys_text("Ctrl+N"))
                              ).clicked.connect(self.add_event)
        self._lay_out()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.year_spin.valueChanged.connect(self.refresh)
        self.type_combo.currentIndexChanged.connect(self.refresh)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.table.doubleClicked.connect(lambda index: self.open_event(self._id_at(index.row())))
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        for keys, slot, name in (("Ctrl+N", self.add_event, "eventsNewShortcut"),
                                 (QKeySequence.StandardKey.Find, self.focus_search,
                                  "eventsFindShortcut")) if shortcuts else ():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName(name)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._set_enabled(False)

    # --- building -----------------------------------------------------------------------

    def _button(self, name: str, icon: str, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _fill_filter_choices(self) -> None:
        """The statuses (their enum loads the database stack: not before it opens)."""
        from skimlll_desktop.services.labels import EVENT_STATUSES

        if self.status_combo.count() > 1:
            return
        self.status_combo.blockSignals(True)
        for value, label in EVENT_STATUSES.items():
            self.status_combo.addItem(_(label), value)
        self.status_combo.blockSignals(False)

    def _fill_type_choices(self) -> None:
        """The list of event types as it is now (staff edit it), keeping the choice."""
        from skimlll_desktop.services.event_types import event_type_choices

        if self._database is None:
            return
        chosen = self.type_combo.currentData()
        self.type_combo.blockSignals(True)
        while self.type_combo.count() > 1:
            self.type_combo.removeItem(1)
        for choice in event_type_choices(self._database):
            self.type_combo.addItem(choice.label, choice.code)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(chosen), 0))
        self.type_combo.blockSignals(False)

    def edit_event_types(self) -> None:
        from skimlll_desktop.ui.event_types_dialog import EventTypesDialog

        if self._database is None:
            return
        EventTypesDialog(self._database, self).exec()
        self.refresh()

    def _build_plan_strip(self) -> None:
        self.plan_frame = QFrame(self)
        self.plan_frame.setObjectName("eventsPlan")
        self.plan_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.plan_label = QLabel(self.plan_frame)
        self.plan_label.setObjectName("eventsPlanLabel")
        self.plan_label.setAccessibleName(_("Partner mornings held against the plan"))
        font = self.plan_label.font()
        font.setBold(True)
        self.plan_label.setFont(font)
        self.plan_progress = QProgressBar(self.plan_frame)
        self.plan_progress.setObjectName("eventsPlanProgress")
        self.plan_progress.setAccessibleName(_("Partner mornings held against the plan"))
        self.plan_progress.setTextVisible(False)
        self.plan_progress.setMaximumHeight(10)
        self.plan_progress.setMinimumWidth(160)
        self.plan_progress.setMaximumWidth(320)
        self.plan_note = QLabel(self.plan_frame)
        self.plan_note.setObjectName("eventsPlanNote")
        set_role(self.plan_note, "subtle")
        row = QHBoxLayout(self.plan_frame)
        row.setContentsMargins(SPACING, SPACING // 2 + 2, SPACING, SPACING // 2 + 2)
        row.setSpacing(SPACING)
        row.addWidget(self.plan_label)
        row.addWidget(self.plan_progress, 1)
        row.addWidget(self.plan_note)
        row.addStretch(1)

    def _set_up_table(self) -> None:
        table = self.table
        header = set_up_list_table(table, multi_select=False, row_padding=12)
        table.sortByColumn(EventsTableModel.COLUMN_DATES, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(EventsTableModel.COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        em = table.fontMetrics().averageCharWidth()
        for column, chars in ((EventsTableModel.COLUMN_TYPE, 21),
                              (EventsTableModel.COLUMN_DATES, 20),
                              (EventsTableModel.COLUMN_STATUS, 22)):
            table.setColumnWidth(column, chars * em)
        metrics = header.fontMetrics()
        for column in (EventsTableModel.COLUMN_REGISTERED, EventsTableModel.COLUMN_ATTENDED,
                       EventsTableModel.COLUMN_PLACES):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            table.setColumnWidth(column, max(metrics.horizontalAdvance(text) + 2 * em, 8 * em))

    def _labelled(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _lay_out(self) -> None:
        heading_row = QHBoxLayout()
        heading_row.setSpacing(SPACING // 2)
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.checkin_button, 0, Qt.AlignmentFlag.AlignVCenter)
        heading_row.addWidget(self.types_button, 0, Qt.AlignmentFlag.AlignVCenter)
        heading_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignVCenter)

        filters = QHBoxLayout()
        filters.setSpacing(SPACING // 2)
        filters.addWidget(self._labelled(_("&Year:"), self.year_spin))
        filters.addWidget(self.year_spin)
        filters.addSpacing(SPACING)
        filters.addWidget(self._labelled(_("T&ype:"), self.type_combo))
        filters.addWidget(self.type_combo)
        filters.addSpacing(SPACING)
        filters.addWidget(self._labelled(_("S&tatus:"), self.status_combo))
        filters.addWidget(self.status_combo)
        filters.addSpacing(SPACING)
        filters.addWidget(self.search, 1)
        filters.addSpacing(SPACING)
        filters.addWidget(self.count_label)

        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(SPACING - 4)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.no_match)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("eventsStack")
        self.stack.addWidget(list_box)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 4, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(heading_row)
        layout.addLayout(filters)
        layout.addWidget(self.plan_frame)
        layout.addWidget(self.stack, 1)

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if database is not None:
            self._fill_filter_choices()
        self._set_enabled(database is not None)
        self.refresh()

    def database(self) -> Database | None:
        return self._database

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.add_button, self.types_button, self.year_spin, self.type_combo,
                       self.status_combo, self.search, self.table):
            widget.setEnabled(enabled)
        self._update_buttons()

    def year(self) -> int:
        return self.year_spin.value()

    def set_year(self, year: int) -> None:
        self.year_spin.setValue(year)

    def refresh(self) -> None:
        """List the year's events as the filters say, and the year's plan."""
        from skimlll_desktop.services.events import EventQuery, list_events, year_plan

        self._debounce.stop()
        if self._database is None:
            self._rows = []
            self.model.set_rows([])
            self.count_label.setText("")
            self.plan_frame.hide()
            return
        selected = self.selected_event_id()
        self._fill_type_choices()
        query = EventQuery(year=self.year(), type=self.type_combo.currentData(),
                           status=self.status_combo.currentData(), text=self.search.text())
        self._rows = list_events(self._database, query)
        self.model.set_rows(self._rows)
        self._show_plan(year_plan(self._database, self.year()))
        self._show_count(query.type is not None or query.status is not None
                         or bool(query.text.strip()))
        if selected is not None and self.model.row_of(selected) is not None:
            self.select_event(selected)
        elif self._rows:
            today = date.today()
            upcoming = next((row for row in self._rows if row.ends_on >= today), self._rows[-1])
            self.select_event(upcoming.id)
        self._update_buttons()
        QTimer.singleShot(0, self.list_shown.emit)

    def _show_plan(self, plan: YearPlan) -> None:
        self.plan_frame.show()
        self.plan_label.setText(plan_text(plan))
        self.plan_progress.setRange(0, max(plan.target, 1))
        self.plan_progress.setValue(min(plan.partner_mornings_held, plan.target))
        note = plan_note(plan)
        self.plan_note.setText(note)
        self.plan_frame.setToolTip(_("Partner mornings held (or past) against the target of "
                                     "{target} a year").format(target=plan.target))
        self.plan_progress.setAccessibleDescription(plan_text(plan) + ". " + note)

    def _show_count(self, filtering: bool) -> None:
        count = len(self._rows)
        text = events_count_text(count)
        self.count_label.setText(_("{found} found").format(found=text) if filtering else text)
        nothing = count == 0 and not filtering
        if nothing:
            self.empty.set_text(_("There are no events in {year} yet").format(year=self.year()),
                                self.empty.body())
        self.stack.setCurrentIndex(1 if nothing else 0)
        self.no_match.setVisible(filtering and count == 0)
        if filtering and count == 0:
            text = self.search.text().strip()
            self.no_match.setText(
                _("No event matches “{text}”.").format(text=text) if text
                else _("No event of the year matches the filters."))

    # --- selection and actions ----------------------------------------------------------

    def _id_at(self, proxy_row: int) -> int | None:
        index = self.proxy.index(proxy_row, 0)
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def selected_event_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows:
            return self._id_at(rows[0].row())
        current = self.table.currentIndex()
        return self._id_at(current.row()) if current.isValid() else None

    def select_event(self, event_id: int) -> None:
        row = self.model.row_of(event_id)
        if row is None:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(proxy_index.row())
        self.table.scrollTo(proxy_index)

    def _update_buttons(self) -> None:
        self.checkin_button.setEnabled(self._database is not None
                                       and self.selected_event_id() is not None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def add_event(self) -> QDialog | None:
        return self.open_event(None)

    def add_record(self) -> QDialog | None:
        """Edit → Add (Ctrl+N) in this area."""
        return self.add_event()

    def open_selected(self) -> QDialog | None:
        event_id = self.selected_event_id()
        return self.open_event(event_id) if event_id is not None else None

    def open_event(self, event_id: int | None) -> QDialog | None:
        """The event's window (a new event when ``event_id`` is None), window-modal."""
        from skimlll_desktop.ui.event_dialog import EventDialog

        if self._database is None:
            return None
        dialog = EventDialog(self._database, event_id, self, year=self.year())
        dialog.saved.connect(self._on_saved)
        dialog.registrations_changed.connect(self.refresh)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_saved(self, event_id: int) -> None:
        self.refresh()
        self.select_event(event_id)
        self.events_changed.emit()

    def request_checkin(self) -> None:
        event_id = self.selected_event_id()
        if event_id is not None:
            self.checkin_requested.emit(event_id)

    def delete_selected(self) -> bool:
        """Delete the selected event after the user confirms."""
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.events import delete_event, get_event

        event_id = self.selected_event_id()
        row = self.model.event_row(self.model.row_of(event_id)) if event_id else None
        if self._database is None or event_id is None or row is None:
            return False
        text = _("Delete the event “{title}”?").format(title=row.title)
        if row.registered or row.attended:
            text += "\n\n" + _("Its registrations and attendance are deleted too. This cannot "
                               "be undone.")
        if not confirm(self, _("Delete"), text):
            return False
        try:
            delete_event(self._database, event_id, get_event(self._database, event_id).version
                         or 0)
        except UserFacingError as error:
            show_message(_("Delete"), error.message, parent=self)
            self.refresh()
            return False
        self.refresh()
        self.events_changed.emit()
        self.status_message.emit(_("The event “{title}” was deleted.").format(title=row.title))
        return True

    def _context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("eventsContextMenu")
        selected = self.selected_event_id() is not None
        entries = (
            ("Open", _("Open") + "\t" + keys_text("Return"), "edit", self.open_selected,
             selected),
            ("Checkin", _("Take attendance"), "attendance", self.request_checkin, selected),
            ("Add", _("New event") + "\t" + keys_text("Ctrl+N"), "add", self.add_event, True),
            ("Delete", _("Delete…") + "\t" + keys_text("Del"), "delete", self.delete_selected,
             selected),
        )
        for key, text, icon, slot, enabled in entries:
            if key == "Delete":
                menu.addSeparator()
            action = menu.addAction(tinted_icon(icon), text)
            action.setObjectName(f"eventsContext{key}")
            action.setEnabled(enabled)
            action.triggered.connect(slot)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self._context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
                    Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                self.open_selected()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)
