"""Ustawienia: what printed documents need (kept in the database) and the program's language
(kept on this computer).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, format_number
from skimlll_desktop.ui.theme import PAGE_MARGIN, SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.settings import DocumentSettings

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {b"png", b"jpeg", b"jpg"}
FORM_WIDTH = 780
LANGUAGE_KEY = "language"


def image_problem(data: bytes) -> str | None:
    """Why these bytes cannot be a document image (None when they can)."""
    if len(data) > MAX_IMAGE_BYTES:
        return _("The image is too large ({size} MB); the limit is {limit} MB.").format(
            size=format_number(round(len(data) / 1024 / 1024, 1)),
            limit=format_number(MAX_IMAGE_BYTES // 1024 // 1024),
        )
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    if bytes(reader.format().data()).lower() not in IMAGE_FORMATS or reader.read().isNull():
        return _("This file is not a PNG or JPEG image.")
    return None


def _multiline(parent: QWidget, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 22
    edit.setFixedHeight(height)
    return edit


class ImagePicker(QWidget):
    """A thumbnail with Choose… and Remove buttons; holds the image's bytes."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        title: str,
        dialog_title: str,
        thumbnail_size: QSize,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self._dialog_title = dialog_title
        self._size = thumbnail_size
        self.preview = QLabel(self)
        self.preview.setObjectName(f"{name}Preview")
        self.preview.setAccessibleName(title)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(thumbnail_size + QSize(10, 10))
        set_role(self.preview, "thumbnail")
        capital = name[0].upper() + name[1:]
        self.choose_button = QPushButton(tinted_icon("open"), _("Choose…"), self)
        self.choose_button.setObjectName(f"choose{capital}")
        self.choose_button.setAccessibleName(_("Choose: {what}").format(what=title))
        self.choose_button.setToolTip(_("Choose a PNG or JPEG file"))
        self.clear_button = QPushButton(tinted_icon("delete"), _("Remove"), self)
        self.clear_button.setObjectName(f"clear{capital}")
        self.clear_button.setAccessibleName(_("Remove: {what}").format(what=title))
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}Error")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.error)

        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(self.clear)
        self._show()

    def data(self) -> bytes | None:
        return self._data

    def set_data(self, data: bytes | None) -> None:
        self._data = data
        self.error.hide()
        self._show()

    def choose(self) -> None:
        filename, _filter = QFileDialog.getOpenFileName(
            self, self._dialog_title, str(Path.home()), _("PNG or JPEG images (*.png *.jpg *.jpeg)")
        )
        if not filename:
            return
        try:
            data = Path(filename).read_bytes()
        except OSError as error:
            self._show_error(
                _("The file could not be read: {reason}").format(reason=error.strerror or error)
            )
            return
        problem = image_problem(data)
        if problem:
            self._show_error(problem)
            return
        self.set_data(data)
        self.changed.emit()

    def clear(self) -> None:
        if self._data is not None:
            self.set_data(None)
            self.changed.emit()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _show(self) -> None:
        self.clear_button.setEnabled(self._data is not None)
        if self._data is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No image"))
            return
        image = QImage.fromData(self._data)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(
            image.scaled(
                self._size * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        pixmap.setDevicePixelRatio(ratio)
        self.preview.setText("")
        self.preview.setPixmap(pixmap)


class SettingsPage(QWidget):
    """The Ustawienia area."""

    saved = Signal()
    status_message = Signal(str)  # for the window's status bar

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsArea")
        self._qsettings = settings
        self._database: Database | None = None
        self._loaded: DocumentSettings | None = None
        self._filling = False

        self.heading = QLabel(_("Settings"), self)
        self.heading.setObjectName("settingsHeading")
        set_role(self.heading, "heading")

        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.message, "banner")
        self.message.hide()

        form = QWidget(self)
        form.setObjectName("settingsForm")
        form.setMaximumWidth(FORM_WIDTH)
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(SPACING + 6)

        shared_note = QLabel(
            _("Institution, project and images are printed on attendance lists, certificates "
              "and letters. They are stored in the database and shared by everyone who uses "
              "it."),
            form,
        )
        shared_note.setWordWrap(True)
        set_role(shared_note, "subtle")
        form_layout.addWidget(shared_note)

        # Institution
        institution = QGroupBox(_("Institution"), form)
        institution.setObjectName("institutionGroup")
        self.institution_name = QLineEdit(institution)
        self.institution_name.setObjectName("institutionName")
        self.institution_address = QLineEdit(institution)
        self.institution_address.setObjectName("institutionAddress")
        institution_form = self._form(institution)
        self._row(institution_form, _("&Name:"), self.institution_name, _("Institution name"))
        self._row(institution_form, _("&Address:"), self.institution_address,
                  _("Institution address"))
        form_layout.addWidget(institution)

        # Project
        project = QGroupBox(_("Project"), form)
        project.setObjectName("projectGroup")
        self.project_name = _multiline(project, 2)
        self.project_name.setObjectName("projectName")
        self.funding_note = _multiline(project, 2)
        self.funding_note.setObjectName("fundingNote")
        project_form = self._form(project)
        self._row(project_form, _("&Project name:"), self.project_name, _("Project name"))
        self._row(project_form, _("&Funding note:"), self.funding_note, _("Funding note"))
        form_layout.addWidget(project)

        # Images
        images = QGroupBox(_("Images in document headers"), form)
        images.setObjectName("imagesGroup")
        self.logo = ImagePicker("logo", _("Logo"), _("Choose the logo"), QSize(96, 96), images)
        self.funding_bar = ImagePicker(
            "fundingBar", _("Funding bar"), _("Choose the funding bar"), QSize(360, 48), images
        )
        images_form = self._form(images)
        self._row(images_form, _("&Logo:"), self.logo.choose_button, _("Logo"), self.logo)
        self._row(images_form, _("F&unding bar:"), self.funding_bar.choose_button,
                  _("Funding bar"), self.funding_bar)
        images_hint = QLabel(
            _("PNG or JPEG, up to 5 MB. The funding bar is the strip of logos the funder "
              "requires at the top of every document."),
            images,
        )
        images_hint.setWordWrap(True)
        set_role(images_hint, "subtle")
        images_form.addRow("", images_hint)
        form_layout.addWidget(images)

        # Language (this computer only)
        language = QGroupBox(_("Language"), form)
        language.setObjectName("languageGroup")
        self.language_combo = QComboBox(language)
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language_note = QLabel(
            _("Stored on this computer only. A change takes effect after the program is "
              "restarted."),
            language,
        )
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        set_role(self.language_note, "subtle")
        language_form = self._form(language)
        self._row(language_form, _("Program lan&guage:"), self.language_combo,
                  _("Program language"))
        language_form.addRow("", self.language_note)
        form_layout.addWidget(language)
        form_layout.addStretch(1)

        # Save: in the heading row, always in sight
        self.save_button = QPushButton(tinted_icon("check"), _("Save"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.setAccessibleName(_("Save settings"))
        self.save_button.setToolTip(
            _("Save the settings ({shortcut})").format(
                shortcut=QKeySequence(QKeySequence.StandardKey.Save).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self.save_button.setMinimumWidth(110)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("settingsSaveState")
        set_role(self.save_state, "subtle")
        heading_row = QHBoxLayout()
        heading_row.setSpacing(SPACING)
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignVCenter)
        heading_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignVCenter)
        heading_box = QWidget(self)
        heading_box.setMaximumWidth(FORM_WIDTH)
        heading_box.setLayout(heading_row)
        heading_row.setContentsMargins(0, 0, 0, 0)

        scroll_content = QWidget(self)
        scroll_content.setObjectName("areaPage")
        scroll_layout = QVBoxLayout(scroll_content)
        scroll_layout.setContentsMargins(0, 0, 8, 0)
        scroll_layout.setSpacing(SPACING)
        scroll_layout.addWidget(self.message)
        scroll_layout.addWidget(form)
        scroll_layout.addStretch(1)
        self.message.setMaximumWidth(FORM_WIDTH)
        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(scroll_content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN - 4, PAGE_MARGIN - 8, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(heading_box)
        layout.addWidget(scroll, 1)
        self._align_labels()

        for edit in (self.institution_name, self.institution_address):
            edit.textChanged.connect(self._on_edited)
        for text in (self.project_name, self.funding_note):
            text.textChanged.connect(self._on_edited)
        self.logo.changed.connect(self._on_edited)
        self.funding_bar.changed.connect(self._on_edited)
        self.save_button.clicked.connect(self.save)
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)

        self._select_language(str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE)))
        self._set_enabled(False)

    # --- layout helpers -----------------------------------------------------------------

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setContentsMargins(SPACING + 4, SPACING + 6, SPACING + 4, SPACING + 4)
        form.setHorizontalSpacing(SPACING + 4)
        form.setVerticalSpacing(SPACING - 2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    @staticmethod
    def _row(
        form: QFormLayout,
        label_text: str,
        buddy: QWidget,
        accessible: str,
        field: QWidget | None = None,
    ) -> None:
        label = QLabel(label_text)
        label.setObjectName("formLabel")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setBuddy(buddy)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        buddy.setAccessibleName(accessible)
        form.addRow(label, field or buddy)

    def _align_labels(self) -> None:
        """One label column for every group, so the fields line up down the page."""
        labels = [label for label in self.findChildren(QLabel, "formLabel")]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    # --- the database -------------------------------------------------------------------

    def set_database(self, database: Database | None) -> None:
        self._database = database
        self.message.hide()
        self.save_state.setText("")
        if database is None:
            self._loaded = None
            self._set_enabled(False)
            return
        self.reload()

    def reload(self) -> None:
        from skimlll_desktop.services.settings import load_document_settings

        if self._database is None:
            return
        self._fill(load_document_settings(self._database))

    def _fill(self, values: DocumentSettings) -> None:
        self._loaded = values
        self._filling = True
        try:
            self.institution_name.setText(values.institution_name)
            self.institution_address.setText(values.institution_address)
            self.project_name.setPlainText(values.project_name)
            self.funding_note.setPlainText(values.funding_note)
            self.logo.set_data(values.logo)
            self.funding_bar.set_data(values.funding_bar)
        finally:
            self._filling = False
        self._set_enabled(True)
        self._update_dirty()

    def _edited(self) -> DocumentSettings | None:
        if self._loaded is None:
            return None
        return self._loaded.with_changes(
            institution_name=self.institution_name.text().strip(),
            institution_address=self.institution_address.text().strip(),
            project_name=self.project_name.toPlainText().strip(),
            funding_note=self.funding_note.toPlainText().strip(),
            logo=self.logo.data(),
            funding_bar=self.funding_bar.data(),
        )

    def has_unsaved_changes(self) -> bool:
        edited = self._edited()
        return edited is not None and edited != self._loaded

    def save(self) -> bool:
        """Save the document settings; True when saved."""
        from skimlll_desktop.services.errors import StaleRecordError, UserFacingError
        from skimlll_desktop.services.settings import save_document_settings

        edited = self._edited()
        if self._database is None or edited is None:
            return False
        try:
            saved = save_document_settings(self._database, edited)
        except StaleRecordError as error:
            self.reload()
            self._show_message(
                error.message + " " + _("The form now shows the settings as they were saved.")
            )
            return False
        except UserFacingError as error:
            self._show_message(error.message)
            return False
        self.message.hide()
        self._fill(saved)
        self.save_state.setText(_("Saved."))
        self.status_message.emit(_("Settings saved."))
        self.saved.emit()
        return True

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.institution_name,
            self.institution_address,
            self.project_name,
            self.funding_note,
            self.logo,
            self.funding_bar,
        ):
            widget.setEnabled(enabled)
        if not enabled:
            self.save_button.setEnabled(False)

    def _on_edited(self) -> None:
        if not self._filling:
            self.save_state.setText("")
            self._update_dirty()

    def _update_dirty(self) -> None:
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty)
        if dirty:
            self.save_state.setText(_("Unsaved changes"))

    # --- language -----------------------------------------------------------------------

    def _select_language(self, code: str) -> None:
        index = self.language_combo.findData(code)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)

    def _on_language_chosen(self, index: int) -> None:
        code = str(self.language_combo.itemData(index))
        self._qsettings.setValue(LANGUAGE_KEY, code)
        self._qsettings.sync()
        self.status_message.emit(
            _("Language saved. It takes effect after the program is restarted.")
        )
