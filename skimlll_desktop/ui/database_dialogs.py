"""When a database cannot be opened: the message and the ways out."""

from __future__ import annotations

import enum

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.ui.theme import SPACING, set_role, tinted_icon


class ProblemChoice(enum.Enum):
    OPEN_ANOTHER = "open_another"
    RESTORE_BACKUP = "restore_backup"
    CREATE_NEW = "create_new"
    QUIT = "quit"  # at start-up, with no database open
    CANCEL = "cancel"  # keep working with the database that is open


class DatabaseProblemDialog(QDialog):
    """Says what is wrong with the database and offers the ways out; nothing is changed here.

    ``choice`` holds the user's answer once the dialog is closed.
    """

    def __init__(
        self,
        message: str,
        parent: QWidget | None = None,
        *,
        backup_description: str | None = None,
        database_open: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("databaseProblemDialog")
        self.setWindowTitle(_("The database cannot be opened"))
        self.setAccessibleName(_("The database cannot be opened"))
        self.setModal(True)
        self._fallback = ProblemChoice.CANCEL if database_open else ProblemChoice.QUIT
        self.choice = self._fallback

        icon = QLabel(self)
        icon.setPixmap(tinted_icon("warning").pixmap(QSize(40, 40), self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(_("The database cannot be opened"), self)
        set_role(title, "emptyTitle")
        self.message_label = QLabel(message, self)
        self.message_label.setObjectName("problemMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMinimumWidth(460)

        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(title)
        text.addWidget(self.message_label)
        top = QHBoxLayout()
        top.setSpacing(SPACING + 4)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)

        self.buttons: dict[ProblemChoice, QCommandLinkButton] = {}
        self._add(
            ProblemChoice.OPEN_ANOTHER,
            "problemOpenAnother",
            _("Open another file…"),
            _("Choose a different SKiMLLL database file."),
        )
        if backup_description:
            self._add(
                ProblemChoice.RESTORE_BACKUP,
                "problemRestoreBackup",
                _("Restore the latest backup"),
                backup_description,
            )
        self._add(
            ProblemChoice.CREATE_NEW,
            "problemCreateNew",
            _("Create a new database…"),
            _("Start with an empty database in a file of your choice."),
        )
        if database_open:
            self._add(
                ProblemChoice.CANCEL,
                "problemCancel",
                _("Cancel"),
                _("Keep working with the database that is open now."),
            )
        else:
            self._add(
                ProblemChoice.QUIT,
                "problemQuit",
                _("Quit"),
                _("Close the program. Nothing was changed."),
            )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addSpacing(4)
        for button in self.buttons.values():
            layout.addWidget(button)
        first = next(iter(self.buttons.values()))
        first.setDefault(True)
        first.setFocus()

    def _add(self, choice: ProblemChoice, name: str, text: str, description: str) -> None:
        button = QCommandLinkButton(text, description, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAccessibleDescription(description)
        button.clicked.connect(lambda: self._choose(choice))
        self.buttons[choice] = button

    def _choose(self, choice: ProblemChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:  # Esc or the window's close button
        self.choice = self._fallback
        super().reject()

    def ask(self) -> ProblemChoice:
        self.exec()
        return self.choice
