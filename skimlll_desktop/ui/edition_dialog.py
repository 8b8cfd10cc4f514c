"""A new competition edition, and an edition's name, dates, criteria and awards.

A new edition gets the default categories and the previous edition's criteria and
awards (the service copies them). Criteria — name, weight, maximum points — can change
until the jury starts scoring; dates and awards — title, places and honourable mentions
per category, in the order they are given — until the edition is final.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.competition_texts import FINAL, plain_points_text
from skimlll_desktop.ui.form_widgets import FieldErrors, OptionalDateEdit, add_row, group
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.competition_awards import AwardSpec
    from skimlll_desktop.services.database import Database

DEFAULT_NAME = "Edukacyjna Gmina Małopolski {year}"


def dialog_buttons(dialog: QDialog, ok_text: str, ok_name: str) -> QDialogButtonBox:
    """OK (with the dialog's own words) and Cancel; Enter confirms, Esc cancels."""
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName(ok_name)
    ok.setAccessibleName(ok_text)
    ok.setDefault(True)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setObjectName(f"{ok_name}Cancel")
    cancel.setAccessibleName(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewEditionDialog(QDialog):
    """Year, name and deadline of a new edition; ``year`` holds the created one."""

    def __init__(self, database: Database, suggested_year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newEditionDialog")
        self.setWindowTitle(_("New competition edition"))
        self.setAccessibleName(self.windowTitle())
        self._database = database
        self.year: int | None = None
        self.errors = FieldErrors()

        box, form = group(_("Edition"), "newEditionGroup", self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("editionYear")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setValue(suggested_year)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("editionName")
        self.deadline_edit = OptionalDateEdit(self)
        self.deadline_edit.setObjectName("editionDeadline")
        self.deadline_edit.set_value(date(suggested_year, 9, 30))
        add_row(form, _("&Year:"), self.year_spin, _("Year"),
                self.errors.field("year", self.year_spin, "editionYear"))
        add_row(form, _("&Name:"), self.name_edit, _("Name"),
                self.errors.field("name", self.name_edit, "editionName"))
        add_row(form, _("&Deadline for entries:"), self.deadline_edit,
                _("Deadline for entries"))
        note = QLabel(_("The edition starts as a draft with the three default categories "
                        "(urban, rural and urban-rural gminy) and the criteria and awards of "
                        "the previous edition."), self)
        note.setObjectName("newEditionNote")
        note.setWordWrap(True)
        set_role(note, "subtle")
        self.year_spin.valueChanged.connect(self._year_changed)
        self._year_changed(suggested_year)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(box)
        layout.addWidget(note)
        layout.addWidget(dialog_buttons(self, _("Create the edition"), "createEdition"))
        self.setMinimumWidth(520)

    def _year_changed(self, year: int) -> None:
        """The name's suggestion and the deadline follow the year."""
        self.name_edit.setPlaceholderText(DEFAULT_NAME.format(year=year))
        deadline = self.deadline_edit.value()
        if deadline is not None and deadline.year != year:
            try:
                self.deadline_edit.set_value(deadline.replace(year=year))
            except ValueError:  # 29 February
                self.deadline_edit.set_value(deadline.replace(year=year, day=28))

    def accept(self) -> None:
        from skimlll_desktop.services.competition import create_edition
        from skimlll_desktop.services.registry import FormErrors

        year = self.year_spin.value()
        try:
            create_edition(self._database, year, self.name_edit.text().strip(),
                           self.deadline_edit.value())
        except FormErrors as error:
            self.errors.show(error.errors)
            return
        self.year = year
        super().accept()


class CountDelegate(QStyledItemDelegate):
    """Edits a whole number of places or mentions with a spin box (0–99)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setObjectName("awardCountEditor")
        spin.setAccessibleName(_("Number"))
        spin.setRange(0, 99)
        spin.setFrame(False)
        return spin


class EditionDialog(QDialog):
    """The edition's name and dates, and in two tabs its criteria (editable only before
    scoring starts) and awards (until the edition is final)."""

    COLUMN_NAME, COLUMN_WEIGHT, COLUMN_MAX = range(3)
    AWARD_TITLE, AWARD_PLACES, AWARD_MENTIONS = range(3)

    def __init__(self, database: Database, year: int, criteria_editable: bool,
                 parent: QWidget | None = None) -> None:
        from skimlll_desktop.services.competition import edition_info
        from skimlll_desktop.services.competition_awards import list_awards
        from skimlll_desktop.services.competition_details import edition_dates

        super().__init__(parent)
        self.setObjectName("editionDialog")
        self._database = database
        self._year = year
        self._criteria_editable = criteria_editable
        dates = edition_dates(database, year)
        info = edition_info(database, year)
        self._criteria = info.criteria
        self._awards = list_awards(database, year)
        self._awards_editable = str(info.status) != FINAL
        self.setWindowTitle(_("Edition {year}: dates, criteria and awards").format(year=year))
        self.setAccessibleName(self.windowTitle())
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editionTabs")
        self.tabs.setAccessibleName(_("Criteria and awards"))
        self.errors = FieldErrors(self.tabs)

        box, form = group(_("Name and dates"), "editionDatesGroup", self)
        self.name_edit = QLineEdit(dates.name, self)
        self.name_edit.setObjectName("editionName")
        self.opens_edit = OptionalDateEdit(self)
        self.opens_edit.setObjectName("editionCallOpens")
        self.opens_edit.set_value(dates.call_opens_on)
        self.deadline_edit = OptionalDateEdit(self)
        self.deadline_edit.setObjectName("editionDeadline")
        self.deadline_edit.set_value(dates.deadline)
        self.meeting_edit = OptionalDateEdit(self)
        self.meeting_edit.setObjectName("editionJuryMeeting")
        self.meeting_edit.set_value(dates.jury_meeting_on)
        for key, label, widget, name, accessible in (
                ("name", _("&Name:"), self.name_edit, "editionName", _("Name")),
                ("call_opens_on", _("Call &opens:"), self.opens_edit, "editionCallOpens",
                 _("Call opens")),
                ("deadline", _("&Deadline for entries:"), self.deadline_edit,
                 "editionDeadline", _("Deadline for entries")),
                ("jury_meeting_on", _("&Jury meeting:"), self.meeting_edit,
                 "editionJuryMeeting", _("Jury meeting"))):
            add_row(form, label, widget, accessible, self.errors.field(key, widget, name))

        criteria_box, criteria_form = group("", "editionCriteriaGroup", self)  # a tab
        criteria_box.setFlat(True)
        criteria_form.setRowWrapPolicy(criteria_form.RowWrapPolicy.WrapAllRows)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("criteriaTable")
        self.table.setAccessibleName(_("Criteria: name, weight, maximum points"))
        self.table.setHorizontalHeaderLabels([_("Criterion"), _("Weight"), _("Max. points")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COLUMN_WEIGHT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMN_MAX, QHeaderView.ResizeMode.ResizeToContents)
        for criterion in self._criteria:
            self._add_criterion_row(criterion.name, plain_points_text(criterion.weight),
                                    str(criterion.max_points))
        self.add_button = QPushButton(tinted_icon("add"), _("Add a criterion"), self)
        self.add_button.setObjectName("addCriterion")
        self.add_button.setAccessibleName(_("Add a criterion"))
        self.add_button.clicked.connect(lambda: self._add_criterion_row("", "1", "10", True))
        self.remove_button = QPushButton(tinted_icon("delete"), _("Remove"), self)
        self.remove_button.setObjectName("removeCriterion")
        self.remove_button.setAccessibleName(_("Remove the selected criterion"))
        self.remove_button.setToolTip(_("Remove the selected criterion"))
        self.remove_button.clicked.connect(self._remove_criterion)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        table_box = QWidget(self)
        inner = QVBoxLayout(table_box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.table)
        inner.addLayout(row)
        criteria_form.addRow(self.errors.field("criteria", table_box, "criteriaTable"))
        if not criteria_editable:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            for button in (self.add_button, self.remove_button):
                button.setEnabled(False)
            locked = QLabel(_("Scoring has started: the criteria can no longer change."), self)
            locked.setObjectName("criteriaLockedNote")
            locked.setWordWrap(True)
            set_role(locked, "subtle")
            criteria_form.addRow(locked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(box)
        self.tabs.addTab(criteria_box, _("Criteria"))
        self.tabs.addTab(self._awards_group(), _("Awards"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(dialog_buttons(self, _("Save"), "saveEdition"))
        self.resize(720, 600)

    # --- awards -------------------------------------------------------------------------

    def _awards_group(self) -> QWidget:
        box, form = group("", "editionAwardsGroup", self)  # a tab
        box.setFlat(True)
        form.setRowWrapPolicy(form.RowWrapPolicy.WrapAllRows)
        explain = QLabel(_("Awards are given down each category's ranking in this order: the "
                           "first award's places, then its honourable mentions, then the next "
                           "award. Entries tied for a place all get it."), box)
        explain.setObjectName("awardsExplanation")
        explain.setWordWrap(True)
        set_role(explain, "subtle")
        form.addRow(explain)
        self.awards_table = QTableWidget(0, 3, box)
        self.awards_table.setObjectName("awardsTable")
        self.awards_table.setAccessibleName(
            _("Awards: title, places per category, honourable mentions"))
        self.awards_table.setHorizontalHeaderLabels(
            [_("Award"), _("Places per category"), _("Honourable mentions")])
        self.awards_table.verticalHeader().setVisible(False)
        self.awards_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.awards_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._count_delegate = CountDelegate(self.awards_table)
        header = self.awards_table.horizontalHeader()
        header.setSectionResizeMode(self.AWARD_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (self.AWARD_PLACES, self.AWARD_MENTIONS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.awards_table.setItemDelegateForColumn(column, self._count_delegate)
        for award in self._awards:
            self._add_award_row(award.title, award.places, award.honourable_mentions)
        arrows = self.style()
        self.award_buttons = {
            "add": self._award_button("addAward", tinted_icon("add"), _("Add an award"),
                                      _("Add an award"), self._add_new_award),
            "remove": self._award_button("removeAward", tinted_icon("delete"), _("Remove"),
                                         _("Remove the selected award"), self._remove_award),
            "up": self._award_button(
                "moveAwardUp", arrows.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
                _("Move up"), _("Move the selected award up"), lambda: self.move_award(-1)),
            "down": self._award_button(
                "moveAwardDown", arrows.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                _("Move down"), _("Move the selected award down"), lambda: self.move_award(1)),
        }
        row = QHBoxLayout()
        for button in self.award_buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        table_box = QWidget(box)
        inner = QVBoxLayout(table_box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.awards_table)
        inner.addLayout(row)
        form.addRow(self.errors.field("awards", table_box, "awardsTable"))
        if not self._awards_editable:
            self.awards_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            for button in self.award_buttons.values():
                button.setEnabled(False)
            locked = QLabel(_("The edition is final: its awards can no longer change."), box)
            locked.setObjectName("awardsLockedNote")
            locked.setWordWrap(True)
            set_role(locked, "subtle")
            form.addRow(locked)
        return box

    def _award_button(self, name: str, icon: QIcon, text: str, tip: str,
                      slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(icon, text, self)
        button.setObjectName(name)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _add_award_row(self, title: str, places: int, mentions: int) -> None:
        row = self.awards_table.rowCount()
        self.awards_table.insertRow(row)
        self.awards_table.setItem(row, self.AWARD_TITLE, QTableWidgetItem(title))
        for column, value in ((self.AWARD_PLACES, places), (self.AWARD_MENTIONS, mentions)):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.EditRole, value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.awards_table.setItem(row, column, item)

    def _add_new_award(self) -> None:
        self._add_award_row("", 1, 0)
        _edit_last_row(self.awards_table, self.AWARD_TITLE)

    def _remove_award(self) -> None:
        _remove_current_row(self.awards_table)

    def move_award(self, offset: int) -> None:
        """Swap the selected award with the one above (-1) or below (+1)."""
        row = self.awards_table.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.awards_table.rowCount():
            return
        for column in range(self.awards_table.columnCount()):
            mine = self.awards_table.takeItem(row, column)
            theirs = self.awards_table.takeItem(target, column)
            self.awards_table.setItem(row, column, theirs)
            self.awards_table.setItem(target, column, mine)
        self.awards_table.setCurrentCell(target, self.awards_table.currentColumn())

    def awards(self) -> list[AwardSpec]:
        """The table's awards, top to bottom."""
        from skimlll_desktop.services.competition_awards import AwardSpec

        def number(row: int, column: int) -> int:
            item = self.awards_table.item(row, column)
            value = item.data(Qt.ItemDataRole.EditRole) if item is not None else 0
            try:
                return int(value)
            except (TypeError, ValueError):
                return -1  # refused by the check as a negative number

        result = []
        for row in range(self.awards_table.rowCount()):
            title = self.awards_table.item(row, self.AWARD_TITLE)
            result.append(AwardSpec(title.text().strip() if title is not None else "",
                                    number(row, self.AWARD_PLACES),
                                    number(row, self.AWARD_MENTIONS)))
        return result

    def _add_criterion_row(self, name: str, weight: str, maximum: str,
                           focus: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((name, weight, maximum)):
            item = QTableWidgetItem(text)
            if column != self.COLUMN_NAME:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        if focus:
            _edit_last_row(self.table, self.COLUMN_NAME)

    def _remove_criterion(self) -> None:
        _remove_current_row(self.table)

    def criteria(self) -> tuple[list[tuple[str, Decimal, int]], str]:
        """The table's criteria, and a message about the first bad row ('' when fine)."""
        result = []
        for row in range(self.table.rowCount()):
            texts = [(self.table.item(row, c).text() if self.table.item(row, c) else "").strip()
                     for c in range(3)]
            try:
                weight = Decimal(texts[self.COLUMN_WEIGHT].replace(",", "."))
                maximum = int(texts[self.COLUMN_MAX])
            except (InvalidOperation, ValueError):
                return [], _("Row {row}: the weight and the maximum points must be numbers "
                             "(e.g. 1,5 and 10).").format(row=row + 1)
            if not texts[self.COLUMN_NAME] or not weight.is_finite() or weight <= 0 \
                    or maximum <= 0:
                return [], _("Row {row}: every criterion needs a name, a positive weight and "
                             "maximum points.").format(row=row + 1)
            result.append((texts[self.COLUMN_NAME], weight, maximum))
        if not result:
            return [], _("The edition needs at least one criterion.")
        return result, ""

    def _criteria_changed(self, criteria: list[tuple[str, Decimal, int]]) -> bool:
        before = [(c.name, Decimal(c.weight), c.max_points) for c in self._criteria]
        return before != criteria

    def accept(self) -> None:
        from skimlll_desktop.services.competition import set_criteria
        from skimlll_desktop.services.competition_awards import check_awards, save_awards
        from skimlll_desktop.services.competition_details import EditionDates, set_edition_dates
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        self.errors.clear()
        dates = EditionDates(self._year, self.name_edit.text(), self.opens_edit.value(),
                             self.deadline_edit.value(), self.meeting_edit.value())
        awards = self.awards()
        criteria: list[tuple[str, Decimal, int]] = []
        try:
            if self._criteria_editable:
                criteria, problem = self.criteria()
                if problem:
                    self.errors.show({"criteria": problem})
                    return
            if self._awards_editable:
                check_awards(awards)  # before anything is saved
            if self._criteria_editable and self._criteria_changed(criteria):
                set_criteria(self._database, self._year, criteria)
            if self._awards_editable and awards != self._awards:
                save_awards(self._database, self._year, awards)
            set_edition_dates(self._database, dates)
        except FormErrors as error:
            self.errors.show(error.errors)
            return
        except UserFacingError as error:
            self.errors.show({"criteria": error.message})
            return
        super().accept()


def _edit_last_row(table: QTableWidget, column: int) -> None:
    """Start typing in a row just added."""
    row = table.rowCount() - 1
    table.setCurrentCell(row, column)
    table.setFocus()
    table.editItem(table.item(row, column))


def _remove_current_row(table: QTableWidget) -> None:
    row = table.currentRow()
    if row >= 0:
        table.removeRow(row)
