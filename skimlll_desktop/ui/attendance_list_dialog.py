"""Options of a printed attendance list: which session, the layout, blank rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.form_widgets import add_row, group
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.attendance_list import AttendanceListOptions

DEFAULT_BLANK_ROWS = 5


class AttendanceListOptionsDialog(QDialog):
    """Asks how to print the list; :meth:`options` gives the service's options."""

    def __init__(
        self,
        sessions: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
        *,
        session_number: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceListOptionsDialog")
        self.setWindowTitle(_("Attendance list"))
        self.setAccessibleName(_("Attendance list options"))

        box, form = group(_("What to print"), "attendanceListOptions", self)
        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("attendanceListSession")
        self.session_combo.setToolTip(_("A list for one session, or for every session"))
        if len(sessions) > 1:
            self.session_combo.addItem(_("every session"), None)
        for number, label in sessions:
            self.session_combo.addItem(label, number)
        if session_number is not None:
            self.session_combo.setCurrentIndex(max(self.session_combo.findData(session_number),
                                                   0))
        add_row(form, _("&Session:"), self.session_combo, _("Session"))

        self.per_session = QRadioButton(_("a separate list for each day"), self)
        self.per_session.setObjectName("attendanceListPerSession")
        self.per_session.setAccessibleName(_("A separate list for each day"))
        self.per_session.setToolTip(_("Each day gets its own pages to sign"))
        self.column_per_day = QRadioButton(_("one list with a signature column for each day"),
                                           self)
        self.column_per_day.setObjectName("attendanceListColumnPerDay")
        self.column_per_day.setAccessibleName(_("One list with a signature column for each day"))
        self.column_per_day.setToolTip(_("People sign once a day in their own column"))
        self.per_session.setChecked(True)
        layouts = QButtonGroup(self)
        layouts.addButton(self.per_session)
        layouts.addButton(self.column_per_day)
        layout_box = QWidget(self)
        layout_rows = QVBoxLayout(layout_box)
        layout_rows.setContentsMargins(0, 0, 0, 0)
        layout_rows.addWidget(self.per_session)
        layout_rows.addWidget(self.column_per_day)
        self.layout_label = add_row(form, _("Layout:"), self.per_session, _("Layout"),
                                    layout_box)
        self.layout_label.setBuddy(self.per_session)

        self.blank_rows = QSpinBox(self)
        self.blank_rows.setObjectName("attendanceListBlankRows")
        self.blank_rows.setRange(0, 200)
        self.blank_rows.setValue(DEFAULT_BLANK_ROWS)
        self.blank_rows.setToolTip(_("Empty numbered rows at the end, for people who come "
                                     "without registering"))
        add_row(form, _("&Blank rows:"), self.blank_rows, _("Blank rows"))

        note = QLabel(_("The list is prepared as a PDF and shown first; print it or save it "
                        "from the preview."), self)
        note.setWordWrap(True)
        set_role(note, "subtle")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Prepare the list"))
        ok.setObjectName("attendanceListPrepare")
        ok.setAccessibleName(_("Prepare the list"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setObjectName("attendanceListCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(box)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.session_combo.currentIndexChanged.connect(self._update_layout_choice)
        self._update_layout_choice()
        self.setMinimumWidth(520)

    def _update_layout_choice(self) -> None:
        every = self.session_combo.currentData() is None and self.session_combo.count() > 1
        for widget in (self.per_session, self.column_per_day, self.layout_label):
            widget.setEnabled(every)

    def options(self) -> AttendanceListOptions:
        from skimlll_desktop.services.attendance_list import AttendanceListOptions, ListLayout

        number = self.session_combo.currentData()
        layout = (ListLayout.COLUMN_PER_DAY if self.column_per_day.isChecked()
                  else ListLayout.PER_SESSION)
        return AttendanceListOptions(session_number=number, blank_rows=self.blank_rows.value(),
                                     layout=layout)
