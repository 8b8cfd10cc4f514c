"""The main window: areas, menus, status bar, remembered layout, About and Help."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QWidget,
)

from skimlll_desktop import __version__
from skimlll_desktop.i18n import _
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.main_window import AREAS, MainWindow
from skimlll_desktop.ui.people_page import people_count_text

AREA_NAMES = [
    "partnersArea",
    "peopleArea",
    "eventsArea",
    "attendanceArea",
    "competitionArea",
    "documentsArea",
    "recommendationsArea",
    "reportsArea",
    "settingsArea",
]


def _current_area(window: MainWindow) -> str:
    stack = window.findChild(QStackedWidget, "areaStack")
    assert stack is not None
    return stack.currentWidget().objectName()


def test_every_area_is_reached_through_the_navigation_bar(qtbot, window: MainWindow) -> None:
    navigation = window.findChild(QListWidget, "navigation")
    assert navigation is not None
    assert navigation.count() == len(AREA_NAMES)
    for row in reversed(range(navigation.count())):  # start away from the default area
        item = navigation.item(row)
        rect = navigation.visualItemRect(item)
        qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert _current_area(window) == AREA_NAMES[row]
        page = window.findChild(QWidget, AREA_NAMES[row])
        assert page is not None and page.isVisible()


def test_every_area_is_reached_from_the_view_menu_with_ctrl_digits(window: MainWindow) -> None:
    view = window.findChild(QWidget, "menuView")
    assert view is not None
    actions = [action for action in view.actions() if not action.isSeparator()]
    assert len(actions) == len(AREA_NAMES)
    for number, (action, area) in enumerate(zip(actions, AREA_NAMES, strict=True), start=1):
        assert action.shortcut() == QKeySequence(f"Ctrl+{number}")
        action.trigger()
        assert _current_area(window) == area
        assert action.isChecked()


def test_areas_not_built_yet_say_what_they_are_for_without_fake_buttons(
    window: MainWindow,
) -> None:
    unbuilt = [area for area in AREAS if area.body]
    assert {area.object_name for area in unbuilt} == set(AREA_NAMES) - {
        "partnersArea", "peopleArea", "eventsArea", "attendanceArea", "competitionArea",
        "documentsArea", "settingsArea"}
    for area in unbuilt:
        page = window.findChild(QWidget, area.object_name)
        assert isinstance(page, EmptyStateWidget)
        assert page.findChildren(QAbstractButton) == []
        assert page.title() == _(area.title)
        assert page.body() == _(area.body)
        assert "MPKU" in page.body() or len(page.body()) > 60


def test_status_bar_shows_the_open_database_and_counts(
    make_window, db_path: Path, people_adder
) -> None:
    people_adder([("Nowak", "Anna"), ("Kowalski", "Jan")])
    window = make_window(db_path)
    label = window.findChild(QLabel, "databaseLabel")
    assert label is not None
    assert label.text().endswith("skimlll.db")
    assert label.toolTip() == str(db_path)
    counts = window.findChild(QLabel, "statusCountsLabel")
    assert counts is not None
    assert people_count_text(2) in counts.text()
    assert "skimlll.db" in window.windowTitle()


def test_window_says_it_is_opening_the_database_before_it_is_open(
    qtbot, make_window, db_path: Path
) -> None:
    window = make_window()
    opening = window.findChild(QWidget, "openingState")
    assert opening is not None and opening.isVisible()
    assert _("Opening the database…") in [label.text() for label in opening.findChildren(QLabel)]
    with qtbot.waitSignal(window.database_opened, timeout=30_000):
        window.open_location(str(db_path))
    assert not opening.isVisible()
    assert window.findChild(QWidget, "areaStack").isVisible()


def test_every_menu_action_is_named_and_in_a_menu(window: MainWindow) -> None:
    in_menus = set()
    for menu_name in ("menuFile", "menuEdit", "menuView", "menuHelp"):
        menu = window.findChild(QWidget, menu_name)
        assert menu is not None, menu_name
        in_menus |= {action.objectName() for action in menu.actions() if not action.isSeparator()}
    expected = {
        "actionNewDatabase", "actionOpenDatabase", "actionSave", "actionBackup",
        "actionRestore", "actionQuit", "actionFind", "actionHelp", "actionAbout",
        "actionAdd", "actionOpenRecord", "actionMerge", "actionDelete", "actionExportList",
        "actionImportPartners",
    }
    assert expected <= in_menus
    ours = {a.objectName() for a in window.findChildren(QAction)
            if a.objectName().startswith("action")}
    assert ours <= in_menus
    shortcuts = {
        "actionNewDatabase": QKeySequence("Ctrl+Shift+N"),
        "actionOpenDatabase": QKeySequence("Ctrl+O"),
        "actionQuit": QKeySequence("Ctrl+Q"),
        "actionFind": QKeySequence("Ctrl+F"),
        "actionSave": QKeySequence("Ctrl+S"),
        "actionHelp": QKeySequence("F1"),
        "actionAdd": QKeySequence("Ctrl+N"),
        "actionDelete": QKeySequence(QKeySequence.StandardKey.Delete),
        "actionExportList": QKeySequence("Ctrl+E"),
    }
    for name, keys in shortcuts.items():
        action = window.findChild(QAction, name)
        assert action is not None and action.shortcut() == keys, name


def _inside_a_qt_widget(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QLineEdit | QComboBox | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def test_every_interactive_widget_has_an_object_name_and_an_accessible_name(
    window: MainWindow,
) -> None:
    interactive = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit)
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, interactive) or widget.objectName().startswith("qt_"):
            continue
        if _inside_a_qt_widget(widget):
            continue  # Qt's own parts: clear button, header corner, combo box popup
        if not widget.objectName() or not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []


def test_ctrl_f_focuses_the_people_search(qtbot, window: MainWindow) -> None:
    window.show_area("peopleArea")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.findChild(QAction, "actionFind").trigger()
    search = window.findChild(QLineEdit, "peopleSearch")
    qtbot.waitUntil(search.hasFocus)


def test_layout_and_last_area_are_restored_in_a_second_window(
    make_window, db_path: Path, settings: QSettings
) -> None:
    first = make_window(db_path)
    first.resize(780, 560)
    first.show_area("eventsArea")
    first.close()
    second = make_window(db_path)
    assert _current_area(second) == "eventsArea"
    assert (second.width(), second.height()) == (780, 560)
    assert settings.value("database/last") == str(db_path)


def test_about_shows_version_database_schema_and_licences(qtbot, window: MainWindow) -> None:
    from skimlll_desktop.services.info import database_info

    window.findChild(QAction, "actionAbout").trigger()
    dialog = window.findChild(QWidget, "aboutDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.findChild(QLabel, "aboutVersion").text()
    assert dialog.findChild(QLabel, "aboutDatabase").text() == window.database.location.display()
    revision = database_info(window.database).schema_revision
    assert dialog.findChild(QLabel, "aboutSchemaRevision").text() == revision
    licences = dialog.findChild(QTextBrowser, "licencesText").toPlainText()
    for needle in ("EUPL-1.2", "SIL Open Font License", "MIT", "GUS", "GUGiK", "Tabler",
                   "Noto Sans", "TERYT"):
        assert needle in licences, needle
    dialog.findChild(QAbstractButton, "aboutClose").click()
    assert not dialog.isVisible()


def test_f1_opens_the_help(qtbot, window: MainWindow) -> None:
    action = window.findChild(QAction, "actionHelp")
    assert action.shortcut() == QKeySequence("F1")
    action.trigger()
    dialog = window.findChild(QWidget, "helpDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    text = dialog.findChild(QTextBrowser, "helpText").toPlainText()
    assert "Ctrl+F" in text and "Ctrl+S" in text
