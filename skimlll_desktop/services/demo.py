"""Realistic Polish demo data: partners, people, a year of events, registrations, attendance.

``generate_demo(database, "small")`` adds what a demonstration or a manual test
needs: about 150 institutions of Małopolska, 800 people and the current year's
calendar of the partnership (ten partner mornings, two two-day workshops, the
conference, four workshops with local leaders, two Think Tank meetings and the
December gala) with registrations and per-session attendance.

``generate_demo(database, "large")`` is the benchmark dataset: 20,000
institutions, 100,000 people, 2,000 events over 2020–2026 (about 5% of them two
days long), exactly 300,000 registrations and the attendance of those who came.

Besides those, both add people's affiliations (most people represent an
institution; a few a second one), MPKU memberships of about 40% of the
institutions (since, declaration, Programme Council seats, WZK pillar), themes
of interest, RODO consents, and the search index and sort keys of what they wrote;
events get session hours, their themes and partner institutions, and some of
those held their conclusions; registrations their time of registration, and an
over-subscribed open event a waiting list. Check-in times fall around the start
of each session (mornings; the gala in the evening).

Both run as a job (:mod:`skimlll_desktop.services.jobs`) in **one transaction**,
the large one included: stopping the job rolls everything back, reference data
loaded on the way included, so a stopped run leaves the database as it was.
(One transaction is also the fastest way to write the large set on SQLite; the
price is a write-ahead log of a few hundred MB while it runs.) Rows are written
with SQLAlchemy Core bulk ``INSERT``s (``executemany``) in chunks of a few
hundred to a thousand rows, with a progress report after each, and the audit
log switched off for the unit of work. The large set takes about 50 s on a
two-core laptop.

The content is made from the real gminy and powiaty in the database: names of
institutions ("Urząd Gminy Łącko", "Szkoła Podstawowa nr 3 — Wadowice",
"Powiatowy Urząd Pracy w Nowym Targu"), NIP and REGON numbers with correct
check digits, Polish first names and surnames in the right grammatical gender,
e-mail addresses without diacritics and Polish phone numbers. Two records carry
hostile text on purpose (quotes, ``&``, ``<…>``, a leading ``=``) for tests of
escaping in documents and Excel exports.

The same seed (and the same ``today``) gives the same content; UUIDs are always
new, so the demo can be added twice to one database.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import LOCAL_TIMEZONE, _
from skimlll_desktop.models import (
    Affiliation,
    Attendance,
    Event,
    EventSession,
    EventStatus,
    EventType,
    Gender,
    Gmina,
    GminaType,
    Membership,
    Organization,
    OrganizationType,
    Person,
    Pillar,
    Powiat,
    Registration,
    RegistrationStatus,
    Theme,
    event_partners,
    event_themes,
    organization_themes,
    person_themes,
)
from skimlll_desktop.services.bulk_insert import BulkWriter
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.jobs import Job, Progress
from skimlll_desktop.services.polish_text import fold
from skimlll_desktop.services.reference_data import load_reference_data
from skimlll_desktop.services.search import (
    ORGANIZATION,
    PERSON,
    organization_name_keys,
    person_name_keys,
)

# --- the result and the sizes ------------------------------------------------------------


@dataclass(frozen=True)
class DemoCounts:
    """How many records the demo added."""

    organizations: int
    people: int
    events: int
    registrations: int
    attendances: int
    memberships: int = 0  # MPKU memberships
    affiliations: int = 0  # people's links to organisations


@dataclass(frozen=True)
class DemoSize:
    organizations: int
    people: int
    events: int  # 0: the current year's calendar of the partnership
    registrations: int  # 0: by event type; otherwise exactly this many
    first_year: int | None  # events from this year (None: the current year only)
    chunk: int  # rows per INSERT batch (and per progress report)


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(150, 800, 0, 0, None, 500),
    "large": DemoSize(20_000, 100_000, 2_000, 300_000, 2020, 1_000),
}

# --- places --------------------------------------------------------------------------------

# Seat of each powiat with its locative ("w Nowym Targu") for institution names.
POWIAT_SEATS: dict[str, tuple[str, str]] = {
    "1201": ("Bochnia", "w Bochni"),
    "1202": ("Brzesko", "w Brzesku"),
    "1203": ("Chrzanów", "w Chrzanowie"),
    "1204": ("Dąbrowa Tarnowska", "w Dąbrowie Tarnowskiej"),
    "1205": ("Gorlice", "w Gorlicach"),
    "1206": ("Kraków", "w Krakowie"),
    "1207": ("Limanowa", "w Limanowej"),
    "1208": ("Miechów", "w Miechowie"),
    "1209": ("Myślenice", "w Myślenicach"),
    "1210": ("Nowy Sącz", "w Nowym Sączu"),
    "1211": ("Nowy Targ", "w Nowym Targu"),
    "1212": ("Olkusz", "w Olkuszu"),
    "1213": ("Oświęcim", "w Oświęcimiu"),
    "1214": ("Proszowice", "w Proszowicach"),
    "1215": ("Sucha Beskidzka", "w Suchej Beskidzkiej"),
    "1216": ("Tarnów", "w Tarnowie"),
    "1217": ("Zakopane", "w Zakopanem"),
    "1218": ("Wadowice", "w Wadowicach"),
    "1219": ("Wieliczka", "w Wieliczce"),
    "1261": ("Kraków", "w Krakowie"),
    "1262": ("Nowy Sącz", "w Nowym Sączu"),
    "1263": ("Tarnów", "w Tarnowie"),
}
CITY_OFFICES = {
    "1261011": "Urząd Miasta Krakowa",
    "1262011": "Urząd Miasta Nowego Sącza",
    "1263011": "Urząd Miasta Tarnowa",
}
LABOUR_OFFICES = {
    "1206": "Powiatowy Urząd Pracy dla Powiatu Krakowskiego",
    "1261": "Grodzki Urząd Pracy w Krakowie",
    "1262": "Miejski Urząd Pracy w Nowym Sączu",
    "1263": "Powiatowy Urząd Pracy w Tarnowie",
}
# Gminy whose office is not in a place of the gmina's name.
GMINA_SEATS = {
    "Igołomia-Wawrzeńczyce": "Wawrzeńczyce",
    "Jerzmanowice-Przeginia": "Jerzmanowice",
    "Kocmyrzów-Luborzyca": "Luborzyca",
    "Bystra-Sidzina": "Bystra",
}
PHONE_AREAS = {
    "1201": "14", "1202": "14", "1203": "32", "1204": "14", "1205": "18", "1206": "12",
    "1207": "18", "1208": "41", "1209": "12", "1210": "18", "1211": "18", "1212": "32",
    "1213": "33", "1214": "12", "1215": "33", "1216": "14", "1217": "18", "1218": "33",
    "1219": "12", "1261": "12", "1262": "18", "1263": "14",
}
POSTAL_PREFIXES = {
    "1201": "32-7", "1202": "32-8", "1203": "32-5", "1204": "33-2", "1205": "38-3",
    "1206": "32-0", "1207": "34-6", "1208": "32-2", "1209": "32-4", "1210": "33-3",
    "1211": "34-4", "1212": "32-3", "1213": "32-6", "1214": "32-1", "1215": "34-2",
    "1216": "33-1", "1217": "34-5", "1218": "34-1", "1219": "32-0", "1262": "33-3",
    "1263": "33-1",
}
KRAKOW = "1261011"
STREETS = (
    "ul. Krakowska", "ul. Mickiewicza", "ul. Kościuszki", "ul. Szkolna", "ul. Kościelna",
    "ul. Jana Pawła II", "ul. Słowackiego", "ul. Długa", "ul. Ogrodowa", "ul. Lipowa",
    "ul. Sienkiewicza", "ul. Piłsudskiego", "ul. 3 Maja", "ul. Polna", "ul. Zielona",
    "ul. Kolejowa", "ul. Parkowa", "ul. Reymonta", "ul. Konopnickiej", "Rynek",
    "ul. Ogrodowa", "ul. Wyspiańskiego", "ul. Tarnowska", "ul. Zakopiańska",
)


@dataclass(frozen=True)
class _Place:
    """A gmina of Małopolska, with what names and addresses need."""

    teryt: str
    name: str
    type: GminaType
    powiat_teryt: str
    powiat_name: str

    @property
    def seat(self) -> str:
        return GMINA_SEATS.get(self.name, self.name)

    @property
    def is_city(self) -> bool:
        return self.type is GminaType.URBAN

    @property
    def slug(self) -> str:
        return fold(self.name).replace(" ", "-")

    def postal_code(self, rng: random.Random) -> str:
        prefix = POSTAL_PREFIXES.get(self.powiat_teryt)
        if prefix is None:  # Kraków: 30-xxx and 31-xxx
            return f"3{rng.randint(0, 1)}-{rng.randint(1, 999):03d}"
        return f"{prefix}{rng.randint(0, 99):02d}"

    def address(self, rng: random.Random) -> str:
        if self.type is GminaType.RURAL and rng.random() < 0.5:
            return f"{self.seat} {rng.randint(1, 450)}"
        number = str(rng.randint(1, 120))
        if rng.random() < 0.15:
            number += rng.choice("abc")
        return f"{rng.choice(STREETS)} {number}"


def _weight(place: _Place) -> float:
    """How many institutions and people a place gets, roughly by population."""
    if place.teryt == KRAKOW:
        return 40.0
    if place.powiat_teryt in ("1262", "1263"):
        return 6.0
    return {GminaType.URBAN: 2.0, GminaType.URBAN_RURAL: 1.5}.get(place.type, 1.0)


class _Places:
    def __init__(self, places: Sequence[_Place]) -> None:
        self.all = list(places)
        self.by_teryt = {place.teryt: place for place in self.all}
        self._cumulative: list[float] = []
        total = 0.0
        for place in self.all:
            total += _weight(place)
            self._cumulative.append(total)
        self.rural = [p for p in self.all if p.type is GminaType.RURAL]
        self.towns = [p for p in self.all if p.type is not GminaType.RURAL]
        self.land_powiaty = sorted({p.powiat_teryt for p in self.all if p.powiat_teryt < "1261"})

    def pick(self, rng: random.Random) -> _Place:
        """A gmina, weighted by (roughly) its population."""
        point = rng.random() * self._cumulative[-1]
        return self.all[bisect.bisect_right(self._cumulative, point)]

    def seat_of(self, powiat_teryt: str) -> _Place:
        seat = POWIAT_SEATS[powiat_teryt][0]
        in_powiat = [p for p in self.all if p.powiat_teryt == powiat_teryt]
        towns = [p for p in in_powiat if p.name == seat and p.type is not GminaType.RURAL]
        return (towns or in_powiat)[0]


def _load_places(session: Session) -> _Places:
    rows = session.execute(
        select(Gmina.teryt, Gmina.name, Gmina.type, Gmina.powiat_teryt, Powiat.name)
        .join(Powiat, Gmina.powiat_teryt == Powiat.teryt)
        .order_by(Gmina.teryt)
    )
    return _Places([_Place(*row) for row in rows])


# --- identifiers and contacts ----------------------------------------------------------------

NIP_PREFIXES = ("675", "676", "677", "678", "679", "944", "945", "734", "735", "736", "737",
                "868", "869", "871", "872", "873", "993", "549", "551", "552")
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON_PREFIXES = ("12", "35", "36", "49", "85")
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def make_nip(rng: random.Random) -> str:
    """A NIP (tax number) of a Małopolska tax office, with a correct check digit."""
    while True:
        digits = f"{rng.choice(NIP_PREFIXES)}{rng.randrange(1_000_000):06d}"
        check = sum(w * int(d) for w, d in zip(NIP_WEIGHTS, digits, strict=True)) % 11
        if check != 10:  # such numbers are never issued
            return digits + str(check)


def _regon_check(digits: str, weights: tuple[int, ...]) -> str:
    return str(sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 % 10)


def make_regon(rng: random.Random, local_unit: bool = False) -> str:
    """A 9-digit REGON, or a 14-digit one of a local unit, with correct check digits."""
    base = f"{rng.choice(REGON_PREFIXES)}{rng.randrange(1_000_000):06d}"
    regon = base + _regon_check(base, REGON9_WEIGHTS)
    if not local_unit:
        return regon
    unit = f"{regon}{rng.randrange(1, 10_000):04d}"
    return unit + _regon_check(unit, REGON14_WEIGHTS)


def make_krs(rng: random.Random) -> str:
    return f"{rng.randrange(10_000, 1_000_000):010d}"


def landline(rng: random.Random, powiat_teryt: str) -> str:
    area = PHONE_AREAS.get(powiat_teryt, "12")
    return (f"+48 {area} {rng.randint(200, 699)} {rng.randint(0, 99):02d} "
            f"{rng.randint(0, 99):02d}")


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(("50", "51", "53", "57", "60", "66", "69", "72", "78", "79", "88"))
    return f"+48 {prefix}{rng.randint(0, 9)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"


def _ascii(text: str) -> str:
    """For e-mail addresses and domains: folded (ł → l), spaces and quotes out."""
    return "".join(ch for ch in fold(text) if ch.isalnum() or ch in ".-")


# --- organisations -------------------------------------------------------------------------

PATRONS = (
    "Jana Pawła II", "Marii Konopnickiej", "Adama Mickiewicza", "Tadeusza Kościuszki",
    "Henryka Sienkiewicza", "Juliusza Słowackiego", "Marii Skłodowskiej-Curie",
    "Władysława Orkana", "Kornela Makuszyńskiego", "Stanisława Wyspiańskiego",
    "Janusza Korczaka", "Bohaterów Westerplatte", "Kardynała Stefana Wyszyńskiego",
    "Armii Krajowej", "Świętej Jadwigi Królowej", "Kazimierza Przerwy-Tetmajera",
)
ROMAN = ("I", "II", "III", "IV", "V")
UNIVERSITIES: tuple[tuple[str, str, str, str], ...] = (
    # name, short name, domain, gmina TERYT
    ("Uniwersytet Jagielloński", "UJ", "uj.edu.pl", KRAKOW),
    ("Akademia Górniczo-Hutnicza im. Stanisława Staszica w Krakowie", "AGH", "agh.edu.pl",
     KRAKOW),
    ("Politechnika Krakowska im. Tadeusza Kościuszki", "PK", "pk.edu.pl", KRAKOW),
    ("Uniwersytet Ekonomiczny w Krakowie", "UEK", "uek.krakow.pl", KRAKOW),
    ("Uniwersytet Komisji Edukacji Narodowej w Krakowie", "UKEN", "uken.krakow.pl", KRAKOW),
    ("Uniwersytet Rolniczy im. Hugona Kołłątaja w Krakowie", "URK", "urk.edu.pl", KRAKOW),
    ("Akademia Wychowania Fizycznego im. Bronisława Czecha w Krakowie", "AWF",
     "awf.krakow.pl", KRAKOW),
    ("Uniwersytet Ignatianum w Krakowie", "Ignatianum", "ignatianum.edu.pl", KRAKOW),
    ("Akademia Nauk Stosowanych w Nowym Sączu", "ANS NS", "ans-ns.edu.pl", "1262011"),
    ("Akademia Tarnowska", "AT", "atar.edu.pl", "1263011"),
)
UNIVERSITY_UNITS = (
    "Centrum Kształcenia Ustawicznego", "Biuro Karier", "Wydział Humanistyczny",
    "Instytut Pedagogiki", "Szkoła Doktorska", "Centrum Współpracy z Otoczeniem",
    "Studium Języków Obcych", "Uniwersytet Trzeciego Wieku",
)
BRAND_STEMS = ("Tatra", "Beskid", "Gorce", "Pieniny", "Raba", "Dunajec", "Wisła", "Skawa",
               "Jura", "Wawel", "Krak", "Sądek", "Galicja", "Podhale", "Babia", "Poprad")
BRAND_SUFFIXES = ("Bud", "Tech", "Pol", "Med", "Trans", "Drew", "Soft", "Agro", "Metal",
                  "Serwis", "Logistyka", "Eko", "Stal", "Print", "Food")
COMPANY_KINDS = (
    "Zakłady Mechaniczne", "Zakłady Mięsne", "Spółdzielnia Mleczarska",
    "Przedsiębiorstwo Budowlane", "Przedsiębiorstwo Transportowe", "Zakład Stolarski",
    "Drukarnia", "Hotel", "Biuro Rachunkowe", "Centrum Medyczne",
)
MOTTOS = ("Krok Dalej", "Otwarte Drzwi", "Aktywni Razem", "Wiedza dla Wszystkich",
          "Nowe Horyzonty", "Mosty", "Lepszy Start", "Kuźnia Talentów", "Pasja",
          "Dobry Początek", "Most do Przyszłości", "Zielone Jutro", "Cyfrowa Wioska",
          "Tratwa", "Iskra", "Razem dla Regionu", "Uczymy się Razem")
NGO_FIELDS = ("Rozwoju Edukacji", "Edukacji Dorosłych", "Aktywności Lokalnej",
              "Przedsiębiorczości", "Wspierania Seniorów", "Edukacji Ekologicznej")

ORGANIZATION_TYPES: tuple[tuple[OrganizationType, float], ...] = (
    (OrganizationType.SCHOOL, 28),
    (OrganizationType.EMPLOYER, 18),
    (OrganizationType.NGO, 16),
    (OrganizationType.LIBRARY_CULTURE, 10),
    (OrganizationType.LOCAL_GOVERNMENT, 9),
    (OrganizationType.TRAINING_INSTITUTION, 7),
    (OrganizationType.OTHER, 4),
    (OrganizationType.UNIVERSITY, 3),
    (OrganizationType.EMPLOYERS_ORGANISATION, 3),
    (OrganizationType.LABOUR_OFFICE, 2),
)

PLENTIFUL_TYPES = (OrganizationType.SCHOOL, OrganizationType.EMPLOYER, OrganizationType.NGO,
                   OrganizationType.TRAINING_INSTITUTION)

HOSTILE_ORGANIZATION = 'Fundacja "Równe Szanse" & Partnerzy <Kraków>'
HOSTILE_DOMAIN = "rowne-szanse.org.pl"
HOSTILE_PERSON = ("Zofia", "Ćwikła-O'Neill", '=SUMA(A1:A9) <b>koordynatorka</b> & "trenerka"')


@dataclass(frozen=True)
class _Org:
    """What the people generator needs to know about an inserted organisation."""

    id: int
    type: OrganizationType
    gmina_teryt: str | None
    domain: str


@dataclass
class _OrgDraft:
    name: str
    type: OrganizationType
    place: _Place
    short_name: str = ""
    domain: str = ""
    company: bool = False  # registered in KRS
    address: tuple[str, str] | None = None  # a real address: street, postal code


class _Organizations:
    """Makes organisation rows; names do not repeat while there are fresh ones to make."""

    def __init__(self, rng: random.Random, places: _Places) -> None:
        self.rng = rng
        self.places = places
        self.used: set[str] = set()
        self._types = [t for t, _w in ORGANIZATION_TYPES]
        self._type_weights = [w for _t, w in ORGANIZATION_TYPES]

    def fixed(self) -> list[_OrgDraft]:
        """Institutions every demo has: the organiser, the region, the escaping test."""
        krakow = self.places.by_teryt[KRAKOW]
        return [
            _OrgDraft("Wojewódzki Urząd Pracy w Krakowie", OrganizationType.LABOUR_OFFICE,
                      krakow, "WUP Kraków", "wup-krakow.pl",
                      address=("pl. Na Stawach 1", "30-107")),
            _OrgDraft("Urząd Marszałkowski Województwa Małopolskiego",
                      OrganizationType.LOCAL_GOVERNMENT, krakow, "UMWM", "umwm.malopolska.pl",
                      address=("ul. Racławicka 56", "30-017")),
            _OrgDraft(HOSTILE_ORGANIZATION, OrganizationType.NGO, krakow,
                      '"Równe Szanse" & P.', HOSTILE_DOMAIN, company=True),
        ]

    def draft(self) -> _OrgDraft:
        rng = self.rng
        kind = rng.choices(self._types, self._type_weights)[0]
        candidate = self._draft(kind)
        for attempt in range(20):
            if candidate.name not in self.used:
                break
            # There are only so many gmina offices: after a few tries, a kind with more names.
            if attempt >= 5:
                kind = rng.choice(PLENTIFUL_TYPES)
            candidate = self._draft(kind)
        self.used.add(candidate.name)
        return candidate

    def _draft(self, kind: OrganizationType) -> _OrgDraft:
        rng = self.rng
        place = self.places.pick(rng)
        slug = place.slug
        if kind is OrganizationType.SCHOOL:
            return self._school(place)
        if kind is OrganizationType.LOCAL_GOVERNMENT:
            if rng.random() < 0.12:
                powiat = place.powiat_teryt
                if powiat >= "1261":
                    return self._gmina_office(place)
                seat = self.places.seat_of(powiat)
                return _OrgDraft(f"Starostwo Powiatowe {POWIAT_SEATS[powiat][1]}", kind, seat,
                                 f"SP {seat.name}", f"powiat-{_ascii(place.powiat_name)}.pl")
            return self._gmina_office(place)
        if kind is OrganizationType.UNIVERSITY:
            name, short, domain, teryt = rng.choice(UNIVERSITIES)
            if rng.random() < 0.6:
                name = f"{name} — {rng.choice(UNIVERSITY_UNITS)}"
            return _OrgDraft(name, kind, self.places.by_teryt[teryt], short, domain)
        if kind is OrganizationType.TRAINING_INSTITUTION:
            brand = self._brand()
            pattern = rng.randrange(5)
            if pattern == 3:
                return _OrgDraft(f"Akademia Kompetencji {brand} sp. z o.o.", kind, place, brand,
                                 f"{_ascii(brand)}.pl", company=True)
            if pattern == 4:
                return _OrgDraft(f"Centrum Szkoleniowe {brand} — {place.name}", kind, place,
                                 brand, f"cs-{_ascii(brand)}.pl", company=True)
            name, short = (
                ("Centrum Kształcenia Ustawicznego", "CKU"),
                ("Zakład Doskonalenia Zawodowego", "ZDZ"),
                ("Ośrodek Doskonalenia Nauczycieli", "ODN"),
            )[pattern]
            return _OrgDraft(f"{name} — {place.name}", kind, place, f"{short} {place.name}",
                             f"{short.lower()}-{slug}.pl")
        if kind is OrganizationType.EMPLOYER:
            brand = self._brand()
            legal = rng.choices(("sp. z o.o.", "S.A.", "sp. j.", "sp.k."), (70, 10, 12, 8))[0]
            name = f"{brand} {legal}"
            if rng.random() < 0.35:
                name = f"{rng.choice(COMPANY_KINDS)} {name}"
            return _OrgDraft(name, kind, place, brand, f"{_ascii(brand)}.com.pl", company=True)
        if kind is OrganizationType.EMPLOYERS_ORGANISATION:
            town = place if place.type is not GminaType.RURAL else self.places.seat_of(
                place.powiat_teryt)
            name, short = rng.choice((
                ("Cech Rzemiosł Różnych", "CRR"),
                ("Stowarzyszenie Przedsiębiorców", "SP"),
                ("Klub Pracodawców", "KP"),
            ))
            return _OrgDraft(f"{name} — {town.name}", kind, town, f"{short} {town.name}",
                             f"{short.lower()}-{town.slug}.pl", company=True)
        if kind is OrganizationType.NGO:
            return self._ngo(place)
        if kind is OrganizationType.LABOUR_OFFICE:
            powiat = place.powiat_teryt
            seat = self.places.seat_of(powiat)
            name = LABOUR_OFFICES.get(powiat, f"Powiatowy Urząd Pracy {POWIAT_SEATS[powiat][1]}")
            if rng.random() < 0.3 and place.teryt != seat.teryt:
                return _OrgDraft(f"{name} — Filia {place.name}", kind, place, "PUP",
                                 f"pup-{seat.slug}.pl")
            return _OrgDraft(name, kind, seat, f"PUP {seat.name}", f"{seat.slug}.praca.gov.pl")
        if kind is OrganizationType.LIBRARY_CULTURE:
            adjective = {
                GminaType.URBAN: ("Miejski", "Miejska"),
                GminaType.URBAN_RURAL: ("Miejsko-Gminny", "Miejsko-Gminna"),
                GminaType.RURAL: ("Gminny", "Gminna"),
            }[place.type]
            if rng.random() < 0.5:
                short = {"Miejski": "MOK", "Miejsko-Gminny": "MGOK", "Gminny": "GOK"}[adjective[0]]
                return _OrgDraft(f"{adjective[0]} Ośrodek Kultury — {place.name}", kind, place,
                                 f"{short} {place.name}", f"{short.lower()}-{slug}.pl")
            short = {"Miejska": "MBP", "Miejsko-Gminna": "MGBP", "Gminna": "GBP"}[adjective[1]]
            return _OrgDraft(f"{adjective[1]} Biblioteka Publiczna — {place.name}", kind, place,
                             f"{short} {place.name}", f"biblioteka-{slug}.pl")
        # OTHER
        pattern = rng.randrange(4)
        if pattern == 0:
            name = f"Poradnia Psychologiczno-Pedagogiczna — {place.name}"
            short = "PPP"
        elif pattern == 1:
            welfare = {GminaType.URBAN: "Miejski", GminaType.URBAN_RURAL: "Miejsko-Gminny",
                       GminaType.RURAL: "Gminny"}[place.type]
            name = f"{welfare} Ośrodek Pomocy Społecznej — {place.name}"
            short = "OPS"
        elif pattern == 2:
            name = f"Centrum Usług Społecznych — {place.name}"
            short = "CUS"
        else:
            name = f"Ochotnicze Hufce Pracy — Hufiec Pracy {place.name}"
            short = "OHP"
        return _OrgDraft(name, OrganizationType.OTHER, place, f"{short} {place.name}",
                         f"{short.lower()}-{slug}.pl")

    def _brand(self) -> str:
        return f"{self.rng.choice(BRAND_STEMS)}-{self.rng.choice(BRAND_SUFFIXES)}"

    def _gmina_office(self, place: _Place) -> _OrgDraft:
        kind = OrganizationType.LOCAL_GOVERNMENT
        if place.teryt in CITY_OFFICES:
            return _OrgDraft(CITY_OFFICES[place.teryt], kind, place, f"UM {place.name}",
                             f"{place.slug}.pl")
        if place.type is GminaType.URBAN:
            return _OrgDraft(f"Urząd Miasta {place.name}", kind, place, f"UM {place.name}",
                             f"um.{place.slug}.pl")
        if place.type is GminaType.URBAN_RURAL:
            return _OrgDraft(f"Urząd Miasta i Gminy {place.name}", kind, place,
                             f"UMiG {place.name}", f"{place.slug}.pl")
        return _OrgDraft(f"Urząd Gminy {place.name}", kind, place, f"UG {place.name}",
                         f"gmina-{place.slug}.pl")

    def _school(self, place: _Place) -> _OrgDraft:
        rng = self.rng
        kind = OrganizationType.SCHOOL
        high = 160 if place.teryt == KRAKOW else 12 if place.type is not GminaType.RURAL else 3
        number = rng.randint(1, high)
        patron = f" im. {rng.choice(PATRONS)}" if rng.random() < 0.5 else ""
        if place.type is GminaType.RURAL or rng.random() < 0.45:
            if rng.random() < 0.2:
                name = f"Zespół Szkolno-Przedszkolny nr {number}{patron} — {place.name}"
                return _OrgDraft(name, kind, place, f"ZSP {number} {place.name}",
                                 f"zsp{number}{place.slug}.edu.pl")
            name = f"Szkoła Podstawowa nr {number}{patron} — {place.name}"
            return _OrgDraft(name, kind, place, f"SP {number} {place.name}",
                             f"sp{number}{place.slug}.edu.pl")
        number = rng.randint(1, max(3, high // 3))
        pattern = rng.randrange(5)
        if pattern == 0:
            name, short = f"Zespół Szkół Zawodowych nr {number}{patron}", f"ZSZ {number}"
        elif pattern == 1:
            name, short = f"Technikum nr {number}{patron}", f"T{number}"
        elif pattern == 2:
            roman = ROMAN[min(number, len(ROMAN)) - 1]
            name, short = f"{roman} Liceum Ogólnokształcące{patron}", f"{roman} LO"
        elif pattern == 3:
            name, short = f"Branżowa Szkoła I Stopnia nr {number}", f"BS {number}"
        else:
            name, short = "Centrum Kształcenia Zawodowego", "CKZ"
        domain = f"{_ascii(short).replace(' ', '').lower()}{place.slug}.edu.pl"
        return _OrgDraft(f"{name} — {place.name}", kind, place, f"{short} {place.name}", domain)

    def _ngo(self, place: _Place) -> _OrgDraft:
        rng = self.rng
        kind = OrganizationType.NGO
        motto = rng.choice(MOTTOS)
        pattern = rng.randrange(6)
        if pattern == 0 and place.type is not GminaType.URBAN:
            name = f"Stowarzyszenie na rzecz Rozwoju Gminy {place.name}"
            domain = f"rozwoj-{place.slug}.org.pl"
        elif pattern == 1:
            name = f"Stowarzyszenie „{motto}” — {place.name}"
            domain = f"{_ascii(motto).replace(' ', '-')}-{place.slug}.org.pl"
        elif pattern == 2:
            name = f"Fundacja {rng.choice(NGO_FIELDS)} „{motto}”"
            domain = f"fundacja-{_ascii(motto).replace(' ', '-')}.pl"
        elif pattern == 3 and place.type is GminaType.RURAL:
            name = f"Koło Gospodyń Wiejskich — {place.name}"
            domain = f"kgw-{place.slug}.pl"
        elif pattern == 4:
            name = f"Uniwersytet Trzeciego Wieku — {place.name}"
            domain = f"utw-{place.slug}.pl"
        else:
            name = f"Fundacja „{motto}”"
            domain = f"{_ascii(motto).replace(' ', '')}.org.pl"
        return _OrgDraft(name, kind, place, "", domain, company=True)

    def row(self, draft: _OrgDraft) -> dict[str, Any]:
        rng = self.rng
        place = draft.place
        regon = None
        if rng.random() < 0.85:
            regon = make_regon(rng, local_unit=" — Filia " in draft.name or rng.random() < 0.08)
        mailbox = rng.choice(("sekretariat", "biuro", "kontakt", "info"))
        return {
            "name": draft.name,
            "short_name": draft.short_name,
            "type": draft.type,
            "nip": make_nip(rng) if rng.random() < 0.6 else None,
            "regon": regon,
            "krs": make_krs(rng) if draft.company and rng.random() < 0.8 else None,
            "address": draft.address[0] if draft.address else place.address(rng),
            "postal_code": draft.address[1] if draft.address else place.postal_code(rng),
            "city": place.seat,
            "gmina_teryt": place.teryt,
            "website": f"https://www.{draft.domain}" if rng.random() < 0.8 else "",
            "email": f"{mailbox}@{draft.domain}" if rng.random() < 0.9 else "",
            "phone": landline(rng, place.powiat_teryt) if rng.random() < 0.85 else "",
            "notes": "",
            "powiat_teryt": place.powiat_teryt,
            **organization_name_keys(draft.name),
        }


# --- people ----------------------------------------------------------------------------------

FEMALE_NAMES = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
    "Elżbieta", "Magdalena", "Joanna", "Aleksandra", "Monika", "Zofia", "Teresa", "Danuta",
    "Natalia", "Karolina", "Marta", "Beata", "Dorota", "Halina", "Jadwiga", "Justyna",
    "Jolanta", "Iwona", "Grażyna", "Paulina", "Urszula", "Agata", "Żaneta", "Bożena",
    "Sylwia", "Renata", "Weronika", "Wiktoria", "Julia", "Alicja", "Łucja", "Hanna",
    "Gabriela", "Kinga", "Izabela", "Emilia", "Marzena", "Jagoda", "Bogumiła", "Wiesława",
    "Stanisława", "Zuzanna", "Patrycja", "Edyta", "Lucyna", "Róża", "Ilona", "Ewelina",
)
MALE_NAMES = (
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin",
    "Stanisław", "Jakub", "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech",
    "Mariusz", "Dariusz", "Zbigniew", "Jerzy", "Maciej", "Rafał", "Kamil", "Robert", "Józef",
    "Tadeusz", "Szymon", "Dawid", "Przemysław", "Sebastian", "Bartłomiej", "Artur",
    "Sławomir", "Jarosław", "Kazimierz", "Zdzisław", "Bogdan", "Witold", "Ryszard",
    "Władysław", "Mieczysław", "Leszek", "Wiesław", "Hubert", "Filip", "Antoni", "Franciszek",
    "Kacper", "Bartosz", "Damian", "Radosław", "Czesław", "Ignacy", "Błażej",
)
# Surnames that are adjectives, in the masculine form: -ski → -ska, -cki → -cka, -dzki → -dzka.
ADJECTIVE_SURNAMES = (
    "Kowalski", "Wiśniewski", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
    "Dąbrowski", "Kozłowski", "Jankowski", "Wojciechowski", "Kwiatkowski", "Piotrowski",
    "Grabowski", "Pawłowski", "Michalski", "Nowakowski", "Adamski", "Jabłoński", "Majewski",
    "Olszewski", "Malinowski", "Górski", "Rutkowski", "Czarnecki", "Sawicki", "Sokołowski",
    "Ostrowski", "Tomaszewski", "Kalinowski", "Wróblewski", "Jaworski", "Śliwiński",
    "Podgórski", "Zakrzewski", "Bielecki", "Krzeptowski", "Chmielewski", "Borowski",
    "Cichocki", "Gołębiowski", "Żurawski", "Świątkowski", "Gródecki", "Nowicki", "Zawadzki",
    "Grodzki", "Łętowski", "Mączyński",
)
# Surnames that are the same for women and men.
PLAIN_SURNAMES = (
    "Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Zając",
    "Król", "Wróbel", "Pawlak", "Michalak", "Sikora", "Baran", "Duda", "Szewczyk", "Dudek",
    "Wieczorek", "Stępień", "Kubiak", "Kozieł", "Śliwa", "Ćwikła", "Gąsienica",
    "Gąsienica-Daniel", "Bachleda", "Bafia", "Chowaniec", "Kapusta", "Mucha", "Pająk",
    "Kołodziej", "Pietrzyk", "Zych", "Ryba", "Kurek", "Łabuz", "Żak", "Gil", "Hajduk",
    "Dziedzic", "Piwowarczyk", "Bednarz", "Kmiecik", "Madej", "Cholewa", "Szczepaniak",
    "Wilk", "Lis", "Kania", "Mróz", "Żmuda", "Ślusarczyk", "Gawęda", "Bryja", "Sołtys",
)
FEMININE_SUFFIXES = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"))
CONSENT_NOTES = ("formularz zgłoszeniowy", "formularz rejestracji na wydarzenie",
                 "zgoda pisemna", "zgoda przesłana e-mailem")
PERSONAL_DOMAINS = ("gmail.com", "wp.pl", "onet.pl", "interia.pl", "o2.pl", "op.pl")
DEGREES = ("", "mgr", "mgr inż.", "dr", "inż.", "dr hab.", "prof. dr hab.")
DEGREE_WEIGHTS = (45, 35, 8, 7, 3, 1.5, 0.5)
UNIVERSITY_DEGREE_WEIGHTS = (10, 25, 5, 35, 2, 15, 8)
# (masculine, feminine) positions by organisation type
POSITIONS: dict[OrganizationType, tuple[tuple[str, str], ...]] = {
    OrganizationType.SCHOOL: (
        ("dyrektor", "dyrektorka"), ("wicedyrektor", "wicedyrektorka"),
        ("nauczyciel", "nauczycielka"), ("pedagog szkolny", "pedagożka szkolna"),
        ("doradca zawodowy", "doradczyni zawodowa"),
        ("kierownik kształcenia praktycznego", "kierowniczka kształcenia praktycznego"),
    ),
    OrganizationType.LOCAL_GOVERNMENT: (
        ("wójt", "wójt"), ("burmistrz", "burmistrz"), ("sekretarz gminy", "sekretarz gminy"),
        ("inspektor ds. oświaty", "inspektorka ds. oświaty"),
        ("kierownik referatu oświaty", "kierowniczka referatu oświaty"),
    ),
    OrganizationType.UNIVERSITY: (
        ("prorektor ds. kształcenia", "prorektorka ds. kształcenia"),
        ("kierownik Centrum Kształcenia Ustawicznego",
         "kierowniczka Centrum Kształcenia Ustawicznego"),
        ("adiunkt", "adiunktka"), ("pełnomocnik rektora ds. LLL", "pełnomocniczka rektora ds. LLL"),
    ),
    OrganizationType.TRAINING_INSTITUTION: (
        ("dyrektor", "dyrektorka"), ("trener", "trenerka"),
        ("koordynator szkoleń", "koordynatorka szkoleń"),
    ),
    OrganizationType.EMPLOYER: (
        ("prezes zarządu", "prezeska zarządu"), ("specjalista ds. HR", "specjalistka ds. HR"),
        ("kierownik działu szkoleń", "kierowniczka działu szkoleń"),
        ("właściciel", "właścicielka"),
    ),
    OrganizationType.EMPLOYERS_ORGANISATION: (
        ("prezes", "prezeska"), ("dyrektor biura", "dyrektorka biura"),
        ("starszy cechu", "starsza cechu"),
    ),
    OrganizationType.NGO: (
        ("prezes", "prezeska"), ("koordynator projektów", "koordynatorka projektów"),
        ("członek zarządu", "członkini zarządu"), ("wolontariusz", "wolontariuszka"),
    ),
    OrganizationType.LABOUR_OFFICE: (
        ("dyrektor", "dyrektorka"), ("doradca zawodowy", "doradczyni zawodowa"),
        ("specjalista ds. programów", "specjalistka ds. programów"),
        ("pośrednik pracy", "pośredniczka pracy"),
    ),
    OrganizationType.LIBRARY_CULTURE: (
        ("dyrektor", "dyrektorka"), ("bibliotekarz", "bibliotekarka"),
        ("instruktor", "instruktorka"), ("animator kultury", "animatorka kultury"),
    ),
    OrganizationType.OTHER: (
        ("kierownik", "kierowniczka"), ("specjalista", "specjalistka"),
        ("psycholog", "psycholożka"),
    ),
}


def feminine_surname(surname: str) -> str:
    """Kowalski → Kowalska, Nowak-Zawadzki → Nowak-Zawadzka; Nowak stays Nowak."""
    parts = surname.split("-")
    for index, part in enumerate(parts):
        for masculine, feminine in FEMININE_SUFFIXES:
            if part.endswith(masculine):
                parts[index] = part[: -len(masculine)] + feminine
                break
    return "-".join(parts)


class _People:
    def __init__(self, rng: random.Random, places: _Places) -> None:
        self.rng = rng
        self.places = places
        self._surnames = ADJECTIVE_SURNAMES + PLAIN_SURNAMES

    def row(self, org: _Org | None) -> dict[str, Any]:
        """A person's row; ``position`` is their job at ``org`` (their primary affiliation)."""
        rng = self.rng
        feminine = rng.random() < 0.58  # women are the majority in education
        gender = Gender.FEMININE if feminine else Gender.MASCULINE
        first = rng.choice(FEMALE_NAMES if feminine else MALE_NAMES)
        last = rng.choice(self._surnames)
        if feminine:
            last = feminine_surname(last)
            if rng.random() < 0.06:  # a double surname after marriage
                last = f"{last}-{feminine_surname(rng.choice(self._surnames))}"
        weights = UNIVERSITY_DEGREE_WEIGHTS if (
            org is not None and org.type is OrganizationType.UNIVERSITY) else DEGREE_WEIGHTS
        gmina = org.gmina_teryt if org is not None and rng.random() < 0.85 else None
        if gmina is None and rng.random() < 0.9:
            gmina = self.places.pick(rng).teryt
        position = ""
        if org is not None:
            position = rng.choice(POSITIONS[org.type])[1 if feminine else 0]
        return {
            "first_name": first,
            "last_name": last,
            "gender": gender,
            "title": rng.choices(DEGREES, weights)[0],
            "position": position,
            "email": self._email(first, last, org) if rng.random() < 0.9 else "",
            "phone": self._phone(gmina) if rng.random() < 0.75 else "",
            "gmina_teryt": gmina,
            "notes": "",
            **self._consent(),
        }

    def _consent(self) -> dict[str, Any]:
        """RODO: most people gave their consent (when, how); some are only contacts."""
        rng = self.rng
        if rng.random() < 0.1:
            return {"consent_at": None, "consent_note": ""}
        day = date(2019, 1, 1) + timedelta(days=rng.randrange(365 * 7))
        local = datetime.combine(day, time(8), tzinfo=LOCAL_TIMEZONE)
        at = (local + timedelta(minutes=rng.randrange(9 * 60))).astimezone(UTC)
        return {"consent_at": at, "consent_note": rng.choice(CONSENT_NOTES)}

    def _email(self, first: str, last: str, org: _Org | None) -> str:
        rng = self.rng
        first_ascii, last_ascii = _ascii(first), _ascii(last)
        pattern = rng.randrange(4)
        if pattern == 0:
            local = f"{first_ascii[0]}.{last_ascii}"
        elif pattern == 1:
            local = f"{first_ascii[0]}{last_ascii}"
        else:
            local = f"{first_ascii}.{last_ascii}"
        if org is not None and org.domain and rng.random() < 0.75:
            return f"{local}@{org.domain}"
        if rng.random() < 0.4:
            local += str(rng.randint(1, 99))
        return f"{local}@{rng.choice(PERSONAL_DOMAINS)}"

    def _phone(self, gmina_teryt: str | None) -> str:
        rng = self.rng
        if gmina_teryt is not None and rng.random() < 0.3:
            return landline(rng, gmina_teryt[:4])
        return mobile(rng)


