"""The screenshot tour: every area of the main window and the dialogs, as PNG files.

    python -m skimlll_desktop.tour OUTDIR [--scale 1.25] [--lang pl|en] [--dark]

A temporary database is filled with demo data (when the demo service is
there; reference data only otherwise), the main window is opened at 1366×768
(device-independent pixels, offscreen unless ``QT_QPA_PLATFORM`` says
otherwise) and each area is saved as ``OUTDIR/NN-name.png``. With ``--scale``
(Qt's ``QT_SCALE_FACTOR``) the files go to ``OUTDIR/scale-125/`` etc.; with
``--dark`` to ``OUTDIR/dark/``. The user's own settings and data are never used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

WINDOW_SIZE = (1366, 768)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m skimlll_desktop.tour",
                                     description="Screenshots of every area of the program.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="Qt scale factor (1.25, 1.5)")
    parser.add_argument("--lang", choices=("pl", "en"), default="pl")
    parser.add_argument("--dark", action="store_true", help="dark palette")
    parser.add_argument("--size", default=f"{WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}",
                        help="window size in device-independent pixels, WxH")
    return parser.parse_args(argv)


def _target_folder(args: argparse.Namespace) -> Path:
    folder: Path = args.outdir
    if args.dark:
        folder = folder / "dark"
    if abs(args.scale - 1.0) > 1e-6:
        folder = folder / f"scale-{round(args.scale * 100)}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _fill_database(path: Path) -> str:
    """Reference data and, when the demo service exists, the small demo set."""
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.jobs import run_job
    from skimlll_desktop.services.reference_data import ensure_reference_data

    database = open_database(path)
    try:
        ensure_reference_data(database)
        try:
            from skimlll_desktop.services.demo import generate_demo
        except ImportError:
            return "reference data only (no demo service)"
        run_job(generate_demo(database, "small"))
        import random
        from datetime import date

        from skimlll_desktop.services.demo_competition import add_competition_demo

        add_competition_demo(database, random.Random(1), date.today())
        return "demo data (small) and two competition editions"
    finally:
        database.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if abs(args.scale - 1.0) > 1e-6:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    folder = _target_folder(args)
    width, height = (int(part) for part in args.size.lower().split("x"))

    with tempfile.TemporaryDirectory(prefix="skimlll-tour-") as temp:
        temp_path = Path(temp)
        # Never the user's own settings, data folder or log.
        os.environ["XDG_CONFIG_HOME"] = str(temp_path / "config")
        os.environ["XDG_DATA_HOME"] = str(temp_path / "data")
        return _tour(args, folder, temp_path, (width, height))


def _tour(args: argparse.Namespace, folder: Path, temp: Path, size: tuple[int, int]) -> int:
    from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QWidget

    from skimlll_desktop.app import apply_language, create_application
    from skimlll_desktop.ui.theme import dark_palette

    app = create_application([sys.argv[0]])
    if args.dark:
        app.setPalette(dark_palette())
    settings = QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", args.lang)
    apply_language(app, settings)

    database_path = temp / "tour.db"
    content = _fill_database(database_path)
    print(f"tour: database with {content}", file=sys.stderr)

    from skimlll_desktop.ui.database_dialogs import DatabaseProblemDialog
    from skimlll_desktop.ui.main_window import AREAS, MainWindow

    window = MainWindow(settings)
    window.resize(*size)
    window.show()

    def wait(signal: object | None = None, ms: int = 50) -> None:
        loop = QEventLoop()
        if signal is not None:
            signal.connect(loop.quit)  # type: ignore[attr-defined]
            QTimer.singleShot(60_000, loop.quit)
        else:
            QTimer.singleShot(ms, loop.quit)
        loop.exec()
        app.processEvents()

    opened: list[bool] = []
    window.database_opened.connect(lambda: opened.append(True))
    window.database_failed.connect(lambda message: print(f"tour: {message}", file=sys.stderr))
    window.interactive = False
    window.open_location(str(database_path))
    if not opened:
        wait(window.database_opened)
    if not opened:
        print("tour: the database did not open", file=sys.stderr)
        return 1

    saved: list[Path] = []

    def save(pixmap: QPixmap, name: str) -> None:
        target = folder / f"{len(saved) + 1:02d}-{name}.png"
        pixmap.save(str(target))
        saved.append(target)

    def with_dialog(dialog: QWidget) -> QPixmap:
        """The window with a dialog drawn on top, centred, as a user would see it."""
        if not dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):
            dialog.adjustSize()
        wait()
        shot = window.grab()
        picture = dialog.grab()
        painter = QPainter(shot)
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
        ratio = shot.devicePixelRatio()
        x = int((shot.width() / ratio - picture.width() / picture.devicePixelRatio()) / 2)
        y = int((shot.height() / ratio - picture.height() / picture.devicePixelRatio()) / 2)
        painter.drawPixmap(QPoint(x, y), picture)
        painter.setPen(QColor(0, 0, 0, 120))
        painter.drawRect(x - 1, y - 1, int(picture.width() / picture.devicePixelRatio()) + 1,
                         int(picture.height() / picture.devicePixelRatio()) + 1)
        painter.end()
        return shot

    def visit(area: str, name: str, before: Callable[[], None] | None = None) -> None:
        window.show_area(area)
        if before is not None:
            before()
        wait()
        save(window.grab(), name)

    for area in AREAS:
        visit(area.object_name, area.object_name.removesuffix("Area"))

    # People, searched.
    people = window.people_page
    if people.model.total_count() > 0:
        first = people.model.index(0, 0).data() or ""
        window.show_area("peopleArea")
        people.search.setText(str(first)[:3])
        wait(ms=400)
        save(window.grab(), "people-search")
        people.search.clear()
        wait(ms=400)

    from skimlll_desktop.ui.registry_tour import capture_registry

    capture_registry(window, save, with_dialog, wait)

    # The other areas' own tours: each saves its screens and returns their paths.
    from skimlll_desktop.ui.competition_tour import capture_competition_screens
    from skimlll_desktop.ui.documents_tour import capture_documents_screens
    from skimlll_desktop.ui.import_wizard_tour import capture_import_wizard

    database = window.database
    assert database is not None
    captures: list[Callable[[str], list[Path]]] = [
        lambda prefix: capture_import_wizard(window, database, folder, prefix),
        lambda prefix: capture_events(window, database, folder, prefix, size),
        lambda prefix: capture_documents_screens(database, folder, prefix, size=size),
        lambda prefix: capture_competition_screens(database, folder, prefix, size=size),
    ]
    for capture in captures:
        saved.extend(capture(f"{len(saved) + 1:02d}-"))

    about = window.show_about()
    save(with_dialog(about), "about")
    tabs = about.findChild(QWidget, "aboutTabs")
    if tabs is not None:
        tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        save(with_dialog(about), "about-licences")
    about.close()

    help_dialog = window.show_help()
    save(with_dialog(help_dialog), "help")
    help_dialog.close()

    from skimlll_desktop.i18n import _

    problem = DatabaseProblemDialog(
        _("The file {path} is not a SKiMLLL database. It was not changed. "
          "Open another file or create a new database.").format(path="C:\\Dane\\lista.xlsx"),
        window,
        backup_description=_("The copy made on {date} at {time}. What is in the file now is "
                             "moved aside, not deleted.").format(date="23 listopada 2026",
                                                                 time="09:15"),
    )
    save(with_dialog(problem), "database-problem")
    problem.close()

    window.close()
    app.processEvents()
    for path in saved:
        print(path)
    return 0


def capture_events(window: object, database: object, folder: Path, prefix: str,
                   size: tuple[int, int]) -> list[Path]:
    """The events, check-in and attendance-list screens (when that area is built)."""
    try:
        from skimlll_desktop.ui.events_tour import capture_events_screens
    except ImportError:
        return []
    return list(capture_events_screens(database, folder, prefix))


if __name__ == "__main__":
    raise SystemExit(main())
