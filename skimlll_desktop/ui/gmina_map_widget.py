"""Mapa: Małopolska's gminy painted from the shipped boundaries, coloured by the competition.

Gminy that entered are light blue, laureates dark blue, the others light grey
(the protocol's colours). Hovering shows a gmina's name; a legend explains the
colours; a gmina without a boundary in the map data (Szczawa, newer than the
data) is listed under the map rather than left out silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.theme import SPACING, is_dark, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.gmina_map import RegionMap

ENTERED, LAUREATE, OTHER = "entered", "laureate", "other"
LEGEND = ((LAUREATE, N_("Laureates (awarded places)")), (ENTERED, N_("Entered the competition")),
          (OTHER, N_("Other gminy")))
MARGIN = 16


def map_colors() -> dict[str, QColor]:
    """The protocol's colours (services.competition_protocol), softened in dark mode."""
    dark = is_dark()
    return {
        ENTERED: QColor.fromRgbF(0.70, 0.80, 0.93) if not dark else QColor("#5f7fa8"),
        LAUREATE: QColor.fromRgbF(0.12, 0.35, 0.65) if not dark else QColor("#8fb8ff"),
        OTHER: QColor("#dadee4") if not dark else QColor("#3a3d43"),
    }


class GminaMapCanvas(QWidget):
    """The painted map; ``hovered(teryt)`` when the pointer moves onto a gmina."""

    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gminaMapCanvas")
        self.setAccessibleName(_("Map of the gminy of Małopolska"))
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(280, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._region: RegionMap | None = None
        self._paths: dict[str, QPainterPath] = {}
        self._names: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._hover = ""

    def _load(self) -> None:
        if self._region is not None:
            return
        from skimlll_desktop.services.gmina_map import region_map

        self._region = region_map()
        for shape in self._region.shapes:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)
            for ring in shape.rings:
                path.moveTo(*ring[0])
                for point in ring[1:]:
                    path.lineTo(*point)
                path.closeSubpath()
            self._paths[shape.teryt] = path
            self._names[shape.teryt] = shape.name

    def set_kinds(self, kinds: Mapping[str, str]) -> None:
        """TERYT code → ENTERED or LAUREATE; every other gmina is OTHER."""
        self._load()
        self._kinds = dict(kinds)
        self.update()

    def name_of(self, teryt: str) -> str:
        self._load()
        return self._names.get(teryt, "")

    def _transform(self) -> QTransform:
        """Projected coordinates → widget pixels: fit, keep the aspect, north up."""
        self._load()
        assert self._region is not None
        min_x, min_y, max_x, max_y = self._region.bounds
        width = max(self.width() - 2 * MARGIN, 1)
        height = max(self.height() - 2 * MARGIN, 1)
        scale = min(width / (max_x - min_x), height / (max_y - min_y))
        left = MARGIN + (width - (max_x - min_x) * scale) / 2
        top = MARGIN + (height - (max_y - min_y) * scale) / 2
        transform = QTransform()
        transform.translate(left, top + (max_y - min_y) * scale)
        transform.scale(scale, -scale)
        transform.translate(-min_x, -min_y)
        return transform

    def paths(self) -> dict[str, QPainterPath]:
        """TERYT code → the gmina's outline, in projected coordinates."""
        self._load()
        return dict(self._paths)

    def kind_of(self, teryt: str) -> str:
        return self._kinds.get(teryt, OTHER)

    def to_widget(self, point: QPointF) -> QPointF:
        return self._transform().map(point)

    def gmina_at(self, point: QPointF) -> str:
        inverted, ok = self._transform().inverted()
        if not ok:
            return ""
        where = inverted.map(point)
        for teryt, path in self._paths.items():
            if path.boundingRect().contains(where) and path.contains(where):
                return teryt
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        self._load()
        colors = map_colors()
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setTransform(self._transform())
        pen = QPen(palette.color(QPalette.ColorRole.Base), 0.8)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for teryt, path in self._paths.items():
            painter.fillPath(path, colors[self._kinds.get(teryt, OTHER)])
            painter.drawPath(path)
        if self._hover in self._paths:
            highlight = QPen(self.palette().color(self.foregroundRole()), 1.8)
            highlight.setCosmetic(True)
            painter.setPen(highlight)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._paths[self._hover])
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        teryt = self.gmina_at(event.position())
        if teryt != self._hover:
            self._hover = teryt
            self.update()
            self.hovered.emit(teryt)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover:
            self._hover = ""
            self.update()
            self.hovered.emit("")
        super().leaveEvent(event)

    def tooltip_text(self, teryt: str) -> str:
        kind = self._kinds.get(teryt, OTHER)
        name = self._names.get(teryt, "")
        if kind == LAUREATE:
            return _("{gmina} — laureate").format(gmina=name)
        if kind == ENTERED:
            return _("{gmina} — entered").format(gmina=name)
        return name

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            teryt = self.gmina_at(QPointF(event.pos()))
            if teryt:
                QToolTip.showText(event.globalPos(), self.tooltip_text(teryt), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class _Swatch(QWidget):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self.setFixedSize(QSize(16, 16))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(self.foregroundRole()).lighter(160), 1))
        painter.setBrush(map_colors()[self._kind])
        painter.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3, 3)
        painter.end()


