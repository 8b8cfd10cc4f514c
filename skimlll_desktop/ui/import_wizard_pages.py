"""The pages of the partner import wizard: file, columns, preview, summary.

Each page reads and changes the state the wizard keeps (the file, its outline,
the preview, the gmina choices) and asks the wizard to run the background jobs;
see :mod:`skimlll_desktop.ui.import_wizard`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.import_preview_model import (
    ImportPreviewTableModel,
    PreparedRow,
    counts_text,
    prepare_rows,
)
from skimlll_desktop.ui.jobs import call_as_job
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.excel_sheets import SheetOutline
    from skimlll_desktop.services.partner_import import ImportPreview, ImportResult, PartnerRow
    from skimlll_desktop.ui.import_wizard import PartnerImportWizard

SAMPLE_CHARS = 60  # how much of the example value the columns page shows
IGNORE = -1  # the "— do not import —" entry of a column combo

# Every field the import reads, grouped as the columns page shows them.
INSTITUTION_FIELDS = ("name", "short_name", "type", "nip", "regon", "krs", "gmina", "powiat",
                      "address", "postal_code", "city", "email", "phone", "website", "notes")
CONTACT_FIELDS = ("contact", "contact_position", "contact_email", "contact_phone")
MEMBERSHIP_FIELDS = ("pillar", "joined_on")
ALL_FIELDS = INSTITUTION_FIELDS + CONTACT_FIELDS + MEMBERSHIP_FIELDS

FIELD_LABELS: dict[str, str] = {
    "name": N_("Institution name"),
    "short_name": N_("Short name"),
    "type": N_("Type of institution"),
    "nip": "NIP",
    "regon": "REGON",
    "krs": "KRS",
    "gmina": N_("Gmina"),
    "powiat": N_("Powiat"),
    "address": N_("Address"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "website": N_("Website"),
    "notes": N_("Notes"),
    "contact": N_("First and last name"),
    "contact_position": N_("Position"),
    "contact_email": N_("Contact person's e-mail"),
    "contact_phone": N_("Contact person's phone"),
    "pillar": N_("WZK pillar"),
    "joined_on": N_("Member since"),
}
REQUIRED_FIELDS = ("name",)


def field_label(name: str) -> str:
    """The field's label in the program's language (acronyms stay as they are)."""
    return _(FIELD_LABELS[name])


def column_letter(index: int) -> str:
    """0 → ``A``, 25 → ``Z``, 26 → ``AA``: the column as Excel names it."""
    number = index + 1
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _elided(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _subtle(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    set_role(label, "subtle")
    return label


def _banner(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_role(label, "banner")
    label.hide()
    return label


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to the width it gets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 0)))


# --- 1. the file -----------------------------------------------------------------------


class ImportFilePage(QWizardPage):
    """Choose the workbook (and the sheet); the header row is looked for in the background."""

    def __init__(self, wizard: PartnerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("importFilePage")
        self.setTitle(_("Choose the Excel file"))
        self.setSubTitle(_("One institution per row, with the contact person if you have one."))
        self.outline: SheetOutline | None = None
        self._busy = False
        self._generation = 0
        self._filling = False

        intro = QLabel(
            _("The program finds the row with the column names by itself, even under a title, "
              "and recognises the usual Polish and English names (Nazwa instytucji, NIP, Gmina, "
              "Osoba kontaktowa…)."),
            self,
        )
        intro.setWordWrap(True)

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importFilePath")
        self.path_edit.setAccessibleName(_("Excel file"))
        self.path_edit.setPlaceholderText(_("Choose a file or paste its path, then press Enter"))
        self.path_edit.setClearButtonEnabled(True)
        self.file_button = QPushButton(tinted_icon("open"), _("Choose…"), self)
        self.file_button.setObjectName("importFileButton")
        self.file_button.setAccessibleName(_("Choose the Excel file"))
        self.file_button.setToolTip(_("Choose an Excel workbook (.xlsx)"))
        file_label = QLabel(_("&File:"), self)
        file_label.setBuddy(self.path_edit)

        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("importSheet")
        self.sheet_combo.setAccessibleName(_("Sheet"))
        self.sheet_combo.setToolTip(_("The workbook has several sheets: choose the one to import"))
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_label = QLabel(_("&Sheet:"), self)
        self.sheet_label.setBuddy(self.sheet_combo)

        self.status = _subtle("", self)
        self.status.setObjectName("importFileStatus")
        self.status.hide()
        self.error = _banner("importFileError", self)
        self.error.setAccessibleName(_("Problem with the file"))

        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(SPACING - 2)
        grid.addWidget(file_label, 0, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.path_edit, 0, 1)
        grid.addWidget(self.file_button, 0, 2)
        grid.addWidget(self.sheet_label, 1, 0, Qt.AlignmentFlag.AlignRight)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)
        grid.addLayout(sheet_row, 1, 1, 1, 2)
        grid.addWidget(self.status, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        steps = QGroupBox(_("What happens next"), self)
        steps.setObjectName("importSteps")
        steps_layout = QVBoxLayout(steps)
        steps_layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        steps_layout.setSpacing(6)
        for number, text in enumerate((
            _("You check which column of the sheet goes into which field."),
            _("You see every row: what will be added, updated or skipped, and why."),
            _("Only when you press Import are all correct rows saved — together, or none "
              "at all."),
        ), start=1):
            step = QLabel(f"{number}.  {text}", steps)
            step.setWordWrap(True)
            steps_layout.addWidget(step)
        self.promise = QLabel(_("Nothing will be saved until you confirm."), steps)
        self.promise.setObjectName("importPromise")
        self.promise.setStyleSheet("font-weight: 600;")  # the group box resets fonts
        steps_layout.addSpacing(4)
        steps_layout.addWidget(self.promise)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING + 4)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(steps)
        layout.addStretch(1)
        self._show_sheets(())

        self.file_button.clicked.connect(self.choose_file)
        self.path_edit.returnPressed.connect(self._path_typed)
        self.path_edit.textEdited.connect(self._path_edited)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)

    # --- QWizardPage --------------------------------------------------------------------

    def isComplete(self) -> bool:
        return self.outline is not None and not self._busy

    def validatePage(self) -> bool:
        # Pressing Enter in the path field both inspects and presses Next: only a
        # checked file of the path now in the field may go on.
        return self.isComplete() and self._current_path() == self._wizard.path

    # --- choosing -----------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self._wizard.path.parent) if self._wizard.path else str(Path.home())
        filename, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the Excel file"), start,
            _("Excel workbooks (*.xlsx *.xlsm);;All files (*)"))
        if filename:
            self.path_edit.setText(filename)
            self.inspect(Path(filename))

    def _current_path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def _path_typed(self) -> None:
        path = self._current_path()
        if path is not None and (path != self._wizard.path or self.outline is None):
            self.inspect(path)

    def _path_edited(self) -> None:
        # A path being typed is not checked yet: Next waits for Enter or Choose….
        if self.outline is not None and self._current_path() != self._wizard.path:
            self.outline = None
            self._set_status(_("Press Enter to read this file."))
            self.completeChanged.emit()

    def _sheet_chosen(self, index: int) -> None:
        if self._filling or index < 0 or self._wizard.path is None:
            return
        sheet = self.sheet_combo.itemText(index)
        if self.outline is None or sheet != self.outline.sheet:
            self.inspect(self._wizard.path, sheet)

    def inspect(self, path: Path, sheet: str | None = None) -> None:
        """Read the sheets and the header of ``path`` in the background."""
        from skimlll_desktop.services.excel_sheets import outline_sheet
        from skimlll_desktop.services.partner_import import REQUIRED, SYNONYMS

        self._generation += 1
        generation = self._generation
        self._wizard.set_source(path, None)
        self.outline = None
        self._busy = True
        self.error.hide()
        self._set_status(_("Reading {name}…").format(name=path.name))
        if sheet is None:
            self._show_sheets(())
        self.completeChanged.emit()
        self._wizard.run_job(
            "inspect",
            call_as_job(outline_sheet, path, SYNONYMS, REQUIRED, sheet,
                        message=_("Reading {name}…").format(name=path.name)),
            _("Reading the file…"),
            on_finished=lambda outline: self._inspected(generation, path, outline),
            on_failed=lambda message: self._failed(generation, message),
            cancellable=False,
        )

    def _inspected(self, generation: int, path: Path, outline: SheetOutline) -> None:
        if generation != self._generation:
            return
        self._busy = False
        self.outline = outline
        self._wizard.set_source(path, outline)
        self._show_sheets(outline.sheets, outline.sheet)
        self._set_status(
            _("Column names found in row {row} of the sheet “{sheet}”.").format(
                row=format_number(outline.header.row), sheet=outline.sheet))
        self.completeChanged.emit()
        self._wizard.file_inspected.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._busy = False
        self.outline = None
        self._set_status("")
        self.error.setText(message)
        self.error.show()
        self.completeChanged.emit()
        self._wizard.file_inspected.emit()

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_sheets(self, sheets: tuple[str, ...], current: str | None = None) -> None:
        if sheets:
            self._filling = True
            try:
                self.sheet_combo.clear()
                self.sheet_combo.addItems(list(sheets))
                if current is not None:
                    self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findText(current), 0))
            finally:
                self._filling = False
        several = len(sheets) > 1
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)


# --- 2. the columns --------------------------------------------------------------------


class ImportMappingPage(QWizardPage):
    """One combo per field: which column of the sheet feeds it (or none)."""

    def __init__(self, wizard: PartnerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("importMappingPage")
        self.setTitle(_("Check the columns"))
        self.setSubTitle(_("Which column of the sheet goes into which field."))
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, ElidedLabel] = {}
        self._built_for: tuple[Any, ...] | None = None

        self.intro = QLabel(self)
        self.intro.setObjectName("importMappingIntro")
        self.intro.setWordWrap(True)
        self.reset_button = QPushButton(tinted_icon("undo"), _("Restore the automatic match"),
                                        self)
        self.reset_button.setObjectName("importMappingReset")
        self.reset_button.setAccessibleName(_("Restore the automatic match"))
        self.reset_button.setToolTip(
            _("Match the columns by their names again, as when the file was read"))
        self.error = _banner("importMappingError", self)

        institution = QGroupBox(_("Institution"), self)
        institution.setObjectName("importMappingInstitution")
        contact = QGroupBox(_("Contact person"), self)
        contact.setObjectName("importMappingContact")
        membership = QGroupBox(_("MPKU membership"), self)
        membership.setObjectName("importMappingMembership")
        for group, names in ((institution, INSTITUTION_FIELDS), (contact, CONTACT_FIELDS),
                             (membership, MEMBERSHIP_FIELDS)):
            self._build_group(group, names)
        contact_note = _subtle(
            _("A single E-mail or Phone column next to the contact person is taken as the "
              "person's."), contact)
        contact_layout = contact.layout()
        assert isinstance(contact_layout, QGridLayout)
        contact_layout.addWidget(contact_note, contact_layout.rowCount(), 0, 1, 3)

        right = QVBoxLayout()
        right.setSpacing(SPACING)
        right.addWidget(contact)
        right.addWidget(membership)
        right.addStretch(1)
        # In a scroll area: on a 1366×768 laptop at 125 % the page may be shorter than
        # the fields.
        fields = QWidget(self)
        fields.setObjectName("importMappingFields")
        columns = QHBoxLayout(fields)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(SPACING + 4)
        columns.addWidget(institution, 6)
        columns.addLayout(right, 5)
        scroll = QScrollArea(self)
        scroll.setObjectName("importMappingScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.intro, 1)
        top.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)

        self.reset_button.clicked.connect(self.reset)
        # Tab goes down the fields first; the reset button comes last.
        QWidget.setTabOrder(self.combos[ALL_FIELDS[-1]], self.reset_button)

    def _build_group(self, group: QGroupBox, names: tuple[str, ...]) -> None:
        from skimlll_desktop.services.partner_import import SYNONYMS

        grid = QGridLayout(group)
        grid.setContentsMargins(SPACING, SPACING, SPACING, SPACING - 2)
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(4)
        for row, name in enumerate(names):
            text = field_label(name) + (" *" if name in REQUIRED_FIELDS else "")
            combo = QComboBox(group)
            combo.setObjectName(f"importMapping{_camel(name)}")
            combo.setAccessibleName(_("Column for: {field}").format(field=field_label(name)))
            combo.setToolTip(_("Recognised column names: {names}").format(
                names=", ".join(SYNONYMS.get(name, ()))))
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            label = QLabel(text + ":", group)
            label.setBuddy(combo)
            sample = ElidedLabel(group)
            sample.setObjectName(f"importMappingSample{_camel(name)}")
            sample.setMinimumWidth(sample.fontMetrics().averageCharWidth() * 12)
            set_role(sample, "subtle")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(combo, row, 1)
            grid.addWidget(sample, row, 2)
            self.combos[name] = combo
            self.samples[name] = sample
            combo.currentIndexChanged.connect(lambda _index, name=name: self._changed(name))
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)

    # --- QWizardPage --------------------------------------------------------------------

    def initializePage(self) -> None:
        outline = self._wizard.outline
        if outline is None:
            return
        key = (self._wizard.path, outline.sheet, outline.header)
        if key != self._built_for:
            self._built_for = key
            self._fill(outline)
        self.intro.setText(_(
            "Column names were found in row {row} of the sheet “{sheet}”; the letters are the "
            "sheet's columns. Check what goes where; choose “{ignore}” for a field you do not "
            "want. Fields marked * are required.").format(
                row=format_number(outline.header.row), sheet=outline.sheet,
                ignore=_("— do not import —")))

    def isComplete(self) -> bool:
        return self.problem() is None

    # --- the mapping --------------------------------------------------------------------

    def overrides(self) -> dict[str, int | None]:
        """Field → column index (None: not imported), for every field."""
        mapping: dict[str, int | None] = {}
        for name, combo in self.combos.items():
            column = combo.currentData()
            mapping[name] = None if column is None or column == IGNORE else int(column)
        return mapping

    def choose(self, name: str, column: int | None) -> None:
        """Select ``column`` (None: do not import) for the field ``name``."""
        combo = self.combos[name]
        combo.setCurrentIndex(max(combo.findData(IGNORE if column is None else column), 0))

    def problem(self) -> str | None:
        mapping = self.overrides()
        for name in REQUIRED_FIELDS:
            if mapping.get(name) is None:
                return _("Choose the column with the {field}: it is required.").format(
                    field=field_label(name))
        used: dict[int, str] = {}
        for name in ALL_FIELDS:
            column = mapping.get(name)
            if column is None:
                continue
            if column in used:
                return _("The column {column} is chosen for both “{first}” and “{second}”. "
                         "Choose it for one field only.").format(
                    column=self._column_text(column), first=field_label(used[column]),
                    second=field_label(name))
            used[column] = name
        return None

    def reset(self) -> None:
        if self._wizard.outline is not None:
            self._fill(self._wizard.outline)

    def _fill(self, outline: SheetOutline) -> None:
        headers = outline.header.headers
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("— do not import —"), IGNORE)
            for index, header in enumerate(headers):
                if header:
                    combo.addItem(self._column_text(index), index)
            combo.setCurrentIndex(max(combo.findData(outline.header.columns.get(name, IGNORE)),
                                      0))
            combo.blockSignals(False)
            self._show_sample(name)
        self._update_problem()

    def _column_text(self, index: int) -> str:
        outline = self._wizard.outline
        headers = outline.header.headers if outline is not None else ()
        header = headers[index] if 0 <= index < len(headers) else ""
        return f"{column_letter(index)} · {header}"

    def _changed(self, name: str) -> None:
        self._show_sample(name)
        self._update_problem()

    def _show_sample(self, name: str) -> None:
        outline = self._wizard.outline
        column = self.combos[name].currentData()
        label = self.samples[name]
        text = ""
        if outline is not None and column is not None and 0 <= column < len(outline.sample):
            text = outline.sample[column]
        label.set_full_text(_("e.g. {value}").format(value=_elided(text, SAMPLE_CHARS))
                            if text else "")
        label.setToolTip(
            _("In the first row: {value}").format(value=text) if text else "")

    def _update_problem(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
        self.completeChanged.emit()


# --- 3. the preview --------------------------------------------------------------------


class ImportPreviewPage(QWizardPage):
    """Every row with its result and problems; gminy are chosen here; the commit page."""

    def __init__(self, wizard: PartnerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("importPreviewPage")
        self.setTitle(_("Check the rows"))
        self.setSubTitle(_("Nothing has been saved yet. Rows in red will be skipped; rows in "
                           "amber will be imported with a warning."))
        self.setCommitPage(True)
        self._busy = False

        self.counts = QLabel(self)
        self.counts.setObjectName("importCounts")
        self.counts.setAccessibleName(_("Rows by result"))
        font = QFont(self.counts.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.counts.setFont(font)
        self.only_problems = QCheckBox(_("&Only rows with problems"), self)
        self.only_problems.setObjectName("importOnlyProblems")
        self.only_problems.setAccessibleName(_("Show only rows with problems"))

        self.status = _subtle("", self)
        self.status.setObjectName("importPreviewStatus")
        self.error = _banner("importPreviewError", self)
        self.retry_button = QPushButton(tinted_icon("restore"), _("Check again"), self)
        self.retry_button.setObjectName("importPreviewRetry")
        self.retry_button.setAccessibleName(_("Check the rows again"))
        self.retry_button.hide()

        self.model = ImportPreviewTableModel(self)
        self.model.setObjectName("importPreviewModel")
        self.table = QTableView(self)
        self.table.setObjectName("importPreviewTable")
        self.table.setAccessibleName(_("Rows of the sheet"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        header.setSortIndicator(ImportPreviewTableModel.COLUMN_ROW, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        em = self.table.fontMetrics().averageCharWidth()
        for column, chars in (
            (ImportPreviewTableModel.COLUMN_ROW, 8),
            (ImportPreviewTableModel.COLUMN_RESULT, 17),
            (ImportPreviewTableModel.COLUMN_NAME, 36),
            (ImportPreviewTableModel.COLUMN_NIP, 13),
            (ImportPreviewTableModel.COLUMN_GMINA, 30),
        ):
            self.table.setColumnWidth(column, chars * em)

        # The selected row, in full: its problems, and the gmina choice when needed.
        self.details = QFrame(self)
        self.details.setObjectName("importRowDetails")
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details_title = ElidedLabel(self.details)
        self.details_title.setObjectName("importRowTitle")
        self.details_title.setStyleSheet("font-weight: 600;")
        self.details_text = QLabel(self.details)
        self.details_text.setObjectName("importRowProblems")
        self.details_text.setWordWrap(True)
        self.details_text.setTextFormat(Qt.TextFormat.PlainText)
        self.details_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_text.setAccessibleName(_("Problems of the selected row"))
        self.details_text.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self.gmina_combo = QComboBox(self.details)
        self.gmina_combo.setObjectName("importGminaChoice")
        self.gmina_combo.setAccessibleName(_("Gmina for this row"))
        self.gmina_combo.setToolTip(_("The gminy this name can mean"))
        self.gmina_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.gmina_label = QLabel(_("&Gmina:"), self.details)
        self.gmina_label.setBuddy(self.gmina_combo)
        self.gmina_button = QPushButton(tinted_icon("check"), _("Choose this gmina"),
                                        self.details)
        self.gmina_button.setObjectName("importChooseGmina")
        self.gmina_button.setAccessibleName(_("Choose this gmina for the row"))
        self.gmina_button.setToolTip(_("Check the rows again with this gmina"))
        gmina_row = QHBoxLayout()
        gmina_row.setSpacing(SPACING)
        gmina_row.addWidget(self.gmina_label)
        gmina_row.addWidget(self.gmina_combo)
        gmina_row.addWidget(self.gmina_button)
        gmina_row.addStretch(1)
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(SPACING, 8, SPACING, 8)
        details_layout.setSpacing(6)
        details_layout.addWidget(self.details_title)
        details_layout.addWidget(self.details_text)
        details_layout.addLayout(gmina_row)

        self.save_report_button = QPushButton(tinted_icon("export"), _("Save report…"), self)
        self.save_report_button.setObjectName("importSaveReport")
        self.save_report_button.setAccessibleName(_("Save the import report"))
        self.save_report_button.setToolTip(
            _("An Excel file with every row, its result and its problems"))
        self.report_status = _subtle("", self)
        self.report_status.setObjectName("importReportStatus")

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.counts)
        top.addStretch(1)
        top.addWidget(self.only_problems)
        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING)
        bottom.addWidget(self.save_report_button)
        bottom.addWidget(self.report_status, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(status_row)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)

        self.gmina_combo.installEventFilter(self)
        self.table.installEventFilter(self)
        self.only_problems.toggled.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.gmina_button.clicked.connect(self.choose_gmina)
        self.save_report_button.clicked.connect(wizard.save_report)
        self.retry_button.clicked.connect(lambda: wizard.run_preview(force=True))
        self.show_preview(None)

    # --- QWizardPage --------------------------------------------------------------------

    def initializePage(self) -> None:
        self._wizard.run_preview()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the gmina choice chooses it (not Import); on an ambiguous row it goes
        to the choice."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.gmina_combo:
                self.choose_gmina()
                return True
            if watched is self.table and self.gmina_combo.isVisible() and \
                    self.gmina_combo.isEnabled():
                self.gmina_combo.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def cleanupPage(self) -> None:  # Back
        self._wizard.stop_preview()

    def isComplete(self) -> bool:
        preview = self._wizard.preview
        return not self._busy and preview is not None and self._accepted(preview) > 0

    def validatePage(self) -> bool:
        if self._wizard.import_result is not None:
            return True
        if self.isComplete():
            self._wizard.start_import()
        return False

    # --- showing ------------------------------------------------------------------------

    @staticmethod
    def _accepted(preview: ImportPreview) -> int:
        from skimlll_desktop.services.partner_import import SKIP

        return len(preview.rows) - preview.count(SKIP)

    def set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        self.status.setText(message)
        self.status.setVisible(bool(message))
        for widget in (self.only_problems, self.save_report_button, self.gmina_button,
                       self.gmina_combo):
            widget.setEnabled(not busy)
        self.table.setEnabled(not busy)
        self.completeChanged.emit()
        self._wizard.sync_buttons()

    def show_error(self, message: str, *, retry: bool) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.retry_button.setVisible(retry)

    def show_preview(
        self,
        preview: ImportPreview | None,
        keep_row: int | None = None,
        rows: list[PreparedRow] | None = None,
    ) -> None:
        """Show a preview (None: none yet) with its ``rows`` prepared for the table (prepared
        here when not given); ``keep_row`` is the spreadsheet row to select."""
        from skimlll_desktop.services.partner_import import CREATE, SKIP, UPDATE

        if preview is None:
            self.model.clear()
            self.counts.setText("")
            self.only_problems.setText(_("&Only rows with problems"))
            self._show_details(None)
            self._update_commit_text(0)
            return
        old_view_row = self.table.currentIndex().row()
        if rows is None:
            rows = prepare_rows(preview.rows, preview.header, self._wizard.gmina_labels)
        self.model.set_prepared(rows)
        self.counts.setText(counts_text(preview.count(CREATE), preview.count(UPDATE),
                                        preview.count(SKIP)))
        self.only_problems.setText(_("&Only rows with problems ({count})").format(
            count=format_number(self.model.rows_with_problems())))
        accepted = self._accepted(preview)
        self._update_commit_text(accepted)
        if accepted == 0:
            self.show_error(_("No row can be imported: every row has a problem that must be "
                              "corrected in the sheet first. The report lists them."),
                            retry=False)
        else:
            self.show_error("", retry=False)
        view_row = self.model.view_row_of(keep_row) if keep_row is not None else None
        if view_row is None and keep_row is not None:
            view_row = min(max(old_view_row, 0), self.model.rowCount() - 1)
        self.select_view_row(view_row if view_row is not None else 0)
        self.completeChanged.emit()

    def select_view_row(self, view_row: int) -> None:
        if not 0 <= view_row < self.model.rowCount():
            self._show_details(None)
            return
        index = self.model.index(view_row, ImportPreviewTableModel.COLUMN_RESULT)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show_details(self.model.partner_row(view_row))

    def select_spreadsheet_row(self, spreadsheet_row: int) -> bool:
        view_row = self.model.view_row_of(spreadsheet_row)
        if view_row is None:
            return False
        self.select_view_row(view_row)
        return True

    def _update_commit_text(self, accepted: int) -> None:
        self.setButtonText(
            QWizard.WizardButton.CommitButton,
            ngettext("&Import {n} row", "&Import {n} rows", accepted).format(
                n=format_number(accepted)) if accepted else _("&Import"))

    def _filter(self, only: bool) -> None:
        current = self.model.partner_row(self.table.currentIndex().row())
        self.model.set_only_problems(only)
        if current is None or not self.select_spreadsheet_row(current.row):
            self.select_view_row(0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(self.model.partner_row(current.row()) if current.isValid() else None)

    def _show_details(self, row: PartnerRow | None) -> None:
        from skimlll_desktop.services.partner_import import ACTION_LABELS

        if row is None:
            self.details_title.set_full_text(_("Select a row to see its problems in full."))
            self.details_text.setText("")
            self.details_text.hide()
            self._show_gmina_choice(None)
            return
        title = _("Row {row}: {result}").format(row=row.row, result=_(ACTION_LABELS[row.action]))
        name = str(row.values.get("name") or "")
        self.details_title.set_full_text(f"{title} — {name}" if name else title)
        self.details_title.setToolTip(name)
        if row.problems:
            lines = [f"• {p.column}: {p.message}" if p.column else f"• {p.message}"
                     for p in row.problems]
        else:
            lines = [_("No problems.")]
        self.details_text.setText("\n".join(lines))
        self.details_text.show()
        self._show_gmina_choice(row)

    def _show_gmina_choice(self, row: PartnerRow | None) -> None:
        candidates = self._wizard.gmina_candidates_of(row.row) if row is not None else ()
        visible = bool(candidates)
        for widget in (self.gmina_label, self.gmina_combo, self.gmina_button):
            widget.setVisible(visible)
        if not visible or row is None:
            return
        chosen = self._wizard.gmina_choices.get(row.row)
        self.gmina_combo.clear()
        if chosen is None:
            self.gmina_combo.addItem(_("— choose —"), "")
        for gmina in candidates:
            self.gmina_combo.addItem(gmina.label, gmina.teryt)
        if chosen is not None:
            self.gmina_combo.setCurrentIndex(max(self.gmina_combo.findData(chosen), 0))
        self.gmina_button.setText(_("Change the gmina") if chosen else _("Choose this gmina"))

    def choose_gmina(self) -> None:
        row = self.model.partner_row(self.table.currentIndex().row())
        teryt = self.gmina_combo.currentData()
        if row is None or not teryt:
            self.gmina_combo.setFocus()
            return
        self._wizard.choose_gmina(row.row, str(teryt))


# --- 4. the summary --------------------------------------------------------------------


class ImportSummaryPage(QWizardPage):
    """What was written; the report can still be saved."""

    def __init__(self, wizard: PartnerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("importSummaryPage")
        self.setTitle(_("Import finished"))
        self.setSubTitle(_("The rows were saved in one go."))
        self.setFinalPage(True)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.note = _subtle(
            _("Correct the skipped rows in Excel and import the file again: institutions "
              "already imported are updated, not added twice."), self)
        self.note.setObjectName("importSummaryNote")
        self.save_report_button = QPushButton(tinted_icon("export"), _("Save report…"), self)
        self.save_report_button.setObjectName("importSummarySaveReport")
        self.save_report_button.setAccessibleName(_("Save the import report"))
        self.save_report_button.setToolTip(
            _("An Excel file with every row, its result and its problems"))
        self.report_status = _subtle("", self)
        self.report_status.setObjectName("importSummaryReportStatus")

        report_row = QHBoxLayout()
        report_row.addWidget(self.save_report_button)
        report_row.addWidget(self.report_status, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING + 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addLayout(report_row)
        layout.addStretch(1)
        self.save_report_button.clicked.connect(wizard.save_report)

    def initializePage(self) -> None:
        result = self._wizard.import_result
        if result is None:
            return
        self.summary.setText(summary_text(result))
        self.note.setVisible(result.skipped > 0)


def summary_text(result: ImportResult) -> str:
    """``Zaimportowano 120 nowych instytucji, zaktualizowano 30, pominięto 4 wiersze.``"""
    return _("{imported}, {updated}, {skipped}.").format(
        imported=ngettext("Imported {n} new institution", "Imported {n} new institutions",
                          result.imported).format(n=format_number(result.imported)),
        updated=ngettext("updated {n}", "updated {n}", result.updated).format(
            n=format_number(result.updated)),
        skipped=ngettext("skipped {n} row", "skipped {n} rows", result.skipped).format(
            n=format_number(result.skipped)),
    )
