"""Osoby: the list of people, searched, filtered and sorted in SQL, fetched page by page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QWidget

from skimlll_desktop.i18n import N_, _, format_number, ngettext
from skimlll_desktop.ui.empty_state import EmptyStateWidget
from skimlll_desktop.ui.lazy_table import ID_ROLE, PAGE_SIZE, LazyTableModel, TableColumn
from skimlll_desktop.ui.registry_filters import FilterValues
from skimlll_desktop.ui.registry_page import RegistryListPage

if TYPE_CHECKING:
    from skimlll_desktop.services.database import Database
    from skimlll_desktop.services.people import PeopleQuery, PersonRow

__all__ = ["PAGE_SIZE", "PERSON_ID_ROLE", "PeoplePage", "PeopleTableModel", "people_count_text"]

PERSON_ID_ROLE = ID_ROLE


def people_count_text(count: int) -> str:
    """``1 osoba``, ``3 osoby``, ``5 osób``: the catalog's plural rule, babel's digits."""
    return ngettext("{n} person", "{n} people", count).format(n=format_number(count))


class PeopleTableModel(LazyTableModel):
    """People matching a query: the count first, rows fetched in pages of ``PAGE_SIZE``."""

    COLUMN_LAST_NAME = 0
    COLUMN_FIRST_NAME = 1
    COLUMN_ORGANIZATION = 2
    COLUMN_EMAIL = 3
    COLUMN_GMINA = 4

    COLUMNS = (
        TableColumn("last_name", N_("Last name"), "last_name"),
        TableColumn("first_name", N_("First name"), "first_name"),
        TableColumn("organization", N_("Institution"), "organization"),
        TableColumn("email", N_("E-mail"), "email"),
        TableColumn("gmina", N_("Gmina"), "gmina"),
    )

    @staticmethod
    def make_query(**values: Any) -> PeopleQuery:
        from skimlll_desktop.services.people import PeopleQuery

        return PeopleQuery(**values)

    @staticmethod
    def count(database: Database, query: PeopleQuery) -> int:
        from skimlll_desktop.services.people import count_people

        return count_people(database, query)

    @staticmethod
    def fetch(database: Database, query: PeopleQuery, offset: int, limit: int) -> list[PersonRow]:
        from skimlll_desktop.services.people import list_people

        return list_people(database, query, offset, limit)

    def person_id(self, row: int) -> int | None:
        return self.record_id(row)


class PeoplePage(RegistryListPage):
    """The Osoby area: a heading, the search field, the filters, the count and the table."""

    NAME = "people"
    STRETCH_COLUMN = "organization"
    COLUMN_CHARS = (("last_name", 20), ("first_name", 15), ("email", 32), ("gmina", 20))

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(settings, PeopleTableModel(), parent)

    def heading_text(self) -> str:
        return _("People")

    def type_filter_texts(self) -> tuple[str, str]:
        return _("Institution type:"), _("Type of the person's institution")

    def search_texts(self) -> tuple[str, str, str]:
        return (_("Search by name or e-mail (Ctrl+F)"), _("Search people"),
                _("Type part of a name or an e-mail address"))

    def add_name(self) -> str:
        return "addPerson"

    def add_text(self) -> str:
        return _("Add person")

    def empty_texts(self) -> tuple[str, str]:
        return (_("There are no people yet"),
                _("People — participants, contacts and partners' representatives — are kept "
                  "here. Add them one by one, or import partners with their contact persons "
                  "from Excel in the Partners area."))

    def _fill_empty_state(self, empty: EmptyStateWidget) -> None:
        empty.add_button("addFirstPerson", "add", _("Add the first person"),
                         _("Type in a person's details")).clicked.connect(self.add_record)

    def count_text(self, count: int) -> str:
        return people_count_text(count)

    def no_match_text(self, text: str) -> str:
        return _("No one matches “{text}”. Check the spelling or search for less.").format(
            text=text)

    def query_filters(self, values: FilterValues) -> dict[str, Any]:
        return {
            "organization_type": values.organization_type,
            "pillar": values.pillar,
            "powiat_teryt": values.powiat_teryt,
            "members_only": values.members_only,
            "theme_id": values.theme_id,
        }

    def make_dialog(self, record_id: int | None) -> QDialog:
        from skimlll_desktop.ui.person_dialog import PersonDialog

        assert self._database is not None
        return PersonDialog(self._database, record_id, self)

    def confirm_delete_text(self, ids: list[int]) -> str:
        return ngettext(
            "Delete {n} person from the registry?",
            "Delete {n} people from the registry?", len(ids),
        ).format(n=format_number(len(ids))) + "\n\n" + _(
            "This is an erasure under RODO: their data go, from the change log too. Someone "
            "who took part in events stays only as a nameless record, so that past events "
            "keep their counts. This cannot be undone.")

    def delete_records(self, ids: list[int]) -> None:
        from skimlll_desktop.services.erasure import erase_person
        from skimlll_desktop.services.registry import get_person

        assert self._database is not None
        for person_id in ids:
            erase_person(self._database, person_id, get_person(self._database, person_id)
                         .version or 0)

    def merge_kind(self) -> str:
        return "person"

    def export_service(self) -> Callable[[Database, Path, list[int] | None], Path]:
        from skimlll_desktop.services.registry_export import export_people

        return export_people

    def export_file_name(self) -> str:
        return _("people") + ".xlsx"

    def selected_person_ids(self) -> list[int]:
        return self.selected_ids()
