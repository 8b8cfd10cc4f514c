"""The list of event types: add, rename, hide or show, reorder, delete an unused one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, ngettext
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.ui.errors import confirm, show_message
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.event_types import EventTypeChoice

CODE_ROLE = Qt.ItemDataRole.UserRole


class EventTypesDialog(QDialog):
    """Edits the one list every event's type comes from."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTypesDialog")
        self.setWindowTitle(_("Event types"))
        self._database = database
        self._choices: dict[str, EventTypeChoice] = {}
        hint = QLabel(_("The types offered for events. A type in use cannot be deleted: hide "
                        "it, and its events keep it while new events are not offered it."), self)
        hint.setWordWrap(True)
        set_role(hint, "subtle")
        self.list = QListWidget(self)
        self.list.setObjectName("eventTypesList")
        self.list.setAccessibleName(_("Event types"))
        self.add_button = self._button("eventTypeAdd", "add", _("&Add…"), self.add_type,
                                       _("Add a type to the end of the list"))
        self.rename_button = self._button("eventTypeRename", None, _("&Rename…"),
                                          self.rename_type, _("Change the type's name (F2)"))
        self.hide_button = self._button("eventTypeHide", None, _("&Hide"), self.toggle_hidden,
                                        _("Hide the type from new events, or offer it again"))
        self.up_button = self._button("eventTypeUp", None, _("Move &up"),
                                      lambda: self.move(-1), _("Move the type up the list"))
        self.down_button = self._button("eventTypeDown", None, _("Move &down"),
                                        lambda: self.move(1), _("Move the type down the list"))
        self.delete_button = self._button("eventTypeDelete", "delete", _("&Delete"),
                                          self.delete_type,
                                          _("Delete a type no event uses (Delete)"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.hide_button, self.up_button,
                       self.down_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(hint)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self.list, self.rename_type)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.delete_type)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_type())
        self.resize(560, 380)
        self.reload()

    def _button(self, name: str, icon: str | None, text: str, slot: Callable[[], object],
                tip: str) -> QPushButton:
        button = QPushButton(text, self)
        if icon:
            button.setIcon(tinted_icon(icon))
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- the list --------------------------------------------------------------------

    def reload(self, current: str | None = None) -> None:
        from skimlll_desktop.services.event_types import event_type_choices

        current = current or self.current_code()
        choices = event_type_choices(self._database)
        self._choices = {choice.code: choice for choice in choices}
        self.list.clear()
        for choice in choices:
            item = QListWidgetItem(self._item_text(choice), self.list)
            item.setData(CODE_ROLE, choice.code)
            if choice.hidden:
                item.setForeground(self.palette().placeholderText())
        codes = [choice.code for choice in choices]
        self.list.setCurrentRow(codes.index(current) if current in codes else 0)
        self._update_buttons()

    @staticmethod
    def _item_text(choice: EventTypeChoice) -> str:
        text = choice.label
        if choice.events:
            text += "  ·  " + ngettext("{n} event", "{n} events", choice.events).format(
                n=choice.events)
        if choice.hidden:
            text += "  ·  " + _("hidden")
        return text

    def labels(self) -> list[str]:
        return [self._choices[self.list.item(row).data(CODE_ROLE)].label
                for row in range(self.list.count())]

    def current_code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(CODE_ROLE) if item is not None else None

    def _current(self) -> EventTypeChoice | None:
        code = self.current_code()
        return self._choices.get(code) if code else None

    def _update_buttons(self) -> None:
        choice = self._current()
        row = self.list.currentRow()
        for button in (self.rename_button, self.hide_button):
            button.setEnabled(choice is not None)
        self.hide_button.setText(_("S&how") if choice and choice.hidden else _("&Hide"))
        self.up_button.setEnabled(choice is not None and row > 0)
        self.down_button.setEnabled(choice is not None and row < self.list.count() - 1)
        self.delete_button.setEnabled(
            choice is not None and not choice.built_in and choice.events == 0)

    def _run(self, action: Callable[[], object], current: str | None = None) -> bool:
        try:
            action()
        except UserFacingError as error:
            show_message(_("Event types"), error.message, parent=self,
                         object_name="eventTypesError")
            return False
        self.reload(current)
        return True

    # --- the actions -----------------------------------------------------------------

    def add_type(self) -> None:
        from skimlll_desktop.services.event_types import add_event_type

        name, accepted = QInputDialog.getText(self, _("New event type"), _("Name:"))
        if not accepted or not name.strip():
            return
        added: list[str] = []
        if self._run(lambda: added.append(add_event_type(self._database, name))):
            self.reload(added[0])

    def rename_type(self) -> None:
        from skimlll_desktop.services.event_types import rename_event_type

        choice = self._current()
        if choice is None:
            return
        prompt = _("Name (leave empty for the program's own name):") if choice.built_in \
            else _("Name:")
        name, accepted = QInputDialog.getText(self, _("Rename the event type"), prompt,
                                              text=choice.label)
        if accepted:
            self._run(lambda: rename_event_type(self._database, choice.code, name), choice.code)

    def toggle_hidden(self) -> None:
        from skimlll_desktop.services.event_types import set_event_type_hidden

        choice = self._current()
        if choice is not None:
            self._run(lambda: set_event_type_hidden(self._database, choice.code,
                                                    not choice.hidden), choice.code)

    def move(self, step: int) -> None:
        from skimlll_desktop.services.event_types import move_event_type

        choice = self._current()
        if choice is not None:
            self._run(lambda: move_event_type(self._database, choice.code, step), choice.code)

    def delete_type(self) -> None:
        from skimlll_desktop.services.event_types import delete_event_type

        choice = self._current()
        if choice is None or not self.delete_button.isEnabled():
            return
        if confirm(self, _("Delete the event type"),
                   _("Delete the type {name} from the list?").format(name=choice.label)):
            self._run(lambda: delete_event_type(self._database, choice.code))
