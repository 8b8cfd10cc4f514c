"""Ranking: places per category, the jurors behind each score, and "what if" without a juror.

Every number comes from :func:`competition_ranking` (exact decimals, the rules
of :mod:`skimlll_desktop.services.ranking`, shown under "Ranking rules"). A
what-if leaves jurors out and shows how the places move; it is never saved.
The Award column shows what each entry gets by the edition's awards (laureates in
bold); from here the results go to Excel, the jury's protocol to a PDF preview, and
the laureates to the Documents area for their diplomas.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.competition_texts import (
    FINAL,
    TIE_TEXT,
    pad_columns,
    points_text,
    tie_background,
    warning_color,
)
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.jobs import JobWorker, call_as_job, run_with_progress
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import JurorInfo
    from skimlll_desktop.services.competition_awards import AwardGiven, AwardSpec
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.ranking import RankedEntry

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1  # the category name, on header rows
EXCEL_FILTER = N_("Excel workbooks (*.xlsx)")

COLUMNS = (N_("Place"), N_("Gmina"), N_("Score"), N_("Award"), N_("Jurors"),
           N_("Missing scores"), N_("Spread"), N_("Outliers"), N_("Note"), N_("What-if change"))
(COLUMN_PLACE, COLUMN_GMINA, COLUMN_SCORE, COLUMN_AWARD, COLUMN_JURORS, COLUMN_MISSING,
 COLUMN_SPREAD, COLUMN_OUTLIERS, COLUMN_NOTE, COLUMN_CHANGE) = range(len(COLUMNS))


def ranking_rules_markdown() -> str:
    """The rules of :mod:`services.ranking`, as the jury's protocol states them."""
    rules = [
        _("A juror's total for an entry is the sum over the criteria of points × weight. "
          "Only a juror who scored every criterion of the entry counts for it; missing "
          "scores are shown, never taken as zero. A juror never counts for a gmina (or a "
          "powiat) they declared a conflict of interest with."),
        _("An entry's score is the mean of the counting jurors' totals, rounded half up to "
          "two decimals; places are decided on these published scores, computed exactly "
          "(no rounding errors)."),
        _("Equal scores are decided, in order, by (1) the higher mean on the criterion with "
          "the highest weight, then (2) more first places among the jurors (a juror's first "
          "place: their highest total in the category). Entries still equal share the place "
          "and are marked as a tie for the jury to decide."),
        _("Spread is the difference between the highest and the lowest juror total. A juror "
          "is an outlier for an entry when their total is further from the median than 20% "
          "of the highest possible total."),
        _("Entries whose formal check is incomplete are not ranked."),
    ]
    return "\n\n".join(f"{number}. {rule}" for number, rule in enumerate(rules, start=1))


def change_text(before: int | None, after: int) -> str:
    """``▲ 2`` (up two places), ``▼ 1``, ``=``."""
    if before is None or before == after:
        return "="
    return f"▲ {before - after}" if after < before else f"▼ {after - before}"


