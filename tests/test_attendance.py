"""After the event: the tick grid, the summary, the attendance export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from skimlll_desktop.models import (
    Affiliation,
    Membership,
    Organization,
    OrganizationType,
    Person,
    Pillar,
    RegistrationStatus,
)
from skimlll_desktop.services.attendance import (
    attendance_grid,
    event_summary,
    export_attendance,
    save_attendance_grid,
)
from skimlll_desktop.services.checkin import check_in
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.events import (
    EventDetails,
    change_registration_status,
    list_events,
    list_registrations,
    register_person,
    save_event,
)


def _event_with_people(db: Database) -> tuple[int, dict[str, int]]:
    event = save_event(db, EventDetails(title="Warsztaty", starts_on=date(2026, 5, 12),
                                        ends_on=date(2026, 5, 13)))
    with db.transaction() as session:
        school = Organization(name="Szkoła", type=OrganizationType.SCHOOL, powiat_teryt="1210",
                              memberships=[Membership(wzk_pillar=Pillar.EDUCATION)])
        people = {
            "anna": Person(first_name="Anna", last_name="Ąbel", gmina_teryt="1210092",
                           affiliations=[Affiliation(organization=school)]),
            "jan": Person(first_name="Jan", last_name="=cmd|' /C calc'!A0"),
            "ola": Person(first_name="Ola", last_name="Nowak",
                          affiliations=[Affiliation(organization=school)]),
        }
        session.add_all(people.values())
        session.flush()
        ids = {key: p.id for key, p in people.items()}
    for person_id in ids.values():
        register_person(db, event.id or 0, person_id)
    return event.id or 0, ids


def test_grid_ticks_set_statuses(sqlite_db: Database) -> None:
    event_id, ids = _event_with_people(sqlite_db)
    check_in(sqlite_db, event_id, ids["anna"], 1)
    grid = attendance_grid(sqlite_db, event_id)
    assert grid.session_numbers == (1, 2)
    rows = {row.person_id: row for row in grid.rows}
    assert rows[ids["anna"]].present == (True, False)
    marks = {(rows[ids["anna"]].registration_id, 2): True,
             (rows[ids["ola"]].registration_id, 1): True,
             (rows[ids["jan"]].registration_id, 1): False}
    assert save_attendance_grid(sqlite_db, event_id, marks) == 2
    rows = {row.person_id: row for row in attendance_grid(sqlite_db, event_id).rows}
    assert rows[ids["anna"]].present == (True, True)
    assert rows[ids["ola"]].status is RegistrationStatus.ATTENDED
    save_attendance_grid(sqlite_db, event_id, {(rows[ids["ola"]].registration_id, 1): False})
    rows = {row.person_id: row for row in attendance_grid(sqlite_db, event_id).rows}
    assert rows[ids["ola"]].status is RegistrationStatus.ABSENT


def test_summary_by_type_pillar_powiat(sqlite_db: Database) -> None:
    event_id, ids = _event_with_people(sqlite_db)
    for key in ("anna", "ola", "jan"):
        check_in(sqlite_db, event_id, ids[key], 1)
    summary = event_summary(sqlite_db, event_id)
    assert (summary.registered, summary.attended) == (3, 3)
    assert summary.by_organization_type == {OrganizationType.SCHOOL: 2, None: 1}
    assert summary.by_pillar == {Pillar.EDUCATION: 2, None: 1}
    assert summary.by_powiat == {"nowosądecki": 2, "": 1}


def test_attendance_export_is_formula_safe(sqlite_db: Database, tmp_path: Path) -> None:
    event_id, ids = _event_with_people(sqlite_db)
    check_in(sqlite_db, event_id, ids["jan"], 2)
    sheet = load_workbook(export_attendance(sqlite_db, event_id, tmp_path / "a.xlsx")).active
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert [c.value for c in rows[0]][:4] == ["Lp.", "Imię i nazwisko", "Instytucja", "Status"]
    assert rows[0][4].value == "Sesja 1 (12.05.2026)"
    jan = next(row for row in rows if "cmd" in str(row[1].value))
    assert jan[1].data_type == "s" and jan[1].value.startswith("Jan =cmd")
    assert jan[3].value == "obecny" and jan[4].value is None and jan[5].value is not None


def test_the_events_list_and_the_summary_count_alike(sqlite_db: Database) -> None:
    event_id, ids = _event_with_people(sqlite_db)
    with sqlite_db.transaction() as session:
        late = Person(first_name="Ewa", last_name="Późna")
        gone = Person(first_name="Piotr", last_name="Odwołany")
        session.add_all([late, gone])
        session.flush()
        late_id, gone_id = late.id, gone.id
    register_person(sqlite_db, event_id, gone_id)
    registration = next(r for r in list_registrations(sqlite_db, event_id)
                        if r.person_id == gone_id)
    change_registration_status(sqlite_db, registration.id, RegistrationStatus.CANCELLED,
                               registration.version)
    check_in(sqlite_db, event_id, ids["anna"], 1)
    check_in(sqlite_db, event_id, late_id, 1, walk_in=True)
    rows = {row.person_id: row for row in attendance_grid(sqlite_db, event_id).rows}
    ola = rows[ids["ola"]].registration_id
    save_attendance_grid(sqlite_db, event_id, {(ola, 1): True})
    save_attendance_grid(sqlite_db, event_id, {(ola, 1): False})  # ticked by mistake
    # anna attended, ola absent, jan registered, ewa walked in, piotr cancelled
    summary = event_summary(sqlite_db, event_id)
    row = next(row for row in list_events(sqlite_db) if row.id == event_id)
    assert (summary.registered, summary.attended, summary.walk_ins) == (3, 2, 1)
    assert (row.registered, row.attended) == (summary.registered, summary.attended)
    assert row.seats_taken == 3  # anna, jan and the walk-in hold a seat
