"""Co-hosting partners of an event: the chosen institutions, added with the institution picker.

"Add…" opens :class:`~skimlll_desktop.ui.institution_picker.InstitutionPickerDialog`
(the registry's one way of finding an institution: diacritics not needed); a
partner has no role there, so the picker's role row is hidden. Delete removes
the selected institution.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.theme import SPACING, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.registry import Choice
    from skimlll_desktop.ui.institution_picker import InstitutionPickerDialog


class PartnerPicker(QWidget):
    """The chosen organisations (ids), with *Add…* and *Remove*."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Picker")
        self._database: Database | None = None

        self.list = QListWidget(self)
        self.list.setObjectName(name)
        self.list.setAccessibleName(_("Co-hosting partners"))
        self.list.setToolTip(_("Delete removes the selected institution"))
        self.list.setAlternatingRowColors(True)
        self.add_button = QPushButton(tinted_icon("add"), _("Add an institution…"), self)
        self.add_button.setObjectName(f"{name}Add")
        self.add_button.setAccessibleName(_("Add a partner"))
        self.add_button.setToolTip(_("Find an institution in the registry and add it"))
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(tinted_icon("delete"), _("Remove"), self)
        self.remove_button.setObjectName(f"{name}Remove")
        self.remove_button.setAccessibleName(_("Remove the selected institution"))
        self.remove_button.setToolTip(_("Remove the selected institution (Delete)"))
        self.remove_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.installEventFilter(self)

    def set_database(self, database: Database | None) -> None:
        self._database = database

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.list.clear()
        for choice in choices:
            self._add(int(choice.value), choice.label)

    def ids(self) -> tuple[int, ...]:
        return tuple(sorted(int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
                            for row in range(self.list.count())))

    def _add(self, organization_id: int, name: str) -> bool:
        if organization_id in self.ids():
            return False
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, organization_id)
        item.setToolTip(name)
        self.list.addItem(item)
        return True

    def add(self) -> InstitutionPickerDialog | None:
        """The institution picker (window-modal); the chosen institution joins the list."""
        from skimlll_desktop.ui.institution_picker import InstitutionPickerDialog

        if self._database is None:
            return None
        dialog = InstitutionPickerDialog(self._database, self.ids(), self)
        form = dialog.findChild(QFormLayout)
        if form is not None:  # a co-hosting partner has no role
            form.setRowVisible(dialog.role, False)
        dialog.picked.connect(self._picked)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _picked(self, organization_id: int, name: str, _role: str) -> None:
        if self._add(organization_id, name):
            self.list.setCurrentRow(self.list.count() - 1)
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)
