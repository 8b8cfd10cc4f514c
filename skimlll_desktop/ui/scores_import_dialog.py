"""The preview of filled scoring sheets: what will be saved, and every problem per cell.

Nothing is written while this dialog is open; "Save the scores" writes every
sheet's valid scores in one transaction, and cells with a problem are left as
they were in the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_number, ngettext
from skimlll_desktop.ui.competition_texts import error_background
from skimlll_desktop.ui.form_widgets import read_only_table
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.scoring_sheets import ScoresPreview


def scores_text(count: int) -> str:
    return ngettext("{n} score", "{n} scores", count).format(n=format_number(count))


def problems_text(count: int) -> str:
    return ngettext("{n} problem", "{n} problems", count).format(n=format_number(count))


class ScoresImportDialog(QDialog):
    """Shows a :class:`ScoresPreview`; accepted means "write it"."""

    COLUMN_ROW, COLUMN_COLUMN, COLUMN_PROBLEM = range(3)

    def __init__(self, path: Path, preview: ScoresPreview, juror_names: Mapping[int, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoresImportDialog")
        self.setWindowTitle(_("Read scoring sheets — {name}").format(name=path.name))
        self.setAccessibleName(self.windowTitle())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview = preview

        heading = QLabel(_("What the sheets contain"), self)
        heading.setObjectName("scoresImportHeading")
        set_role(heading, "emptyTitle")
        lines = [_("New scores: {new} · Changed scores: {changed}").format(
            new=format_number(preview.new), changed=format_number(preview.changed))]
        for juror_id, points in preview.points.items():
            lines.append("• " + _("{juror}: {scores}").format(
                juror=juror_names.get(juror_id, "?"), scores=scores_text(len(points))))
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setObjectName("scoresImportSummary")
        self.summary.setAccessibleName(_("Summary of the sheets"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("scoresImportProblemsLabel")
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName(_("Problems found"))
        self.table = read_only_table(self, "scoresImportProblems",
                                     [_("Row"), _("Column"), _("Problem")],
                                     _("Problems found in the sheets, cell by cell"), stretch=2)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COLUMN_COLUMN, header.ResizeMode.Interactive)
        self.table.setColumnWidth(self.COLUMN_COLUMN, 260)
        self.table.setWordWrap(True)
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self._fill(preview)

        self.buttons = QDialogButtonBox(self)
        self.confirm = self.buttons.addButton(_("Save the scores"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("confirmScoresImport")
        self.confirm.setAccessibleName(_("Save the scores"))
        self.confirm.setEnabled(bool(preview.new or preview.changed or any(
            preview.comments.values())))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelScoresImport")
        cancel.setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        note = QLabel(_("Nothing has been saved yet. Cells with a problem are skipped and keep "
                        "what the database holds; the other scores are saved together, all "
                        "at once."), self)
        note.setObjectName("scoresImportNote")
        note.setWordWrap(True)
        set_role(note, "subtle")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(860, 520)

    def _fill(self, preview: ScoresPreview) -> None:
        problems = preview.problems
        if problems:
            self.problems_label.setText(_("{problems} — these cells will not be saved:").format(
                problems=problems_text(len(problems))))
            set_role(self.problems_label, "fieldError")
        else:
            self.problems_label.setText(_("No problems found."))
            set_role(self.problems_label, "subtle")
        self.table.setVisible(bool(problems))
        self.table.setRowCount(len(problems))
        background = QBrush(error_background())
        for row, problem in enumerate(problems):
            cells = (str(problem.row), problem.column or "—", problem.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(problem.message)
                if column == self.COLUMN_COLUMN and problem.column:
                    item.setBackground(background)
                self.table.setItem(row, column, item)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the widths are known now: wrap long messages

    def problem_messages(self) -> list[str]:
        return [self.table.item(row, self.COLUMN_PROBLEM).text()
                for row in range(self.table.rowCount())]
