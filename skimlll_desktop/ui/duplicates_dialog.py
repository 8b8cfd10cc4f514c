"""Możliwe duplikaty: before a new record is saved, the ones it may repeat, with the reason."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, ngettext
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.duplicates import DuplicateCandidate


class DuplicateChoice(enum.Enum):
    SAVE_ANYWAY = "save_anyway"
    OPEN_EXISTING = "open_existing"
    CANCEL = "cancel"


class DuplicatesDialog(QDialog):
    """Lists likely duplicates; ``ask()`` returns what the user chose."""

    def __init__(
        self, kind: str, candidates: Sequence[DuplicateCandidate], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(_("Possible duplicates"))
        self.setAccessibleName(_("Possible duplicates"))
        self.setModal(True)
        self.choice = DuplicateChoice.CANCEL
        self._candidates = list(candidates)

        icon = QLabel(self)
        icon.setPixmap(tinted_icon("warning").pixmap(QSize(36, 36), self.devicePixelRatioF()))
        title = QLabel(_("Possible duplicates"), self)
        set_role(title, "emptyTitle")
        if kind == "organization":
            text = ngettext(
                "The registry may already have this institution:",
                "The registry may already have this institution — {n} similar records:",
                len(candidates))
        else:
            text = ngettext(
                "The registry may already have this person:",
                "The registry may already have this person — {n} similar records:",
                len(candidates))
        self.text = QLabel(text.format(n=len(candidates)), self)
        self.text.setObjectName("duplicatesText")
        self.text.setWordWrap(True)

        self.list = QListWidget(self)
        self.list.setObjectName("duplicatesList")
        self.list.setAccessibleName(_("Similar records"))
        for candidate in candidates:
            item = QListWidgetItem(_("{name} — {reason}").format(
                name=candidate.name, reason=candidate.reason))
            item.setData(Qt.ItemDataRole.UserRole, candidate.id)
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        rows = min(max(len(candidates), 2), 6)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth()
                                 + 8)
        self.list.setMinimumWidth(480)

        hint = QLabel(_("Open the existing record to work with it, or save anyway if this is "
                        "really a different one. Two records of the same one can be merged "
                        "later with Edit → Merge…"), self)
        hint.setWordWrap(True)
        set_role(hint, "subtle")

        self.save_anyway = self._button("duplicatesSaveAnyway", _("Save anyway"),
                                        DuplicateChoice.SAVE_ANYWAY)
        self.open_existing = self._button("duplicatesOpenExisting", _("Open the existing one"),
                                          DuplicateChoice.OPEN_EXISTING)
        self.cancel = self._button("duplicatesCancel", _("Cancel"), DuplicateChoice.CANCEL)
        self.open_existing.setDefault(True)
        self.list.itemDoubleClicked.connect(lambda _item: self._choose(
            DuplicateChoice.OPEN_EXISTING))

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text_column = QVBoxLayout()
        text_column.setSpacing(6)
        text_column.addWidget(title)
        text_column.addWidget(self.text)
        top.addLayout(text_column, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addStretch(1)
        for button in (self.save_anyway, self.open_existing, self.cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.list.setFocus()

    def sizeHint(self) -> QSize:
        """As tall as the wrapped text needs at the dialog's width (not at a narrower one)."""
        hint = super().sizeHint()
        layout = self.layout()
        width = max(hint.width(), self.minimumWidth())
        if layout is None or not layout.hasHeightForWidth():
            return QSize(width, hint.height())
        return QSize(width, layout.totalHeightForWidth(width))

    def _button(self, name: str, text: str, choice: DuplicateChoice) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: DuplicateChoice) -> None:
        self.choice = choice
        if choice is DuplicateChoice.CANCEL:
            super().reject()
        else:
            self.accept()

    def reject(self) -> None:  # Esc
        self.choice = DuplicateChoice.CANCEL
        super().reject()

    def candidates(self) -> list[DuplicateCandidate]:
        return list(self._candidates)

    def chosen(self) -> DuplicateCandidate | None:
        """The candidate selected in the list (the first one unless the user picked another)."""
        row = self.list.currentRow()
        return self._candidates[row] if 0 <= row < len(self._candidates) else None

    def ask(self) -> DuplicateChoice:
        self.exec()
        return self.choice
