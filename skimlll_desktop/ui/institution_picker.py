"""Choosing an institution for a person: type part of its name, pick it, give the role."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.form_widgets import add_row
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

SEARCH_DEBOUNCE_MS = 150
ORGANIZATION_ID_ROLE = Qt.ItemDataRole.UserRole


class InstitutionPickerDialog(QDialog):
    """Finds institutions as the user types; ``picked(id, name, role)`` when one is added."""

    picked = Signal(int, str, str)
    results_shown = Signal()

    def __init__(
        self, database: Database, exclude: Collection[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("institutionPicker")
        self.setWindowTitle(_("Add an institution"))
        self.setAccessibleName(_("Add an institution"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(520, 440)
        self._database = database
        self._exclude = set(exclude)

        self.search = QLineEdit(self)
        self.search.setObjectName("institutionPickerSearch")
        self.search.setPlaceholderText(_("Type part of the name, a NIP or a gmina"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(tinted_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.results = QListWidget(self)
        self.results.setObjectName("institutionPickerResults")
        self.results.setAccessibleName(_("Institutions found"))
        self.hint = QLabel(self)
        self.hint.setObjectName("institutionPickerHint")
        self.hint.setWordWrap(True)
        set_role(self.hint, "subtle")
        self.role = QLineEdit(self)
        self.role.setObjectName("institutionPickerRole")
        self.role.setMaxLength(200)
        self.role.setPlaceholderText(_("e.g. director, coordinator"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(SPACING)
        add_row(form, _("&Find:"), self.search, _("Find an institution"))
        form.addRow("", self.hint)
        form.addRow("", self.results)
        add_row(form, _("&Role there:"), self.role, _("Role in the institution"))

        self.add_button = QPushButton(tinted_icon("add"), _("Add"), self)
        self.add_button.setObjectName("institutionPickerAdd")
        self.add_button.setAccessibleName(_("Add the institution"))
        self.add_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("institutionPickerCancel")
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.search.textChanged.connect(self._debounce.start)
        self.results.currentRowChanged.connect(self._update_button)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.add_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self._show_hint(_("Type at least two letters of the institution's name."))
        self._update_button()
        self.search.setFocus()

    def _search(self) -> None:
        from skimlll_desktop.services.registry import organization_names

        text = self.search.text().strip()
        self.results.clear()
        if len(text) < 2:
            self._show_hint(_("Type at least two letters of the institution's name."))
        else:
            found = [c for c in organization_names(self._database, text)
                     if int(c.value) not in self._exclude]
            for choice in found:
                item = QListWidgetItem(choice.label)
                item.setData(ORGANIZATION_ID_ROLE, int(choice.value))
                self.results.addItem(item)
            if found:
                self.results.setCurrentRow(0)
                self._show_hint("")
            else:
                self._show_hint(_("No institution matches “{text}”. An institution that is "
                                  "not in the registry yet is added in the Partners "
                                  "area.").format(text=text))
        self._update_button()
        self.results_shown.emit()

    def _show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _update_button(self) -> None:
        self.add_button.setEnabled(self.results.currentItem() is not None)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.picked.emit(int(item.data(ORGANIZATION_ID_ROLE)), item.text(),
                         self.role.text().strip())
        super().accept()
