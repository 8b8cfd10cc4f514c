"""Kapituła: the edition's jurors, their declared conflicts of interest and their progress.

Enter or a double click on a juror opens their scores in the Ocena tab; F2 changes
the juror's declared conflicts of interest, Delete takes the juror off the jury
(with their scores only when the user confirms a question that says how many go).
The right mouse button offers the same actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.competition_texts import conflict_text, pad_columns
from skimlll_desktop.ui.documents_widgets import keys_text
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import confirm, show_message
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
        self.conflicts_button = QPushButton(tinted_icon("edit"), _("Conflicts…"), self)
        self.conflicts_button.setObjectName("editJurorConflicts")
        self.conflicts_button.setAccessibleName(_("Change the conflicts of interest"))
        self.conflicts_button.setToolTip(_("Change the selected juror's declared conflicts of "
                                           "interest (F2)"))
        self.conflicts_button.clicked.connect(self.edit_conflicts)
        self.remove_button = QPushButton(tinted_icon("delete"), _("Remove…"), self)
        self.remove_button.setObjectName("removeJuror")
        self.remove_button.setAccessibleName(_("Remove from the jury"))
        self.remove_button.setToolTip(_("Take the selected juror off the jury, after a "
                                        "confirmation (Del)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.table = read_only_table(
            self, "juryTable", [_("Juror"), _("Declared conflicts of interest"),
                                _("Scores")],
            _("Jurors and their conflicts of interest"), stretch=COLUMN_CONFLICTS)
        self.table.installEventFilter(self)
        self.table.itemDoubleClicked.connect(lambda item: self._activate(item.row()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        edit_shortcut = QShortcut(QKeySequence("F2"), self)
        edit_shortcut.setObjectName("juryEditShortcut")
        edit_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit_shortcut.activated.connect(self.edit_conflicts)
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
        top.addWidget(self.conflicts_button)
        top.addWidget(self.remove_button)
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
        self._update_buttons()

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
        self._update_buttons()

    def _can_edit(self) -> bool:
        return self._database is not None and self._year is not None and not self._locked

    def _update_buttons(self) -> None:
        selected = self.selected_juror() is not None
        self.conflicts_button.setEnabled(self._can_edit() and selected)
        self.remove_button.setEnabled(self._can_edit() and selected)

    def selected_juror(self) -> JurorInfo | None:
        row = self.table.currentRow()
        item = self.table.item(row, COLUMN_NAME) if row >= 0 else None
        if item is None or not self.table.selectionModel().hasSelection():
            return None
        juror_id = item.data(Qt.ItemDataRole.UserRole)
        return next((juror for juror in self._jurors if juror.id == juror_id), None)

    def select_juror(self, juror_id: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COLUMN_NAME)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == juror_id:
                self.table.selectRow(row)
                return True
        return False

    def _activate(self, row: int) -> None:
        item = self.table.item(row, COLUMN_NAME)
        if item is not None:
            self.juror_activated.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # ours, not the main window's Edit → Delete (for lists)
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.remove_selected()
                return True
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

    def edit_conflicts(self) -> Any:
        """The selected juror's declared conflicts of interest, in the juror dialog."""
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.ui.jury_dialog import JurorDialog

        juror = self.selected_juror()
        if juror is None or self._database is None or self._year is None or self._locked:
            return None
        try:
            dialog = JurorDialog(self._database, self._year, (), self, juror_id=juror.id)
        except UserFacingError as error:  # removed meanwhile
            show_message(_("Jury"), error.message, parent=self)
            self.refresh()
            return None
        if dialog.exec():
            self.refresh()
            self.select_juror(juror.id)
            self.jury_changed.emit()
        dialog.deleteLater()
        return dialog

    def remove_selected(self) -> bool:
        """Take the selected juror off the jury after the user confirms; their scores go
        with them only when the question said how many."""
        from skimlll_desktop.services.competition_corrections import juror_details, remove_juror
        from skimlll_desktop.services.errors import UserFacingError

        juror = self.selected_juror()
        if juror is None or self._database is None or self._locked:
            return False
        try:
            details = juror_details(self._database, juror.id)
        except UserFacingError as error:
            show_message(_("Jury"), error.message, parent=self)
            self.refresh()
            return False
        text = [_("Remove {name} from the jury?").format(name=juror.name)]
        if details.scores:
            text.append(ngettext(
                "{name} has already entered {n} score. The scores and the juror's comments "
                "are deleted too, and the ranking changes.",
                "{name} has already entered {n} scores. The scores and the juror's comments "
                "are deleted too, and the ranking changes.", details.scores).format(
                name=juror.name, n=format_number(details.scores)))
        text.append(_("The person stays in the registry. This cannot be undone."))
        if not confirm(self, _("Remove from the jury"), "\n\n".join(text)):
            return False
        try:
            remove_juror(self._database, juror.id, details.version,
                         delete_scores=bool(details.scores))
        except UserFacingError as error:  # changed meanwhile, or scored since the question
            show_message(_("Jury"), error.message, parent=self)
            self.refresh()
            return False
        self.refresh()
        self.jury_changed.emit()
        return True

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("juryContextMenu")
        selected = self.selected_juror() is not None
        for key, text, icon, slot, enabled in (
                ("Scores", _("Show the scores") + "\t" + keys_text("Return"), "edit",
                 lambda: self._activate(self.table.currentRow()), selected),
                ("Conflicts", _("Conflicts…") + "\t" + keys_text("F2"), "edit",
                 self.edit_conflicts, self._can_edit() and selected),
                ("Add", _("Add a juror…"), "add", self.add_juror, self._can_edit()),
                ("Remove", _("Remove…") + "\t" + keys_text("Del"), "delete",
                 self.remove_selected, self._can_edit() and selected)):
            if key == "Remove":
                menu.addSeparator()
            action = menu.addAction(tinted_icon(icon), text)
            action.setObjectName(f"juryContext{key}")
            action.setEnabled(enabled)
            action.triggered.connect(slot)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(position))
