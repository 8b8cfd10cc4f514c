"""An honest empty state: an icon, a title and one or two calm sentences, centred."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.ui.theme import PAGE_MARGIN, muted_color, set_role, tinted_icon

ICON_SIZE = 64
TEXT_WIDTH = 520


class EmptyStateWidget(QWidget):
    """What an area is for, when it has nothing to show (yet)."""

    def __init__(
        self,
        icon_name: str,
        title: str,
        body: str,
        parent: QWidget | None = None,
        *,
        object_name: str = "",
    ) -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self._icon_name = icon_name

        self.icon_label = QLabel(self)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.icon_label.setAccessibleName(title)

        self.title_label = QLabel(title, self)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title_label.setWordWrap(True)
        set_role(self.title_label, "emptyTitle")

        self.body_label = QLabel(body, self)
        self.body_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body_label.setWordWrap(True)
        self.body_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.body_label, "emptyBody")
        for label in (self.title_label, self.body_label):
            # A wrapped label needs a definite width to get its height right.
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self._fit_text_width(TEXT_WIDTH)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(10)
        layout.addStretch(2)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(6)
        for label in (self.title_label, self.body_label):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(label)
            row.addStretch(1)
            layout.addLayout(row)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(10)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(self._buttons)
        layout.addStretch(3)
        self._paint_icon()

    def add_button(self, name: str, icon: str, text: str, tip: str = "") -> QPushButton:
        """The area's first action ("Add the first partner"), under the text."""
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        if tip:
            button.setToolTip(tip)
        button.setMinimumHeight(button.sizeHint().height() + 6)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def set_text(self, title: str, body: str) -> None:
        self.title_label.setText(title)
        self.body_label.setText(body)
        self.icon_label.setAccessibleName(title)

    def title(self) -> str:
        return self.title_label.text()

    def body(self) -> str:
        return self.body_label.text()

    def _paint_icon(self) -> None:
        icon = tinted_icon(self._icon_name, muted_color())
        self.icon_label.setPixmap(
            icon.pixmap(QSize(ICON_SIZE, ICON_SIZE), self.devicePixelRatioF())
        )

    def _fit_text_width(self, width: int) -> None:
        for label in (self.title_label, self.body_label):
            if label.width() != width:
                label.setFixedWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        available = event.size().width() - 2 * PAGE_MARGIN
        self._fit_text_width(max(200, min(TEXT_WIDTH, available)))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_icon()
        super().changeEvent(event)
