"""An event's summary: registered, attended, walk-ins, and who came by type, pillar and powiat."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, pgettext
from skimlll_desktop.services.polish_text import sort_key
from skimlll_desktop.ui.form_widgets import fill_table, read_only_table
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.attendance import EventSummary
    from skimlll_desktop.services.database import Database


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


class EventSummaryWidget(QWidget):
    """Figures first, then three small tables of the people present."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: EventSummary | None = None
        self._figures: dict[str, QLabel] = {}
        figures = QGridLayout()
        figures.setHorizontalSpacing(SPACING * 3)
        figures.setVerticalSpacing(2)
        for column, (key, caption) in enumerate((
                ("registered", pgettext("event summary", "registered")),
                ("attended", pgettext("event summary", "present")),
                ("walk_ins", pgettext("event summary", "walk-ins")),
                ("cancelled", pgettext("event summary", "cancelled")))):
            number = QLabel("—", self)
            number.setObjectName(f"summary{key.title().replace('_', '')}")
            number.setAccessibleName(caption)
            font = number.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            number.setFont(font)
            label = QLabel(caption, self)
            set_role(label, "subtle")
            figures.addWidget(number, 0, column)
            figures.addWidget(label, 1, column)
            self._figures[key] = number
        figures.setColumnStretch(4, 1)

        self.by_type = self._table("summaryByType", _("Type of institution"))
        self.by_pillar = self._table("summaryByPillar", _("WZK pillar"))
        self.by_powiat = self._table("summaryByPowiat", _("Powiat"))
        tables = QHBoxLayout()
        tables.setSpacing(SPACING)
        for title, table in ((_("By type of institution"), self.by_type),
                             (_("By pillar"), self.by_pillar),
                             (_("By powiat"), self.by_powiat)):
            box = QGroupBox(title, self)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(table)
            tables.addWidget(box, 1)

        note = QLabel(_("The tables count the people present (walk-ins included) by their "
                        "main institution."), self)
        note.setWordWrap(True)
        set_role(note, "subtle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addLayout(figures)
        layout.addWidget(note)
        layout.addLayout(tables, 1)

    def _table(self, name: str, header: str) -> QTableWidget:
        table = read_only_table(self, name, [header, _("People"), _("Share")], header)
        table.setSortingEnabled(False)
        return table

    def show_event(self, database: Database, event_id: int) -> EventSummary:
        from skimlll_desktop.services.attendance import event_summary
        from skimlll_desktop.services.labels import organization_type_label, pillar_label

        summary = event_summary(database, event_id)
        self.summary = summary
        for key, label in self._figures.items():
            label.setText(format_number(getattr(summary, key)))
        self._fill(self.by_type, summary.by_organization_type, organization_type_label,
                   summary.attended)
        self._fill(self.by_pillar, summary.by_pillar, pillar_label, summary.attended)
        self._fill(self.by_powiat, summary.by_powiat, lambda value: value, summary.attended)
        return summary

    @staticmethod
    def _fill(table: QTableWidget, counts: Mapping[Any, int], label: Any, total: int) -> None:
        unknown = _("not known")
        rows = sorted(((label(key) if key else unknown, n) for key, n in counts.items()),
                      key=lambda item: (item[0] == unknown, -item[1], sort_key(item[0])))
        fill_table(table, [(name, format_number(n), _share(n, total)) for name, n in rows])
        for row in range(table.rowCount()):
            for column in (1, 2):
                item = table.item(row, column)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
