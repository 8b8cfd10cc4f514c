"""Obecność: checking people in at the venue, with the keyboard alone.

Choose the event and the session, then type: results appear under the one
large search field on every keystroke (the event's people first). Up and Down
move in the results while the typing stays in the field; Enter checks the
highlighted person in; Ctrl+Enter adds someone not on the list as a walk-in;
Ctrl+Z takes the last check-in back; Ctrl+N adds a new person. Every check-in
is committed by the service before the banner says so, so pulling the plug
loses nothing already shown as checked in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_date, format_number, ngettext
from skimlll_desktop.ui.checkin_results import CheckinResultDelegate, CheckinResultsModel
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.event_formatting import session_label, time_text
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.checkin import CheckinCandidate, CheckinResult, Counter
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.events import EventRow, SessionForm

SEARCH_DEBOUNCE_MS = 80
RESULT_LIMIT = 15
BANNER_COLOURS = {  # kind → (light, dark) background of the banner
    "success": ("#e6f4ea", "#1f3a27"),
    "info": ("#e8f0fe", "#1f2d44"),
    "warning": ("#fef7e0", "#3d3420"),
    "error": ("#fce8e6", "#442222"),
}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def keys_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def counter_text(counter: Counter) -> str:
    """``obecnych 37 z 52 zarejestrowanych`` (the plural follows the registered count)."""
    return ngettext("present {present} of {registered} registered",
                    "present {present} of {registered} registered", counter.registered).format(
        present=format_number(counter.present), registered=format_number(counter.registered))


def order_for_the_door(events: list[EventRow], today: date) -> list[EventRow]:
    """Today's events first, then the coming ones (soonest first), then past ones (latest
    first); cancelled events are left out."""
    usable = [e for e in events if e.status.value != "cancelled"]
    now = [e for e in usable if e.starts_on <= today <= e.ends_on]
    coming = sorted((e for e in usable if e.starts_on > today), key=lambda e: e.starts_on)
    past = sorted((e for e in usable if e.ends_on < today), key=lambda e: e.ends_on,
                  reverse=True)
    return now + coming + past


@dataclass(frozen=True)
class _Done:
    """A check-in made on this screen, which Ctrl+Z can take back."""

    attendance_id: int
    name: str


class CheckinPage(QWidget):
    """The Obecność area."""

    results_updated = Signal()  # the results list shows the current text
    checked_in = Signal(object)  # CheckinResult, after the commit
    check_in_undone = Signal(str)  # the person's name
    walk_in_offered = Signal(str)  # someone not on the list was chosen
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, shortcuts: bool = True) -> None:
        """``shortcuts=False`` when the window's own actions (Edit → Add, Find) call
        :meth:`add_record` and :meth:`focus_search`: two shortcuts on one key cancel out.
        Ctrl+Z and Ctrl+P are the page's own either way."""
        super().__init__(parent)
        self.setObjectName("attendanceArea")
        self._database: Database | None = None
        self._events: list[EventRow] = []
        self._sessions: tuple[SessionForm, ...] = ()
        self._done: list[_Done] = []
        self._pending_walk_in: CheckinCandidate | None = None
        self._walk_in_dialog: QDialog | None = None

        self.heading = QLabel(_("Attendance"), self)
        self.heading.setObjectName("checkinHeading")
        set_role(self.heading, "heading")
        self.new_person_button = self._button(
            "checkinNewPerson", "add", _("New person (without registration)…"),
            _("Add someone who came without registering and check them in ({keys})").format(
                keys=keys_text("Ctrl+N")), self.new_person)
        self.print_button = self._button(
            "checkinPrintList", "print", _("Print the attendance list"),
            _("The list to sign for the chosen session, previewed first ({keys})").format(
                keys=keys_text(QKeySequence.StandardKey.Print)), self.print_list)

        self.event_combo = QComboBox(self)
        self.event_combo.setObjectName("checkinEvent")
        self.event_combo.setAccessibleName(_("Event"))
        self.event_combo.setToolTip(_("Today's and coming events first"))
        self.event_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_combo.setMinimumContentsLength(30)
        self.event_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("checkinSession")
        self.session_combo.setAccessibleName(_("Session"))
        self.session_combo.setToolTip(_("Attendance is recorded for this session (day)"))
        self.session_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.counter_label = QLabel(self)
        self.counter_label.setObjectName("checkinCounter")
        self.counter_label.setAccessibleName(_("People present"))
        font = self.counter_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.counter_label.setFont(font)
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                        | Qt.AlignmentFlag.AlignVCenter)

        self.search = QLineEdit(self)
        self.search.setObjectName("checkinSearch")
        self.search.setAccessibleName(_("Find the person to check in"))
        self.search.setPlaceholderText(_("Type a name — ↑↓ choose, Enter checks in"))
        self.search.setToolTip(_("Type part of the first or last name (no Polish letters "
                                 "needed). Up and Down choose, Enter checks in, Ctrl+Z undoes."))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search_font = self.search.font()
        search_font.setPointSizeF(search_font.pointSizeF() * 1.6)
        self.search.setFont(search_font)
        self.search.setMinimumHeight(self.search.sizeHint().height() + 14)

        self._build_banner()

        self.results_model = CheckinResultsModel(self)
        self.results = QListView(self)
        self.results.setObjectName("checkinResults")
        self.results.setAccessibleName(_("People found"))
        self.results.setModel(self.results_model)
        self.results.setItemDelegate(CheckinResultDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.no_results = QLabel(self)
        self.no_results.setObjectName("checkinNoResults")
        self.no_results.setWordWrap(True)
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.no_results, "subtle")
        self.no_results.hide()
        self.keys_hint = QLabel(_("↑↓ choose · Enter: present · Ctrl+Enter: walk-in · "
                                  "Ctrl+Z: undo · Ctrl+N: new person"), self)
        self.keys_hint.setObjectName("checkinKeysHint")
        set_role(self.keys_hint, "subtle")

        self.empty = EmptyStateWidget(
            "attendance", _("No event to take attendance for"),
            _("Attendance is recorded here, at the venue, also without a network. Plan the "
              "event in the Events area first; it appears here on its day."), self,
            object_name="checkinEmptyState")
        self._lay_out()

        self._debounce = QTimer(self)
        self._debounce.setObjectName("checkinSearchDebounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.update_results)
        self.search.textChanged.connect(self._on_text_changed)
        self.search.installEventFilter(self)
        self.results.clicked.connect(self._on_result_clicked)
        self.event_combo.currentIndexChanged.connect(self._on_event_chosen)
        self.session_combo.currentIndexChanged.connect(self._on_session_chosen)
        own: list[tuple[Any, Any, str]] = [
            (QKeySequence.StandardKey.Undo, self.undo_last, "checkinUndoShortcut"),
            (QKeySequence.StandardKey.Print, self.print_list, "checkinPrintShortcut"),
        ]
        if shortcuts:
            own += [("Ctrl+N", self.new_person, "checkinNewShortcut"),
                    (QKeySequence.StandardKey.Find, self.focus_search, "checkinFindShortcut")]
        for keys, slot, name in own:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName(name)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._set_ready(False)

    # --- building -----------------------------------------------------------------------

    def _button(self, name: str, icon: str, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("…", ""))
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _build_banner(self) -> None:
        self.banner = QFrame(self)
        self.banner.setObjectName("checkinBanner")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("checkinBannerText")
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_text.setAccessibleName(_("What happened"))
        font = self.banner_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.banner_text.setFont(font)
        self.undo_button = QPushButton(tinted_icon("undo"), _("Undo"), self.banner)
        self.undo_button.setObjectName("checkinUndo")
        self.undo_button.setAccessibleName(_("Undo the last check-in"))
        self.undo_button.setToolTip(_("Take the last check-in back ({keys})").format(
            keys=keys_text(QKeySequence.StandardKey.Undo)))
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo_button.clicked.connect(self.undo_last)
        self.walk_in_button = QPushButton(tinted_icon("add"),
                                          _("Add as a walk-in (without registration)"),
                                          self.banner)
        self.walk_in_button.setObjectName("checkinAddWalkIn")
        self.walk_in_button.setAccessibleName(_("Add as a walk-in"))
        self.walk_in_button.setToolTip(_("Check the person in although they did not register "
                                         "({keys})").format(keys=keys_text("Ctrl+Return")))
        self.walk_in_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.walk_in_button.clicked.connect(self.add_pending_walk_in)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(SPACING + 2, SPACING - 2, SPACING, SPACING - 2)
        row.setSpacing(SPACING)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.walk_in_button)
        row.addWidget(self.undo_button)
        self.banner.hide()
        self.banner_kind = ""

    def _lay_out(self) -> None:
        heading_row = QHBoxLayout()
        heading_row.setSpacing(SPACING // 2)
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.new_person_button, 0, Qt.AlignmentFlag.AlignVCenter)
        heading_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)

        choice_row = QHBoxLayout()
        choice_row.setSpacing(SPACING // 2)
        event_label = QLabel(_("&Event:"), self)
        event_label.setBuddy(self.event_combo)
        session_label_ = QLabel(_("Se&ssion:"), self)
        session_label_.setBuddy(self.session_combo)
        choice_row.addWidget(event_label)
        choice_row.addWidget(self.event_combo, 1)
        choice_row.addSpacing(SPACING)
        choice_row.addWidget(session_label_)
        choice_row.addWidget(self.session_combo)
        choice_row.addSpacing(SPACING * 2)
        choice_row.addWidget(self.counter_label)

        desk = QWidget(self)
        desk_layout = QVBoxLayout(desk)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        desk_layout.setSpacing(SPACING)
        desk_layout.addLayout(choice_row)
        desk_layout.addWidget(self.search)
        desk_layout.addWidget(self.banner)
        desk_layout.addWidget(self.results, 1)
        desk_layout.addWidget(self.no_results)
        desk_layout.addWidget(self.keys_hint)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("checkinStack")
        self.stack.addWidget(desk)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 4, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(heading_row)
        layout.addWidget(self.stack, 1)

    # --- the database and the event -----------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self._done.clear()
        self._pending_walk_in = None
        self._sessions = ()
        self.event_combo.blockSignals(True)
        self.event_combo.clear()  # another database: its events, not the last one's ids
        self.event_combo.blockSignals(False)
        self.hide_banner()
        self.refresh_events()

    def database(self) -> Database | None:
        return self._database

    def refresh_events(self) -> None:
        """The events to choose from: last year's, this year's and next year's."""
        from skimlll_desktop.services.events import EventQuery, list_events

        current = self.event_id()
        events: list[EventRow] = []
        if self._database is not None:
            year = date.today().year
            for each in (year - 1, year, year + 1):
                events += list_events(self._database, EventQuery(year=each))
        self._events = order_for_the_door(events, date.today())
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for event in self._events:
            text = f"{format_date(event.starts_on, 'd MMM y')} — {event.title}"
            self.event_combo.addItem(text, event.id)
            self.event_combo.setItemData(self.event_combo.count() - 1, event.title,
                                         Qt.ItemDataRole.ToolTipRole)
        index = self.event_combo.findData(current) if current is not None else 0
        self.event_combo.setCurrentIndex(max(index, 0) if self._events else -1)
        self.event_combo.blockSignals(False)
        self._set_ready(bool(self._events))
        if self.event_id() != current or not self._sessions:
            self._on_event_chosen()
        else:  # the same event: keep the session, the banner and what Ctrl+Z can undo
            self.update_counter()
            self.update_results()

    def _set_ready(self, ready: bool) -> None:
        self.stack.setCurrentIndex(0 if ready else 1)
        for widget in (self.new_person_button, self.print_button):
            widget.setEnabled(ready)

    def event_id(self) -> int | None:
        value = self.event_combo.currentData()
        return int(value) if value is not None else None

    def event_title(self) -> str:
        event_id = self.event_id()
        return next((e.title for e in self._events if e.id == event_id), "")

    def session_number(self) -> int:
        value = self.session_combo.currentData()
        return int(value) if value is not None else 1

    def set_event(self, event_id: int, session_number: int | None = None) -> bool:
        """Show an event (from the events list); True when it can be chosen here."""
        index = self.event_combo.findData(event_id)
        if index < 0:
            self.refresh_events()
            index = self.event_combo.findData(event_id)
        if index < 0:
            return False
        self.event_combo.setCurrentIndex(index)
        if session_number is not None:
            self.set_session(session_number)
        self.focus_search()
        return True

    def set_session(self, number: int) -> None:
        index = self.session_combo.findData(number)
        if index >= 0:
            self.session_combo.setCurrentIndex(index)

    def _on_event_chosen(self, *_args: Any) -> None:
        from skimlll_desktop.services.events import get_event

        event_id = self.event_id()
        self._done.clear()
        self._pending_walk_in = None
        self.hide_banner()
        self._sessions = ()
        if self._database is not None and event_id is not None:
            self._sessions = get_event(self._database, event_id).sessions
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        count = len(self._sessions)
        for session in self._sessions:
            self.session_combo.addItem(
                session_label(session.number, session.day, session.title, sessions=count),
                session.number)
        today = date.today()
        todays = next((i for i, s in enumerate(self._sessions) if s.day == today), 0)
        self.session_combo.setCurrentIndex(todays if self._sessions else -1)
        self.session_combo.setEnabled(count > 1)
        self.session_combo.blockSignals(False)
        self._on_session_chosen()

    def _on_session_chosen(self, *_args: Any) -> None:
        self._pending_walk_in = None
        self.update_counter()
        self.update_results()

    # --- searching ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_text_changed(self, _text: str) -> None:
        self._pending_walk_in = None
        self._debounce.start()

    def update_results(self) -> list[CheckinCandidate]:
        """Search now (the debounce timer calls this ~80 ms after the last keystroke)."""
        from skimlll_desktop.services.checkin import find_for_checkin

        self._debounce.stop()
        event_id = self.event_id()
        candidates: list[CheckinCandidate] = []
        text = self.search.text().strip()
        if self._database is not None and event_id is not None and self._sessions:
            candidates = find_for_checkin(self._database, event_id, self.session_number(),
                                          text, limit=RESULT_LIMIT)
        self.results_model.set_candidates(candidates)
        if candidates:
            self.results.setCurrentIndex(self.results_model.index(0))
        self.no_results.setVisible(bool(text) and not candidates)
        if text and not candidates:
            self.no_results.setText(_("No one matches “{text}”. Check the spelling, or add "
                                      "a new person with Ctrl+N.").format(text=text))
        self.results_updated.emit()
        return candidates

    def current_candidate(self) -> CheckinCandidate | None:
        index = self.results.currentIndex()
        return self.results_model.candidate(index.row()) if index.isValid() else None

    def move_selection(self, step: int) -> None:
        count = self.results_model.rowCount()
        if not count:
            return
        row = self.results.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        index = self.results_model.index(row)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def _on_result_clicked(self, *_args: Any) -> None:
        self.check_in_current()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- checking in --------------------------------------------------------------------

    def check_in_current(self, walk_in: bool = False) -> CheckinResult | None:
        """Check the highlighted person in (Enter); committed before the banner shows."""
        if self._debounce.isActive():  # typed faster than the debounce: search first
            self.update_results()
        candidate = self.current_candidate()
        if candidate is None:
            if self.search.text().strip():
                self.show_banner("info", _("No one is chosen. Check the spelling, or add a "
                                           "new person with Ctrl+N."))
            return None
        return self._check_in(candidate, walk_in)

    def _check_in(self, candidate: CheckinCandidate, walk_in: bool) -> CheckinResult | None:
        from skimlll_desktop.services.checkin import check_in
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.events import NotRegisteredError

        event_id = self.event_id()
        if self._database is None or event_id is None:
            return None
        try:
            result = check_in(self._database, event_id, candidate.person_id,
                              self.session_number(), walk_in=walk_in)
        except NotRegisteredError as problem:
            self._pending_walk_in = candidate
            self.show_banner("warning", problem.message, offer_walk_in=True)
            self.walk_in_offered.emit(candidate.name)
            return None
        except UserFacingError as error:
            self.show_banner("error", error.message)
            return None
        self._after_check_in(result)
        return result

    def add_walk_in_current(self) -> CheckinResult | None:
        """Ctrl+Enter: the highlighted (or last refused) person, as a walk-in."""
        if self._debounce.isActive():
            self.update_results()
        candidate = self._pending_walk_in or self.current_candidate()
        if candidate is None:
            return None
        return self._check_in(candidate, walk_in=True)

    def add_pending_walk_in(self) -> CheckinResult | None:
        candidate = self._pending_walk_in
        result = self._check_in(candidate, walk_in=True) if candidate is not None else None
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        return result

    def _after_check_in(self, result: CheckinResult) -> None:
        self._pending_walk_in = None
        moment = time_text(result.checked_in_at)
        if result.already:
            self.show_banner("info", _("{name} — present already, since {time}").format(
                name=result.person_name, time=moment), undo=bool(self._done))
        else:
            self._done.append(_Done(result.attendance_id, result.person_name))
            self.show_banner("success", _("{name} — present, {time}").format(
                name=result.person_name, time=moment), undo=True)
        self._show_counter(result.counter)
        self.search.clear()
        self.update_results()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.checked_in.emit(result)

    def undo_last(self) -> bool:
        """Ctrl+Z: take the last check-in made here back; True when there was one."""
        from skimlll_desktop.services.checkin import undo_check_in

        if not self._done or self._database is None:
            return False
        last = self._done.pop()
        counter = undo_check_in(self._database, last.attendance_id)
        if counter is not None:
            self._show_counter(counter)
        else:
            self.update_counter()
        self.show_banner("info", _("Check-in taken back: {name}").format(name=last.name),
                         undo=bool(self._done))
        self.update_results()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.check_in_undone.emit(last.name)
        return True

    def can_undo(self) -> bool:
        return bool(self._done)

    # --- the counter and the banner -----------------------------------------------------

    def update_counter(self) -> None:
        from skimlll_desktop.services.checkin import attendance_counter

        event_id = self.event_id()
        if self._database is None or event_id is None or not self._sessions:
            self.counter_label.setText("")
            return
        self._show_counter(attendance_counter(self._database, event_id, self.session_number()))

    def _show_counter(self, counter: Counter) -> None:
        self.counter_label.setText(counter_text(counter))

    def show_banner(self, kind: str, text: str, *, undo: bool = False,
                    offer_walk_in: bool = False) -> None:
        from skimlll_desktop.ui.theme import is_dark

        light, dark = BANNER_COLOURS.get(kind, BANNER_COLOURS["info"])
        self.banner.setStyleSheet(
            f"QFrame#checkinBanner {{ background: {dark if is_dark() else light}; "
            "border: 1px solid palette(mid); border-radius: 6px; }")
        self.banner_kind = kind
        self.banner_text.setText(text)
        self.undo_button.setVisible(undo)
        self.walk_in_button.setVisible(offer_walk_in)
        self.banner.show()
        self.status_message.emit(text)

    def hide_banner(self) -> None:
        self.banner.hide()
        self.banner_kind = ""

    def banner_message(self) -> str:
        return self.banner_text.text() if self.banner_kind else ""

    # --- new people and the list --------------------------------------------------------

    def new_person(self) -> QDialog | None:
        """Ctrl+N: the quick form for someone who came without registering."""
        from skimlll_desktop.ui.walk_in_dialog import WalkInDialog

        event_id = self.event_id()
        if self._database is None or event_id is None or not self._sessions:
            return None
        dialog = WalkInDialog(self._database, event_id, self.session_number(), self,
                              typed=self.search.text())
        dialog.checked_in.connect(self._after_check_in)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._back_to_search)
        self._walk_in_dialog = dialog
        dialog.open()
        return dialog

    def add_record(self) -> QDialog | None:
        """Edit → Add (Ctrl+N) in this area: a person who came without registering."""
        return self.new_person()

    def _back_to_search(self, *_args: Any) -> None:
        self._walk_in_dialog = None
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def print_list(self) -> Any:
        """The attendance list of the chosen session, made in the background and previewed."""
        from skimlll_desktop.services.attendance_list import AttendanceListOptions
        from skimlll_desktop.ui.attendance_list_job import show_attendance_list

        event_id = self.event_id()
        if self._database is None or event_id is None or not self._sessions:
            return None
        options = AttendanceListOptions(session_number=self.session_number())
        return show_attendance_list(self, self._database, event_id, options, self.event_title())

    # --- the keyboard -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride and (
                    event.matches(QKeySequence.StandardKey.Undo) and self._done):
                event.accept()  # ours, not the line edit's text undo
                return True
            if event.type() == QEvent.Type.KeyPress and self._key(event):
                return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Down:
            self.move_selection(+1)
        elif key == Qt.Key.Key_Up:
            self.move_selection(-1)
        elif key == Qt.Key.Key_PageDown:
            self.move_selection(+5)
        elif key == Qt.Key.Key_PageUp:
            self.move_selection(-5)
        elif key in ENTER_KEYS and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.add_walk_in_current()
        elif key in ENTER_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
            self.check_in_current()
        elif event.matches(QKeySequence.StandardKey.Undo) and self._done:
            self.undo_last()
        elif key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
        else:
            return False
        return True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._database is not None:
            self.refresh_events()  # events may have been planned meanwhile
        QTimer.singleShot(0, self.focus_search)
