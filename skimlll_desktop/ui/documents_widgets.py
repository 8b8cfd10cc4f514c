"""Small building blocks shared by the Dokumenty screens: buttons, combos, labels, banners."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from skimlll_desktop.ui.theme import set_role, tinted_icon


def keys_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def push_button(parent: QWidget, name: str, text: str, slot: Callable[..., Any] | None,
                tip: str = "", icon: str | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    if icon:
        button.setIcon(tinted_icon(icon))
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", ""))
    if tip:
        button.setToolTip(tip)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button


def combo_box(parent: QWidget, name: str, accessible: str, tip: str = "") -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setToolTip(tip or accessible)
    return combo


def buddy_label(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def banner(parent: QWidget, name: str) -> QLabel:
    """A hidden message strip (plain text, wrapped) for what just happened or went wrong."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_role(label, "banner")
    label.hide()
    return label


def shortcut(parent: QWidget, keys: QKeySequence | QKeySequence.StandardKey | str,
             slot: Callable[[], Any], name: str) -> QShortcut:
    """A shortcut active while focus is inside ``parent`` (so tabs do not steal each other's)."""
    result = QShortcut(QKeySequence(keys), parent)
    result.setObjectName(name)
    result.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    result.activated.connect(slot)
    return result


def preview_path(stem: str) -> Path:
    """A fresh file name in this program run's folder for PDFs made to be previewed."""
    folder = Path(tempfile.gettempdir()) / f"skimlll-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{stem}-{os.urandom(4).hex()}.pdf"
