"""A new competition edition, and an edition's name, dates and criteria.

A new edition gets the default categories and the previous edition's criteria
(the service copies them). Criteria — name, weight, maximum points — can change
until the jury starts scoring; dates until the edition is final.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.competition_texts import plain_points_text
from skimlll_desktop.ui.form_widgets import FieldErrors, OptionalDateEdit, add_row, group
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
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
                        "(urban, rural and urban-rural gminy) and the criteria of the "
                        "previous edition."), self)
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


class EditionDialog(QDialog):
    """The edition's name, dates and criteria (criteria only before scoring starts)."""

    COLUMN_NAME, COLUMN_WEIGHT, COLUMN_MAX = range(3)

    def __init__(self, database: Database, year: int, criteria_editable: bool,
                 parent: QWidget | None = None) -> None:
        from skimlll_desktop.services.competition import edition_info
        from skimlll_desktop.services.competition_details import edition_dates

        super().__init__(parent)
        self.setObjectName("editionDialog")
        self._database = database
        self._year = year
        self._criteria_editable = criteria_editable
        dates = edition_dates(database, year)
        self._criteria = edition_info(database, year).criteria
        self.setWindowTitle(_("Edition {year}: dates and criteria").format(year=year))
        self.setAccessibleName(self.windowTitle())
        self.errors = FieldErrors()

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

        criteria_box, criteria_form = group(_("Criteria"), "editionCriteriaGroup", self)
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
        layout.addWidget(criteria_box, 1)
        layout.addWidget(dialog_buttons(self, _("Save"), "saveEdition"))
        self.resize(720, 600)

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
            self.table.setCurrentCell(row, self.COLUMN_NAME)
            self.table.setFocus()
            self.table.editItem(self.table.item(row, self.COLUMN_NAME))

    def _remove_criterion(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

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
        from skimlll_desktop.services.competition_details import EditionDates, set_edition_dates
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        self.errors.clear()
        dates = EditionDates(self._year, self.name_edit.text(), self.opens_edit.value(),
                             self.deadline_edit.value(), self.meeting_edit.value())
        try:
            if self._criteria_editable:
                criteria, problem = self.criteria()
                if problem:
                    self.errors.show({"criteria": problem})
                    return
                if self._criteria_changed(criteria):
                    set_criteria(self._database, self._year, criteria)
            set_edition_dates(self._database, dates)
        except FormErrors as error:
            self.errors.show(error.errors)
            return
        except UserFacingError as error:
            self.errors.show({"criteria": error.message})
            return
        super().accept()

