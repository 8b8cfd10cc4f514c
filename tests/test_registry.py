"""Registry screens' services: lists with filters, details, forms with field errors."""

from __future__ import annotations

from datetime import date

import pytest

from skimlll_desktop.models import Gender, OrganizationType, Pillar
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.erasure import erase_person
from skimlll_desktop.services.errors import StaleRecordError
from skimlll_desktop.services.people import PeopleQuery, count_people, list_people
from skimlll_desktop.services.registry import (
    AffiliationInfo,
    FormErrors,
    MembershipInfo,
    OrganizationDetails,
    OrganizationQuery,
    PersonDetails,
    add_theme,
    count_organizations,
    get_organization,
    get_person,
    gmina_choices,
    list_organizations,
    save_organization,
    save_person,
    theme_choices,
)


def _org(db: Database, **values) -> OrganizationDetails:
    return save_organization(db, OrganizationDetails(**values))


def test_organization_form_validates_every_field(sqlite_db: Database) -> None:
    with pytest.raises(FormErrors) as refused:
        _org(sqlite_db, name=" ", nip="1234567890", regon="12", email="x@", phone="12",
             postal_code="301", membership=MembershipInfo(date(2022, 1, 1), date(2021, 1, 1),
                                                          None, False, None))
    assert set(refused.value.errors) == {"name", "nip", "regon", "email", "phone",
                                         "postal_code", "membership_until"}
    assert refused.value.errors["nip"].startswith("Ten NIP ma błędną cyfrę")


def test_organization_saved_normalised_with_membership_and_themes(sqlite_db: Database) -> None:
    green = add_theme(sqlite_db, "zielone   kompetencje")
    assert add_theme(sqlite_db, "Zielone kompetencje") == green
    saved = _org(sqlite_db, name="  Urząd Gminy  Łącko ", nip="PL 734-000-94-69",
                 type=OrganizationType.LOCAL_GOVERNMENT, gmina_teryt="1210092",
                 phone="18 444 61 00", postal_code="33390", theme_ids=(int(green.value),),
                 membership=MembershipInfo(date(2021, 3, 15), None, date(2021, 3, 1), True,
                                           Pillar.EDUCATION))
    assert saved.name == "Urząd Gminy Łącko" and saved.nip == "7340009469"
    assert saved.phone == "+48 18 444 61 00" and saved.postal_code == "33-390"
    assert saved.membership is not None and saved.membership.programme_council_seat
    assert saved.theme_ids == (int(green.value),)
    again = save_organization(sqlite_db, saved.__class__(**{**saved.__dict__, "city": "Łącko"}))
    assert again.version == saved.version + 1
    with pytest.raises(StaleRecordError):
        save_organization(sqlite_db, saved)  # an old copy of the form


def test_organization_list_filters_and_polish_order(sqlite_db: Database) -> None:
    for name, kind, gmina in [("Żabieńska Fundacja", OrganizationType.NGO, "1216153"),
                              ("Zespół Szkół", OrganizationType.SCHOOL, "1210092"),
                              ("Łącka Biblioteka", OrganizationType.LIBRARY_CULTURE, "1210092"),
                              ("Lanckorońskie Centrum", OrganizationType.NGO, None)]:
        _org(sqlite_db, name=name, type=kind, gmina_teryt=gmina or "",
             membership=MembershipInfo(date(2020, 1, 1), None, None, False, Pillar.ECONOMY)
             if kind is OrganizationType.NGO else None)
    everything = OrganizationQuery()
    assert [r.name for r in list_organizations(sqlite_db, everything)] == [
        "Lanckorońskie Centrum", "Łącka Biblioteka", "Zespół Szkół", "Żabieńska Fundacja"]
    assert count_organizations(sqlite_db, OrganizationQuery(type=OrganizationType.NGO)) == 2
    assert [r.name for r in list_organizations(
        sqlite_db, OrganizationQuery(powiat_teryt="1210"))] == [
        "Łącka Biblioteka", "Zespół Szkół"]
    assert count_organizations(sqlite_db, OrganizationQuery(members_only=True)) == 2
    assert count_organizations(sqlite_db, OrganizationQuery(pillar=Pillar.ECONOMY)) == 2
    assert [r.name for r in list_organizations(sqlite_db, OrganizationQuery(text="lack"))] == [
        "Łącka Biblioteka", "Zespół Szkół"]  # the school by its gmina, Łącko
    assert [r.name for r in list_organizations(sqlite_db, OrganizationQuery(text="bibl"))] == [
        "Łącka Biblioteka"]
    by_name_desc = list_organizations(sqlite_db, OrganizationQuery(descending=True), 1, 2)
    assert [r.name for r in by_name_desc] == ["Zespół Szkół", "Łącka Biblioteka"]