# --- events ----------------------------------------------------------------------------------

# Subjects of events, each with the theme of interest (THEME_NAMES) it belongs to.
EVENT_SUBJECTS = {
    "zielone kompetencje na rynku pracy": "zielone kompetencje",
    "edukacja włączająca w szkole i poza nią": "edukacja włączająca",
    "kompetencje cyfrowe dorosłych": "kompetencje cyfrowe",
    "uczenie się dorosłych w małych gminach": "uczenie się dorosłych",
    "kształcenie zawodowe a potrzeby pracodawców": "kształcenie zawodowe",
    "mikropoświadczenia i walidacja efektów uczenia się": "walidacja i mikropoświadczenia",
    "Zintegrowany System Kwalifikacji w praktyce": "walidacja i mikropoświadczenia",
    "doradztwo zawodowe przez całe życie": "doradztwo zawodowe",
    "sztuczna inteligencja w edukacji": "kompetencje cyfrowe",
    "kompetencje przyszłości w Małopolsce": "uczenie się dorosłych",
    "współpraca szkół z pracodawcami": "kształcenie zawodowe",
    "edukacja pozaformalna seniorów": "edukacja seniorów",
    "transformacja energetyczna a nowe zawody": "zielone kompetencje",
    "bilans kompetencji osób dorosłych": "doradztwo zawodowe",
    "kształcenie dualne w Małopolsce": "kształcenie zawodowe",
    "biblioteki jako miejsca uczenia się": "uczenie się dorosłych",
    "fundusze europejskie na rozwój kompetencji": "uczenie się dorosłych",
    "dialog społeczny w polityce edukacyjnej": "edukacja włączająca",
    "uczelnie otwarte na dorosłych": "szkolnictwo wyższe",
    "kompetencje podstawowe dorosłych": "uczenie się dorosłych",
    "gospodarka obiegu zamkniętego w kształceniu zawodowym": "zielone kompetencje",
    "bezpieczeństwo cyfrowe uczniów i nauczycieli": "kompetencje cyfrowe",
}
THEMES = tuple(EVENT_SUBJECTS)
ORGANISER = "Wojewódzki Urząd Pracy w Krakowie"
# When sessions start and end (local time), by type of event.
SESSION_HOURS = {
    EventType.PARTNER_MORNING: (time(9, 0), time(11, 30)),
    EventType.WORKSHOP: (time(9, 0), time(15, 30)),
    EventType.CONFERENCE: (time(9, 30), time(16, 0)),
    EventType.GALA: (time(17, 0), time(20, 0)),
    EventType.LOCAL_LEADERS_WORKSHOP: (time(10, 0), time(14, 30)),
    EventType.THINK_TANK: (time(10, 0), time(13, 0)),
    EventType.LLL_LABORATORY: (time(9, 0), time(13, 0)),
}
CONCLUSIONS = (
    "Wnioski: potrzebna wspólna baza ofert szkoleniowych dla dorosłych w powiatach.",
    "Wnioski: uczestnicy proszą o kontynuację spotkań w mniejszych grupach.",
    "Wnioski: warto włączyć pracodawców w projektowanie kursów zawodowych.",
    "Wnioski: szkoły potrzebują wsparcia doradców zawodowych w pracy z dorosłymi.",
    "Wnioski: rekomendacja dla WZK — program mikropoświadczeń w gminach wiejskich.",
    "Wnioski: biblioteki gminne mogą prowadzić punkty kompetencji cyfrowych.",
)
KRAKOW_VENUES = (
    ("Wojewódzki Urząd Pracy w Krakowie", "pl. Na Stawach 1, 30-107 Kraków"),
    ("Urząd Marszałkowski Województwa Małopolskiego", "ul. Racławicka 56, 30-017 Kraków"),
    ("Małopolski Ogród Sztuki", "ul. Rajska 12, 31-124 Kraków"),
    ("Uniwersytet Ekonomiczny w Krakowie", "ul. Rakowicka 27, 31-510 Kraków"),
    ("Uniwersytet Komisji Edukacji Narodowej w Krakowie", "ul. Podchorążych 2, 30-084 Kraków"),
)
CONGRESS_CENTRE = ("Centrum Kongresowe ICE Kraków", "ul. Marii Konopnickiej 17, 30-302 Kraków")
CITY_VENUES = {
    "1262011": ("Akademia Nauk Stosowanych w Nowym Sączu", "ul. Staszica 1, 33-300 Nowy Sącz"),
    "1263011": ("Akademia Tarnowska", "ul. Mickiewicza 8, 33-100 Tarnów"),
}
RESORTS = ("1217011", "1210073")  # Zakopane, Krynica-Zdrój: two-day workshops
DESCRIPTIONS = {
    EventType.PARTNER_MORNING: "Spotkanie partnerów MPKU przy kawie: krótkie wystąpienia, "
    "przykłady dobrych praktyk i dyskusja o tym, co możemy zrobić razem.",
    EventType.WORKSHOP: "Dwudniowe warsztaty dla przedstawicieli instytucji partnerskich: "
    "praca w grupach, studia przypadków i wspólne wnioski.",
    EventType.CONFERENCE: "Doroczna konferencja Małopolskiego Partnerstwa na rzecz Kształcenia "
    "Ustawicznego: wystąpienia ekspertów, panele dyskusyjne i prezentacja rekomendacji.",
    EventType.GALA: "Uroczyste ogłoszenie wyników konkursu i wręczenie dyplomów laureatom.",
    EventType.LOCAL_LEADERS_WORKSHOP: "Warsztaty z liderami lokalnymi: diagnoza potrzeb "
    "edukacyjnych mieszkańców i plan działań na najbliższy rok.",
    EventType.THINK_TANK: "Spotkanie zespołu eksperckiego: analiza danych i przygotowanie "
    "rekomendacji dla Wojewódzkiego Zespołu Koordynacyjnego.",
    EventType.LLL_LABORATORY: "Laboratorium LLL: wspólne projektowanie i testowanie rozwiązań "
    "z zakresu uczenia się przez całe życie.",
}
TRAINING_HOURS = {
    EventType.PARTNER_MORNING: 3, EventType.WORKSHOP: 6, EventType.CONFERENCE: 6,
    EventType.GALA: 0, EventType.LOCAL_LEADERS_WORKSHOP: 5, EventType.THINK_TANK: 3,
    EventType.LLL_LABORATORY: 4,
}
CAPACITY = {
    EventType.PARTNER_MORNING: 60, EventType.WORKSHOP: 35, EventType.CONFERENCE: 300,
    EventType.GALA: 200, EventType.LOCAL_LEADERS_WORKSHOP: 40, EventType.THINK_TANK: 20,
    EventType.LLL_LABORATORY: 30,
}
# How many people a small demo invites to each type of event.
SMALL_INVITED = {
    EventType.PARTNER_MORNING: (35, 60), EventType.WORKSHOP: (25, 32),
    EventType.CONFERENCE: (180, 240), EventType.GALA: (120, 160),
    EventType.LOCAL_LEADERS_WORKSHOP: (20, 35), EventType.THINK_TANK: (12, 18),
    EventType.LLL_LABORATORY: (20, 30),
}
# Relative size of each type of event in the large demo (scaled to its total).
LARGE_EVENT_TYPES: tuple[tuple[EventType, float, float], ...] = (
    # type, share of events, relative number of registrations
    (EventType.PARTNER_MORNING, 35, 120),
    (EventType.LLL_LABORATORY, 15, 80),
    (EventType.LOCAL_LEADERS_WORKSHOP, 15, 60),
    (EventType.WORKSHOP, 14, 60),
    (EventType.THINK_TANK, 10, 30),
    (EventType.CONFERENCE, 4, 400),
    (EventType.GALA, 0.4, 250),  # about one a year
)
# Days without events: public holidays that fall on fixed dates, and Christmas Eve.
HOLIDAYS = {(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 24), (12, 25),
            (12, 26), (12, 31)}
