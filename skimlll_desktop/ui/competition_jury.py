"""Kapituła: the edition's jurors, their declared conflicts of interest and their progress.

Enter or a double click on a juror opens their scores in the Ocena tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.competition_texts import conflict_text, pad_columns
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.form_widgets import fill_table, read_only_table
from skimlll_desktop.ui.scoring_grid import progress_text
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import JurorInfo
    from skimlll_desktop.services.database import Database

COLUMN_NAME, COLUMN_CONFLICTS, COLUMN_PROGRESS = range(3)


def jurors_count_text(count: int) -> str:
    return ngettext("{n} juror", "{n} jurors", count).format(n=format_number(count))


class JuryPanel(QWidget):
    """The Kapituła tab; ``juror_activated(id)`` asks to show the juror's scores."""

    jury_changed = Signal()
    juror_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("juryPanel")
        self._database: Database | None = None
        self._year: int | None = None
        self._locked = False
        self._jurors: list[JurorInfo] = []

        self.count_label = QLabel(self)
        self.count_label.setObjectName("juryCountLabel")
        self.count_label.setAccessibleName(_("Number of jurors"))
        set_role(self.count_label, "subtle")
        self.add_button = QPushButton(tinted_icon("add"), _("Add a juror…"), self)
        self.add_button.setObjectName("addJuror")
        self.add_button.setAccessibleName(_("Add a juror"))
        self.add_button.setToolTip(_("A person from the registry joins the jury, with their "
                                     "declared conflicts of interest"))
        self.add_button.clicked.connect(self.add_juror)
        self.table = read_only_table(
            self, "juryTable", [_("Juror"), _("Declared conflicts of interest"),
                                _("Scores")],
            _("Jurors and their conflicts of interest"), stretch=COLUMN_CONFLICTS)
        self.table.installEventFilter(self)
        self.table.itemDoubleClicked.connect(lambda item: self._activate(item.row()))
        hint = QLabel(_("A juror does not score the gminy they declared a conflict with — a "
                        "whole powiat covers all its gminy. Enter opens the juror's scores."),
                      self)
        hint.setObjectName("juryHint")
        hint.setWordWrap(True)
        set_role(hint, "subtle")

        self.empty = EmptyStateWidget(
            "people", _("No jurors yet"),
            _("The jury scores the entries against the criteria. Add its members from the "
              "registry of people, with the conflicts of interest they declare."),
            self, object_name="juryEmptyState")
        self.empty.add_button("addFirstJuror", "add", _("Add the first juror"),
                              _("A person from the registry joins the jury")
                              ).clicked.connect(self.add_juror)

        listing = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        inner = QVBoxLayout(listing)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(SPACING - 4)
        inner.addLayout(top)
        inner.addWidget(self.table, 1)
        inner.addWidget(hint)
        self._listing = listing
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("juryStack")
        self.stack.addWidget(listing)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.addWidget(self.stack)

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if database is None:
            self._year = None
            self.refresh()

    def set_edition(self, year: int | None, locked: bool) -> None:
        self.set_context(year, locked)
        self.refresh()

    def jurors(self) -> list[JurorInfo]:
        return list(self._jurors)

    def refresh(self) -> None:
        from skimlll_desktop.services.competition import list_jurors, scoring_grid
        from skimlll_desktop.services.registry import gmina_choices, powiat_choices

        database, year = self._database, self._year
        self._jurors = list_jurors(database, year) if database and year is not None else []
        rows: list[list[str]] = []
        if self._jurors and database is not None and year is not None:
            gminy = {c.value: c.label for c in gmina_choices(database)}
            powiaty = {c.value: c.label for c in powiat_choices(database)}
            for juror in self._jurors:
                grid = scoring_grid(database, year, juror.id)
                conflicts = ", ".join(conflict_text(code, gminy, powiaty)
                                      for code in juror.conflicts) or "—"
                rows.append([juror.name, conflicts, progress_text(grid.done, grid.needed)])
        fill_table(self.table, rows, [juror.id for juror in self._jurors])
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COLUMN_CONFLICTS)
            item.setToolTip(item.text())
        pad_columns(self.table, COLUMN_CONFLICTS)
        self.count_label.setText(jurors_count_text(len(self._jurors)))
        self.stack.setCurrentWidget(self._listing if self._jurors or year is None
                                    else self.empty)
        self.set_context(year, self._locked)

    def set_context(self, year: int | None, locked: bool) -> None:
        """The edition and its lock, without reloading the list (the buttons follow)."""
        self._year = year
        self._locked = locked
        can_edit = self._database is not None and year is not None and not locked
        self.add_button.setEnabled(can_edit)
        first = self.empty.findChild(QPushButton, "addFirstJuror")
        if first is not None:
            first.setEnabled(can_edit)

    def _activate(self, row: int) -> None:
        item = self.table.item(row, COLUMN_NAME)
        if item is not None:
            self.juror_activated.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._activate(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)

    def add_juror(self) -> Any:
        from skimlll_desktop.ui.jury_dialog import JurorDialog

        if self._database is None or self._year is None or self._locked:
            return None
        dialog = JurorDialog(self._database, self._year,
                             {juror.person_id for juror in self._jurors}, self)
        if dialog.exec() and dialog.juror_id is not None:
            self.refresh()
            self.jury_changed.emit()
        dialog.deleteLater()
        return dialog