class RankingView(QWidget):
    """The Ranking tab."""

    ranking_shown = Signal()
    protocol_shown = Signal(object)  # the PDF preview dialog
    documents_requested = Signal(int)  # the year whose laureates need diplomas
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankingView")
        self._database: Database | None = None
        self._year: int | None = None
        self._status = ""
        self._jurors: list[JurorInfo] = []
        self._full: dict[str, list[RankedEntry]] = {}
        self.ranking: dict[str, list[RankedEntry]] = {}
        self._awards: list[AwardSpec] = []
        self._given: dict[int, AwardGiven] = {}  # entry id → award, in the ranking shown
        self._jobs: list[JobWorker] = []
        self._pdf_job: JobWorker | None = None

        self.export_button = self._button(
            "exportResults", "export", _("Export results to Excel…"), self.export_results,
            _("The results table of every category, as an Excel workbook"))
        self.protocol_button = self._button(
            "rankingProtocol", "print", _("Protocol (PDF)…"), self.show_protocol,
            _("The protocol of the jury meeting: criteria, jury, conflicts, ranking, map and "
              "signatures"))
        self.diplomas_button = self._button(
            "rankingDiplomas", "documents", _("Diplomas for the laureates…"), self.diplomas,
            _("Diplomas for the gminy the edition's awards reach in each category"))
        self.rules_button = self._button(
            "rankingRules", "help", _("Ranking rules"), self.show_rules,
            _("How scores, places, ties, spread and outliers are computed"))

        self.what_if_banner = QLabel(self)
        self.what_if_banner.setObjectName("rankingWhatIfBanner")
        self.what_if_banner.setWordWrap(True)
        set_role(self.what_if_banner, "banner")
        self.what_if_banner.hide()

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("rankingTable")
        self.table.setAccessibleName(_("Ranking by category"))
        self.table.setHorizontalHeaderLabels([_(text) for text in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for column, tip in ((COLUMN_SPREAD, _("Highest minus lowest juror total")),
                            (COLUMN_OUTLIERS, _("Jurors whose total is far from the "
                                                "median (more than 20% of the maximum)")),
                            (COLUMN_JURORS, _("Jurors who scored the entry completely, of "
                                              "those who should have")),
                            (COLUMN_CHANGE, _("How the place moves in the what-if"))):
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setToolTip(tip)

        self.what_if = QGroupBox(_("What if…"), self)
        self.what_if.setObjectName("whatIfPanel")
        self.what_if.setAccessibleName(_("What if: leave jurors out"))
        explain = QLabel(_("Untick a juror to see the ranking without their scores. Nothing "
                           "is saved."), self.what_if)
        explain.setObjectName("whatIfExplanation")
        explain.setWordWrap(True)
        set_role(explain, "subtle")
        self._checks_box = QWidget(self.what_if)
        self._checks = QVBoxLayout(self._checks_box)
        self._checks.setContentsMargins(0, 0, 0, 0)
        self._checks.setSpacing(SPACING // 2)
        scroll = QScrollArea(self.what_if)
        scroll.setObjectName("whatIfJurors")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._checks_box)
        self.reset_button = QPushButton(_("Count every juror"), self.what_if)
        self.reset_button.setObjectName("whatIfReset")
        self.reset_button.setAccessibleName(_("Count every juror"))
        self.reset_button.setToolTip(_("Back to the ranking with the whole jury"))
        self.reset_button.clicked.connect(self.reset_what_if)
        panel = QVBoxLayout(self.what_if)
        panel.setSpacing(SPACING // 2)
        panel.addWidget(explain)
        panel.addWidget(scroll, 1)
        panel.addWidget(self.reset_button)
        self.what_if.setFixedWidth(250)
        self.juror_checks: dict[int, QCheckBox] = {}

        self.summary = QLabel(self)
        self.summary.setObjectName("rankingSummary")
        self.summary.setAccessibleName(_("Ranking summary"))
        self.summary.setWordWrap(True)
        set_role(self.summary, "subtle")
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.protocol_button)
        buttons.addWidget(self.diplomas_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rules_button)
        left = QVBoxLayout()
        left.setSpacing(SPACING - 4)
        left.addWidget(self.what_if_banner)
        left.addWidget(self.table, 1)
        left.addWidget(self.summary)
        body = QHBoxLayout()
        body.setSpacing(SPACING)
        body.addLayout(left, 1)
        body.addWidget(self.what_if)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING - 4)
        layout.addLayout(buttons)
        layout.addLayout(body, 1)
        self._update_buttons()

    def _button(self, name: str, icon: str, text: str, slot: Any, tip: str) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # --- data ---------------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        if database is None:
            self._year = None
            self.refresh()

    def set_edition(self, year: int | None, status: str) -> None:
        """Show an edition (a what-if is kept while the year stays the same)."""
        left_out = set(self.excluded_jurors()) if year == self._year else set()
        self._year = year
        self._status = str(status)
        self._build_juror_checks(left_out)
        self.refresh()

    def _build_juror_checks(self, left_out: set[int] | None = None) -> None:
        from skimlll_desktop.services.competition import list_jurors

        for check in self.juror_checks.values():
            self._checks.removeWidget(check)
            check.deleteLater()
        self.juror_checks = {}
        while self._checks.count():
            self._checks.takeAt(0)
        self._jurors = (list_jurors(self._database, self._year)
                        if self._database is not None and self._year is not None else [])
        for juror in self._jurors:
            check = QCheckBox(juror.name, self._checks_box)
            check.setObjectName(f"whatIfJuror{juror.id}")
            check.setAccessibleName(_("Count the scores of {juror}").format(juror=juror.name))
            check.setChecked(juror.id not in (left_out or set()))
            check.toggled.connect(self.refresh)
            self._checks.addWidget(check)
            self.juror_checks[juror.id] = check
        self._checks.addStretch(1)

    def excluded_jurors(self) -> list[int]:
        return [juror for juror, check in self.juror_checks.items() if not check.isChecked()]

    def set_juror_counted(self, juror_id: int, counted: bool) -> None:
        self.juror_checks[juror_id].setChecked(counted)

    def reset_what_if(self) -> None:
        for check in self.juror_checks.values():
            check.blockSignals(True)
            check.setChecked(True)
            check.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        from skimlll_desktop.services.competition import competition_ranking
        from skimlll_desktop.services.competition_awards import assign_awards, list_awards

        if self._database is None or self._year is None:
            self._full, self.ranking, self._awards = {}, {}, []
        else:
            self._full = competition_ranking(self._database, self._year)
            self._awards = list_awards(self._database, self._year)
            excluded = self.excluded_jurors()
            self.ranking = (competition_ranking(self._database, self._year, excluded)
                            if excluded else self._full)
        self._given = assign_awards(self.ranking, self._awards)
        self._fill()
        self._update_buttons()
        self.ranking_shown.emit()

    # --- the table ----------------------------------------------------------------------

    def _fill(self) -> None:
        names = {juror.id: juror.name for juror in self._jurors}
        excluded = self.excluded_jurors()
        before = {e.entry_id: e.rank for entries in self._full.values() for e in entries
                  if e.score is not None}
        rows = sum(len(entries) + 1 for entries in self.ranking.values())
        self.table.clearSpans()
        self.table.setRowCount(0)
        self.table.setRowCount(rows)
        bold = QFont(self.font())
        bold.setBold(True)
        row = 0
        for category, entries in self.ranking.items():
            head = QTableWidgetItem(f"{category} — " + ngettext(
                "{n} entry", "{n} entries", len(entries)).format(n=format_number(len(entries))))
            head.setFont(bold)
            head.setData(CATEGORY_ROLE, category)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, head)
            self.table.setSpan(row, 0, 1, len(COLUMNS))
            self.table.setRowHeight(row, self.fontMetrics().height() + 18)
            row += 1
            for entry in entries:
                self._fill_row(row, entry, names, before.get(entry.entry_id))
                row += 1
        self.table.setColumnHidden(COLUMN_CHANGE, not excluded)
        pad_columns(self.table, COLUMN_MISSING)
        if excluded:
            self.what_if_banner.setText(_("What if: the ranking without {jurors}. This is not "
                                          "the official ranking and nothing is saved.").format(
                jurors=", ".join(names.get(j, "?") for j in excluded)))
        self.what_if_banner.setVisible(bool(excluded))
        entries_total = sum(len(entries) for entries in self.ranking.values())
        ties = sum(1 for entries in self.ranking.values() for e in entries if e.tie)
        parts = [ngettext("{n} ranked entry", "{n} ranked entries", entries_total).format(
            n=format_number(entries_total))]
        if ties:
            parts.append(ngettext("{n} entry in a tie for the jury to decide",
                                  "{n} entries in ties for the jury to decide", ties).format(
                n=format_number(ties)))
        self.summary.setText(" · ".join(parts) if self._year is not None else "")

    def _fill_row(self, row: int, entry: RankedEntry, names: dict[int, str],
                  before: int | None) -> None:
        from skimlll_desktop.services.competition_awards import award_label

        given = self._given.get(entry.entry_id)
        missing = ", ".join(names.get(j, "?") for j in entry.jurors_missing)
        outliers = ", ".join(names.get(j, "?") for j in entry.outliers)
        should = entry.jurors_scored + len(entry.jurors_missing)
        cells = [
            str(entry.rank) if entry.score is not None else "—",
            entry.gmina,
            points_text(entry.score),
            award_label(given),
            _("{scored} of {should}").format(scored=entry.jurors_scored, should=should),
            missing or "—",
            points_text(entry.spread),
            outliers or "—",
            _(TIE_TEXT) if entry.tie else "",
            change_text(before, entry.rank) if entry.score is not None else "",
        ]
        tie = QBrush(tie_background()) if entry.tie else None
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ENTRY_ID_ROLE, entry.entry_id)
            if column in (COLUMN_PLACE, COLUMN_SCORE, COLUMN_SPREAD, COLUMN_CHANGE):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if tie is not None:
                item.setBackground(tie)
            self.table.setItem(row, column, item)
        score_item = self.table.item(row, COLUMN_SCORE)
        totals = "\n".join(f"{names.get(j, '?')}: {points_text(t)}"
                           for j, t in entry.juror_totals.items())
        score_item.setToolTip(totals or _("No juror has scored this entry completely yet."))
        if entry.jurors_conflicted:
            self.table.item(row, COLUMN_JURORS).setToolTip(ngettext(
                "{n} juror left out: conflict of interest",
                "{n} jurors left out: conflict of interest",
                len(entry.jurors_conflicted)).format(n=len(entry.jurors_conflicted)))
        if outliers:
            item = self.table.item(row, COLUMN_OUTLIERS)
            item.setForeground(QBrush(warning_color()))
            item.setToolTip(_("Their total is further from the median than 20% of the highest "
                              "possible total."))
        if missing:
            self.table.item(row, COLUMN_MISSING).setToolTip(
                _("Not counted: these jurors have not scored every criterion."))
        if entry.tie:
            self.table.item(row, COLUMN_NOTE).setToolTip(_(
                "Equal score, equal mean on the highest-weight criterion and equal number of "
                "first places: the jury decides."))
        if given is not None and not given.mention:
            for column in (COLUMN_PLACE, COLUMN_GMINA, COLUMN_SCORE, COLUMN_AWARD):
                font = self.table.item(row, column).font()
                font.setBold(True)
                self.table.item(row, column).setFont(font)

    def row_of(self, gmina: str) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COLUMN_GMINA)
            if item is not None and item.text() == gmina:
                return row
        return None

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _update_buttons(self) -> None:
        has = bool(self.ranking)
        busy = self._pdf_job is not None and self._pdf_job.is_running()
        self.export_button.setEnabled(has)
        self.protocol_button.setEnabled(has and not busy)
        self.diplomas_button.setEnabled(has)
        self.what_if.setEnabled(bool(self._jurors))
        self.reset_button.setEnabled(bool(self.excluded_jurors()))

    # --- actions ------------------------------------------------------------------------

    def _track(self, worker: JobWorker) -> JobWorker:
        self._jobs = [job for job in self._jobs if job.is_running()] + [worker]
        return worker

    def export_results(self) -> Path | None:
        from skimlll_desktop.services.competition import export_results

        if self._database is None or self._year is None:
            return None
        suggested = Path.home() / _("competition-results-{year}.xlsx").format(year=self._year)
        filename, _filter = QFileDialog.getSaveFileName(
            self, _("Export results"), str(suggested), _(EXCEL_FILTER))
        if not filename:
            return None
        target = Path(filename).with_suffix(".xlsx")
        self._track(run_with_progress(
            call_as_job(export_results, self._database, self._year, target,
                        message=_("Writing the results…")),
            self, _("Writing the results…"),
            on_finished=lambda path: self.status_message.emit(
                _("Results saved: {path}").format(path=path)),
            on_failed=lambda message: show_message(_("Export results"), message,
                                                   parent=self)))
        return target

    def show_protocol(self) -> JobWorker | None:
        """The protocol is written in the background, then opened in the PDF preview."""
        from skimlll_desktop.services.competition_protocol import write_protocol

        if self._database is None or self._year is None:
            return None
        if self._pdf_job is not None and self._pdf_job.is_running():
            return None  # reportlab: one PDF at a time
        year = self._year
        target = Path(tempfile.gettempdir()) / f"skimlll-protocol-{year}-{uuid.uuid4().hex}.pdf"

        def done(path: Path) -> None:
            from skimlll_desktop.ui.pdf_preview import PdfPreviewDialog

            self._update_buttons()
            dialog = PdfPreviewDialog(
                path, self, title=_("Protocol of the jury meeting — {year}").format(year=year),
                suggested_name=_("jury-protocol-{year}.pdf").format(year=year),
                delete_on_close=True)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            self.protocol_shown.emit(dialog)

        def failed(message: str) -> None:
            self._update_buttons()
            show_message(_("Protocol of the jury meeting"), message, parent=self)

        self._pdf_job = self._track(run_with_progress(
            call_as_job(write_protocol, self._database, year, target,
                        message=_("Writing the protocol…")),
            self, _("Writing the protocol…"), on_finished=done, on_failed=failed,
            on_cancelled=self._update_buttons))
        self._update_buttons()
        return self._pdf_job

    def laureates(self) -> list[RankedEntry]:
        """The entries the awards reach in the official ranking (places and mentions)."""
        from skimlll_desktop.services.competition_awards import assign_awards

        given = assign_awards(self._full, self._awards)
        return [e for entries in self._full.values() for e in entries if e.entry_id in given]

    def diplomas(self) -> QMessageBox | None:
        if self._year is None:
            return None
        count = len(self.laureates())
        text = ngettext(
            "The {year} edition has {n} laureate: the places and honourable mentions of its "
            "awards in each category.",
            "The {year} edition has {n} laureates: the places and honourable mentions of its "
            "awards in each category.", count).format(year=self._year, n=format_number(count))
        text += "\n\n" + _("Diplomas are issued in the Documents area: choose a diploma "
                           "template and, as recipients, the laureates of the competition "
                           "edition {year}. Each diploma gets its own number.").format(
            year=self._year)
        if self._status != FINAL:
            text += "\n\n" + _("The results are not approved yet: the places may still change.")
        box = QMessageBox(QMessageBox.Icon.Information, _("Diplomas for the laureates"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("rankingDiplomasMessage")
        box.finished.connect(box.deleteLater)
        box.open()
        self.documents_requested.emit(self._year)
        return box

    def show_rules(self) -> QDialog:
        """The ranking rules, as the protocol states them (Esc or Enter closes)."""
        dialog = QDialog(self)
        dialog.setObjectName("rankingRulesDialog")
        dialog.setWindowTitle(_("Ranking rules"))
        dialog.setAccessibleName(_("Ranking rules"))
        text = QLabel(ranking_rules_markdown(), dialog)
        text.setObjectName("rankingRulesText")
        text.setAccessibleName(_("Ranking rules"))
        text.setTextFormat(Qt.TextFormat.MarkdownText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.setObjectName("rankingRulesButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeRankingRules")
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.setFixedWidth(620)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