OPEN_AHEAD = timedelta(days=60)  # registration opens this long before an event


@dataclass
class _EventPlan:
    type: EventType
    title: str
    starts_on: date
    place: _Place
    venue: tuple[str, str]
    days: int = 1
    invited: int = 0
    status: EventStatus = EventStatus.PLANNED
    powiat_teryt: str | None = None  # local leaders: invite mostly people from here
    subject: str = ""  # one of EVENT_SUBJECTS, or "" (conference, gala, local leaders)
    notes: str = ""
    event_id: int = 0
    session_ids: list[int] = field(default_factory=list)

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=self.days - 1)

    def row(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "title": self.title,
            "description": DESCRIPTIONS[self.type],
            "venue_name": self.venue[0],
            "venue_address": self.venue[1],
            "gmina_teryt": self.place.teryt,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "capacity": CAPACITY[self.type],
            "status": self.status,
            "training_hours": TRAINING_HOURS[self.type] * self.days,
            "organiser": ORGANISER,
            "notes": self.notes,
        }

    def session_rows(self) -> list[dict[str, Any]]:
        starts_at, ends_at = SESSION_HOURS[self.type]
        return [{
            "event_id": self.event_id,
            "number": number,
            "day": self.starts_on + timedelta(days=number - 1),
            "title": f"Dzień {number}" if self.days > 1 else "",
            "starts_at": starts_at,
            "ends_at": ends_at,
        } for number in range(1, self.days + 1)]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th Monday (0) … Sunday (6) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _free(day: date, last_weekday: int) -> bool:
    """A working day up to ``last_weekday`` (0 = Monday) that is not a holiday."""
    return day.weekday() <= last_weekday and (day.month, day.day) not in HOLIDAYS


