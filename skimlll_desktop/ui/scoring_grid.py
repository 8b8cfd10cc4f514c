"""Ocena: one juror's scores typed like in Excel, and the jury's Excel round trip.

Choose a juror, type the scores (Enter or Tab moves on), Ctrl+S saves them in
one transaction. A bad score stays red in its cell with the reason in its
tooltip and under the grid, and nothing is saved until it is fixed. Conflicted
gminy are greyed out. "Export scoring sheets" writes personalised Excel sheets;
"Read scoring sheets" shows every problem per cell and writes nothing until
the user confirms.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _
from skimlll_desktop.ui.competition_texts import FINAL, SCORING, plain_points_text
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.scoring_grid_model import (
    COLUMN_GMINA,
    COLUMN_TITLE,
    FIRST_CRITERION,
    ScoringGridModel,
    ScoringTableView,
    criterion_label,
)
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import JurorInfo
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.scoring_sheets import ScoresPreview
    from skimlll_desktop.ui.scores_import_dialog import ScoresImportDialog

EXCEL_FILTER = N_("Excel workbooks (*.xlsx)")


def progress_text(done: int, needed: int) -> str:
    """``wypełniono 34 z 50``."""
    return _("filled in {done} of {needed}").format(done=done, needed=needed)


class ScoringGridWidget(QWidget):
    """The Ocena tab: a juror chooser, the grid, progress, save and the Excel round trip."""

    scores_saved = Signal()  # saved from the grid or read from sheets
    import_previewed = Signal(object)  # the preview dialog, open and waiting for the user
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoringGridWidget")
        self._database: Database | None = None
        self._year: int | None = None
        self._status = ""
        self._jurors: list[JurorInfo] = []
        self._current_juror: int | None = None
        self._jobs: list[JobWorker] = []

        self.juror_combo = QComboBox(self)
        self.juror_combo.setObjectName("scoringJuror")
        self.juror_combo.setAccessibleName(_("Juror whose scores are shown"))
        self.juror_combo.setToolTip(_("The juror whose scores are shown"))
        self.juror_combo.setMinimumContentsLength(22)
        self.juror_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        juror_label = QLabel(_("&Juror:"), self)
        juror_label.setBuddy(self.juror_combo)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("scoringProgress")
        self.progress.setAccessibleName(_("Scores filled in"))
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(140)
        self.progress.setMaximumHeight(10)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("scoringProgressLabel")
        self.progress_label.setAccessibleName(_("Scores filled in"))
        set_role(self.progress_label, "subtle")

        self.save_button = self._button(
            "saveScores", "check", _("Save scores"), self.save,
            _("Save the typed scores (Ctrl+S)"))
        self.export_button = self._button(
            "exportScoringSheets", "export", _("Export sheets to Excel…"), None,
            _("Personalised Excel scoring sheets for the jurors to fill in"))
        export_menu = QMenu(self.export_button)
        export_menu.setObjectName("exportScoringSheetsMenu")
        self.export_one_action = export_menu.addAction(
            _("The chosen juror's sheet…"), lambda: self.export_sheets(all_jurors=False))
        self.export_one_action.setObjectName("exportOneSheet")
        self.export_all_action = export_menu.addAction(
            _("Every juror's sheet, in one workbook…"),
            lambda: self.export_sheets(all_jurors=True))
        self.export_all_action.setObjectName("exportAllSheets")
        self.export_button.setMenu(export_menu)
        self.import_button = self._button(
            "importScoringSheets", "import", _("Read sheets from Excel…"), self.import_sheets,
            _("Read filled scoring sheets: every problem is shown before anything is saved"))

        self.notice = QLabel(self)
        self.notice.setObjectName("scoringNotice")
        self.notice.setWordWrap(True)
        set_role(self.notice, "banner")
        self.notice.hide()

        self.model = ScoringGridModel(self)
        self.model.setObjectName("scoringModel")
        self.table = ScoringTableView(self)
        self.table.setObjectName("scoringTable")
        self.table.setAccessibleName(_("Scores: gminy in rows, criteria in columns"))
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)
        header.setMinimumHeight(2 * self.fontMetrics().height() + 14)

        self.hint = QLabel(self)
        self.hint.setObjectName("scoringCriterionHint")
        self.hint.setAccessibleName(_("The criterion of the current cell"))
        self.hint.setWordWrap(True)
        set_role(self.hint, "subtle")
        self.problem = QLabel(self)
        self.problem.setObjectName("scoringProblem")
        self.problem.setAccessibleName(_("Problem with the scores"))
        self.problem.setWordWrap(True)
        set_role(self.problem, "fieldError")
        self.problem.hide()
        self.keys_hint = QLabel(_(
            "Type a score and press Enter or Tab: the cursor moves right, and at the end of "
            "the row on to the next gmina. Delete empties a cell; the comment is one arrow "
            "key to the right; Ctrl+Tab leaves the table."), self)
        self.keys_hint.setObjectName("scoringKeysHint")
        self.keys_hint.setWordWrap(True)
        set_role(self.keys_hint, "subtle")

        self._lay_out(juror_label)
        self.juror_combo.currentIndexChanged.connect(self._juror_chosen)
        self.model.edits_changed.connect(self._update_state)
        self.model.dataChanged.connect(lambda *_args: self._show_current_problem())
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setObjectName("scoringSaveShortcut")
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.save_shortcut = save
        self._update_state()

    def _button(self, name: str, icon: str, text: str, slot: Any, tip: str) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def _lay_out(self, juror_label: QLabel) -> None:
        top = QHBoxLayout()
        top.setSpacing(SPACING // 2)
        top.addWidget(juror_label)
        top.addWidget(self.juror_combo)
        top.addSpacing(SPACING)
        top.addWidget(self.progress)
        top.addWidget(self.progress_label)
        top.addStretch(1)
        top.addWidget(self.save_button)
        top.addSpacing(SPACING)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING - 4)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.hint)
        layout.addWidget(self.keys_hint)
        for label in (self.hint, self.problem, self.keys_hint):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    # --- data ---------------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if database is None:
            self._year = None
            self._jurors = []
            self.juror_combo.clear()
            self.model.set_grid(None, False)

    def set_edition(self, year: int | None, status: str) -> None:
        """Show the edition's jury; the grid is editable while the edition is in scoring.

        Typed, unsaved scores of the same edition are kept (only the jury list is read
        again); leaving them is asked about where an edition changes.
        """
        keep_grid = year == self._year and self.model.has_changes()
        self._year = year
        self._status = str(status)
        self.reload_jurors(keep_grid=keep_grid)

    def reload_jurors(self, keep: int | None = None, *, keep_grid: bool = False) -> None:
        from skimlll_desktop.services.competition import list_jurors

        keep = keep if keep is not None else self._current_juror
        self._jurors = (list_jurors(self._database, self._year)
                        if self._database is not None and self._year is not None else [])
        self.juror_combo.blockSignals(True)
        self.juror_combo.clear()
        for juror in self._jurors:
            self.juror_combo.addItem(juror.name, juror.id)
        index = self.juror_combo.findData(keep) if keep is not None else -1
        self.juror_combo.setCurrentIndex(index if index >= 0 else (0 if self._jurors else -1))
        self.juror_combo.blockSignals(False)
        if keep_grid and self.juror_combo.currentData() == self._current_juror:
            self._update_state()
            return
        self._load(self.juror_combo.currentData())

    def juror_id(self) -> int | None:
        return self._current_juror

    def show_juror(self, juror_id: int) -> bool:
        """Switch to a juror (asking about unsaved scores first)."""
        index = self.juror_combo.findData(juror_id)
        if index < 0:
            return False
        self.juror_combo.setCurrentIndex(index)
        return self._current_juror == juror_id

    def _juror_chosen(self, index: int) -> None:
        juror = self.juror_combo.itemData(index) if index >= 0 else None
        if juror == self._current_juror:
            return
        if not self.confirm_discard():
            self.juror_combo.blockSignals(True)
            self.juror_combo.setCurrentIndex(self.juror_combo.findData(self._current_juror))
            self.juror_combo.blockSignals(False)
            return
        self._load(juror)

    def _load(self, juror_id: int | None, keep_cell: tuple[int, int] | None = None) -> None:
        from skimlll_desktop.services.competition import scoring_grid

        self._current_juror = juror_id
        grid = None
        if self._database is not None and self._year is not None and juror_id is not None:
            grid = scoring_grid(self._database, self._year, juror_id)
        self.model.set_grid(grid, editable=self._status == SCORING)
        self._size_columns()
        if grid is not None and grid.entries:
            if keep_cell is not None and not self.model.is_conflicted(keep_cell[0]):
                row = min(keep_cell[0], self.model.rowCount() - 1)
                self.table.setCurrentIndex(self.model.index(row, keep_cell[1]))
            else:
                self.table.setCurrentIndex(QModelIndex())
                self.table.move_next()
        self._update_state()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        if self.model.columnCount() == 0:
            return
        metrics = self.fontMetrics()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        gmina_width = max((metrics.horizontalAdvance(e.gmina) for e in self.model.entries),
                          default=80)
        self.table.setColumnWidth(COLUMN_GMINA, min(max(gmina_width + 24, 120), 220))
        self.table.setColumnWidth(COLUMN_TITLE, 230)
        score_width = max(metrics.horizontalAdvance("0–10 · ×1,5") + 22, 84)
        for column in range(FIRST_CRITERION, self.model.comment_column()):
            self.table.setColumnWidth(column, score_width)
        header.setSectionResizeMode(self.model.comment_column(), QHeaderView.ResizeMode.Stretch)

    # --- state --------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.model.has_changes()

    def is_editable(self) -> bool:
        return self.model.is_editable()

    def _update_state(self) -> None:
        grid = self.model.grid()
        done, needed = self.model.done(), self.model.needed()
        self.progress.setRange(0, max(needed, 1))
        self.progress.setValue(min(done, needed))
        self.progress_label.setText(progress_text(done, needed) if grid is not None else "")
        has_data = self._database is not None and self._year is not None
        self.save_button.setEnabled(self.model.is_editable() and self.model.has_changes())
        self.export_button.setEnabled(has_data and bool(self._jurors))
        self.import_button.setEnabled(has_data and self._status == SCORING
                                      and bool(self._jurors))
        self.juror_combo.setEnabled(bool(self._jurors))
        notice = ""
        if has_data and not self._jurors:
            notice = _("The edition has no jurors yet: add them in the Jury tab.")
        elif self._status == FINAL:
            notice = _("The edition is final: the scores are locked. Reopen the edition to "
                       "change them.")
        elif has_data and self._status != SCORING:
            notice = _("Scores are typed while the edition is in the jury's scoring; move the "
                       "edition on with the button above.")
        elif grid is not None and not grid.entries:
            notice = _("The edition has no entries to score yet.")
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self._show_current_problem()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        criterion = self.model.criterion_at(current.column()) if current.isValid() else None
        if criterion is None:
            self.hint.setText("")
        else:
            entry = self.model.entries[current.row()]
            self.hint.setText(_("{gmina} — {label}: {name} (0–{max} points, weight "
                                "{weight})").format(
                gmina=entry.gmina, label=criterion_label(
                    current.column() - FIRST_CRITERION + 1),
                name=criterion.name, max=criterion.max_points,
                weight=plain_points_text(criterion.weight)))
        self._show_current_problem()

    def _show_current_problem(self) -> None:
        problems = self.model.problems()
        current = self.table.currentIndex()
        message = ""
        for index, text in problems:
            if index == current:
                message = text
                break
        if not message and problems:
            index, text = problems[0]
            entry = self.model.entries[index.row()]
            message = _("{gmina}, {label}: {message}").format(
                gmina=entry.gmina, label=criterion_label(index.column() - FIRST_CRITERION + 1),
                message=text)
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Ctrl+S: every typed score in one transaction; refused while a cell is bad."""
        from skimlll_desktop.services.competition import save_scores
        from skimlll_desktop.services.errors import UserFacingError

        if not self.model.has_changes():
            return True
        if self._database is None or self._year is None or self._current_juror is None:
            return False
        problems = self.model.problems()
        if problems:
            self.table.setCurrentIndex(problems[0][0])
            self.table.setFocus()
            self._show_current_problem()
            self.status_message.emit(_("Nothing was saved: correct the cells marked in red."))
            return False
        current = self.table.currentIndex()
        try:
            added, changed = save_scores(self._database, self._year, self._current_juror,
                                         self.model.changes(), self.model.comment_changes())
        except UserFacingError as error:
            show_message(_("Save scores"), error.message, parent=self)
            return False
        self._load(self._current_juror, (current.row(), current.column())
                   if current.isValid() else None)
        self.status_message.emit(_("Scores saved: {added} new, {changed} changed.").format(
            added=added, changed=changed))
        self.scores_saved.emit()
        return True

    def confirm_discard(self) -> bool:
        """Unsaved scores: save, discard or stay. True when it is fine to go on."""
        if not self.model.has_changes():
            return True
        answer = QMessageBox.question(
            self, _("Unsaved scores"),
            _("The scores of {juror} have changes that are not saved. Save them?").format(
                juror=self.model.grid().juror_name if self.model.grid() else ""),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.model.set_grid(self.model.grid(), self.model.is_editable())
            return True
        return False

    # --- the Excel round trip -----------------------------------------------------------

    def _track(self, worker: JobWorker) -> JobWorker:
        self._jobs = [job for job in self._jobs if job.is_running()] + [worker]
        return worker

    def export_sheets(self, all_jurors: bool = False) -> Path | None:
        from skimlll_desktop.services.files import safe_file_name
        from skimlll_desktop.services.scoring_sheets import export_scoring_sheets

        if self._database is None or self._year is None or not self._jurors:
            return None
        juror = self.model.grid().juror_name if self.model.grid() else ""
        if all_jurors or not juror:
            name = _("scoring-sheets-{year}.xlsx").format(year=self._year)
        else:
            name = safe_file_name(_("scoring-sheet-{year}-{juror}").format(
                year=self._year, juror=juror)) + ".xlsx"
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Export scoring sheets"), str(Path.home() / name), _(EXCEL_FILTER))
        if not filename:
            return None
        target = Path(filename).with_suffix(".xlsx")
        ids = None if all_jurors or self._current_juror is None else [self._current_juror]

        def done(path: Path) -> None:
            self.status_message.emit(_("Scoring sheets saved: {path}").format(path=path))

        self._track(run_with_progress(
            call_as_job(export_scoring_sheets, self._database, self._year, target, ids,
                        message=_("Writing the scoring sheets…")),
            self, _("Writing the scoring sheets…"), on_finished=done,
            on_failed=lambda message: show_message(_("Export scoring sheets"), message,
                                                   parent=self)))
        return target

    def import_sheets(self) -> JobWorker | None:
        """Read filled sheets in the background, then show the preview to confirm."""
        from skimlll_desktop.services.scoring_sheets import read_scoring_sheets

        if self._database is None or self._year is None or not self.confirm_discard():
            return None
        filename, _filter = QFileDialog.getOpenFileName(
            self, _("Read scoring sheets"), str(Path.home()), _(EXCEL_FILTER))
        if not filename:
            return None
        path = Path(filename)
        return self._track(run_with_progress(
            call_as_job(read_scoring_sheets, self._database, self._year, path,
                        message=_("Reading the scoring sheets…")),
            self, _("Reading the scoring sheets…"),
            on_finished=lambda preview: self._show_preview(path, preview),
            on_failed=lambda message: show_message(_("Read scoring sheets"), message,
                                                   parent=self)))

    def _show_preview(self, path: Path, preview: ScoresPreview) -> None:
        from skimlll_desktop.ui.scores_import_dialog import ScoresImportDialog

        names = {juror.id: juror.name for juror in self._jurors}
        dialog = ScoresImportDialog(path, preview, names, self)
        dialog.accepted.connect(lambda: self._apply(preview, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.import_previewed.emit(dialog)

    def _apply(self, preview: ScoresPreview, dialog: ScoresImportDialog) -> None:
        from skimlll_desktop.services.scoring_sheets import apply_scoring_sheets

        if self._database is None:
            return

        def done(counts: tuple[int, int]) -> None:
            self._load(self._current_juror)
            self.status_message.emit(_("Scores read from the sheets: {added} new, {changed} "
                                       "changed.").format(added=counts[0], changed=counts[1]))
            self.scores_saved.emit()

        self._track(run_with_progress(
            call_as_job(apply_scoring_sheets, self._database, preview,
                        message=_("Saving the scores…")),
            self, _("Saving the scores…"), on_finished=done,
            on_failed=lambda message: show_message(_("Read scoring sheets"), message,
                                                   parent=self),
            cancellable=False))
