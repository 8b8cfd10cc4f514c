"""Partnerzy: the registry of institutions, searched, filtered and sorted in SQL, page by page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from skimlll_desktop.i18n import N_, _, format_date, format_number, ngettext
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.errors import show_message
from skimlll_desktop.ui.lazy_table import LazyTableModel, TableColumn
from skimlll_desktop.ui.registry_filters import FilterValues
from skimlll_desktop.ui.registry_page import RegistryListPage

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.registry import OrganizationQuery, OrganizationRow


def institutions_count_text(count: int) -> str:
    """``1 instytucja``, ``3 instytucje``, ``5 instytucji``."""
    return ngettext("{n} institution", "{n} institutions", count).format(
        n=format_number(count))


class OrganizationsTableModel(LazyTableModel):
    """Organisations matching a query: the count first, rows fetched in pages."""

    COLUMN_NAME = 0
    COLUMN_TYPE = 1
    COLUMN_GMINA = 2
    COLUMN_POWIAT = 3
    COLUMN_NIP = 4
    COLUMN_EMAIL = 5
    COLUMN_PHONE = 6
    COLUMN_MEMBER_SINCE = 7

    COLUMNS = (
        TableColumn("name", N_("Name"), "name"),
        TableColumn("type", N_("Type"), "type"),
        TableColumn("gmina", N_("Gmina"), "gmina"),
        TableColumn("powiat", N_("Powiat"), "powiat"),
        TableColumn("nip", "NIP", "nip"),
        TableColumn("email", N_("E-mail"), "email"),
        TableColumn("phone", N_("Phone"), "phone"),
        TableColumn("member_since", N_("Member since"), "member_since"),
    )

    @staticmethod
    def make_query(**values: Any) -> OrganizationQuery:
        from skimlll_desktop.services.registry import OrganizationQuery

        return OrganizationQuery(**values)

    @staticmethod
    def count(database: Database, query: OrganizationQuery) -> int:
        from skimlll_desktop.services.registry import count_organizations

        return count_organizations(database, query)

    @staticmethod
    def fetch(
        database: Database, query: OrganizationQuery, offset: int, limit: int
    ) -> list[OrganizationRow]:
        from skimlll_desktop.services.registry import list_organizations

        return list_organizations(database, query, offset, limit)

    def display(self, row: Any, column: TableColumn) -> str:
        if column.key == "type":
            from skimlll_desktop.services.labels import organization_type_label

            return organization_type_label(row.type)
        if column.key == "member_since":
            return format_date(row.member_since, "dd.MM.yyyy") if row.member_since else ""
        return super().display(row, column)


class PartnersPage(RegistryListPage):
    """The Partnerzy area."""

    NAME = "partners"
    STRETCH_COLUMN = "name"
    DEFAULT_HIDDEN = ("powiat",)
    import_button: QPushButton
    COLUMN_CHARS = (("type", 20), ("gmina", 18), ("powiat", 16), ("nip", 12), ("email", 26),
                    ("phone", 16), ("member_since", 12))

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(settings, OrganizationsTableModel(), parent)

    def heading_text(self) -> str:
        return _("Partners")

    def search_texts(self) -> tuple[str, str, str]:
        return (_("Search by name, NIP, e-mail or gmina (Ctrl+F)"), _("Search partners"),
                _("Type part of a name, a NIP, an e-mail address or a gmina"))

    def add_name(self) -> str:
        return "addPartner"

    def add_text(self) -> str:
        return _("Add partner")

    def _extra_buttons(self) -> list[QWidget]:
        self.import_button = self._button("importPartners", "import", _("Import from Excel"),
                                          self.import_from_excel)
        self.import_button.setToolTip(_("Read partners and their contact persons from an "
                                        "Excel sheet"))
        return [self.import_button]

    def empty_texts(self) -> tuple[str, str]:
        return (_("There are no partners yet"),
                _("The registry of MPKU partner institutions: schools, universities, gmina "
                  "offices, employers, NGOs… with their memberships, Programme Council seats "
                  "and the people who represent them. Add them one by one or bring in the "
                  "Excel sheet you keep them in today."))

    def _fill_empty_state(self, empty: EmptyStateWidget) -> None:
        empty.add_button("addFirstPartner", "add", _("Add the first partner"),
                         _("Type in an institution's details")).clicked.connect(self.add_record)
        empty.add_button("importFirstPartners", "import", _("Import from Excel"),
                         _("Read partners and their contact persons from an Excel sheet")
                         ).clicked.connect(self.import_from_excel)

    def count_text(self, count: int) -> str:
        return institutions_count_text(count)

    def no_match_text(self, text: str) -> str:
        return _("No institution matches “{text}”. Check the spelling or search for "
                 "less.").format(text=text)

    def query_filters(self, values: FilterValues) -> dict[str, Any]:
        return {
            "type": values.organization_type,
            "pillar": values.pillar,
            "powiat_teryt": values.powiat_teryt,
            "members_only": values.members_only,
            "theme_id": values.theme_id,
        }

    def make_dialog(self, record_id: int | None) -> QDialog:
        from skimlll_desktop.ui.organization_dialog import OrganizationDialog

        assert self._database is not None
        return OrganizationDialog(self._database, record_id, self)

    def confirm_delete_text(self, ids: list[int]) -> str:
        return ngettext(
            "Delete {n} institution from the registry?",
            "Delete {n} institutions from the registry?", len(ids),
        ).format(n=format_number(len(ids))) + "\n\n" + _(
            "Its MPKU membership and its links to people are deleted too; the people stay in "
            "the registry. This cannot be undone.")

    def delete_records(self, ids: list[int]) -> None:
        from skimlll_desktop.services.registry import delete_organization, get_organization

        assert self._database is not None
        for organization_id in ids:
            details = get_organization(self._database, organization_id)
            delete_organization(self._database, organization_id, details.version or 0)

    def merge_kind(self) -> str:
        return "organization"

    def export_service(self) -> Callable[[Database, Path, list[int] | None], Path]:
        from skimlll_desktop.services.registry_export import export_partners

        return export_partners

    def export_file_name(self) -> str:
        return _("partners") + ".xlsx"

    # --- Excel import -------------------------------------------------------------------

    def import_from_excel(self) -> QDialog | None:
        """The import wizard (written separately); the list is refreshed when it is accepted."""
        if self._database is None:
            return None
        try:
            from skimlll_desktop.ui.import_wizard import PartnerImportWizard
        except ImportError:
            show_message(_("Import from Excel"),
                         _("The Excel import is not available in this version of the "
                           "program."), parent=self, object_name="importUnavailable")
            return None
        wizard: QDialog = PartnerImportWizard(self._database, self)
        wizard.accepted.connect(self._on_imported)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def _on_imported(self) -> None:
        self.reload_choices()
        self.refresh()
        self.records_changed.emit()
