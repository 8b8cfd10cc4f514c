"""The bare baseline of the start-up benchmarks: the least a PySide6 program does to show up.

    python bench/bare_window.py                 # prints "BENCH first-paint"
    python bench/bare_window.py --people DB     # prints "BENCH people-list"

It creates a QApplication and a QMainWindow, shows it, and from a zero-delay
timer after the window's first paint prints ``BENCH first-paint`` and exits.
With ``--people DB`` it then reads the first 200 people in alphabetical order
with the standard ``sqlite3`` module (no SQLAlchemy), puts them into a
QTableWidget, paints it, prints ``BENCH people-list`` and exits.

No import of the program, no database layer, no theme: what any PySide6
program pays before it can show anything.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem, QWidget

PEOPLE_SQL = (
    "SELECT last_name, first_name, email, gmina_teryt FROM people "
    "ORDER BY sort_key, id LIMIT 200"
)


class FirstPaint(QObject):
    """Calls back (from a zero-delay timer) after the first paint of the window."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.callback = callback
        self.done = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self.done and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and watched.window() is self.window):
            self.done = True
            QTimer.singleShot(0, self.callback)
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", metavar="DB", help="show the first 200 people of DB")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.resize(1280, 800)
    table = QTableWidget(0, 4)
    table.setHorizontalHeaderLabels(["Nazwisko", "Imię", "E-mail", "Gmina"])
    window.setCentralWidget(table)

    def first_paint() -> None:
        if not args.people:
            print("BENCH first-paint", flush=True)
            app.exit(0)
            return
        connection = sqlite3.connect(f"file:{args.people}?mode=ro", uri=True)
        try:
            count = connection.execute("SELECT count(*) FROM people").fetchone()[0]
            rows = connection.execute(PEOPLE_SQL).fetchall()
        finally:
            connection.close()
        table.setRowCount(len(rows))
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                table.setItem(row_number, column, QTableWidgetItem(str(value or "")))
        window.statusBar().showMessage(f"{count} osób")
        table.viewport().repaint()  # the rows are on screen
        print("BENCH people-list", flush=True)
        app.exit(0)

    FirstPaint(window, first_paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
