"""Recipients picked by hand: the people chosen, in the order chosen."""

from __future__ import annotations

from skimlll_desktop.models import Affiliation, Gender, Organization, OrganizationType, Person
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.document_recipients import people_recipients


def test_people_recipients_in_the_chosen_order(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        office = Organization(name="Urząd Gminy Łącko", type=OrganizationType.LOCAL_GOVERNMENT)
        zofia = Person(first_name="Zofia", last_name="Łącka", gender=Gender.FEMININE,
                       gmina_teryt="1210092")
        jan = Person(first_name="Jan", last_name="Żak")
        session.add_all([office, zofia, jan])
        session.flush()
        session.add(Affiliation(person_id=zofia.id, organization_id=office.id, is_primary=True))
        ids = (zofia.id, jan.id)
    found = people_recipients(sqlite_db, [ids[1], 99_999, ids[0], ids[1]])
    assert [r.name for r in found] == ["Jan Żak", "Zofia Łącka"]
    assert found[0].gender is None and found[0].institution == ""
    assert found[1].gender is Gender.FEMININE
    assert found[1].institution == "Urząd Gminy Łącko" and found[1].gmina == "Łącko"
    assert people_recipients(sqlite_db, []) == []