class GminaMapWidget(QWidget):
    """The map with its legend and the list of gminy the map cannot draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gminaMapWidget")
        self.canvas = GminaMapCanvas(self)
        self.legend_labels: dict[str, QLabel] = {}
        legend = QHBoxLayout()
        legend.setSpacing(SPACING // 2)
        for kind, text in LEGEND:
            legend.addWidget(_Swatch(kind, self))
            label = QLabel(_(text), self)
            label.setObjectName(f"mapLegend{kind.capitalize()}")
            label.setAccessibleName(_(text))
            self.legend_labels[kind] = label
            legend.addWidget(label)
            legend.addSpacing(SPACING)
        legend.addStretch(1)
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("mapHoverLabel")
        self.hover_label.setAccessibleName(_("Gmina under the pointer"))
        set_role(self.hover_label, "subtle")
        legend.addWidget(self.hover_label)
        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("mapMissingGminy")
        self.missing_label.setAccessibleName(_("Gminy not drawn on the map"))
        self.missing_label.setWordWrap(True)
        set_role(self.missing_label, "subtle")
        self.missing_label.hide()
        self.laureates_list = QListWidget(self)
        self.laureates_list.setObjectName("mapLaureates")
        self.laureates_list.setAccessibleName(_("Laureates by category"))
        self.laureates_list.setFixedWidth(260)
        self.laureates_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.laureates_list.setSpacing(2)
        body = QHBoxLayout()
        body.setSpacing(SPACING)
        body.addWidget(self.canvas, 1)
        body.addWidget(self.laureates_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING - 4)
        layout.addLayout(legend)
        layout.addLayout(body, 1)
        layout.addWidget(self.missing_label)
        self.canvas.hovered.connect(
            lambda teryt: self.hover_label.setText(self.canvas.tooltip_text(teryt)
                                                   if teryt else ""))
        # empty until there is data: nothing heavy (babel, the boundaries) before first paint
        self.legend_labels[ENTERED].setText(_("Entered the competition ({n})").format(n=0))
        self.legend_labels[LAUREATE].setText(_("Laureates, awarded places ({n})").format(n=0))

    def set_data(self, entered: Set[str], laureates: Set[str], names: Mapping[str, str],
                 podium: Mapping[str, Sequence[tuple[int, str]]] | None = None) -> None:
        """Gminy that entered and laureates (TERYT codes); ``names`` for those not drawn;
        ``podium``: category → (place, gmina) of its laureates, listed beside the map."""
        from skimlll_desktop.services.gmina_map import gminy_without_shape

        kinds = {teryt: ENTERED for teryt in entered}
        kinds.update({teryt: LAUREATE for teryt in laureates})
        self.canvas.set_kinds(kinds)
        entered_only = len(set(entered) - set(laureates))
        self.legend_labels[ENTERED].setText(_("Entered the competition ({n})").format(
            n=format_number(entered_only)))
        self.legend_labels[LAUREATE].setText(_("Laureates, awarded places ({n})").format(
            n=format_number(len(laureates))))
        missing = gminy_without_shape(set(entered) | set(laureates))
        if missing:
            listed = ", ".join(
                names.get(code, code) + (" (" + (_("laureate") if code in laureates
                                                 else _("entered")) + ")")
                for code in missing)
            self.missing_label.setText(ngettext(
                "Not drawn — the map data has no boundary for this gmina: {names}",
                "Not drawn — the map data has no boundary for these gminy: {names}",
                len(missing)).format(names=listed))
        self.missing_label.setVisible(bool(missing))
        self._list_podium(podium or {})
        self.canvas.setAccessibleDescription(" · ".join(
            label.text() for label in self.legend_labels.values()))

    def _list_podium(self, podium: Mapping[str, Sequence[tuple[int, str]]]) -> None:
        self.laureates_list.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for category, places in podium.items():
            head = QListWidgetItem(category)
            head.setFont(bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.laureates_list.addItem(head)
            for place, gmina in places:
                self.laureates_list.addItem(QListWidgetItem(f"   {place}. {gmina}"))
        if not podium:
            empty = QListWidgetItem(_("No laureates yet: the ranking has no scores."))
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.laureates_list.addItem(empty)
        self.laureates_list.setWordWrap(True)

    def missing_text(self) -> str:
        return self.missing_label.text() if self.missing_label.isVisibleTo(self) else ""
