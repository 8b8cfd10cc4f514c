"""The import preview as a table: every spreadsheet row, what will happen to it, its problems.

The rows of an :class:`~skimlll_desktop.services.partner_import.ImportPreview`
are all in memory already (the preview job read them), so the model sorts and
filters a list of positions in Python — fast for 50,000 rows, unlike a proxy
model that would call ``data()`` for every comparison. Cells whose column has a
problem are tinted (red: the row is skipped; amber: imported with a warning)
and carry the message as their tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPalette

from skimlll_desktop.i18n import N_, _, format_number
from skimlll_desktop.ui.theme import is_dark, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.excel_reading import HeaderMatch, SheetProblem
    from skimlll_desktop.services.partner_import import PartnerRow

AnyIndex = QModelIndex | QPersistentModelIndex

# The service's action names (services.partner_import.CREATE / UPDATE / SKIP),
# repeated here so that this module does not import the database layer.
CREATE, UPDATE, SKIP = "create", "update", "skip"

ROW_NUMBER_ROLE = Qt.ItemDataRole.UserRole  # the spreadsheet row number (as Excel shows it)
PROBLEM_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1  # "error", "warning" or None, per cell
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2  # "create", "update" or "skip"
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

ERROR, WARNING = "error", "warning"

ACTION_TEXTS = {CREATE: N_("new"), UPDATE: N_("update"), SKIP: N_("skipped")}
ACTION_ICONS = {CREATE: "add", UPDATE: "edit", SKIP: "warning"}
ACTION_ORDER = {SKIP: 0, CREATE: 1, UPDATE: 2}


def _colors() -> dict[str, QColor]:
    """Result and highlight colours that read well on the current palette."""
    dark = is_dark()
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)

    def tint(color: str, amount: float) -> QColor:
        tinted = QColor(color)
        return QColor(
            round(base.red() + (tinted.red() - base.red()) * amount),
            round(base.green() + (tinted.green() - base.green()) * amount),
            round(base.blue() + (tinted.blue() - base.blue()) * amount),
        )

    return {
        CREATE: QColor("#5cc48a" if dark else "#1e7b45"),
        UPDATE: QColor("#7fb0ff" if dark else "#2259a8"),
        SKIP: QColor("#ff8a80" if dark else "#b3261e"),
        ERROR: tint("#e5484d", 0.32 if dark else 0.18),
        WARNING: tint("#f5a524", 0.32 if dark else 0.22),
    }


COLUMN_ROW, COLUMN_RESULT, COLUMN_NAME, COLUMN_NIP, COLUMN_GMINA, COLUMN_PROBLEMS = range(6)

# Which import fields each shown column stands for: a problem in one of those
# fields' spreadsheet column tints that cell.
COLUMN_FIELDS: Mapping[int, tuple[str, ...]] = {
    COLUMN_NAME: ("name", "short_name", "type"),
    COLUMN_NIP: ("nip",),
    COLUMN_GMINA: ("gmina", "powiat"),
}


class PreparedRow:
    """One row as the table shows it: texts, problem level and tooltip per column, sort keys."""

    __slots__ = ("cells", "keys", "level", "row", "tips")

    def __init__(self, row: PartnerRow, cells: tuple[str, ...]) -> None:
        self.row = row
        self.cells = cells
        self.level: dict[int, str] = {}
        self.tips: dict[int, str] = {}
        self.keys: tuple[Any, ...] = ()


def prepare_rows(
    rows: Sequence[PartnerRow],
    header: HeaderMatch,
    gmina_labels: Mapping[str, str] | None = None,
) -> list[PreparedRow]:
    """Texts, highlights, tooltips and sort keys of every row, computed once.

    Plain Python (no Qt objects), so the preview job does it on its worker
    thread: 50,000 rows take about a second, which the window must not wait for.
    """
    from skimlll_desktop.services.polish_text import sort_key

    columns_of_header: dict[str, set[int]] = {}
    for column, fields in COLUMN_FIELDS.items():
        for field_name in fields:
            text = header.header_of(field_name)
            if text is not None:
                columns_of_header.setdefault(text, set()).add(column)
    labels = gmina_labels or {}
    action_texts = {action: _(text) for action, text in ACTION_TEXTS.items()}
    result_tips = {
        CREATE: _("A new institution will be added."),
        UPDATE: _("An institution already in the database will be updated."),
        SKIP: _("This row will not be imported."),
    }
    gmina_keys: dict[str, str] = {}  # few distinct gminy: their sort keys once each
    prepared = []
    for row in rows:
        values = row.values
        teryt = values.get("gmina_teryt")
        if teryt:
            gmina = labels.get(teryt, teryt)
        elif row.gmina_candidates:
            gmina = _("{name} — choose the gmina").format(name=row.gmina_candidates[0].name)
        else:
            gmina = ""
        problem_lines = [f"{p.column}: {p.message}" if p.column else p.message
                         for p in row.problems]
        cells = (
            str(row.row),  # as Excel shows it: no thousands separator
            action_texts.get(row.action, row.action),
            str(values.get("name") or ""),
            str(values.get("nip") or ""),
            gmina,
            "; ".join(problem_lines),
        )
        shown = PreparedRow(row, cells)
        by_column: dict[int, list[SheetProblem]] = {}
        for problem in row.problems:
            for column in columns_of_header.get(problem.column or "") or {COLUMN_RESULT}:
                by_column.setdefault(column, []).append(problem)
        for column, problems in by_column.items():
            shown.level[column] = ERROR if any(p.blocking for p in problems) else WARNING
            if column != COLUMN_RESULT:
                shown.tips[column] = "\n".join(p.message for p in problems)
        if row.problems:
            shown.level[COLUMN_PROBLEMS] = ERROR if row.blocked else WARNING
            shown.tips[COLUMN_PROBLEMS] = "\n".join(f"• {line}" for line in problem_lines)
        if teryt and gmina != teryt:
            shown.tips.setdefault(COLUMN_GMINA, f"{gmina} [{teryt}]")
        if row.gmina_candidates:
            shown.tips.setdefault(COLUMN_GMINA, "\n".join(g.label for g in row.gmina_candidates))
        unplaced = [p.message for p in by_column.get(COLUMN_RESULT, [])]
        shown.tips[COLUMN_RESULT] = "\n".join([result_tips.get(row.action, ""), *unplaced]).strip()
        if cells[COLUMN_NAME]:
            shown.tips.setdefault(COLUMN_NAME, cells[COLUMN_NAME])
        shown.keys = (
            row.row,
            ACTION_ORDER.get(row.action, 0),
            sort_key(cells[COLUMN_NAME]),
            cells[COLUMN_NIP],
            gmina_keys.get(gmina) or gmina_keys.setdefault(gmina, sort_key(gmina)),
            (len(row.problems), cells[COLUMN_PROBLEMS].casefold()),
        )
        prepared.append(shown)
    return prepared


class ImportPreviewTableModel(QAbstractTableModel):
    """The preview's rows (all, or only those with problems), sortable by any column."""

    COLUMN_ROW = COLUMN_ROW
    COLUMN_RESULT = COLUMN_RESULT
    COLUMN_NAME = COLUMN_NAME
    COLUMN_NIP = COLUMN_NIP
    COLUMN_GMINA = COLUMN_GMINA
    COLUMN_PROBLEMS = COLUMN_PROBLEMS

    HEADERS: tuple[str, ...] = (
        N_("Row"),
        N_("Result"),
        N_("Institution"),
        "NIP",
        N_("Gmina"),
        N_("Problems"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[PreparedRow] = []
        self._visible: list[int] = []  # positions in _shown, in display order
        self._only_problems = False
        self._sort_column = self.COLUMN_ROW
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._colors = _colors()
        self._icons: dict[str, QIcon] = {}

    # --- what to show -------------------------------------------------------------------

    def set_preview(
        self,
        rows: Sequence[PartnerRow],
        header: HeaderMatch,
        gmina_labels: Mapping[str, str] | None = None,
    ) -> None:
        """Show a new preview (``gmina_labels``: TERYT code → a name people recognise)."""
        self.set_prepared(prepare_rows(rows, header, gmina_labels))

    def set_prepared(self, prepared: list[PreparedRow]) -> None:
        """Show rows prepared by :func:`prepare_rows` (on a worker thread, for big sheets)."""
        self.beginResetModel()
        self._shown = prepared
        self._visible = self._filtered()
        self._sort_visible()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._shown = []
        self._visible = []
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        if only == self._only_problems:
            return
        self.beginResetModel()
        self._only_problems = only
        self._visible = self._filtered()
        self._sort_visible()
        self.endResetModel()

    def only_problems(self) -> bool:
        return self._only_problems

    def total_rows(self) -> int:
        """Rows in the preview, shown or filtered out."""
        return len(self._shown)

    def rows_with_problems(self) -> int:
        return sum(1 for shown in self._shown if shown.row.problems)

    def partner_row(self, view_row: int) -> PartnerRow | None:
        """The preview row shown at ``view_row`` (None outside the table)."""
        if 0 <= view_row < len(self._visible):
            return self._shown[self._visible[view_row]].row
        return None

    def view_row_of(self, spreadsheet_row: int) -> int | None:
        """Where the spreadsheet row ``spreadsheet_row`` is shown (None if filtered out)."""
        for view_row, position in enumerate(self._visible):
            if self._shown[position].row.row == spreadsheet_row:
                return view_row
        return None

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        column = index.column()
        if not 0 <= column < len(self.HEADERS):
            return None
        shown = self._shown[self._visible[index.row()]]
        row = shown.row
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown.tips.get(column) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            level = shown.level.get(column)
            return QBrush(self._colors[level]) if level else None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_RESULT:
            return QBrush(self._colors[row.action])
        if role == Qt.ItemDataRole.DecorationRole and column == self.COLUMN_RESULT:
            return self._icon(row.action)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_NUMBER_ROLE:
            return row.row
        if role == PROBLEM_LEVEL_ROLE:
            return shown.level.get(column)
        if role == ACTION_ROLE:
            return row.action
        if role == SORT_ROLE:
            return shown.keys[column]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self.HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole and section == self.COLUMN_ROW:
                return _("The row number as Excel shows it")
            return None
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._visible)
        ):
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self._sort_column = column
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        positions = [self._visible[index.row()] for index in persistent]
        self._sort_visible()
        where = {position: view_row for view_row, position in enumerate(self._visible)}
        self.changePersistentIndexList(
            persistent,
            [self.index(where[position], index.column())
             for position, index in zip(positions, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    # --- helpers ------------------------------------------------------------------------

    def _filtered(self) -> list[int]:
        if not self._only_problems:
            return list(range(len(self._shown)))
        return [position for position, shown in enumerate(self._shown) if shown.row.problems]

    def _sort_visible(self) -> None:
        column = self._sort_column
        shown = self._shown
        self._visible.sort(key=lambda position: (shown[position].keys[column],
                                                 shown[position].row.row),
                           reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _icon(self, action: str) -> QIcon:
        if action not in self._icons:
            self._icons[action] = tinted_icon(ACTION_ICONS[action], self._colors[action])
        return self._icons[action]


def counts_text(created: int, updated: int, skipped: int) -> str:
    """``Nowe: 120 · Do aktualizacji: 30 · Pominięte: 4`` (no plurals needed)."""
    return _("New: {created} · To update: {updated} · Skipped: {skipped}").format(
        created=format_number(created), updated=format_number(updated),
        skipped=format_number(skipped))
