"""Look and feel: the shipped font, Fusion with the system's light or dark palette,
a small application stylesheet and icons tinted to the palette.
"""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from skimlll_desktop.paths import resource_path

FONT_FAMILY = "Noto Sans"
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
)
BASE_POINT_SIZE = 10.0

# Spacing used by every page, in device-independent pixels.
PAGE_MARGIN = 24
SPACING = 12

ICON_SIZES = (16, 20, 24, 32, 48, 64)

# Kept small on purpose: palette() references keep it right in dark mode too.
STYLESHEET = """
QWidget#sidebar {
    background: palette(window);
    border-right: 1px solid palette(midlight);
}
QLabel#brandLabel {
    font-weight: 600;
    padding: 2px 4px;
}
QListWidget#navigation {
    background: transparent;
    border: none;
    outline: none;
}
QListWidget#navigation::item {
    padding: 7px 10px;
    margin: 1px 0px;
    border-radius: 6px;
    color: palette(text);
}
QListWidget#navigation::item:hover:!selected {
    background: palette(midlight);
}
QListWidget#navigation::item:selected {
    background: palette(highlight);
    color: palette(highlighted-text);
}
QStackedWidget#areaStack, QWidget#areaPage {
    background: palette(base);
}
QLabel[role="heading"] {
    font-size: 17pt;
    font-weight: 600;
}
QLabel[role="subtle"] {
    color: palette(placeholder-text);
}
QLabel[role="emptyTitle"] {
    font-size: 15pt;
    font-weight: 600;
}
QLabel[role="emptyBody"] {
    color: palette(placeholder-text);
    font-size: 11pt;
}
QLabel[role="banner"] {
    border: 1px solid palette(mid);
    border-radius: 6px;
    padding: 8px 10px;
    background: palette(alternate-base);
}
QLabel[role="thumbnail"] {
    border: 1px dashed palette(mid);
    border-radius: 4px;
    padding: 4px;
    background: palette(alternate-base);
    color: palette(placeholder-text);
}
QLineEdit, QPlainTextEdit {
    border: 1px solid palette(mid);
    border-radius: 4px;
    padding: 3px 4px;
    background: palette(base);
    selection-background-color: palette(highlight);
    selection-color: palette(highlighted-text);
}
QLineEdit:focus, QPlainTextEdit:focus {
    border: 1px solid palette(highlight);
}
QLineEdit:disabled, QPlainTextEdit:disabled {
    color: palette(placeholder-text);
}
QComboBox QLineEdit, QAbstractSpinBox QLineEdit {
    border: none;
    padding: 0px;
    background: transparent;
}
QLabel[role="fieldError"] {
    color: #d93025;
}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {
    border: 1px solid #d93025;
}
QComboBox[invalid="true"], QAbstractSpinBox[invalid="true"] {
    border: 1px solid #d93025;
    border-radius: 3px;
    padding: 2px 4px;
}
QGroupBox {
    font-weight: 600;
}
QGroupBox > QWidget {
    font-weight: normal;
}
"""


def register_fonts() -> str:
    """Make the shipped Noto Sans available to Qt; returns the family to use."""
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if path.is_file():
            QFontDatabase.addApplicationFont(str(path))
    return FONT_FAMILY


def apply_theme(app: QApplication) -> None:
    """Fusion, the system's palette (light or dark), the shipped font, the stylesheet."""
    family = register_fonts()
    app.setStyle("Fusion")
    font = QFont(family)
    font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@cache
def _svg_source(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def _render(name: str, color: QColor, size: int) -> QPixmap:
    svg = _svg_source(name).replace("currentColor", color.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def tinted_icon(
    name: str,
    color: QColor | None = None,
    selected_color: QColor | None = None,
) -> QIcon:
    """A shipped icon drawn in the palette's text colour (highlighted text when selected)."""
    palette = QGuiApplication.palette()
    normal = color or palette.color(QPalette.ColorRole.Text)
    selected = selected_color or palette.color(QPalette.ColorRole.HighlightedText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QIcon(_tinted(name, normal.rgba(), selected.rgba(), disabled.rgba()))


@lru_cache(maxsize=256)
def _tinted(name: str, normal: int, selected: int, disabled: int) -> QIcon:
    """Rendered once per icon and colours: a window uses the same few icons many times."""
    icon = QIcon()
    for size in ICON_SIZES:
        for mode, rgba in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Selected, selected),
                           (QIcon.Mode.Disabled, disabled)):
            icon.addPixmap(_render(name, QColor.fromRgba(rgba), size), mode)
    return icon


def muted_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


def accent_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.Highlight)


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("app.svg", "app.png"):
        path = resource_path("icons", name)
        if path.is_file():
            icon.addFile(str(path))
    return icon


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for the stylesheet (``QLabel[role="heading"]``) and re-polish it."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def dark_palette() -> QPalette:
    """A dark Fusion palette, for systems that ask for dark mode but give a light palette."""
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#25272b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1c1d20",
        role.AlternateBase: "#2a2c31",
        role.ToolTipBase: "#2f3237",
        role.ToolTipText: "#e6e6e6",
        role.PlaceholderText: "#9a9ea6",
        role.Text: "#e6e6e6",
        role.Button: "#2d3035",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#3a3d43",
        role.Midlight: "#33363c",
        role.Mid: "#4a4e55",
        role.Dark: "#141517",
        role.Shadow: "#000000",
        role.Highlight: "#3d7fd6",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb0ff",
        role.LinkVisited: "#b69cff",
    }
    for color_role, value in colors.items():
        palette.setColor(color_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for color_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, color_role, QColor("#6d7178"))
    palette.setColor(disabled, role.Highlight, QColor("#3a3d43"))
    return palette


class _PaletteState:
    forced_dark = False


def sync_palette(app: QApplication) -> None:
    """Follow the system's colour scheme: dark when it says dark, even if the style does not."""
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        app.setPalette(dark_palette())
        _PaletteState.forced_dark = True
    elif scheme != Qt.ColorScheme.Dark and _PaletteState.forced_dark:
        app.setPalette(app.style().standardPalette())
        _PaletteState.forced_dark = False
