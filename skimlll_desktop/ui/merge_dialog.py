"""Scal: two records of the same institution (or person) side by side, one kept, nothing lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _, format_date, format_number, ngettext
from skimlll_desktop.services.labels import organization_type_label, pillar_label
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database

VALUE_WIDTH = 300


class MergeDialog(QDialog):
    """Choose which record stays; the other one's links move to it and it is deleted."""

    merged = Signal(int, str)  # the kept record's id, a message saying what moved

    def __init__(
        self,
        database: Database,
        kind: str,
        first_id: int,
        second_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self._kind = kind
        self._ids = (first_id, second_id)
        self._records: tuple[Any, Any] = (None, None)
        self._gminy: dict[str, str] = {}
        title = (_("Merge two institutions") if kind == "organization"
                 else _("Merge two people"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        heading = QLabel(title, self)
        set_role(heading, "emptyTitle")
        links = (_("its people and their roles, MPKU membership and themes")
                 if kind == "organization" else
                 _("roles in institutions, registrations and attendance, themes, scores and "
                   "certificates"))
        intro = QLabel(_("Choose the record that stays. Everything linked to the other one — "
                         "{links} — moves to the one that stays, and its empty fields are "
                         "filled from the other. The other record is then deleted. The merge "
                         "is recorded in the change log.").format(links=links), self)
        intro.setObjectName("mergeExplanation")
        intro.setWordWrap(True)

        self.keep_first = QRadioButton(_("Keep this one"), self)
        self.keep_first.setObjectName("mergeKeepFirst")
        self.keep_second = QRadioButton(_("Keep this one"), self)
        self.keep_second.setObjectName("mergeKeepSecond")
        self.keep_first.setAccessibleName(_("Keep the first record"))
        self.keep_second.setAccessibleName(_("Keep the second record"))
        self._keep = QButtonGroup(self)
        self._keep.addButton(self.keep_first, 0)
        self._keep.addButton(self.keep_second, 1)
        self.keep_first.setChecked(True)

        self.grid_box = QFrame(self)
        self.grid_box.setObjectName("mergeComparison")
        self.grid_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.grid.setHorizontalSpacing(SPACING + 8)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)

        self.message = QLabel(self)
        self.message.setObjectName("mergeMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "banner")
        self.message.hide()
        self.result_label = QLabel(self)
        self.result_label.setObjectName("mergeResult")
        self.result_label.setWordWrap(True)
        set_role(self.result_label, "banner")
        self.result_label.hide()

        self.merge_button = QPushButton(tinted_icon("merge"), _("Merge…"), self)
        self.merge_button.setObjectName("mergeConfirm")
        self.merge_button.setAccessibleName(_("Merge"))
        self.merge_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("mergeCancel")
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING + 4)
        layout.setSpacing(SPACING)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.grid_box)
        layout.addWidget(self.message)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(2 * VALUE_WIDTH + 220)

        self.merge_button.clicked.connect(self.merge)
        self.cancel_button.clicked.connect(self.reject)
        self.reload()

    # --- the two records ----------------------------------------------------------------

    def reload(self) -> None:
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.services.registry import get_organization, get_person, gmina_choices

        get = get_organization if self._kind == "organization" else get_person
        try:
            self._records = (get(self._database, self._ids[0]), get(self._database, self._ids[1]))
        except UserFacingError as error:
            self._show_message(error.message)
            self.merge_button.setEnabled(False)
            return
        self._gminy = {choice.value: choice.label for choice in gmina_choices(self._database)}
        self._show_comparison()

    def records(self) -> tuple[Any, Any]:
        return self._records

    def kept_index(self) -> int:
        return 0 if self.keep_first.isChecked() else 1

    def set_kept(self, index: int) -> None:
        (self.keep_first if index == 0 else self.keep_second).setChecked(True)

    def _rows(self, record: Any) -> list[tuple[str, str]]:
        gmina = self._gminy.get(record.gmina_teryt, "")
        if self._kind == "organization":
            membership = record.membership
            return [
                (_("Name"), record.name),
                (_("Type"), organization_type_label(record.type)),
                ("NIP", record.nip),
                ("REGON", record.regon),
                (_("Address"), " ".join(part for part in (record.address, record.postal_code,
                                                           record.city) if part)),
                (_("Gmina"), gmina),
                (_("E-mail"), record.email),
                (_("Phone"), record.phone),
                (_("MPKU member since"), format_date(membership.since)
                 if membership and membership.since else ""),
                (_("WZK pillar"), pillar_label(membership.wzk_pillar)
                 if membership and membership.wzk_pillar else ""),
                (_("People"), format_number(len(record.people))),
                (_("Events"), format_number(len(record.events))),
            ]
        return [
            (_("Name"), " ".join(part for part in (record.title, record.first_name,
                                                   record.last_name) if part)),
            (_("Position"), record.position),
            (_("Institutions"), ", ".join(a.organization_name for a in record.affiliations)),
            (_("E-mail"), record.email),
            (_("Phone"), record.phone),
            (_("Gmina"), gmina),
            (_("RODO consent"), _("yes") if record.consent else _("no")),
            (_("Events"), format_number(len(record.events))),
        ]

    def _show_comparison(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.keep_first, self.keep_second):
                widget.deleteLater()
        first, second = (self._rows(record) for record in self._records)
        self.grid.addWidget(self.keep_first, 0, 1)
        self.grid.addWidget(self.keep_second, 0, 2)
        bold = QFont(self.font())
        bold.setBold(True)
        for number, ((label, a), (_label, b)) in enumerate(zip(first, second, strict=True),
                                                            start=1):
            caption = QLabel(label + ":", self.grid_box)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            set_role(caption, "subtle")
            self.grid.addWidget(caption, number, 0)
            for column, value in ((1, a), (2, b)):
                cell = QLabel(value or "—", self.grid_box)
                cell.setObjectName(f"mergeValue{number}_{column}")
                cell.setWordWrap(True)
                cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                cell.setTextFormat(Qt.TextFormat.PlainText)
                cell.setMaximumWidth(VALUE_WIDTH)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if a != b:
                    cell.setFont(bold)
                self.grid.addWidget(cell, number, column)
        note = QLabel(_("Values in bold differ."), self.grid_box)
        set_role(note, "subtle")
        self.grid.addWidget(note, len(first) + 1, 1, 1, 2)

    # --- merging ------------------------------------------------------------------------

    def _name(self, record: Any) -> str:
        if self._kind == "organization":
            return str(record.name)
        return f"{record.first_name} {record.last_name}".strip()

    def merge(self) -> bool:
        """Ask once more, then merge with the versions read; True when merged."""
        from skimlll_desktop.services.duplicates import merge_organizations, merge_people
        from skimlll_desktop.services.errors import StaleRecordError, UserFacingError

        if None in self._records:
            return False
        keep_index = self.kept_index()
        keep, remove = self._records[keep_index], self._records[1 - keep_index]
        answer = QMessageBox.question(
            self, self.windowTitle(),
            _("Merge “{removed}” into “{kept}”?\n\n“{removed}” is deleted and everything "
              "linked to it moves to “{kept}”. This cannot be undone.").format(
                removed=self._name(remove), kept=self._name(keep)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        merge = merge_organizations if self._kind == "organization" else merge_people
        try:
            result = merge(self._database, keep.id, remove.id, (keep.version, remove.version))
        except StaleRecordError as stale:
            self._show_message(stale.message + " " + _("The comparison now shows the records "
                                                       "as they are saved; check it again."))
            self.reload()
            return False
        except UserFacingError as error:
            self._show_message(error.message)
            return False
        moved = sum(result.moved.values())
        message = ngettext(
            "Merged: {n} link moved to “{name}”.",
            "Merged: {n} links moved to “{name}”.", moved,
        ).format(n=format_number(moved), name=self._name(keep))
        self.message.hide()
        self.result_label.setText(message)
        self.result_label.show()
        self.merge_button.hide()
        self.keep_first.setEnabled(False)
        self.keep_second.setEnabled(False)
        self.cancel_button.setText(_("Close"))
        self.cancel_button.setAccessibleName(_("Close"))
        self.cancel_button.setDefault(True)
        self.merged.emit(keep.id, message)
        return True

    def sizeHint(self) -> QSize:
        """As tall as the wrapped text needs at the dialog's width (not at a narrower one)."""
        hint = super().sizeHint()
        layout = self.layout()
        width = max(hint.width(), self.minimumWidth())
        if layout is None or not layout.hasHeightForWidth():
            return QSize(width, hint.height())
        return QSize(width, layout.totalHeightForWidth(width))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
