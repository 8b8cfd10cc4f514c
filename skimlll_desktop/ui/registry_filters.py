"""The filter row of the Partnerzy and Osoby lists: type, pillar, powiat, theme, members."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from skimlll_desktop.i18n import _
from skimlll_desktop.services.polish_text import sort_key
from skimlll_desktop.ui.theme import SPACING, tinted_icon

if TYPE_CHECKING:
    from skimlll_desktop.services.registry import Choice


@dataclass(frozen=True)
class FilterValues:
    """What the filter row asks for; None (or False) means "all"."""

    organization_type: Any = None  # OrganizationType
    pillar: Any = None  # Pillar
    powiat_teryt: str | None = None
    members_only: bool = False
    theme_id: int | None = None

    def is_empty(self) -> bool:
        return self == FilterValues()


def _combo(parent: QWidget, name: str, accessible: str, all_text: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setToolTip(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(9)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.setMaximumWidth(260)
    combo.addItem(all_text, None)
    return combo


class FilterBar(QWidget):
    """Combo boxes with "all" first, a members-only check box and a button that clears them."""

    changed = Signal()

    def __init__(
        self, name: str, type_label: str, type_accessible: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Filters")
        self._filling = False

        # Types and pillars are filled with the first choices: the labels import the models,
        # which the window must not do before its first paint.
        self.type_combo = _combo(self, f"{name}TypeFilter", type_accessible, _("all"))
        self.pillar_combo = _combo(self, f"{name}PillarFilter", _("WZK pillar"), _("all"))
        self.powiat_combo = _combo(self, f"{name}PowiatFilter", _("Powiat"), _("all"))
        self.theme_combo = _combo(self, f"{name}ThemeFilter", _("Theme"), _("all"))
        self.members_only = QCheckBox(_("MPKU members only"), self)
        self.members_only.setObjectName(f"{name}MembersOnly")
        self.members_only.setAccessibleName(_("MPKU members only"))
        self.members_only.setToolTip(_("Only institutions whose MPKU membership is valid today"))
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName(f"{name}ClearFilters")
        self.clear_button.setIcon(tinted_icon("filter-off"))
        self.clear_button.setAccessibleName(_("Clear the filters"))
        self.clear_button.setToolTip(_("Clear the filters"))
        self.clear_button.setAutoRaise(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        for label_text, combo in ((type_label, self.type_combo),
                                  (_("Pillar:"), self.pillar_combo),
                                  (_("Powiat:"), self.powiat_combo),
                                  (_("Theme:"), self.theme_combo)):
            label = QLabel(label_text, self)
            label.setBuddy(combo)
            if combo is not self.type_combo:
                layout.addSpacing(SPACING // 2)
            layout.addWidget(label)
            layout.addWidget(combo, 1)
        layout.addSpacing(SPACING)
        layout.addWidget(self.members_only)
        layout.addWidget(self.clear_button)
        layout.addStretch(0)

        for combo in self.combos():
            combo.currentIndexChanged.connect(self._on_changed)
        self.members_only.toggled.connect(self._on_changed)
        self.clear_button.clicked.connect(self.clear)
        self._update_clear()

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.type_combo, self.pillar_combo, self.powiat_combo, self.theme_combo)

    def set_choices(self, powiaty: list[Choice], themes: list[Choice]) -> None:
        """Fill the powiat and theme lists from the database; a choice still there stays."""
        self._filling = True
        try:
            if self.type_combo.count() == 1:
                self._fill_enumerations()
            for combo, choices, convert in ((self.powiat_combo, powiaty, str),
                                            (self.theme_combo, themes, int)):
                current = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for choice in sorted(choices, key=lambda c: sort_key(c.label)):
                    combo.addItem(choice.label, convert(choice.value))
                index = combo.findData(current) if current is not None else 0
                combo.setCurrentIndex(max(index, 0))
                view = combo.view()
                view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * SPACING)
        finally:
            self._filling = False
        self._on_changed()

    def _fill_enumerations(self) -> None:
        from skimlll_desktop.services.labels import ORGANIZATION_TYPES, PILLARS

        for value, label in sorted(ORGANIZATION_TYPES.items(),
                                   key=lambda item: sort_key(_(item[1]))):
            self.type_combo.addItem(_(label), value)
        for value, label in PILLARS.items():
            self.pillar_combo.addItem(_(label), value)

    def values(self) -> FilterValues:
        return FilterValues(
            organization_type=self.type_combo.currentData(),
            pillar=self.pillar_combo.currentData(),
            powiat_teryt=self.powiat_combo.currentData(),
            members_only=self.members_only.isChecked(),
            theme_id=self.theme_combo.currentData(),
        )

    def clear(self) -> None:
        self._filling = True
        try:
            for combo in self.combos():
                combo.setCurrentIndex(0)
            self.members_only.setChecked(False)
        finally:
            self._filling = False
        self._on_changed()

    def _on_changed(self) -> None:
        self._update_clear()
        if not self._filling:
            self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(not self.values().is_empty())

    def showEvent(self, event: Any) -> None:
        for combo in self.combos():  # the open list is as wide as its longest item
            view = combo.view()
            view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * SPACING)
        super().showEvent(event)
