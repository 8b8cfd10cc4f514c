"""The main window: the navigation bar on the left, the areas, the menus and the status bar.

The window is built and painted before any database code is imported; the
database is opened in the background (:meth:`MainWindow.open_location`) while
the window says "Opening the database…".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop import APP_NAME
from skimlll_desktop.i18n import N_, _, format_date, format_number, ngettext
from skimlll_desktop.ui.checkin_page import CheckinPage
from skimlll_desktop.ui.competition_page import CompetitionPage
from skimlll_desktop.ui.database_dialogs import DatabaseProblemDialog, ProblemChoice
from skimlll_desktop.ui.documents_page import DocumentsPage
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.events_page import EventsPage
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.partners_page import PartnersPage
from skimlll_desktop.ui.people_page import PeoplePage
from skimlll_desktop.ui.registry_page import RegistryListPage
from skimlll_desktop.ui.settings_page import SettingsPage
from skimlll_desktop.ui.theme import app_icon, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.startup import OpenedDatabase

DATABASE_FILTER = N_("SKiMLLL databases (*.db *.sqlite *.sqlite3);;All files (*)")
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
AREA_KEY = "window/area"
LAST_DATABASE_KEY = "database/last"
STATUS_MESSAGE_MS = 6000


@dataclass(frozen=True)
class Area:
    object_name: str
    icon: str
    label: str  # N_-marked; translated when shown
    title: str = ""  # empty state of an area not built yet
    body: str = ""


AREAS: tuple[Area, ...] = (
    Area("partnersArea", "partners", N_("Partners")),
    Area("peopleArea", "people", N_("People")),
    Area("eventsArea", "events", N_("Events")),
    Area("attendanceArea", "attendance", N_("Attendance")),
    Area("competitionArea", "competition", N_("Competition")),
    Area("documentsArea", "documents", N_("Documents")),
    Area("recommendationsArea", "recommendations", N_("Recommendations"),
         N_("Recommendations"),
         N_("Recommendations drawn from the events' conclusions, presented to the WZK and the "
            "Board of the Voivodeship, and what became of them. This area is being "
            "prepared.")),
    Area("reportsArea", "reports", N_("Reports"), N_("Reports"),
         N_("Indicators for the funder and the Board: events held against the plan, "
            "participants and institutions reached, by pillar and by powiat. This area is "
            "being prepared.")),
    Area("settingsArea", "settings", N_("Settings")),
)


def _action_name(area: Area) -> str:
    base = area.object_name.removesuffix("Area")
    return "actionShow" + base[0].upper() + base[1:]


class MainWindow(QMainWindow):
    database_opened = Signal()
    database_failed = Signal(str)  # the message, whenever an open fails
    quit_requested = Signal()  # the user chose Quit in the problem dialog

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(760, 500)
        self.settings = settings
        self.database: Database | None = None
        self.interactive = True  # False: report problems by signal only (benchmarks)
        self._opening: JobWorker | None = None
        self._jobs: list[JobWorker] = []
        self._last_info: Any = None
        self._about_dialog: QWidget | None = None
        self._help_dialog: QWidget | None = None
        self._closed = False
        self._given: set[QWidget] = set()  # pages that have the open database

        self._build_areas()
        self._build_menus()
        self._build_status_bar()
        self._restore_layout()
        self._show_content(False, _("Opening the database…"), "")

    # --- building -----------------------------------------------------------------------

    def _build_areas(self) -> None:
        sidebar = QWidget(self)
        sidebar.setObjectName("sidebar")
        self.navigation = QListWidget(sidebar)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Areas"))
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(0)
        self.navigation.setUniformItemSizes(True)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        brand = QLabel(APP_NAME, sidebar)
        brand.setObjectName("brandLabel")
        brand_icon = QLabel(sidebar)
        brand_icon.setPixmap(app_icon().pixmap(QSize(28, 28), self.devicePixelRatioF()))
        brand_row = QHBoxLayout()
        brand_row.setContentsMargins(6, 2, 6, 10)
        brand_row.setSpacing(8)
        brand_row.addWidget(brand_icon)
        brand_row.addWidget(brand, 1)

        side_layout = QVBoxLayout(sidebar)
        side_layout.setContentsMargins(10, 14, 10, 10)
        side_layout.setSpacing(4)
        side_layout.addLayout(brand_row)
        side_layout.addWidget(self.navigation, 1)

        self.area_stack = QStackedWidget(self)
        self.area_stack.setObjectName("areaStack")
        self.partners_page = PartnersPage(self.settings, self.area_stack)
        self.people_page = PeoplePage(self.settings, self.area_stack)
        for list_page in self.list_pages():
            list_page.status_message.connect(self._status)
            list_page.records_changed.connect(self._update_counts)
            list_page.selection_changed.connect(self._update_actions)
        self.settings_page = SettingsPage(self.settings, self.area_stack)
        self.settings_page.status_message.connect(self._status)
        self.settings_page.saved.connect(self._update_counts)
        # The other areas are built when first shown: the window paints sooner.
        self._factories: dict[str, Callable[[], QWidget]] = {
            "eventsArea": self._make_events_page,
            "attendanceArea": self._make_checkin_page,
            "competitionArea": self._make_competition_page,
            "documentsArea": self._make_documents_page,
        }
        self._lazy: dict[str, QWidget] = {}  # the areas built so far
        built: dict[str, QWidget] = {"partnersArea": self.partners_page,
                                     "peopleArea": self.people_page,
                                     "settingsArea": self.settings_page}
        self.pages: dict[str, QWidget] = {}
        for area in AREAS:
            page: QWidget
            if area.object_name in built:
                page = built[area.object_name]
            elif area.object_name in self._factories:
                page = QWidget(self.area_stack)  # stands in until the area is first shown
                page.setObjectName(f"{area.object_name}Pending")
            else:
                page = EmptyStateWidget(
                    area.icon, _(area.title), _(area.body), self.area_stack,
                    object_name=area.object_name,
                )
            page.setAccessibleName(_(area.label))
            self.pages[area.object_name] = page
            self.area_stack.addWidget(page)
            item = QListWidgetItem(_(area.label))
            item.setData(Qt.ItemDataRole.UserRole, area.object_name)
            item.setToolTip(_(area.label))
            self.navigation.addItem(item)
        self._tint_icons()
        self.navigation.setFixedWidth(self._navigation_width())
        self.navigation.currentRowChanged.connect(self._on_area_row)

        self.opening_state = EmptyStateWidget(
            "database", _("Opening the database…"), "", self, object_name="openingState"
        )
        self.content = QStackedWidget(self)
        self.content.setObjectName("contentStack")
        self.content.addWidget(self.opening_state)
        self.content.addWidget(self.area_stack)

        central = QWidget(self)
        central.setObjectName("central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.content, 1)
        self.setCentralWidget(central)

    def _make_events_page(self) -> QWidget:
        # Edit → Add and Find reach this page through the window's actions.
        page = EventsPage(self.area_stack, shortcuts=False)
        page.status_message.connect(self._status)
        page.events_changed.connect(self._update_counts)
        page.events_changed.connect(self._refresh_checkin_events)
        page.checkin_requested.connect(self.take_attendance)
        return page

    def _make_checkin_page(self) -> QWidget:
        page = CheckinPage(self.area_stack, shortcuts=False)
        page.status_message.connect(self._status)
        return page

    def _make_competition_page(self) -> QWidget:
        page = CompetitionPage(self.area_stack)
        page.status_message.connect(self._status)
        return page

    def _make_documents_page(self) -> QWidget:
        page = DocumentsPage(self.area_stack)
        page.status_message.connect(self._status)
        page.documents_changed.connect(self._update_counts)
        return page

    def _page(self, name: str) -> QWidget:
        """The area's page, built the first time it is asked for."""
        if name in self._factories and name not in self._lazy:
            pending = self.pages[name]
            page = self._factories[name]()
            page.setAccessibleName(pending.accessibleName())
            self.area_stack.insertWidget(self.area_stack.indexOf(pending), page)
            self.area_stack.removeWidget(pending)
            pending.deleteLater()
            self.pages[name] = self._lazy[name] = page
        return self.pages[name]

    @property
    def events_page(self) -> EventsPage:
        return cast(EventsPage, self._page("eventsArea"))

    @property
    def checkin_page(self) -> CheckinPage:
        return cast(CheckinPage, self._page("attendanceArea"))

    @property
    def competition_page(self) -> CompetitionPage:
        return cast(CompetitionPage, self._page("competitionArea"))

    @property
    def documents_page(self) -> DocumentsPage:
        return cast(DocumentsPage, self._page("documentsArea"))

    def _refresh_checkin_events(self) -> None:
        checkin = self._lazy.get("attendanceArea")
        if isinstance(checkin, CheckinPage):
            checkin.refresh_events()

    def _navigation_width(self) -> int:
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.navigation.item(i).text())
                     for i in range(self.navigation.count()))
        # icon + gap + item padding + a little air + frame
        return widest + self.navigation.iconSize().width() + 8 + 2 * 10 + 24

    def _tint_icons(self) -> None:
        for row, area in enumerate(AREAS):
            item = self.navigation.item(row)
            if item is not None:
                item.setIcon(tinted_icon(area.icon))

    def _action(
        self,
        name: str,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(tinted_icon(icon))
            action.setData(icon)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setObjectName("menuBar")
        file_menu = bar.addMenu(_("&File"))
        file_menu.setObjectName("menuFile")
        self.action_new = self._action(
            "actionNewDatabase", _("&New database…"), self.new_database, "Ctrl+Shift+N", "new",
            _("Create an empty database in a file of your choice"))
        self.action_open = self._action(
            "actionOpenDatabase", _("&Open database…"), self.choose_database,
            QKeySequence.StandardKey.Open, "open", _("Open another database file"))
        self.action_save = self._action(
            "actionSave", _("&Save"), self.save_current, QKeySequence.StandardKey.Save, "check",
            _("Save the changes in the current area"))
        self.action_backup = self._action(
            "actionBackup", _("&Back up…"), self.backup, None, "backup",
            _("Save a copy of the database wherever you choose"))
        self.action_restore = self._action(
            "actionRestore", _("&Restore from backup…"), self.restore, None, "restore",
            _("Replace the database's content with a backup"))
        self.action_quit = self._action(
            "actionQuit", _("&Quit"), self.close, "Ctrl+Q", None, _("Close the program"))
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_import_partners = self._action(
            "actionImportPartners", _("&Import partners from Excel…"), self.import_partners,
            None, "import", _("Read partners and their contact persons from an Excel sheet"))
        self.action_export_list = self._action(
            "actionExportList", _("&Export the list to Excel…"), self.export_list, "Ctrl+E",
            "export", _("Save the list as it is shown to an Excel file"))
        for action in (self.action_new, self.action_open, None, self.action_save, None,
                       self.action_import_partners, self.action_export_list, None,
                       self.action_backup, self.action_restore, None, self.action_quit):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)

        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.setObjectName("menuEdit")
        self.action_add = self._action(
            "actionAdd", _("&Add…"), lambda: self._on_list("add_record"), "Ctrl+N", "add",
            _("Add a partner or a person to the current list"))
        self.action_open_record = self._action(
            "actionOpenRecord", _("&Open the selected"), lambda: self._on_list("open_selected"),
            None, "edit", _("Open the selected row's card (also: Enter or double-click)"))
        self.action_merge = self._action(
            "actionMerge", _("&Merge…"), lambda: self._on_list("merge_selected"), None, "merge",
            _("Merge two selected rows that are the same institution or person"))
        self.action_delete = self._action(
            "actionDelete", _("&Delete…"), lambda: self._on_list("delete_selected"),
            QKeySequence.StandardKey.Delete, "delete", _("Delete the selected rows"))
        self.action_find = self._action(
            "actionFind", _("&Find"), self.find, QKeySequence.StandardKey.Find, "search",
            _("Go to the search field of the current list"))
        for action in (self.action_add, self.action_open_record, self.action_merge,
                       self.action_delete, None, self.action_find):
            if action is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(action)

        view_menu = bar.addMenu(_("&View"))
        view_menu.setObjectName("menuView")
        self.area_actions = QActionGroup(self)
        self.area_actions.setExclusive(True)
        for number, area in enumerate(AREAS, start=1):
            action = self._action(
                _action_name(area), _(area.label),
                lambda _checked=False, name=area.object_name: self.show_area(name),
                f"Ctrl+{number}", area.icon,
            )
            action.setCheckable(True)
            action.setIconVisibleInMenu(False)
            self.area_actions.addAction(action)
            view_menu.addAction(action)

        help_menu = bar.addMenu(_("&Help"))
        help_menu.setObjectName("menuHelp")
        self.action_help = self._action(
            "actionHelp", _("&Help"), self.show_help, QKeySequence.StandardKey.HelpContents,
            "help", _("How to use the program"))
        self.action_about = self._action(
            "actionAbout", _("&About SKiMLLL Desktop"), self.show_about, None, "info",
            _("Version, database and licences"))
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.action_help)
        help_menu.addSeparator()
        help_menu.addAction(self.action_about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        status.setSizeGripEnabled(True)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("statusCountsLabel")
        self.counts_label.setAccessibleName(_("Records in the database"))
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setAccessibleName(_("Open database"))
        self.database_label.setTextFormat(Qt.TextFormat.PlainText)
        status.addPermanentWidget(self.counts_label)
        status.addPermanentWidget(self.database_label)

    # --- areas --------------------------------------------------------------------------

    def area_names(self) -> list[str]:
        return [area.object_name for area in AREAS]

    def current_area(self) -> str:
        page = self.area_stack.currentWidget()
        return page.objectName() if page is not None else ""

    def show_area(self, object_name: str) -> None:
        names = self.area_names()
        if object_name in names:
            self.navigation.setCurrentRow(names.index(object_name))

    def _on_area_row(self, row: int) -> None:
        if not 0 <= row < len(AREAS):
            return
        area = AREAS[row]
        page = self._page(area.object_name)
        self._give_database(page)
        self.area_stack.setCurrentWidget(page)
        action = self.findChild(QAction, _action_name(area))
        if action is not None:
            action.setChecked(True)
        self.settings.setValue(AREA_KEY, area.object_name)
        self._update_actions()

    def _update_actions(self) -> None:
        area = self.current_area()
        has_database = self.database is not None
        page = self.current_list_page() if has_database else None
        selected = len(page.selected_ids()) if page is not None else 0
        event_page = self.event_page() if has_database else None
        self.action_find.setEnabled(page is not None or event_page is not None)
        self.action_save.setEnabled(has_database and area == "settingsArea")
        self.action_backup.setEnabled(has_database)
        self.action_restore.setEnabled(has_database)
        self.action_add.setEnabled(page is not None or event_page is not None)
        self.action_export_list.setEnabled(page is not None)
        self.action_open_record.setEnabled(selected >= 1)
        self.action_delete.setEnabled(selected >= 1)
        self.action_merge.setEnabled(selected == 2)
        self.action_import_partners.setEnabled(has_database)

    def _give_database(self, page: QWidget) -> None:
        """Hand the open database to a page the first time it is needed."""
        if self.database is not None and page not in self._given and \
                page in self.database_pages():
            self._given.add(page)
            page.set_database(self.database)  # type: ignore[attr-defined]

    def database_pages(self) -> tuple[Any, ...]:
        """Every page built so far that works on the open database (``set_database``)."""
        return (*self.list_pages(), self.settings_page, *self._lazy.values())

    def list_pages(self) -> tuple[RegistryListPage, ...]:
        return (self.partners_page, self.people_page)

    def current_list_page(self) -> RegistryListPage | None:
        page = self.area_stack.currentWidget()
        return page if isinstance(page, RegistryListPage) else None

    def event_page(self) -> EventsPage | CheckinPage | None:
        """The events or the check-in page, when it is the one shown."""
        page = self.area_stack.currentWidget()
        return page if isinstance(page, EventsPage | CheckinPage) else None

    def take_attendance(self, event_id: int) -> None:
        """Events → "Take attendance": the check-in screen on that event."""
        self.show_area("attendanceArea")
        self.checkin_page.set_event(event_id)

    def _on_list(self, method: str) -> Any:
        """Edit → Add / Open / Merge / Delete on the list that is shown."""
        page: Any = self.current_list_page()
        if page is None and method == "add_record":
            page = self.event_page()
        if page is None or self.database is None:
            return None
        return getattr(page, method)()

    def find(self) -> None:
        page = self.current_list_page() or self.event_page()
        if page is not None:
            page.focus_search()

    def export_list(self) -> Any:
        return self._on_list("export_list")

    def import_partners(self) -> Any:
        """File → Import partners from Excel…: the Partners area with the import wizard."""
        if self.database is None:
            return None
        self.show_area("partnersArea")
        return self.partners_page.import_from_excel()

    def save_current(self) -> None:
        if self.current_area() == "settingsArea":
            self.settings_page.save()

    # --- the database -------------------------------------------------------------------

    def open_location(self, db: str | Path | None) -> None:
        """Open a database in the background; the window shows that it is opening."""
        from skimlll_desktop.services.startup import open_database_job

        if self._opening is not None and self._opening.is_running():
            return
        self._show_content(False, _("Opening the database…"), str(db) if db else "")
        worker = JobWorker(open_database_job(db), self)
        worker.setObjectName("openDatabaseWorker")
        worker.progressed.connect(self._on_opening_progress)
        worker.finished.connect(self._on_opened)
        worker.failed.connect(lambda message: self._on_open_failed(db, worker, message))
        self._opening = worker
        worker.start()

    def is_opening(self) -> bool:
        return self._opening is not None and self._opening.is_running()

    def _on_opening_progress(self, _done: int, _total: int, message: str) -> None:
        if message:
            self.opening_state.set_text(message, self.opening_state.body())

    def _on_opened(self, opened: OpenedDatabase) -> None:
        self._opening = None
        if self._closed:  # the window was closed while the database was opening
            opened.database.dispose()
            return
        old = self.database
        self.database = opened.database
        # Each area loads its data when it is first shown: opening a big database stays
        # quick. The shown area (and the lists the status bar counts) get it at once.
        self._given.clear()
        for page in self.database_pages():
            if page in (self.area_stack.currentWidget(), *self.list_pages(),
                        self.settings_page):
                self._give_database(page)
            else:
                page.set_database(None)
        if old is not None and old is not opened.database:
            old.dispose()
        location = opened.database.location
        self.settings.setValue(LAST_DATABASE_KEY, location.display())
        self.database_label.setText(self._short_location(location.display()))
        self.database_label.setToolTip(location.display())
        name = location.path.name if location.path is not None else location.display()
        self.setWindowTitle(f"{name} — {APP_NAME}")
        self._update_counts()
        self._show_content(True)
        self._update_actions()
        if opened.automatic_backup is not None:
            self._status(_("Daily backup saved in the folder {folder}.").format(
                folder=opened.automatic_backup.parent.name))
        self.database_opened.emit()

    def _on_open_failed(self, db: str | Path | None, worker: JobWorker, message: str) -> None:
        self._opening = None
        self.database_failed.emit(message)
        if not self.interactive or self._closed:
            return
        # Out of the worker's signal, so the dialog's event loop starts from a clean slate.
        error = worker.error
        QTimer.singleShot(0, lambda: self._handle_problem(db, message, error))

    def _handle_problem(
        self, db: str | Path | None, message: str, error: BaseException | None
    ) -> None:
        from skimlll_desktop.services.backup import list_backups
        from skimlll_desktop.services.database import resolve_location

        try:
            path = resolve_location(db).path
        except Exception:  # an address that is not even a URL
            path = None
        latest = None
        if path is not None:
            backups = list_backups(path)
            latest = backups[0] if backups else None
        backup_text = None
        if latest is not None:
            backup_text = _("The copy made on {date} at {time}. What is in the file now is "
                            "moved aside, not deleted.").format(
                date=format_date(latest.made_at.date()), time=latest.made_at.strftime("%H:%M"))
        if self.database is not None:
            self._show_content(True)
        else:
            self._show_content(False, _("No database is open"),
                               _("Use File → Open database… or File → New database…"))
        dialog = DatabaseProblemDialog(
            message, self, backup_description=backup_text,
            database_open=self.database is not None,
        )
        choice = dialog.ask()
        dialog.deleteLater()
        if choice is ProblemChoice.OPEN_ANOTHER:
            if not self.choose_database():
                self._handle_problem(db, message, error)
        elif choice is ProblemChoice.CREATE_NEW:
            if not self.new_database():
                self._handle_problem(db, message, error)
        elif choice is ProblemChoice.RESTORE_BACKUP and path is not None and latest is not None:
            self._restore_over_broken(path, latest.path)
        elif choice is ProblemChoice.QUIT:
            self.quit_requested.emit()

    def _restore_over_broken(self, path: Path, backup: Path) -> None:
        from skimlll_desktop.services.startup import restore_over_broken

        def restored(kept: Path | None) -> None:
            if kept is not None:
                self._status(_("The unusable file was moved to {path}").format(path=kept))
            self.open_location(path)

        def failed(message: str) -> None:
            self._handle_problem(path, message, None)

        self._track(run_with_progress(
            call_as_job(restore_over_broken, path, backup, message=_("Restoring the backup…")),
            self, _("Restoring the backup…"), on_finished=restored, on_failed=failed,
            cancellable=False,
        ))

    def _show_content(self, ready: bool, title: str = "", body: str = "") -> None:
        if ready:
            self.content.setCurrentWidget(self.area_stack)
        else:
            self.opening_state.set_text(title, body)
            self.content.setCurrentWidget(self.opening_state)
            if self.database is None:
                self.database_label.setText(_("No database is open"))
                self.counts_label.setText("")
        self._update_actions()

    @staticmethod
    def _short_location(text: str, limit: int = 48) -> str:
        if len(text) <= limit:
            return text
        return "…" + text[-(limit - 1):]

    def _update_counts(self) -> None:
        from skimlll_desktop.services.info import database_info

        if self.database is None:
            self.counts_label.setText("")
            return
        info = database_info(self.database)
        self._last_info = info
        counts = info.counts
        parts = [
            ngettext("{n} person", "{n} people", counts["people"]).format(
                n=format_number(counts["people"])),
            ngettext("{n} institution", "{n} institutions", counts["organizations"]).format(
                n=format_number(counts["organizations"])),
            ngettext("{n} event", "{n} events", counts["events"]).format(
                n=format_number(counts["events"])),
        ]
        self.counts_label.setText("  ·  ".join(parts) + "   ")

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _track(self, worker: JobWorker) -> JobWorker:
        self._jobs = [job for job in self._jobs if job.is_running()] + [worker]
        return worker

    # --- File menu ----------------------------------------------------------------------

    def _start_folder(self) -> str:
        if self.database is not None and self.database.location.path is not None:
            return str(self.database.location.path.parent)
        return str(Path.home())

    def choose_database(self) -> bool:
        """File → Open database…; True when a file was chosen."""
        filename, _filter = QFileDialog.getOpenFileName(
            self, _("Open database"), self._start_folder(), _(DATABASE_FILTER)
        )
        if not filename:
            return False
        if not self._confirm_leave():
            return False
        self.open_location(filename)
        return True

    def new_database(self) -> bool:
        """File → New database…; True when a file was chosen."""
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("New database"), str(Path(self._start_folder()) / "skimlll.db"),
            _(DATABASE_FILTER),
        )
        if not filename:
            return False
        path = Path(filename)
        if not path.suffix:
            path = path.with_suffix(".db")
        if path.exists() and path.stat().st_size > 0:
            show_message(
                _("New database"),
                _("The file {path} already exists and was not changed. To work with it, "
                  "choose File → Open database…; for a new database, give a new file "
                  "name.").format(path=path),
                parent=self,
            )
            return False
        if not self._confirm_leave():
            return False
        self.open_location(str(path))
        return True

    def _sqlite_path_or_explain(self) -> Path | None:
        if self.database is None:
            return None
        path = self.database.location.path
        if path is None:
            show_message(
                _("Backups"),
                _("This database is on a server. Its backups are made by the server's "
                  "administrator."),
                parent=self,
            )
        return path

    def backup(self) -> None:
        """File → Back up…: a copy wherever the user chooses."""
        from skimlll_desktop.services.backup import backup_database

        path = self._sqlite_path_or_explain()
        if path is None:
            return
        suggested = Path.home() / f"{path.stem}-{date.today().isoformat()}.db"
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the database"), str(suggested), _(DATABASE_FILTER)
        )
        if not filename:
            return
        target = Path(filename)

        def done(saved: Path) -> None:
            self._status(_("Backup saved: {path}").format(path=saved))

        def failed(message: str) -> None:
            show_message(_("Back up the database"), message, parent=self)

        self._track(run_with_progress(
            call_as_job(backup_database, path, target, message=_("Saving the backup…")),
            self, _("Saving the backup…"), on_finished=done, on_failed=failed,
            cancellable=False,
        ))

    def restore(self) -> None:
        """File → Restore from backup…: pick a copy, confirm, replace, open again."""
        from skimlll_desktop.services.backup import backups_folder, restore_database

        path = self._sqlite_path_or_explain()
        if path is None:
            return
        folder = backups_folder(path)
        filename, _filter = QFileDialog.getOpenFileName(
            self, _("Restore from backup"),
            str(folder if folder.is_dir() else path.parent), _(DATABASE_FILTER),
        )
        if not filename:
            return
        backup = Path(filename)
        answer = QMessageBox.question(
            self,
            _("Restore from backup"),
            _("Replace everything in the database {database} with the content of the backup "
              "{backup}?\n\nWhat is in the database now is first saved in a safety copy "
              "in the folder {folder}.").format(database=path, backup=backup, folder=folder),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._close_database()

        def done(safety: Path | None) -> None:
            self.open_location(path)
            message = _("The database was restored from {backup}.").format(backup=backup)
            if safety is not None:
                message += " " + _("The previous content is in {path}").format(path=safety)
            self._status(message)

        def failed(message: str) -> None:
            show_message(_("Restore from backup"), message, parent=self)
            self.open_location(path)

        self._track(run_with_progress(
            call_as_job(restore_database, path, backup, message=_("Restoring the backup…")),
            self, _("Restoring the backup…"), on_finished=done, on_failed=failed,
            cancellable=False,
        ))

    def _close_database(self) -> None:
        database, self.database = self.database, None
        self._given.clear()
        for page in self.database_pages():
            page.set_database(None)
        if database is not None:
            database.dispose()
        self._show_content(False, _("No database is open"), "")

    def _confirm_leave(self) -> bool:
        """Unsaved changes: save, discard or stay. True when it is fine to go on."""
        competition = self._lazy.get("competitionArea")
        if isinstance(competition, CompetitionPage) and not competition.confirm_leave():
            return False
        documents = self._lazy.get("documentsArea")
        if isinstance(documents, DocumentsPage) and documents.has_unsaved_changes() and \
                not self._ask_to_save(
                    _("The template has changes that are not saved. Save them?"),
                    documents.save):
            return False
        if not self.settings_page.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("The settings have changes that are not saved. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.settings_page.save()
        return answer == QMessageBox.StandardButton.Discard

    def _ask_to_save(self, question: str, save: Any) -> bool:
        answer = QMessageBox.question(
            self, _("Unsaved changes"), question,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return bool(save())
        return answer == QMessageBox.StandardButton.Discard

    # --- Help menu ----------------------------------------------------------------------

    def about_facts(self) -> Any:
        from skimlll_desktop.ui.about_dialog import AboutFacts

        if self.database is None:
            return AboutFacts()
        from skimlll_desktop.services.info import database_info

        info = database_info(self.database)
        return AboutFacts(info.location, info.engine, info.schema_revision, dict(info.counts))

    def show_about(self) -> QWidget:
        from skimlll_desktop.ui.about_dialog import AboutDialog

        if self._about_dialog is not None:
            self._about_dialog.close()
            self._about_dialog.deleteLater()
        dialog = AboutDialog(self.about_facts(), self)
        self._about_dialog = dialog
        dialog.open()
        return dialog

    def show_help(self) -> QWidget:
        from skimlll_desktop.ui.help_dialog import HelpDialog

        if self._help_dialog is None:
            self._help_dialog = HelpDialog(self)
        self._help_dialog.show()
        self._help_dialog.raise_()
        self._help_dialog.activateWindow()
        return self._help_dialog

    # --- remembering the layout ---------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        restored = isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(geometry)
        if not restored:
            self._default_size()
        state = self.settings.value(STATE_KEY)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        area = str(self.settings.value(AREA_KEY, "peopleArea"))
        self.show_area(area if area in self.area_names() else "peopleArea")

    def _default_size(self) -> None:
        screen = QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 720)
            return
        available = screen.availableGeometry()
        width = min(1440, int(available.width() * 0.9))
        height = min(900, int(available.height() * 0.9))
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))

    def save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(AREA_KEY, self.current_area())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_leave():
            event.ignore()
            return
        self.save_layout()
        for dialog in (self._about_dialog, self._help_dialog):
            if dialog is not None:
                dialog.close()
        self._closed = True
        if self.database is not None:
            for page in self.database_pages():
                page.set_database(None)
            self.database.dispose()
            self.database = None
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._tint_icons()
            for action in self.findChildren(QAction):
                icon = action.data()
                if isinstance(icon, str) and icon:
                    action.setIcon(tinted_icon(icon))
        super().changeEvent(event)

