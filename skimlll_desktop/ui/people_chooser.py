"""A hand-picked list of people: search the registry on the left, the chosen on the right.

Enter or a double click on a found person adds them; Delete or a double click
on a chosen person takes them off. The chosen keep the order they were added in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.documents_widgets import buddy_label, push_button
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

SEARCH_DEBOUNCE_MS = 200
FOUND_LIMIT = 60
ID_ROLE = Qt.ItemDataRole.UserRole


class PeopleChooserWidget(QWidget):
    changed = Signal()  # the chosen list changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peopleChooser")
        self._database: Database | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("chooserSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Surname, first name or institution"))
        self.search.setAccessibleName(_("Search people to add"))
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.found = self._list("chooserFound", _("People found"))
        self.chosen = self._list("chooserChosen", _("People chosen"))
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.found.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = push_button(self, "chooserAdd", _("&Add →"), self.add_selected,
                                      _("Add the selected people (Enter)"))
        self.remove_button = push_button(self, "chooserRemove", _("← Re&move"),
                                         self.remove_selected,
                                         _("Take the selected people off the list (Delete)"))
        hint = QLabel(_("Type at least two letters."), self)
        hint.setObjectName("chooserHint")
        set_role(hint, "subtle")
        self.hint = hint

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING // 2)
        grid.setVerticalSpacing(4)
        grid.addWidget(buddy_label(self, _("F&ind:"), self.search), 0, 0)
        grid.addWidget(buddy_label(self, _("C&hosen:"), self.chosen), 0, 2)
        grid.addWidget(self.search, 1, 0)
        grid.addWidget(self.found, 2, 0)
        grid.addWidget(hint, 3, 0)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 1)
        grid.addWidget(self.chosen, 1, 2, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.update_found)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._add_first_found)
        self.found.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.chosen.itemDoubleClicked.connect(lambda _item: self.remove_selected())
        for widget in (self.found, self.chosen):
            widget.installEventFilter(self)
            widget.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _list(self, name: str, accessible: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setUniformItemSizes(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        return widget

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self.found.clear()
        self.chosen.clear()
        self.changed.emit()

    def chosen_ids(self) -> list[int]:
        return [int(self.chosen.item(n).data(ID_ROLE)) for n in range(self.chosen.count())]

    def update_found(self) -> None:
        from skimlll_desktop.services.people import PeopleQuery, list_people

        self.found.clear()
        text = self.search.text().strip()
        if self._database is None or len(text) < 2:
            self.hint.setText(_("Type at least two letters."))
            self._update_buttons()
            return
        rows = list_people(self._database, PeopleQuery(text=text), limit=FOUND_LIMIT)
        for row in rows:
            label = f"{row.last_name} {row.first_name}"
            item = QListWidgetItem(f"{label} — {row.organization}" if row.organization
                                   else label)
            item.setToolTip(item.text())
            item.setData(ID_ROLE, row.id)
            self.found.addItem(item)
        if rows:
            self.found.setCurrentRow(0)
        self.hint.setText(_("Nobody found.") if not rows else "")
        self._update_buttons()

    def add_ids(self, people: list[tuple[int, str]]) -> None:
        """Add (id, label) pairs; people already chosen are not added twice."""
        present = set(self.chosen_ids())
        for person_id, label in people:
            if person_id in present:
                continue
            item = QListWidgetItem(label)
            item.setToolTip(label)
            item.setData(ID_ROLE, person_id)
            self.chosen.addItem(item)
            present.add(person_id)
        self._update_buttons()
        self.changed.emit()

    def add_selected(self) -> None:
        items = self.found.selectedItems() or ([self.found.currentItem()]
                                               if self.found.currentItem() else [])
        self.add_ids([(int(item.data(ID_ROLE)), item.text()) for item in items if item])

    def _add_first_found(self) -> None:
        if self.found.count():
            if not self.found.selectedItems():
                self.found.setCurrentRow(0)
            self.add_selected()

    def remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.found.count() > 0)
        self.remove_button.setEnabled(bool(self.chosen.selectedItems()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self.found and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.add_selected()
                return True
            if watched is self.chosen and event.key() in (Qt.Key.Key_Delete,
                                                          Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)
