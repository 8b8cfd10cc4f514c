"""The check-in screen's results: a list model of candidates and a two-line delegate.

First line: the name, large. Second line: the institution and where the person
stands for this session — on the list, already present, or not on the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.event_formatting import registration_status_color, time_text
from skimlll_desktop.ui.theme import muted_color

if TYPE_CHECKING:
    from skimlll_desktop.services.checkin import CheckinCandidate

AnyIndex = QModelIndex | QPersistentModelIndex
CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 3
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4
NAME_SCALE = 1.35
PADDING = 8


@dataclass(frozen=True)
class Detail:
    """The second line: the institution (muted), the person's state (coloured when it
    matters) and a hint shown on the highlighted row only."""

    institution: str
    state: str
    colour: QColor | None = None
    hint: str = ""

    def state_text(self, highlighted: bool = False) -> str:
        return f"{self.state} — {self.hint}" if highlighted and self.hint else self.state

    def text(self, highlighted: bool = False) -> str:
        return " · ".join(part for part in (self.institution, self.state_text(highlighted))
                          if part)


def candidate_detail(candidate: CheckinCandidate) -> Detail:
    """What the second line says about the person."""
    from skimlll_desktop.models import RegistrationStatus
    from skimlll_desktop.services.labels import registration_status_label

    walk_in_hint = _("Ctrl+Enter adds as a walk-in")
    if candidate.present_since is not None:
        return Detail(candidate.institution, _("present since {time}").format(
                          time=time_text(candidate.present_since)),
                      registration_status_color(RegistrationStatus.ATTENDED))
    if candidate.status is None:
        return Detail(candidate.institution, _("not on the list"),
                      registration_status_color(RegistrationStatus.WAITING), walk_in_hint)
    if candidate.status in (RegistrationStatus.CANCELLED, RegistrationStatus.WAITING):
        return Detail(candidate.institution, registration_status_label(candidate.status),
                      registration_status_color(RegistrationStatus.WAITING), walk_in_hint)
    return Detail(candidate.institution, registration_status_label(candidate.status))


class CheckinResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CheckinCandidate] = []
        self._details: list[Detail] = []

    def set_candidates(self, candidates: Sequence[CheckinCandidate]) -> None:
        self.beginResetModel()
        self._rows = list(candidates)
        self._details = [candidate_detail(c) for c in candidates]
        self.endResetModel()

    def candidate(self, row: int) -> CheckinCandidate | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def candidates(self) -> list[CheckinCandidate]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        candidate = self._rows[index.row()]
        detail = self._details[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return candidate.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{candidate.name}, {detail.text(highlighted=True)}"
        if role == DETAIL_ROLE:
            return detail
        if role == CANDIDATE_ROLE:
            return candidate
        return None


class CheckinResultDelegate(QStyledItemDelegate):
    """Two lines: the name in a larger font, the detail under it."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        name = QFont(option.font)
        name.setPointSizeF(option.font.pointSizeF() * NAME_SCALE)
        name.setWeight(QFont.Weight.DemiBold)
        return name, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        name, detail = self._fonts(option)
        height = QFontMetrics(name).height() + QFontMetrics(detail).height() + 2 * PADDING + 2
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        widget: QWidget | None = option.widget  # type: ignore[assignment]
        style = widget.style() if widget is not None else None
        self.initStyleOption(option, index)
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected
                                    else QPalette.ColorRole.Text)
        name_font, detail_font = self._fonts(option)
        rect = option.rect.adjusted(PADDING + 4, PADDING, -PADDING, -PADDING)
        name_height = QFontMetrics(name_font).height()
        painter.save()
        painter.setFont(name_font)
        painter.setPen(text_colour)
        name = QFontMetrics(name_font).elidedText(str(index.data() or ""),
                                                  Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), name_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        detail: Detail | None = index.data(DETAIL_ROLE)
        if detail is not None:
            metrics = QFontMetrics(detail_font)
            line = QRect(rect.left(), rect.top() + name_height + 2, rect.width(),
                         metrics.height())
            painter.setFont(detail_font)
            state = detail.state_text(selected)
            lead = f"{detail.institution} · " if detail.institution else ""
            room = max(line.width() - metrics.horizontalAdvance(state), line.width() // 3)
            lead = metrics.elidedText(lead, Qt.TextElideMode.ElideMiddle, room)
            align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            painter.setPen(text_colour if selected else muted_color())
            painter.drawText(line, align, lead)
            line.setLeft(line.left() + metrics.horizontalAdvance(lead))
            painter.setPen(text_colour if selected else (detail.colour or muted_color()))
            painter.drawText(line, align, metrics.elidedText(state, Qt.TextElideMode.ElideRight,
                                                             line.width()))
        painter.restore()
