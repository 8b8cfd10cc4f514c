"""Screenshots of the registry's screens for the tour: lists, cards, duplicates, merge.

    capture_registry(window, shoot, with_dialog, wait)

runs on the tour's demo database: the partners list filtered to MPKU members,
an institution's card on its tabs, a person's card with their history, the
duplicates warning for an institution typed in again, and the merge dialog.
Nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from skimlll_desktop.ui.main_window import MainWindow

Shoot = Callable[[QPixmap, str], None]


def _close(dialog: QDialog) -> None:
    dialog.done(QDialog.DialogCode.Rejected)  # nothing was edited: no question to ask


def _person_with_history(window: MainWindow) -> int | None:
    from skimlll_desktop.services.people import PeopleQuery, list_people
    from skimlll_desktop.services.registry import get_person

    assert window.database is not None
    for row in list_people(window.database, PeopleQuery(), 0, 200):
        person = get_person(window.database, row.id)
        if len(person.events) >= 2 and person.affiliations:
            return row.id
    return None


def _two_similar_people(window: MainWindow) -> tuple[int, int] | None:
    from skimlll_desktop.services.people import PeopleQuery, list_people

    assert window.database is not None
    rows = list_people(window.database, PeopleQuery(), 0, 400)
    for first, second in pairwise(rows):
        if first.last_name == second.last_name:
            return first.id, second.id
    return (rows[0].id, rows[1].id) if len(rows) >= 2 else None


def capture_registry(
    window: MainWindow,
    shoot: Shoot,
    with_dialog: Callable[[QWidget], QPixmap],
    wait: Callable[..., Any],
) -> None:
    from skimlll_desktop.services.registry import (
        OrganizationQuery,
        get_organization,
        list_organizations,
    )
    from skimlll_desktop.services.registry_checks import likely_duplicate_organizations
    from skimlll_desktop.ui.duplicates_dialog import DuplicatesDialog
    from skimlll_desktop.ui.merge_dialog import MergeDialog

    database = window.database
    if database is None:
        return
    partners = window.partners_page
    window.show_area("partnersArea")
    partners.filters.members_only.setChecked(True)
    wait()
    shoot(window.grab(), "partners-members")

    members = list_organizations(database, OrganizationQuery(members_only=True), 0, 20)
    organization_id = next((row.id for row in members
                            if get_organization(database, row.id).people), None)
    if organization_id is not None:
        dialog = partners.open_record(organization_id)
        assert dialog is not None
        for index, name in ((0, "organization-details"), (1, "organization-membership"),
                            (3, "organization-people")):
            dialog.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
            shoot(with_dialog(dialog), name)
        _close(dialog)

        details = get_organization(database, organization_id)
        typed_again = replace(details, id=None, uuid=None, version=None,
                              name=details.name.upper())
        candidates = likely_duplicate_organizations(database, typed_again)
        if candidates:
            warning = DuplicatesDialog("organization", candidates, window)
            shoot(with_dialog(warning), "duplicates")
            warning.deleteLater()
    partners.filters.clear()

    people = window.people_page
    window.show_area("peopleArea")
    wait()
    person_id = _person_with_history(window)
    if person_id is not None:
        dialog = people.open_record(person_id)
        assert dialog is not None
        for index, name in ((0, "person-details"), (1, "person-institutions"),
                            (3, "person-history")):
            dialog.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
            shoot(with_dialog(dialog), name)
        _close(dialog)

    pair = _two_similar_people(window)
    if pair is not None:
        merge = MergeDialog(database, "person", pair[0], pair[1], window)
        shoot(with_dialog(merge), "merge-people")
        merge.deleteLater()
