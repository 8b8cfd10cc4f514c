"""The form of one template: name, kind, orientation, heading, body, signature, place of issue,
background and the default flag — with the placeholders to insert and the live preview.

A placeholder is inserted with a double click (or Enter) on the list; gendered
words are written ``{wziął/wzięła/wziął(-ęła)}`` (man / woman / unknown).
Unknown placeholders are shown under the body as the text is typed; Ctrl+S
saves; a template changed meanwhile by someone else is not overwritten.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.documents_widgets import (
    banner,
    combo_box,
    keys_text,
    push_button,
    shortcut,
)
from skimlll_desktop.ui.form_widgets import FieldErrors, add_row, align_labels, make_form
from skimlll_desktop.ui.settings_page import ImagePicker
from skimlll_desktop.ui.template_preview_widget import TemplatePreviewWidget
from skimlll_desktop.ui.theme import SPACING, set_role

if TYPE_CHECKING:
    from skimlll_desktop.services.certificate_templates import TemplateDetails
    from skimlll_desktop.services.database import Database

# Gendered words offered beside the placeholders: for a man / a woman / unknown.
GENDERED_SNIPPETS = ("{wziął/wzięła/wziął(-ęła)}", "{Pan/Pani/Pan(i)}")
INSERT_ROLE = Qt.ItemDataRole.UserRole


class TemplateEditorWidget(QWidget):
    saved = Signal(object)  # the saved TemplateDetails
    edited = Signal()  # any change in the form

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self._database: Database | None = None
        self._loaded: TemplateDetails | None = None
        self._filling = False

        self.name = QLineEdit(self)
        self.name.setObjectName("templateName")
        self.kind = combo_box(self, "templateKind", _("Kind of document"))
        self.orientation = combo_box(self, "templateOrientation", _("Orientation"))
        self.orientation.addItem(_("portrait"), "portrait")
        self.orientation.addItem(_("landscape"), "landscape")
        self.heading = QLineEdit(self)
        self.heading.setObjectName("templateHeading")
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * 6 + 16)
        self.body.setToolTip(_("Each line is a paragraph; a line holding only {imię_nazwisko} "
                               "is printed large."))
        self.signatory_name = QLineEdit(self)
        self.signatory_name.setObjectName("templateSignatoryName")
        self.signatory_name.setPlaceholderText(_("name and surname"))
        self.signatory_role = QLineEdit(self)
        self.signatory_role.setObjectName("templateSignatoryRole")
        self.signatory_role.setPlaceholderText(_("role"))
        self.signatory_role.setAccessibleName(_("Signatory's role"))
        self.issue_place = QLineEdit(self)
        self.issue_place.setObjectName("templateIssuePlace")
        self.is_default = QCheckBox(_("&Default for its kind"), self)
        self.is_default.setObjectName("templateDefault")
        self.is_default.setAccessibleName(_("Default template for its kind"))
        self.is_default.setToolTip(_("Chosen first when documents of this kind are issued"))
        self.background = ImagePicker("templateBackground", _("Background image"),
                                      _("Choose the background image"), QSize(96, 68), self)
        self.background.setObjectName("templateBackgroundPicker")
        self.background.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.background.choose_button.setToolTip(_("A PNG or JPEG image printed under the whole "
                                                   "page, e.g. a frame"))
        self.errors = FieldErrors()
        self.message = banner(self, "templateMessage")

        self.revert_button = push_button(self, "templateRevert", _("&Discard changes"),
                                         self.revert, _("Go back to the saved template"),
                                         "undo")
        self.save_button = push_button(
            self, "templateSave", _("&Save"), self.save,
            _("Save the template ({keys})").format(keys=keys_text(QKeySequence.StandardKey.Save)),
            "check")
        self.reload_button = push_button(
            self, "templateReload", _("&Load the saved version"), self.reload_saved,
            _("Show the template as it is saved now; what you typed is dropped"), "restore")
        self.reload_button.hide()
        self.placeholders = self._build_placeholders()
        self.preview = TemplatePreviewWidget(self)
        self._lay_out()

        for line in (self.name, self.heading, self.signatory_name, self.signatory_role,
                     self.issue_place):
            line.textChanged.connect(self._on_edited)
        self.body.textChanged.connect(self._on_edited)
        for combo in (self.kind, self.orientation):
            combo.currentIndexChanged.connect(self._on_edited)
        self.is_default.toggled.connect(self._on_edited)
        self.background.changed.connect(self._on_edited)
        self.save_shortcut = shortcut(self, QKeySequence.StandardKey.Save, self.save,
                                      "templateSaveShortcut")
        self._set_enabled(False)

    # --- building -----------------------------------------------------------------------

    def _build_placeholders(self) -> QWidget:
        box = QGroupBox(_("Placeholders"), self)
        box.setObjectName("templatePlaceholdersGroup")
        self.placeholder_list = QListWidget(box)
        self.placeholder_list.setObjectName("templatePlaceholders")
        self.placeholder_list.setAccessibleName(_("Placeholders to insert"))
        self.placeholder_list.setToolTip(_("Double-click or press Enter to insert into the "
                                           "body"))
        self.placeholder_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholder_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.placeholder_list.itemActivated.connect(self._insert_item)
        self.placeholder_list.installEventFilter(self)
        help_text = QLabel(_("Double-click inserts at the cursor. Words by gender: "
                             "{man/woman/unknown}, e.g. {wziął/wzięła/wziął(-ęła)}."), box)
        help_text.setToolTip(_("The third form is printed for a person whose gender is not "
                               "recorded; without it both forms are printed, “wziął/wzięła”."))
        help_text.setObjectName("templateGenderHelp")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.PlainText)
        set_role(help_text, "subtle")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(SPACING // 2 + 2, SPACING, SPACING // 2 + 2, SPACING // 2)
        layout.addWidget(self.placeholder_list, 1)
        layout.addWidget(help_text)
        return box

    def _fill_placeholders(self) -> None:
        from skimlll_desktop.services.certificate_templates import PLACEHOLDERS

        if self.placeholder_list.count():
            return
        for name, sample in PLACEHOLDERS.items():
            item = QListWidgetItem("{" + name + "}")
            item.setData(INSERT_ROLE, "{" + name + "}")
            item.setToolTip(_("e.g. {sample}").format(sample=sample))
            self.placeholder_list.addItem(item)
        for snippet in GENDERED_SNIPPETS:
            item = QListWidgetItem(snippet)
            item.setData(INSERT_ROLE, snippet)
            item.setToolTip(_("man / woman / gender unknown"))
            self.placeholder_list.addItem(item)

    def _lay_out(self) -> None:
        form_box = QWidget(self)
        form_box.setObjectName("templateForm")
        form = make_form(form_box)
        form.setContentsMargins(0, 0, SPACING // 2, 0)
        add_row(form, _("Na&me:"), self.name, _("Template name"),
                self.errors.field("name", self.name, "templateName"))
        kind_row = QWidget(form_box)
        kind_layout = QHBoxLayout(kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.setSpacing(SPACING // 2)
        kind_layout.addWidget(self.kind, 1)
        orientation_label = QLabel(_("&Page:"), kind_row)
        orientation_label.setBuddy(self.orientation)
        kind_layout.addWidget(orientation_label)
        kind_layout.addWidget(self.orientation)
        add_row(form, _("&Kind:"), self.kind, _("Kind of document"), kind_row)
        add_row(form, _("&Heading:"), self.heading, _("Heading"))
        add_row(form, _("&Body:"), self.body, _("Body of the document"),
                self.errors.field("body", self.body, "templateBody"))
        signature = QWidget(form_box)
        signature_layout = QHBoxLayout(signature)
        signature_layout.setContentsMargins(0, 0, 0, 0)
        signature_layout.setSpacing(SPACING // 2)
        signature_layout.addWidget(self.signatory_name, 2)
        signature_layout.addWidget(self.signatory_role, 3)
        add_row(form, _("Si&gned by:"), self.signatory_name, _("Signatory's name"), signature)
        place = QWidget(form_box)
        place_layout = QHBoxLayout(place)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.setSpacing(SPACING)
        place_layout.addWidget(self.issue_place, 1)
        place_layout.addWidget(self.is_default)
        add_row(form, _("Place of iss&ue:"), self.issue_place, _("Place of issue"), place)
        add_row(form, _("Backgro&und:"), self.background.choose_button,
                _("Choose the background image"), self.background)
        align_labels(form_box)

        scroll = QScrollArea(self)
        scroll.setObjectName("templateFormScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form_box)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        self.form_column = QWidget(self)
        column = QVBoxLayout(self.form_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING - 4)
        column.addWidget(self.message)
        column.addWidget(scroll, 1)
        column.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING + 4)
        layout.addWidget(self.form_column, 5)
        layout.addWidget(self.preview, 4)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.form_column, self.placeholders, self.preview):
            widget.setEnabled(enabled)

    # --- the database and the template -------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        from skimlll_desktop.services.labels import DOCUMENT_KINDS
        from skimlll_desktop.services.settings import load_document_settings

        self._database = database
        if database is not None:
            self._fill_placeholders()
            if self.kind.count() == 0:
                for kind, label in DOCUMENT_KINDS.items():
                    self.kind.addItem(_(label), kind)
            self.preview.set_settings(load_document_settings(database))
        else:
            self._loaded = None
            self.preview.show_template(None)
        self._set_enabled(database is not None and self._loaded is not None)

    def reload_settings(self) -> None:
        from skimlll_desktop.services.settings import load_document_settings

        if self._database is not None:
            self.preview.set_settings(load_document_settings(self._database))

    def load(self, template: TemplateDetails) -> None:
        """Show ``template`` in the form (what was typed before is dropped)."""
        self._filling = True
        try:
            self._loaded = template
            self.name.setText(template.name)
            self.kind.setCurrentIndex(max(self.kind.findData(template.kind.value), 0))
            self.orientation.setCurrentIndex(
                max(self.orientation.findData(template.orientation.value), 0))
            self.heading.setText(template.heading)
            self.body.setPlainText(template.body)
            self.signatory_name.setText(template.signatory_name)
            self.signatory_role.setText(template.signatory_role)
            self.issue_place.setText(template.issue_place)
            self.is_default.setChecked(template.is_default)
            self.background.set_data(template.background)
            for line in (self.name, self.heading, self.signatory_name, self.signatory_role,
                         self.issue_place):
                line.setCursorPosition(0)  # long texts shown from their beginning
            self.errors.clear()
            self.message.hide()
            self.reload_button.hide()
        finally:
            self._filling = False
        self._set_enabled(self._database is not None)
        self._check_placeholders()
        self.preview.show_template(self.form(), at_once=True)

    def loaded(self) -> TemplateDetails | None:
        return self._loaded

    def form(self) -> TemplateDetails:
        """The template as the form shows it now (not saved)."""
        from skimlll_desktop.models import DocumentKind, Orientation
        from skimlll_desktop.services.certificate_templates import TemplateDetails

        base = self._loaded or TemplateDetails()
        return replace(
            base, name=self.name.text().strip(),
            kind=DocumentKind(self.kind.currentData() or base.kind.value),
            orientation=Orientation(self.orientation.currentData() or base.orientation.value),
            heading=self.heading.text(), body=self.body.toPlainText(),
            signatory_name=self.signatory_name.text().strip(),
            signatory_role=self.signatory_role.text().strip(),
            issue_place=self.issue_place.text().strip(),
            background=self.background.data(), is_default=self.is_default.isChecked())

    def has_unsaved_changes(self) -> bool:
        return self._loaded is not None and self.form() != self._loaded

    # --- editing ------------------------------------------------------------------------

    def _on_edited(self) -> None:
        if self._filling or self._loaded is None:
            return
        self._check_placeholders()
        self.preview.show_template(self.form())
        self.edited.emit()

    def _check_placeholders(self) -> bool:
        from skimlll_desktop.services.template_preview import placeholder_problem

        problem = placeholder_problem(self.heading.text(), self.body.toPlainText())
        self.errors.set("body", problem)
        return problem is None

    def insert_placeholder(self, text: str) -> None:
        self.body.insertPlainText(text)
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _insert_item(self, item: QListWidgetItem) -> None:
        self.insert_placeholder(str(item.data(INSERT_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.placeholder_list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            item = self.placeholder_list.currentItem()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
                self._insert_item(item)
                return True
        return super().eventFilter(watched, event)

    def reload_saved(self) -> None:
        """The template as it is in the database now (after someone else changed it)."""
        from skimlll_desktop.services.certificate_templates import get_template
        from skimlll_desktop.services.errors import UserFacingError

        if self._database is None or self._loaded is None or self._loaded.id is None:
            return
        try:
            self.load(get_template(self._database, self._loaded.id))
        except UserFacingError as error:
            self._say(error.message)

    def revert(self) -> None:
        if self._loaded is not None:
            self.load(self._loaded)

    def save(self) -> bool:
        """Save the form; False (with the message shown) when it cannot be saved."""
        from skimlll_desktop.services.certificate_templates import save_template
        from skimlll_desktop.services.errors import StaleRecordError, UserFacingError
        from skimlll_desktop.services.registry import FormErrors

        if self._database is None or self._loaded is None:
            return False
        if not self._check_placeholders():
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        try:
            saved = save_template(self._database, self.form())
        except FormErrors as errors:
            left = self.errors.show(errors.errors)
            if left:
                self._say(" ".join(left.values()))
            return False
        except StaleRecordError as error:
            self._say(error.message)
            self.reload_button.show()
            return False
        except UserFacingError as error:
            self._say(error.message)
            return False
        self.load(saved)
        self._say(_("The template “{name}” was saved.").format(name=saved.name))
        self.saved.emit(saved)
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
