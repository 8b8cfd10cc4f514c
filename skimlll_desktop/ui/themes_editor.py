"""Themes of interest as a checkable list, with "Add theme…": shared by both registry cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.services.polish_text import sort_key
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

THEME_ID_ROLE = Qt.ItemDataRole.UserRole


class ThemesEditor(QWidget):
    """The shared list of themes; the record's own are ticked."""

    changed = Signal()

    def __init__(self, database: Database, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}ThemesTab")
        self._database = database
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}Themes")
        self.list.setAccessibleName(_("Themes of interest"))
        self.add_button = QPushButton(tinted_icon("add"), _("Add theme…"), self)
        self.add_button.setObjectName(f"{name}AddTheme")
        self.add_button.setAccessibleName(_("Add theme"))
        self.add_button.setToolTip(_("Add a theme to the list shared by all records"))
        self.add_button.setAutoDefault(False)
        hint = QLabel(_("Tick the themes of interest. The list is shared: a theme added here "
                        "can be ticked for every institution and person."), self)
        hint.setWordWrap(True)
        set_role(hint, "subtle")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING - 4)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_theme)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.reload(())

    def reload(self, ticked: tuple[int, ...]) -> None:
        from skimlll_desktop.services.registry import theme_choices

        keep = set(ticked)
        self.list.blockSignals(True)
        self.list.clear()
        for choice in sorted(theme_choices(self._database), key=lambda c: sort_key(c.label)):
            item = QListWidgetItem(choice.label)
            item.setData(THEME_ID_ROLE, int(choice.value))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if int(choice.value) in keep
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def ticked(self) -> tuple[int, ...]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return tuple(sorted(int(item.data(THEME_ID_ROLE)) for item in items
                            if item.checkState() == Qt.CheckState.Checked))

    def set_ticked(self, ids: tuple[int, ...]) -> None:
        self.reload(ids)

    def add_theme(self) -> None:
        """Ask for a name, add the theme to the shared list and tick it here."""
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import add_theme

        name, ok = QInputDialog.getText(self, _("Add theme"), _("Name of the new theme:"))
        if not ok or not name.strip():
            return
        try:
            choice = add_theme(self._database, name)
        except UserFacingError as error:
            show_message(_("Add theme"), error.message, parent=self)
            return
        self.reload((*self.ticked(), int(choice.value)))
        self.changed.emit()
