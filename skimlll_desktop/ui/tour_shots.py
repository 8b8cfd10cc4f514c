"""What every screenshot helper of the tour needs: letting Qt settle, and a dialog drawn
over its dimmed window as a user sees it."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QPoint, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget


def settle(ms: int = 80) -> None:
    """Let pending layouts, timers and paints happen."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def composed(background: QWidget, dialog: QWidget) -> QPixmap:
    """The dialog centred over its dimmed window, as a user sees it."""
    picture = dialog.grab()
    shot = background.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
    ratio = shot.devicePixelRatio()
    width = int(picture.width() / picture.devicePixelRatio())
    height = int(picture.height() / picture.devicePixelRatio())
    x = max(int((shot.width() / ratio - width) / 2), 0)
    y = max(int((shot.height() / ratio - height) / 2), 0)
    painter.drawPixmap(QPoint(x, y), picture)
    painter.setPen(QColor(0, 0, 0, 120))
    painter.drawRect(x - 1, y - 1, width + 1, height + 1)
    painter.end()
    return shot
