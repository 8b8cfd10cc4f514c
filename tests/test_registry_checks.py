"""Checks before a registry save (likely duplicates), and the people list's filters in SQL."""

from __future__ import annotations

from datetime import date

from skimlll_desktop.models import OrganizationType, Pillar
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.people import PeopleQuery, count_people, list_people
from skimlll_desktop.services.registry import (
    AffiliationInfo,
    MembershipInfo,
    OrganizationDetails,
    PersonDetails,
    save_organization,
    save_person,
)
from skimlll_desktop.services.registry_checks import (
    likely_duplicate_organizations,
    likely_duplicate_people,
)


def test_organization_duplicates_use_the_stored_form_of_the_form_values(
    sqlite_db: Database,
) -> None:
    existing = save_organization(sqlite_db, OrganizationDetails(
        name="Urząd Gminy Łącko", nip="7340009469", gmina_teryt="1210092"))
    form = OrganizationDetails(name="Urzad Gminy Lacko", nip="PL 734-000-94-69",
                               gmina_teryt="1210092")
    [found] = likely_duplicate_organizations(sqlite_db, form)
    assert (found.id, found.reason) == (existing.id, "ten sam NIP")
    assert likely_duplicate_organizations(sqlite_db, existing) == []  # not itself
    assert likely_duplicate_organizations(sqlite_db, OrganizationDetails(
        name="Zupełnie inna fundacja", nip="12", gmina_teryt="1210092")) == []


def test_person_duplicates_by_email_and_by_name_in_a_shared_institution(
    sqlite_db: Database,
) -> None:
    school = save_organization(sqlite_db, OrganizationDetails(name="Szkoła w Łącku"))
    assert school.id is not None
    anna = save_person(sqlite_db, PersonDetails(
        first_name="Anna", last_name="Żółkiewska", email="anna@lacko.pl",
        affiliations=(AffiliationInfo(school.id),)))
    by_email = likely_duplicate_people(sqlite_db, PersonDetails(
        first_name="A.", last_name="Kowalska", email=" ANNA@lacko.pl "))
    assert [(c.id, c.reason) for c in by_email] == [(anna.id, "ten sam e-mail")]
    by_name = likely_duplicate_people(sqlite_db, PersonDetails(
        first_name="Anna", last_name="Zolkiewska", affiliations=(AffiliationInfo(school.id),)))
    assert [c.id for c in by_name] == [anna.id]
    assert likely_duplicate_people(sqlite_db, anna) == []


def test_people_list_filters_by_institution_even_with_its_joins(sqlite_db: Database) -> None:
    school = save_organization(sqlite_db, OrganizationDetails(
        name="Szkoła", type=OrganizationType.SCHOOL, gmina_teryt="1210092",
        membership=MembershipInfo(date(2020, 1, 1), None, None, False, Pillar.EDUCATION)))
    office = save_organization(sqlite_db, OrganizationDetails(
        name="Urząd", type=OrganizationType.LOCAL_GOVERNMENT, gmina_teryt="1261011"))
    assert school.id is not None and office.id is not None
    save_person(sqlite_db, PersonDetails(first_name="Ewa", last_name="Abacka", affiliations=(
        AffiliationInfo(office.id, is_primary=True), AffiliationInfo(school.id))))
    save_person(sqlite_db, PersonDetails(first_name="Jan", last_name="Babacki", affiliations=(
        AffiliationInfo(office.id),)))
    save_person(sqlite_db, PersonDetails(first_name="Olga", last_name="Cabacka",
                                         gmina_teryt="1210092"))
    for query, expected in (
        (PeopleQuery(organization_type=OrganizationType.SCHOOL), ["Abacka"]),
        (PeopleQuery(powiat_teryt="1210"), ["Abacka", "Cabacka"]),
        (PeopleQuery(pillar=Pillar.EDUCATION), ["Abacka"]),
        (PeopleQuery(members_only=True, order_by="organization"), ["Abacka"]),
        (PeopleQuery(organization_type=OrganizationType.LOCAL_GOVERNMENT),
         ["Abacka", "Babacki"]),
    ):
        assert [row.last_name for row in list_people(sqlite_db, query)] == expected, query
        assert count_people(sqlite_db, query) == len(expected)
