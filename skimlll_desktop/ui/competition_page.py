"""Konkurs: the "Edukacyjna Gmina Małopolski" competition, one edition at a time.

The bar at the top picks the edition (year), shows its status and moves it on:
draft → call for entries open → jury scoring → final. A final edition is locked
(a banner says so and every editing control is disabled) until it is reopened,
which is asked for and written to the audit log. The tabs hold the entries,
the jury, one juror's scores, the ranking and the map. Entries and jurors are
corrected where they are listed (F2, Delete, the right mouse button).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_date, format_number, ngettext
from skimlll_desktop.ui.competition_entries import EntriesPanel
from skimlll_desktop.ui.competition_jury import JuryPanel
from skimlll_desktop.ui.competition_texts import (
    DRAFT,
    FINAL,
    NEXT_STEP,
    OPEN,
    SCORING,
    status_text,
)
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import confirm, show_message
from skimlll_desktop.ui.gmina_map_widget import GminaMapWidget
from skimlll_desktop.ui.ranking_view import RankingView
from skimlll_desktop.ui.scoring_grid import ScoringGridWidget
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition import EditionInfo
    from skimlll_desktop.services.database import Database

TAB_ENTRIES, TAB_JURY, TAB_SCORING, TAB_RANKING, TAB_MAP = range(5)


def edition_facts(info: EditionInfo) -> str:
    """``24 zgłoszenia · 5 jurorów · termin: 30 września 2026``."""
    parts = [ngettext("{n} entry", "{n} entries", info.entries).format(
                 n=format_number(info.entries)),
             ngettext("{n} juror", "{n} jurors", info.jurors).format(
                 n=format_number(info.jurors))]
    if info.deadline is not None:
        parts.append(_("deadline: {date}").format(date=format_date(info.deadline)))
    return " · ".join(parts)


class CompetitionPage(QWidget):
    """The Konkurs area; plug it in with ``set_database``."""

    status_message = Signal(str)
    edition_shown = Signal()  # an edition (or the empty state) was loaded

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("competitionArea")
        self._database: Database | None = None
        self._info: EditionInfo | None = None
        self._stale: set[int] = set()

        self.heading = QLabel(_("Competition “Edukacyjna Gmina Małopolski”"), self)
        self.heading.setObjectName("competitionHeading")
        set_role(self.heading, "heading")

        self.edition_combo = QComboBox(self)
        self.edition_combo.setObjectName("competitionEdition")
        self.edition_combo.setAccessibleName(_("Edition"))
        self.edition_combo.setToolTip(_("The edition (year) shown"))
        self.edition_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        edition_label = QLabel(_("&Edition:"), self)
        edition_label.setBuddy(self.edition_combo)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("competitionStatus")
        self.status_label.setAccessibleName(_("Status of the edition"))
        self.facts_label = QLabel(self)
        self.facts_label.setObjectName("competitionFacts")
        self.facts_label.setAccessibleName(_("The edition in numbers"))
        set_role(self.facts_label, "subtle")

        self.new_button = self._button("newEdition", "add", _("New edition…"),
                                       self.new_edition, _("Start the next year's edition"))
        self.edit_button = self._button(
            "editEdition", "edit", _("Dates, criteria and awards…"), self.edit_edition,
            _("The edition's name and dates; criteria, weights and maximum points until the "
              "jury starts scoring"))
        self.advance_button = self._button("advanceEdition", "check", "", self.advance,
                                           _("Move the edition to its next stage"))
        self.reopen_button = self._button(
            "reopenEdition", "undo", _("Reopen…"), self.reopen,
            _("Reopen the final edition to change it (the reopening is logged)"))

        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("competitionLockBanner")
        self.lock_banner.setAccessibleName(_("The edition is locked"))
        self.lock_banner.setWordWrap(True)
        set_role(self.lock_banner, "banner")
        self.lock_banner.hide()

        self.entries = EntriesPanel(self)
        self.jury = JuryPanel(self)
        self.scoring = ScoringGridWidget(self)
        self.ranking = RankingView(self)
        self.map = GminaMapWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("competitionTabs")
        self.tabs.setAccessibleName(_("Parts of the competition"))
        self.tabs.setDocumentMode(True)
        for widget, icon, text in ((self.entries, "competition", _("&Entries")),
                                   (self.jury, "people", _("&Jury")),
                                   (self.scoring, "edit", _("&Scoring")),
                                   (self.ranking, "reports", _("&Ranking")),
                                   (self.map, "map", _("&Map"))):
            self.tabs.addTab(widget, tinted_icon(icon), text)

        self.empty = EmptyStateWidget(
            "competition", _("No competition edition yet"),
            _("Each year gminy of Małopolska enter the “Edukacyjna Gmina Małopolski” "
              "competition: register their entries, let the jury score them against weighted "
              "criteria, and publish the ranking, the protocol and the map of laureates."),
            self, object_name="competitionEmptyState")
        self.empty.add_button("createFirstEdition", "add", _("Create the first edition"),
                              _("Start this year's edition")).clicked.connect(self.new_edition)
        self._lay_out(edition_label)

        self.edition_combo.currentIndexChanged.connect(self._edition_chosen)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.entries.entries_changed.connect(self._edition_changed)
        self.jury.jury_changed.connect(self._edition_changed)
        self.jury.juror_activated.connect(self.show_juror)
        self.scoring.scores_saved.connect(lambda: self._mark_stale(TAB_JURY, TAB_RANKING,
                                                                   TAB_MAP))
        for source in (self.entries, self.scoring, self.ranking):
            source.status_message.connect(self.status_message)
        self._update_controls()

    def _button(self, name: str, icon: str, text: str, slot: Any, tip: str) -> QPushButton:
        button = QPushButton(tinted_icon(icon), text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…") or tip)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _lay_out(self, edition_label: QLabel) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(SPACING // 2)
        bar.addWidget(edition_label)
        bar.addWidget(self.edition_combo)
        bar.addSpacing(SPACING)
        bar.addWidget(self.status_label)
        bar.addSpacing(SPACING)
        bar.addWidget(self.facts_label, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.advance_button)
        bar.addWidget(self.reopen_button)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(SPACING)
        inner.addLayout(bar)
        inner.addWidget(self.lock_banner)
        inner.addWidget(self.tabs, 1)
        self._content = content
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("competitionStack")
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 6, PAGE_MARGIN, PAGE_MARGIN - 6)
        layout.setSpacing(SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)

    # --- the database and the edition ---------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        for part in (self.entries, self.jury, self.scoring, self.ranking):
            part.set_database(database)
        self._info = None
        self.reload_editions()

    def reload_editions(self, keep: int | None = None) -> None:
        from skimlll_desktop.services.competition import list_editions

        keep = keep if keep is not None else self.year()
        editions = list_editions(self._database) if self._database is not None else []
        self.edition_combo.blockSignals(True)
        self.edition_combo.clear()
        for info in editions:
            self.edition_combo.addItem(str(info.year), info.year)
        index = self.edition_combo.findData(keep) if keep is not None else -1
        if index < 0 and editions:  # this year's, or the newest
            index = max(self.edition_combo.findData(date.today().year), 0)
        self.edition_combo.setCurrentIndex(index)
        self.edition_combo.blockSignals(False)
        self._load(self.edition_combo.currentData())

    def year(self) -> int | None:
        return self._info.year if self._info is not None else None

    def status(self) -> str:
        return str(self._info.status) if self._info is not None else ""

    def is_locked(self) -> bool:
        return self.status() == FINAL

    def show_edition(self, year: int) -> bool:
        index = self.edition_combo.findData(year)
        if index >= 0:
            self.edition_combo.setCurrentIndex(index)
        return self.year() == year

    def _edition_chosen(self, index: int) -> None:
        year = self.edition_combo.itemData(index) if index >= 0 else None
        if year == self.year():
            return
        if not self.scoring.confirm_discard():
            self.edition_combo.blockSignals(True)
            self.edition_combo.setCurrentIndex(self.edition_combo.findData(self.year()))
            self.edition_combo.blockSignals(False)
            return
        self._load(year)

    def _load(self, year: int | None) -> None:
        from skimlll_desktop.services.competition import edition_info

        self._info = (edition_info(self._database, year)
                      if self._database is not None and year is not None else None)
        self._mark_stale(*range(self.tabs.count()))
        self._update_controls()
        self.edition_shown.emit()

    def _edition_changed(self) -> None:
        """Entries or jurors changed: new counts, and the other tabs show them next time."""
        from skimlll_desktop.services.competition import edition_info

        if self._database is not None and self._info is not None:
            self._info = edition_info(self._database, self._info.year)
        current = self.tabs.currentIndex()
        self._mark_stale(*(tab for tab in range(self.tabs.count()) if tab != current))
        self._update_controls()

    def _mark_stale(self, *tabs: int) -> None:
        self._stale.update(tabs)
        self._refresh_tab(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        self._refresh_tab(index)

    def _refresh_tab(self, index: int) -> None:
        if index not in self._stale:
            return
        self._stale.discard(index)
        info = self._info
        year = info.year if info else None
        status = str(info.status) if info else ""
        if index == TAB_ENTRIES:
            self.entries.set_edition(year, info.deadline if info else None, self.is_locked())
        elif index == TAB_JURY:
            self.jury.set_edition(year, self.is_locked())
        elif index == TAB_SCORING:
            self.scoring.set_edition(year, status)
        elif index == TAB_RANKING:
            self.ranking.set_edition(year, status)
        elif index == TAB_MAP:
            self._refresh_map()

    def _refresh_map(self) -> None:
        from skimlll_desktop.services.competition import competition_ranking, list_entries
        from skimlll_desktop.services.competition_awards import list_awards
        from skimlll_desktop.services.competition_protocol import laureates

        if self._database is None or self._info is None:
            self.map.set_data(set(), set(), {})
            return
        entries = list_entries(self._database, self._info.year)
        ranking = competition_ranking(self._database, self._info.year)
        winners = laureates(ranking, list_awards(self._database, self._info.year))
        podium = {category: [(e.rank, e.gmina) for e in ranked if e.gmina_teryt in winners]
                  for category, ranked in ranking.items()}
        self.map.set_data({e.gmina_teryt for e in entries}, winners,
                          {e.gmina_teryt: e.gmina for e in entries},
                          {category: places for category, places in podium.items() if places})

    def _update_controls(self) -> None:
        info = self._info
        has_database = self._database is not None
        self.stack.setCurrentWidget(self._content if info is not None or not has_database
                                    else self.empty)
        self.empty.findChild(QPushButton, "createFirstEdition").setEnabled(has_database)
        self.new_button.setEnabled(has_database)
        status = self.status()
        locked = status == FINAL
        self.status_label.setText(_("Status: {status}").format(status=status_text(status))
                                  if info else "")
        self.facts_label.setText(edition_facts(info) if info else "")
        self.edit_button.setEnabled(info is not None and not locked)
        step = NEXT_STEP.get(status)
        self.advance_button.setVisible(step is not None)
        if step is not None:
            self.advance_button.setText(_(step[1]))
            self.advance_button.setAccessibleName(_(step[1]).rstrip("…"))
        self.advance_button.setEnabled(info is not None and step is not None)
        self.reopen_button.setVisible(locked)
        self.entries.set_context(info.year if info else None, info.deadline if info else None,
                                 locked)
        self.jury.set_context(info.year if info else None, locked)
        self.lock_banner.setText(_(
            "The {year} edition is final and locked: entries, jury and scores cannot change. "
            "To correct something, reopen the edition — the reopening is written to the "
            "change log.").format(year=info.year) if locked and info else "")
        self.lock_banner.setVisible(locked)
        self.tabs.setEnabled(info is not None)

    # --- moving the edition on ----------------------------------------------------------

    def _set_status(self, status: str) -> bool:
        from skimlll_desktop.models import EditionStatus
        from skimlll_desktop.services.competition import set_edition_status
        from skimlll_desktop.services.errors import UserFacingError

        if self._database is None or self._info is None:
            return False
        if not self.scoring.confirm_discard():
            return False
        try:
            set_edition_status(self._database, self._info.year, EditionStatus(status),
                               expected=EditionStatus(self.status()))
        except UserFacingError as error:  # moved on elsewhere meanwhile: show where it is
            show_message(_("Competition"), error.message, parent=self)
            self._load(self._info.year)
            return False
        self._load(self._info.year)
        self.status_message.emit(_("The {year} edition: {status}.").format(
            year=self._info.year, status=status_text(status)))
        return True

    def advance(self) -> bool:
        step = NEXT_STEP.get(self.status())
        if step is None or self._info is None:
            return False
        target = step[0]
        if target == FINAL and not self._confirm_final():
            return False
        return self._set_status(target)

    def _confirm_final(self) -> bool:
        from skimlll_desktop.services.competition import competition_ranking

        assert self._database is not None and self._info is not None
        ranking = competition_ranking(self._database, self._info.year)
        unfinished = sum(1 for entries in ranking.values() for e in entries if e.jurors_missing)
        ties = sum(1 for entries in ranking.values() for e in entries if e.tie)
        text = _("Approve the results of the {year} edition? The edition becomes final and "
                 "locked: entries, jury and scores cannot change unless it is reopened, and a "
                 "reopening is written to the change log.").format(year=self._info.year)
        warnings = []
        if unfinished:
            warnings.append(ngettext("{n} entry still lacks scores from some jurors.",
                                     "{n} entries still lack scores from some jurors.",
                                     unfinished).format(n=unfinished))
        if ties:
            warnings.append(ngettext("{n} entry is in a tie for the jury to decide.",
                                     "{n} entries are in ties for the jury to decide.",
                                     ties).format(n=ties))
        box = QMessageBox(QMessageBox.Icon.Question, _("Approve the results"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("approveResultsMessage")
        if warnings:
            box.setInformativeText("\n".join(warnings))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def reopen(self) -> bool:
        """Back to scoring, after the user confirms; the service logs the reopening."""
        if self._info is None or not self.is_locked():
            return False
        question = _("Reopen the final {year} edition? Its entries, jury and scores become "
                     "editable again and the ranking may change. The reopening is written to "
                     "the change log (who and when).").format(year=self._info.year)
        if not confirm(self, _("Reopen the edition"), question):
            return False
        return self._set_status(SCORING)

    def new_edition(self) -> Any:
        from skimlll_desktop.ui.edition_dialog import NewEditionDialog

        if self._database is None:
            return None
        if not self.scoring.confirm_discard():
            return None
        years = [self.edition_combo.itemData(i) for i in range(self.edition_combo.count())]
        suggested = max([date.today().year - 1, *years]) + 1 if years else date.today().year
        dialog = NewEditionDialog(self._database, suggested, self)
        if dialog.exec() and dialog.year is not None:
            self.reload_editions(dialog.year)
            self.status_message.emit(_("The {year} edition was created as a draft.").format(
                year=dialog.year))
        dialog.deleteLater()
        return dialog

    def edit_edition(self) -> Any:
        from skimlll_desktop.ui.edition_dialog import EditionDialog

        if self._database is None or self._info is None or self.is_locked():
            return None
        dialog = EditionDialog(self._database, self._info.year,
                               criteria_editable=self.status() in (DRAFT, OPEN), parent=self)
        if dialog.exec():
            self._load(self._info.year)
        dialog.deleteLater()
        return dialog

    # --- for the main window ------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def show_juror(self, juror_id: int) -> None:
        self.show_tab(TAB_SCORING)
        self.scoring.show_juror(juror_id)

    def has_unsaved_changes(self) -> bool:
        return self.scoring.has_unsaved_changes()

    def save(self) -> bool:
        """File → Save (Ctrl+S): the typed scores."""
        return self.scoring.save()

    def confirm_leave(self) -> bool:
        """Before the database closes: save, discard or stay with unsaved scores."""
        return self.scoring.confirm_discard()

    def add_record(self) -> Any:
        """Edit → Add (Ctrl+N): an entry, or a juror on the Jury tab."""
        if self.tabs.currentIndex() == TAB_JURY:
            return self.jury.add_juror()
        self.show_tab(TAB_ENTRIES)
        return self.entries.add_entry()

    def delete_selected(self) -> bool:
        """Edit → Delete: the selected entry, or the selected juror on the Jury tab (each
        after a confirmation)."""
        if self.tabs.currentIndex() == TAB_JURY:
            return self.jury.remove_selected()
        if self.tabs.currentIndex() == TAB_ENTRIES:
            return self.entries.delete_selected()
        return False

    def focus_search(self) -> None:
        self.show_tab(TAB_ENTRIES)
        self.entries.focus_search()

    def let_window_handle_shortcuts(self) -> None:
        """The main window's File → Save, Edit → Add and Edit → Find take Ctrl+S, Ctrl+N and
        Ctrl+F here: the page's own shortcuts step aside (two would cancel each other out)."""
        for shortcut in self.findChildren(QShortcut):
            if shortcut.objectName() in ("scoringSaveShortcut", "entriesNewShortcut",
                                         "entriesFindShortcut"):
                shortcut.setEnabled(False)

