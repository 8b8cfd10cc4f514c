"""The composition root and the GUI entry point: ``skimlll-desktop`` / ``skimlll`` with no command.

The window paints first; the database stack (SQLAlchemy, Alembic, babel.dates)
is imported only after that, when the database is opened in the background.

Benchmark contract (``SKIMLLL_BENCH_MARK``):

- ``first-paint``: print ``BENCH first-paint`` right after the main window's
  first paint, exit 0 (the database is not touched);
- ``people-list``: open the database, switch to Osoby, print
  ``BENCH people-list`` once the first page of rows is on screen, exit 0
  (exit 1 with the message on stderr if the database cannot be opened).

``python -c "from skimlll_desktop.app import main; raise SystemExit(main(DB))"``
starts the program on the database ``DB`` (a file path or a database URL).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from skimlll_desktop import APP_ID, APP_NAME
from skimlll_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_language

ORGANIZATION = "SKiMLLL"
BENCH_VARIABLE = "SKIMLLL_BENCH_MARK"
BENCH_FIRST_PAINT = "first-paint"
BENCH_PEOPLE_LIST = "people-list"
LANGUAGE_KEY = "language"
LAST_DATABASE_KEY = "database/last"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), high-DPI, Fusion and the shipped font."""
    from skimlll_desktop.ui.theme import app_icon, apply_theme, sync_palette

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APP_NAME)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    apply_theme(app)
    sync_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: sync_palette(app))
    return app


def apply_language(app: QApplication, settings: QSettings) -> str:
    """The language stored in QSettings (Polish by default), for our texts and Qt's own."""
    language = str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    set_language(language)
    install_qt_translations(app, language)
    return language


def install_qt_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Qt's own strings (standard buttons, dialogs) in the language; returns what was installed."""
    installed: list[QTranslator] = []
    if language == "pl":
        QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase_pl",):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                installed.append(translator)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return installed


def initial_database(db: str | os.PathLike[str] | None, settings: QSettings) -> str | None:
    """The argument, else the last database used (if it is still there), else None (default)."""
    if db is not None and str(db):
        return str(db)
    last = settings.value(LAST_DATABASE_KEY)
    if last:
        text = str(last)
        if "://" in text or Path(text).exists():
            return text
    return None


class FirstPaint(QObject):
    """Calls back once, when the event loop is back after the window's first paint."""

    def __init__(self, window: QWidget, callback: object) -> None:
        super().__init__(window)
        self._window = window
        self._callback = callback
        self._done = False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._done = True
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self._callback)  # type: ignore[arg-type]
        return False


def _bench_print(mark: str) -> None:
    print(f"BENCH {mark}", flush=True)


def main(db: str | None = None) -> int:
    """Start the GUI on ``db`` (path or URL; None: the last one used, else the default)."""
    bench = os.environ.get(BENCH_VARIABLE, "")
    app = create_application()
    settings = QSettings()
    apply_language(app, settings)

    from skimlll_desktop.ui.errors import install_exception_hook
    from skimlll_desktop.ui.main_window import MainWindow

    if not bench:
        install_exception_hook()
    window = MainWindow(settings)
    window.quit_requested.connect(app.quit)
    start = initial_database(db, settings)

    def after_first_paint() -> None:
        if bench == BENCH_FIRST_PAINT:
            _bench_print(BENCH_FIRST_PAINT)
            app.exit(0)
            return
        window.open_location(start)

    if bench:
        window.interactive = False

        def bench_failed(message: str) -> None:
            print(f"BENCH error: {message}", file=sys.stderr, flush=True)
            app.exit(1)

        window.database_failed.connect(bench_failed)
    if bench == BENCH_PEOPLE_LIST:
        shown = {"done": False}

        def people_shown() -> None:
            if not shown["done"]:
                shown["done"] = True
                _bench_print(BENCH_PEOPLE_LIST)
                app.exit(0)

        window.database_opened.connect(lambda: window.show_area("peopleArea"))
        window.people_page.list_shown.connect(people_shown)

    FirstPaint(window, after_first_paint)
    window.show()
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        if window.database is not None:
            window.database.dispose()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else None))
