"""Szablony: the list of templates beside the editor and its live preview.

"New template" starts from a copy of the template shown, which is how office
templates are usually made. Leaving a template with unsaved changes asks first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.documents_widgets import buddy_label, keys_text, push_button, shortcut
from skimlll_desktop.ui.template_editor import TemplateEditorWidget
from skimlll_desktop.ui.theme import SPACING

if TYPE_CHECKING:
    from skimlll_desktop.services.certificate_templates import TemplateDetails
    from skimlll_desktop.services.database import Database

ID_ROLE = Qt.ItemDataRole.UserRole
LIST_WIDTH = 230


class TemplatesWidget(QWidget):
    """The Szablony tab."""

    templates_changed = Signal()  # saved: the Issue tab lists them again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesTab")
        self._database: Database | None = None
        self._templates: list[TemplateDetails] = []

        self.list = QListWidget(self)
        self.list.setObjectName("templatesList")
        self.list.setAccessibleName(_("Templates"))
        self.list.setWordWrap(True)
        self.new_button = push_button(
            self, "templateNew", _("&New template"), self.new_template,
            _("A new template, starting as a copy of the one shown ({keys})").format(
                keys=keys_text("Ctrl+N")), "add")
        self.delete_button = push_button(
            self, "templateDelete", _("&Delete template"), self.delete_template,
            _("Delete the template shown; documents already issued keep their text"),
            "delete")
        self.editor = TemplateEditorWidget(self)

        left = QWidget(self)
        left.setFixedWidth(LIST_WIDTH)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(SPACING // 2)
        left_layout.addWidget(buddy_label(self, _("&Templates"), self.list))
        left_layout.addWidget(self.list, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)
        left_layout.addSpacing(SPACING // 2)
        left_layout.addWidget(self.editor.placeholders, 3)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING + 4)
        layout.addWidget(left)
        layout.addWidget(self.editor, 1)

        self.list.currentRowChanged.connect(self._on_row)
        self.editor.saved.connect(self._on_saved)
        shortcut(self, "Ctrl+N", self.new_template, "templateNewShortcut")
        self._row = -1

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self.editor.set_database(database)
        self._row = -1
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        from skimlll_desktop.services.certificate_templates import list_templates
        from skimlll_desktop.services.labels import document_kind_label

        current = self.editor.loaded()
        select_id = select_id if select_id is not None else (current.id if current else None)
        self._templates = list_templates(self._database) if self._database is not None else []
        self.list.blockSignals(True)
        self.list.clear()
        for template in self._templates:
            detail = document_kind_label(template.kind)
            if template.is_default:
                detail += " · " + _("default")
            item = QListWidgetItem(f"{template.name}\n{detail}")
            item.setData(ID_ROLE, template.id)
            item.setToolTip(f"{template.name} — {detail}")
            self.list.addItem(item)
        row = next((n for n, t in enumerate(self._templates) if t.id == select_id), 0)
        self.list.blockSignals(False)
        self.new_button.setEnabled(bool(self._templates))
        self.delete_button.setEnabled(bool(self._templates))
        if self._templates:
            self._row = -1
            self.list.setCurrentRow(row)

    def select_kind(self, kind: str) -> bool:
        """Show the default template of a kind (``"diploma"``…); False when it is not there."""
        row = next((n for n, t in enumerate(self._templates)
                    if t.kind.value == kind and t.is_default), None)
        if row is None:
            row = next((n for n, t in enumerate(self._templates) if t.kind.value == kind), None)
        if row is None:
            return False
        self.list.setCurrentRow(row)
        return self.list.currentRow() == row

    def has_unsaved_changes(self) -> bool:
        return self.editor.has_unsaved_changes()

    def save(self) -> bool:
        return self.editor.save()

    # --- switching ----------------------------------------------------------------------

    def _on_row(self, row: int) -> None:
        if row == self._row or not 0 <= row < len(self._templates):
            return
        if self._row >= 0 and not self._may_leave():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row)
            self.list.blockSignals(False)
            return
        self._row = row
        self.editor.load(self._templates[row])

    def _may_leave(self) -> bool:
        if not self.editor.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self, _("Unsaved changes"),
            _("The template has changes that are not saved. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.editor.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_template(self) -> None:
        """A copy of the template shown, not saved yet, with its name selected for typing."""
        if self.editor.loaded() is None or not self._may_leave():
            return
        current = self.editor.loaded()
        assert current is not None
        copy = replace(current, id=None, version=None, is_default=False,
                       name=_("{name} (copy)").format(name=current.name))
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._row = -1
        self.editor.load(copy)
        self.editor.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.name.selectAll()

    def delete_template(self) -> None:
        """Delete the template shown, after asking (a copy not saved yet is just dropped)."""
        from skimlll_desktop.services.certificate_templates import delete_template
        from skimlll_desktop.services.errors import UserFacingError
        from skimlll_desktop.ui.errors import confirm, show_message

        current = self.editor.loaded()
        if current is None or self._database is None:
            return
        if current.id is None or current.version is None:  # a copy never saved: drop it
            self._row = -1
            self.refresh()
            return
        if not confirm(self, _("Delete the template"), _(
                "Delete the template {name}? Documents already issued keep their text.").format(
                    name=current.name)):
            return
        try:
            delete_template(self._database, current.id, current.version)
        except UserFacingError as error:
            show_message(_("Delete the template"), error.message, parent=self,
                         object_name="templateDeleteError")
            return
        self._row = -1
        self.refresh()
        self.templates_changed.emit()

    def _on_saved(self, saved: TemplateDetails) -> None:
        self.refresh(saved.id)
        self.templates_changed.emit()