def test_person_form_affiliations_consent_and_history(sqlite_db: Database) -> None:
    school = _org(sqlite_db, name="Zespół Szkół", gmina_teryt="1210092")
    with pytest.raises(FormErrors) as refused:
        save_person(sqlite_db, PersonDetails(first_name="", last_name="", email="zly"))
    assert set(refused.value.errors) == {"first_name", "last_name", "email"}
    theme = theme_choices(sqlite_db)[0]
    person = save_person(sqlite_db, PersonDetails(
        first_name="Łucja", last_name="Żółkiewska", gender=Gender.FEMININE,
        email="L.Zolkiewska@Example.PL", consent=True, consent_note="formularz 2026",
        affiliations=(AffiliationInfo(school.id or 0, role="dyrektorka"),),
        theme_ids=(int(theme.value),)))
    assert person.email == "L.Zolkiewska@example.pl" and person.consent
    assert person.affiliations == (AffiliationInfo(school.id or 0, "Zespół Szkół",
                                                   "dyrektorka", True),)
    assert get_organization(sqlite_db, school.id or 0).people[0].name == "Łucja Żółkiewska"
    rows = list_people(sqlite_db, PeopleQuery(text="zolk"))
    assert [(r.last_name, r.organization) for r in rows] == [("Żółkiewska", "Zespół Szkół")]
    assert count_people(sqlite_db, PeopleQuery(powiat_teryt="1210")) == 1
    assert count_people(sqlite_db, PeopleQuery(organization_type=OrganizationType.NGO)) == 0
    assert count_people(sqlite_db, PeopleQuery(theme_id=int(theme.value))) == 1
    assert get_person(sqlite_db, person.id or 0).events == ()
    erase_person(sqlite_db, person.id or 0, person.version or 0)
    assert count_people(sqlite_db, PeopleQuery()) == 0


def test_default_themes_and_gmina_choices(sqlite_db: Database) -> None:
    assert "zielone kompetencje" in [c.label for c in theme_choices(sqlite_db)]
    labels = [c.label for c in gmina_choices(sqlite_db)]
    assert len(labels) == 183
    assert "Gorlice — gmina miejska (powiat gorlicki)" in labels


def test_lists_sort_every_column_in_polish_order_blanks_last(any_db: Database) -> None:
    since = date(2021, 1, 1), date(2019, 5, 1)
    for name, kind, gmina, phone, joined in [
            ("Szkoła A", OrganizationType.SCHOOL, "1207021", "12 111 11 11", since[0]),
            ("Fundacja B", OrganizationType.NGO, "1210092", "", since[1]),
            ("Biblioteka C", OrganizationType.LIBRARY_CULTURE, "1201011", "12 000 00 00", None),
            ("Inna D", OrganizationType.OTHER, "", "", None)]:
        _org(any_db, name=name, type=kind, gmina_teryt=gmina, phone=phone,
             membership=MembershipInfo(joined, None, None, False, None) if joined else None)

    def names(order_by: str, descending: bool = False) -> str:
        rows = list_organizations(any_db, OrganizationQuery(order_by=order_by,
                                                            descending=descending))
        return "".join(row.name[-1] for row in rows)

    # Bochnia, Łącko, Mszana Dolna (code point order would put Łącko after Mszana)
    assert names("gmina") == "CBAD" and names("gmina", descending=True) == "ABCD"
    assert names("powiat") == "CABD"  # bocheński, limanowski, nowosądecki
    # biblioteka…, inna, organizacja pozarządowa, szkoła
    assert names("type") == "CDBA"
    assert names("phone") == "CABD" and names("member_since") == "BACD"

    for first, last, gmina in [("Anna", "Mszańska", "1207021"), ("Ewa", "Łącka", "1210092"),
                               ("Łucja", "Bez Gminy", ""), ("Zofia", "Zet", "")]:
        save_person(any_db, PersonDetails(first_name=first, last_name=last, gmina_teryt=gmina))

    def people(order_by: str) -> list[str]:
        return [row.last_name for row in list_people(any_db, PeopleQuery(order_by=order_by))]

    assert people("last_name") == ["Bez Gminy", "Łącka", "Mszańska", "Zet"]
    assert people("gmina") == ["Łącka", "Mszańska", "Bez Gminy", "Zet"]
    # Anna, Ewa, Łucja, Zofia (code point order would put Łucja last)
    assert people("first_name") == ["Mszańska", "Łącka", "Bez Gminy", "Zet"]

