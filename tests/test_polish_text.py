from __future__ import annotations

import pytest

from skimlll_desktop.services.polish_text import fold, sort_key, words


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("lacko", "Gmina Łącko"),
        ("zolkiewska", "Żółkiewska"),
        ("lodz", "Łódź"),
        ("zabno", "Żabno"),
        ("SZCZAWA", "Szczawa"),
        ("swiatniki gorne", "Świątniki  Górne"),
    ],
)
def test_fold_makes_what_users_type_match(typed: str, stored: str) -> None:
    assert fold(typed) in fold(stored)


def test_fold_handles_every_polish_letter() -> None:
    assert fold("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "acelnoszz acelnoszz"


def test_words_for_the_search_index() -> None:
    assert words("Urząd Gminy Łącko, ul. Krótka 5") == [
        "urzad", "gminy", "lacko", "ul", "krotka", "5"]


def test_polish_alphabetical_order() -> None:
    names = ["Żak", "Zając", "Łuczak", "Lis", "Ćwik", "Cyran", "Śliwa", "Sowa", "Źrebiec",
             "Ostrowski", "Ósmy", "Ąkowski", "Adamczyk", "Éluard", "Ewa", "Ęcki", "Nowak",
             "Ńowy"]
    assert sorted(names, key=sort_key) == [
        "Adamczyk", "Ąkowski", "Cyran", "Ćwik", "Éluard", "Ewa", "Ęcki", "Lis", "Łuczak",
        "Nowak", "Ńowy", "Ostrowski", "Ósmy", "Sowa", "Śliwa", "Zając", "Źrebiec", "Żak"]


def test_sort_key_ignores_case_and_orders_shorter_first() -> None:
    assert sort_key("nowak") == sort_key("NOWAK")
    assert sort_key("Nowak") < sort_key("Nowakowska") < sort_key("Nowy")
    assert sort_key("Kowalska Anna") < sort_key("Kowalska-Nowak")
    assert sort_key("Kowalski").isascii()