def _status(plan: _EventPlan, today: date, rng: random.Random | None = None) -> EventStatus:
    if plan.ends_on < today:
        if rng is not None and rng.random() < 0.02:
            return EventStatus.CANCELLED
        return EventStatus.HELD
    return EventStatus.OPEN if plan.starts_on - today <= OPEN_AHEAD else EventStatus.PLANNED


class _Events:
    def __init__(self, rng: random.Random, places: _Places, organizations: _Organizations,
                 today: date) -> None:
        self.rng = rng
        self.places = places
        self.organizations = organizations
        self.today = today

    def venue(self, place: _Place) -> tuple[str, str]:
        rng = self.rng
        if place.teryt == KRAKOW:
            return rng.choice(KRAKOW_VENUES)
        if place.teryt in CITY_VENUES and rng.random() < 0.5:
            return CITY_VENUES[place.teryt]
        if place.teryt in RESORTS:
            return (f"Centrum Konferencyjne — {place.name}",
                    f"{place.address(rng)}, {place.postal_code(rng)} {place.seat}")
        host = self.organizations._gmina_office(place).name
        if rng.random() < 0.4:
            kind = {GminaType.URBAN: "Miejski", GminaType.URBAN_RURAL: "Miejsko-Gminny",
                    GminaType.RURAL: "Gminny"}[place.type]
            host = f"{kind} Ośrodek Kultury — {place.name}"
        return host, f"{place.address(rng)}, {place.postal_code(rng)} {place.seat}"

    def title(self, kind: EventType, theme: str, year: int, place: _Place) -> str:
        theme_title = theme[:1].upper() + theme[1:]
        if kind is EventType.PARTNER_MORNING:
            return f"Poranek partnerski: {theme}"
        if kind is EventType.WORKSHOP:
            return f"Warsztaty: {theme}"
        if kind is EventType.CONFERENCE:
            if theme:
                return f"Konferencja regionalna: {theme}"
            return f"Konferencja „Uczenie się przez całe życie w Małopolsce {year}”"
        if kind is EventType.GALA:
            return f"Gala konkursu „Edukacyjna Gmina Małopolski {year}”"
        if kind is EventType.LOCAL_LEADERS_WORKSHOP:
            if place.powiat_teryt >= "1261":
                return f"Warsztaty z liderami lokalnymi — {place.powiat_name}"
            return f"Warsztaty z liderami lokalnymi — powiat {place.powiat_name}"
        if kind is EventType.THINK_TANK:
            return f"Think Tank LLL: {theme}"
        return f"Laboratorium LLL: {theme_title}"

    def plan(self, kind: EventType, starts_on: date, place: _Place, theme: str,
             days: int = 1) -> _EventPlan:
        local = kind is EventType.LOCAL_LEADERS_WORKSHOP
        venue = CONGRESS_CENTRE if kind is EventType.CONFERENCE else self.venue(place)
        return _EventPlan(
            type=kind,
            title=self.title(kind, theme, starts_on.year, place),
            starts_on=starts_on,
            place=place,
            venue=venue,
            days=days,
            powiat_teryt=place.powiat_teryt if local else None,
            subject=theme,
        )

    def calendar(self, year: int) -> list[_EventPlan]:
        """The partnership's year: what a small demo shows."""
        rng = self.rng
        places = self.places
        krakow = places.by_teryt[KRAKOW]
        themes = rng.sample(THEMES, len(THEMES))
        plans: list[_EventPlan] = []
        for month in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
            day = _nth_weekday(year, month, 1, 2)  # the second Tuesday
            plans.append(self.plan(EventType.PARTNER_MORNING, day, krakow, themes.pop()))
        for month, resort in ((5, RESORTS[0]), (10, RESORTS[1])):
            day = _nth_weekday(year, month, 3, 3)  # Thursday and Friday
            plans.append(self.plan(EventType.WORKSHOP, day, places.by_teryt[resort],
                                   themes.pop(), days=2))
        plans.append(self.plan(EventType.CONFERENCE, _nth_weekday(year, 9, 2, 4), krakow, ""))
        powiaty = rng.sample(places.land_powiaty, 4)
        for month, powiat in zip((3, 4, 6, 11), powiaty, strict=True):
            seat = places.seat_of(powiat)
            day = _nth_weekday(year, month, 3, 4)
            plans.append(self.plan(EventType.LOCAL_LEADERS_WORKSHOP, day, seat, ""))
        for month in (2, 11):
            day = _nth_weekday(year, month, 2, 1)
            plans.append(self.plan(EventType.THINK_TANK, day, krakow, themes.pop()))
        gala = self.plan(EventType.GALA, _nth_weekday(year, 12, 3, 2), krakow, "")
        gala.venue = KRAKOW_VENUES[2]
        plans.append(gala)
        plans.sort(key=lambda plan: plan.starts_on)
        for plan in plans:
            plan.status = _status(plan, self.today)
            low, high = SMALL_INVITED[plan.type]
            plan.invited = rng.randint(low, high)
            self.conclude(plan)
        popular = next((plan for plan in plans if plan.status is EventStatus.OPEN
                        and plan.type is EventType.PARTNER_MORNING), None)
        if popular is not None:  # more want to come than there are seats: a waiting list
            popular.invited = CAPACITY[popular.type] * 2 + 10
        return plans

    def conclude(self, plan: _EventPlan) -> None:
        """Notes and conclusions of some of the events held."""
        if plan.status is EventStatus.HELD and plan.type is not EventType.GALA and (
                self.rng.random() < 0.4):
            plan.notes = self.rng.choice(CONCLUSIONS)

    def spread(self, count: int, first_year: int, last_year: int,
               registrations: int) -> list[_EventPlan]:
        """Many events over several years, for the benchmark dataset."""
        rng = self.rng
        places = self.places
        start = date(first_year, 1, 1)
        span = (date(last_year, 12, 31) - start).days - 10  # room to move off holidays
        kinds = [kind for kind, _share, _size in LARGE_EVENT_TYPES]
        shares = [share for _kind, share, _size in LARGE_EVENT_TYPES]
        sizes = {kind: size for kind, _share, size in LARGE_EVENT_TYPES}
        plans: list[_EventPlan] = []
        for _event in range(count):
            two_days = rng.random() < 0.05
            if two_days:
                kind = rng.choice((EventType.WORKSHOP, EventType.CONFERENCE))
            else:
                kind = rng.choices(kinds, shares)[0]
            day = start + timedelta(days=rng.randrange(span))
            if kind is EventType.GALA:  # it closes the year's competition
                day = date(day.year, 12, rng.randint(1, 12))
            last_weekday = 3 if two_days else 4
            while not _free(day, last_weekday) or (
                    two_days and not _free(day + timedelta(days=1), last_weekday + 1)):
                day += timedelta(days=1)
            if kind is EventType.LOCAL_LEADERS_WORKSHOP:
                place = places.seat_of(rng.choice(places.land_powiaty))
                if rng.random() < 0.5:
                    in_powiat = [p for p in places.all if p.powiat_teryt == place.powiat_teryt]
                    place = rng.choice(in_powiat)
            elif kind in (EventType.CONFERENCE, EventType.GALA, EventType.THINK_TANK):
                place = places.by_teryt[KRAKOW] if rng.random() < 0.8 else places.pick(rng)
            elif kind is EventType.WORKSHOP and two_days:
                place = places.by_teryt[rng.choice(RESORTS)]
            else:
                place = places.pick(rng)
            plan = self.plan(kind, day, place, rng.choice(THEMES), days=2 if two_days else 1)
            plan.status = _status(plan, self.today, rng)
            self.conclude(plan)
            plans.append(plan)
        plans.sort(key=lambda plan: plan.starts_on)
        weights = [sizes[plan.type] * rng.uniform(0.6, 1.4) for plan in plans]
        for plan, invited in zip(plans, _apportion(registrations, weights), strict=True):
            plan.invited = invited
        return plans


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Whole numbers proportional to the weights that add up to exactly ``total``."""
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    whole = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - whole[i], reverse=True)
    for index in by_remainder[: total - sum(whole)]:
        whole[index] += 1
    return whole


# --- registrations and attendance --------------------------------------------------------

RS = RegistrationStatus
PAST_STATUSES = ((RS.ATTENDED, 62), (RS.ABSENT, 10), (RS.CANCELLED, 8), (RS.WALK_IN, 5),
                 (RS.INVITED, 15))
OPEN_STATUSES = ((RS.INVITED, 35), (RS.REGISTERED, 55), (RS.CANCELLED, 10))
PLANNED_STATUSES = ((RS.INVITED, 88), (RS.REGISTERED, 12))
PRESENT = (RS.ATTENDED, RS.WALK_IN)
# Who signed up in advance (and so has a time of registration; walk-ins get theirs at the
# door, the invited who never answered none).
SIGNED_UP = {RS.REGISTERED, RS.ATTENDED, RS.ABSENT, RS.CANCELLED, RS.WAITING}


def _statuses(plan: _EventPlan) -> tuple[list[RegistrationStatus], list[float]]:
    table = {
        EventStatus.HELD: PAST_STATUSES,
        EventStatus.OPEN: OPEN_STATUSES,
        EventStatus.CANCELLED: OPEN_STATUSES,
    }.get(plan.status, PLANNED_STATUSES)
    return [status for status, _w in table], [w for _s, w in table]


def _check_in(rng: random.Random, day: date, starts_at: time) -> datetime:
    """An arrival from 40 minutes before the start to 20 after, as an aware UTC datetime."""
    local = datetime.combine(day, starts_at, tzinfo=LOCAL_TIMEZONE)
    return (local + timedelta(minutes=rng.randint(-40, 20))).astimezone(UTC)


def _signup_times(rng: random.Random, plan: _EventPlan, today: date,
                  count: int) -> list[datetime]:
    """When people signed up (in working hours, before the event and before today), sorted."""
    end = min(plan.starts_on, today) - timedelta(days=1)
    start = min(plan.starts_on - timedelta(days=60), end - timedelta(days=14))
    span = (end - start).days + 1
    times = []
    for _person in range(count):
        day = start + timedelta(days=rng.randrange(span))
        local = datetime.combine(day, time(7, 0), tzinfo=LOCAL_TIMEZONE)
        times.append((local + timedelta(minutes=rng.randrange(15 * 60))).astimezone(UTC))
    times.sort()
    return times


def _sessions_attended(rng: random.Random, status: RegistrationStatus, count: int) -> list[int]:
    """Which sessions (0-based) someone present at the event came to."""
    if count == 1:
        return [0]
    if status is RS.ATTENDED and rng.random() < 0.85:
        return list(range(count))
    return [rng.randrange(count)] if rng.random() < 0.7 else list(range(count))


def _pick_people(rng: random.Random, count: int, everyone: int,
                 preferred: Sequence[int] | None) -> list[int]:
    """``count`` distinct indexes of people; most from ``preferred`` when given."""
    count = min(count, everyone)
    if not preferred:
        return rng.sample(range(everyone), count)
    chosen = rng.sample(preferred, min(len(preferred), count * 7 // 10))
    taken = set(chosen)
    while len(chosen) < count:
        index = rng.randrange(everyone)
        if index not in taken:
            taken.add(index)
            chosen.append(index)
    return chosen


# --- writing ---------------------------------------------------------------------------------


class _Meter:
    """Progress in rows written, against an estimate made at the start."""

    def __init__(self, total: int) -> None:
        self.total = max(total, 1)
        self.done = 0

    def add(self, rows: int, message: str) -> Progress:
        self.done = min(self.done + rows, self.total - 1)
        return Progress(self.done, self.total, message)


def generate_demo(database: Database, size: str = "small", seed: int = 2026, *,
                  today: date | None = None) -> Job[DemoCounts]:
    """Add demo data on top of what the database holds (see the module's docstring).

    ``today`` (default: the real date) decides the year of a small demo's calendar
    and which events were held (past), are open for registration (the next two
    months) or planned. One transaction: stopping the job leaves nothing behind.
    """
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; use one of {', '.join(SIZES)}")
    return _Demo(database, SIZES[size], random.Random(seed), today or date.today()).run()


class _Demo:
    """One run of the generator: the steps share the random source and what was written."""

    def __init__(self, database: Database, size: DemoSize, rng: random.Random,
                 today: date) -> None:
        self.database = database
        self.size = size
        self.rng = rng
        self.today = today
        registrations = size.registrations or 1_100
        self.meter = _Meter(size.organizations * 2 + size.people * 2 + (size.events or 22)
                            + registrations * 17 // 10)
        self.orgs: list[_Org] = []
        self.person_ids: list[int] = []
        self.people_by_powiat: dict[str, list[int]] = {}
        self.plans: list[_EventPlan] = []
        self.themes: dict[str, int] = {}
        self.orgs_by_powiat: dict[str, list[_Org]] = {}
        self.counts: dict[str, int] = dict.fromkeys(
            ("memberships", "affiliations", "registrations", "attendances"), 0)

    def run(self) -> Job[DemoCounts]:
        meter = self.meter
        yield Progress(0, meter.total, _("Loading reference data…"))
        with self.database.transaction() as session:
            session.info["audit"] = False
            load_reference_data(session)
            places = _load_places(session)
            writer = BulkWriter(session, self.size.chunk)
            self.themes = self._themes(session)
            theme_ids = list(self.themes.values())
            organizations = _Organizations(self.rng, places)
            yield from self._organizations(writer, organizations, theme_ids)
            yield from self._people(writer, _People(self.rng, places), theme_ids)
            yield from self._events(writer, _Events(self.rng, places, organizations, self.today))
            yield from self._registrations(writer)
            # The last report comes before the commit: stopping here still undoes it all.
            yield Progress(meter.total, meter.total, _("Saving…"))
        return DemoCounts(
            organizations=len(self.orgs),
            people=len(self.person_ids),
            events=len(self.plans),
            registrations=self.counts["registrations"],
            attendances=self.counts["attendances"],
            memberships=self.counts["memberships"],
            affiliations=self.counts["affiliations"],
        )

    def _themes(self, session: Session) -> dict[str, int]:
        """The ids of the themes of interest by name, adding those the list does not have."""
        existing = {name: id_ for name, id_ in session.execute(select(Theme.name, Theme.id))}
        missing = [{"name": name} for name in THEME_NAMES if name not in existing]
        if missing:
            writer = BulkWriter(session, len(missing))
            ids = writer.insert(Theme, missing)
            existing.update(zip([row["name"] for row in missing], ids, strict=True))
        return {name: existing[name] for name in THEME_NAMES}

    def _organizations(self, writer: BulkWriter, organizations: _Organizations,
                       theme_ids: list[int]) -> Job[None]:
        rng = self.rng
        size = self.size
        drafts = organizations.fixed()
        message = _("Adding organisations…")
        while len(self.orgs) < size.organizations:
            # Half chunks: an organisation has many words to index.
            batch = min(size.chunk // 2, size.organizations - len(self.orgs))
            while len(drafts) < batch:
                drafts.append(organizations.draft())
            batch_drafts, drafts = drafts[:batch], drafts[batch:]
            organization_rows = [organizations.row(d) for d in batch_drafts]
            ids = writer.insert(Organization, organization_rows)
            yield self.meter.add(batch, message)
            writer.index(ORGANIZATION, organization_rows, ids)
            members = []
            themes = []
            for org_id, draft in zip(ids, batch_drafts, strict=True):
                org = _Org(org_id, draft.type, draft.place.teryt, draft.domain)
                self.orgs.append(org)
                self.orgs_by_powiat.setdefault(draft.place.powiat_teryt, []).append(org)
                founding = len(self.orgs) <= 2  # WUP and the Marshal's Office
                if founding or rng.random() < MEMBER_SHARE:
                    members.append(_membership(rng, org_id, draft.type, founding, self.today))
                    for theme_id in rng.sample(theme_ids, rng.randint(1, 3)):
                        themes.append({"organization_id": org_id, "theme_id": theme_id})
            writer.insert(Membership, members)
            writer.link(organization_themes, themes)
            self.counts["memberships"] += len(members)
            yield self.meter.add(batch, message)

    def _people(self, writer: BulkWriter, people: _People, theme_ids: list[int]) -> Job[None]:
        rng = self.rng
        size = self.size
        orgs = self.orgs
        hostile_org = next((o for o in orgs if o.domain == HOSTILE_DOMAIN), None)
        message = _("Adding people…")
        while len(self.person_ids) < size.people:
            batch = min(size.chunk, size.people - len(self.person_ids))
            employers = [rng.choice(orgs) if orgs and rng.random() < 0.85 else None
                         for _index in range(batch)]
            rows = [people.row(org) for org in employers]
            if not self.person_ids:  # the first person's text tests escaping
                first, last, position = HOSTILE_PERSON
                rows[0].update(first_name=first, last_name=last, gender=Gender.FEMININE,
                               position=position, title="dr",
                               email=f"z.cwikla-oneill@{HOSTILE_DOMAIN}",
                               notes='Uwaga: <i>nie</i> & "cudzysłów" — test znaków.')
                employers[0] = hostile_org
            for row in rows:
                row.update(person_name_keys(row["first_name"], row["last_name"]))
            start = len(self.person_ids)
            ids = writer.insert(Person, rows)
            self.person_ids.extend(ids)
            yield self.meter.add(batch, message)
            writer.index(PERSON, rows, ids)
            affiliations = []
            themes = []
            for offset, (person_id, row, org) in enumerate(zip(ids, rows, employers,
                                                               strict=True)):
                if row["gmina_teryt"] is not None:
                    self.people_by_powiat.setdefault(row["gmina_teryt"][:4], []).append(
                        start + offset)
                if org is not None:
                    affiliations.append({"person_id": person_id, "organization_id": org.id,
                                         "role": row["position"], "is_primary": True})
                    if rng.random() < 0.06:  # also active in an association
                        other = rng.choice(orgs)
                        if other.id != org.id:
                            roles = POSITIONS[other.type]
                            role = rng.choice(roles)[1 if row["gender"] is Gender.FEMININE
                                                     else 0]
                            affiliations.append({"person_id": person_id,
                                                 "organization_id": other.id, "role": role,
                                                 "is_primary": False})
                if rng.random() < 0.3:
                    for theme_id in rng.sample(theme_ids, rng.randint(1, 2)):
                        themes.append({"person_id": person_id, "theme_id": theme_id})
            writer.insert(Affiliation, affiliations)
            writer.link(person_themes, themes)
            self.counts["affiliations"] += len(affiliations)
            yield self.meter.add(batch, message)

    def _events(self, writer: BulkWriter, events: _Events) -> Job[None]:
        size = self.size
        if size.first_year is None:
            self.plans = events.calendar(self.today.year)
        else:
            self.plans = events.spread(size.events, size.first_year,
                                       max(self.today.year, 2026), size.registrations)
        message = _("Adding events…")
        for start in range(0, len(self.plans), size.chunk):
            batch = self.plans[start:start + size.chunk]
            event_ids = writer.insert(Event, [plan.row() for plan in batch])
            for event_id, plan in zip(event_ids, batch, strict=True):
                plan.event_id = event_id
            session_rows = [row for plan in batch for row in plan.session_rows()]
            session_ids = iter(writer.insert(EventSession, session_rows))
            for plan in batch:
                plan.session_ids = [next(session_ids) for _day in range(plan.days)]
            self._event_links(writer, batch)
            yield self.meter.add(len(batch), message)

    def _event_links(self, writer: BulkWriter, plans: Sequence[_EventPlan]) -> None:
        """Events' themes and partner institutions (co-organisers, hosts)."""
        rng = self.rng
        themes, partners = [], []
        theme_ids = list(self.themes.values())
        for plan in plans:
            if plan.subject:
                chosen = {self.themes[EVENT_SUBJECTS[plan.subject]]}
            elif plan.type is EventType.CONFERENCE:
                chosen = set(rng.sample(theme_ids, 3))
            elif plan.type is EventType.LOCAL_LEADERS_WORKSHOP:
                chosen = {self.themes["uczenie się dorosłych"]}
            else:
                chosen = set()
            themes.extend({"event_id": plan.event_id, "theme_id": t} for t in sorted(chosen))
            if self.orgs and plan.type is not EventType.GALA and rng.random() < 0.5:
                pool = self.orgs_by_powiat.get(plan.place.powiat_teryt) or self.orgs
                picked = {org.id for org in rng.sample(pool, min(len(pool), rng.randint(1, 3)))}
                partners.extend({"event_id": plan.event_id, "organization_id": org_id}
                                for org_id in sorted(picked))
        writer.link(event_themes, themes)
        writer.link(event_partners, partners)

    def _registrations(self, writer: BulkWriter) -> Job[None]:
        """Who was invited to what, with what outcome; attendance of those who came."""
        pending: list[tuple[dict[str, Any], _EventPlan]] = []
        message = _("Adding registrations and attendance…")
        for number, plan in enumerate(self.plans):
            pending.extend((row, plan) for row in self._event_registrations(plan))
            if len(pending) >= self.size.chunk or number == len(self.plans) - 1:
                yield from self._write_registrations(writer, pending, message)
                pending = []

    def _event_registrations(self, plan: _EventPlan) -> list[dict[str, Any]]:
        rng = self.rng
        statuses, weights = _statuses(plan)
        preferred = self.people_by_powiat.get(plan.powiat_teryt or "")
        chosen = _pick_people(rng, plan.invited, len(self.person_ids), preferred)
        drawn = rng.choices(statuses, weights, k=len(chosen))
        if plan.status is EventStatus.OPEN:
            seats = CAPACITY[plan.type]
            for index, status in enumerate(drawn):
                if status is RS.REGISTERED:
                    if seats:
                        seats -= 1
                    else:  # full: the latest ones wait for a seat
                        drawn[index] = RS.WAITING
        signed_up = sum(1 for status in drawn if status in SIGNED_UP)
        times = iter(_signup_times(rng, plan, self.today, signed_up))
        return [{
            "event_id": plan.event_id,
            "person_id": self.person_ids[index],
            "status": status,
            "registered_at": next(times) if status in SIGNED_UP else None,
        } for index, status in zip(chosen, drawn, strict=True)]

    def _write_registrations(self, writer: BulkWriter,
                             pending: list[tuple[dict[str, Any], _EventPlan]],
                             message: str) -> Job[None]:
        rng = self.rng
        present: list[tuple[int, list[dict[str, Any]]]] = []  # (row number, attendance)
        for number, (row, plan) in enumerate(pending):
            status = row["status"]
            if plan.status is not EventStatus.HELD or status not in PRESENT:
                continue
            starts_at = SESSION_HOURS[plan.type][0]
            attendance = [{
                "session_id": plan.session_ids[index],
                "checked_in_at": _check_in(rng, plan.starts_on + timedelta(days=index),
                                           starts_at),
            } for index in _sessions_attended(rng, status, len(plan.session_ids))]
            if status is RS.WALK_IN:  # registered at the door, as the check-in desk does
                row["registered_at"] = attendance[0]["checked_in_at"]
            present.append((number, attendance))
        ids = writer.insert(Registration, [row for row, _plan in pending])
        attendance_rows = []
        for number, attendance in present:
            for record in attendance:
                record["registration_id"] = ids[number]
                attendance_rows.append(record)
        self.counts["registrations"] += len(pending)
        yield self.meter.add(len(pending), message)
        for start in range(0, len(attendance_rows), writer.chunk):
            batch = attendance_rows[start:start + writer.chunk]
            writer.insert(Attendance, batch)
            self.counts["attendances"] += len(batch)
            yield self.meter.add(len(batch), message)


# --- membership of the partnership ------------------------------------------------------

MEMBER_SHARE = 0.4  # organisations that are MPKU members
THEME_NAMES = (
    "zielone kompetencje", "edukacja włączająca", "kompetencje cyfrowe",
    "uczenie się dorosłych", "kształcenie zawodowe", "doradztwo zawodowe",
    "walidacja i mikropoświadczenia", "szkolnictwo wyższe", "edukacja seniorów",
)
PILLARS = {
    OrganizationType.SCHOOL: Pillar.EDUCATION,
    OrganizationType.UNIVERSITY: Pillar.EDUCATION,
    OrganizationType.TRAINING_INSTITUTION: Pillar.EDUCATION,
    OrganizationType.LIBRARY_CULTURE: Pillar.EDUCATION,
    OrganizationType.EMPLOYER: Pillar.ECONOMY,
    OrganizationType.EMPLOYERS_ORGANISATION: Pillar.ECONOMY,
    OrganizationType.LOCAL_GOVERNMENT: Pillar.STRATEGIC_MANAGEMENT,
    OrganizationType.LABOUR_OFFICE: Pillar.EU_FUNDS,
    OrganizationType.NGO: Pillar.SOCIAL_DIALOGUE,
    OrganizationType.OTHER: Pillar.SOCIAL_DIALOGUE,
}
PARTNERSHIP_FOUNDED = date(2014, 3, 1)


def _membership(rng: random.Random, organization_id: int, kind: OrganizationType,
                founding: bool, today: date) -> dict[str, Any]:
    """An MPKU membership: since when, declaration, seat on the Programme Council, pillar."""
    if founding:
        since = PARTNERSHIP_FOUNDED
    else:
        since = PARTNERSHIP_FOUNDED + timedelta(
            days=rng.randrange(max((today - PARTNERSHIP_FOUNDED).days, 1)))
    until = None
    if not founding and rng.random() < 0.06:
        until = min(since + timedelta(days=rng.randint(365, 2500)), today)
    return {
        "organization_id": organization_id,
        "since": since,
        "until": until,
        "declaration_signed_on": since - timedelta(days=rng.randint(0, 30))
        if rng.random() < 0.9 else None,
        "programme_council_seat": founding or rng.random() < 0.05,
        "wzk_pillar": PILLARS[kind] if rng.random() < 0.7 else None,
        "notes": "",
    }
