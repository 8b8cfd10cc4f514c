from __future__ import annotations

import pytest

from skimlll_desktop.services.validators import (
    InvalidValue,
    normalise_email,
    normalise_krs,
    normalise_nip,
    normalise_phone,
    normalise_regon,
)


@pytest.mark.parametrize(
    "typed", ["7340009469", "PL7340009469", "734-000-94-69", "PL 734 000 94 69"]
)
def test_nip_accepts_prefix_spaces_and_dashes(typed: str) -> None:
    assert normalise_nip(typed) == "7340009469"


def test_nip_errors_say_what_is_wrong() -> None:
    with pytest.raises(InvalidValue, match="cyfrę kontrolną"):
        normalise_nip("7340009468")
    with pytest.raises(InvalidValue, match="10 cyfr"):
        normalise_nip("73400094")
    assert normalise_nip("  ") is None


def test_regon_nine_and_fourteen_digits() -> None:
    assert normalise_regon("12345678-5") == "123456785"
    assert normalise_regon("12345678512347") == "12345678512347"
    with pytest.raises(InvalidValue, match="cyfrę kontrolną"):
        normalise_regon("123456786")
    with pytest.raises(InvalidValue, match="9 lub 14"):
        normalise_regon("1234")


def test_krs() -> None:
    assert normalise_krs("KRS 0000123456") == "0000123456"
    assert normalise_krs("123456") == "0000123456"
    with pytest.raises(InvalidValue):
        normalise_krs("12345678901")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12 616 00 00", "+48 12 616 00 00"),
        ("(12) 616-00-00", "+48 12 616 00 00"),
        ("0048 12 616 00 00", "+48 12 616 00 00"),
        ("+48601234567", "+48 601 234 567"),
        ("601-234-567", "+48 601 234 567"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_numbers_are_normalised(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


def test_phone_with_wrong_length_is_refused() -> None:
    with pytest.raises(InvalidValue, match="9 cyfr"):
        normalise_phone("12 616 00")


def test_email() -> None:
    assert normalise_email(" Jan.Kowalski@WUP.Krakow.PL ") == "Jan.Kowalski@wup.krakow.pl"
    assert normalise_email("mailto:a@b.pl") == "a@b.pl"
    for wrong in ("jan.kowalski", "jan@", "jan@@wup.pl", "jan@wup", "jan..k@wup.pl", "a b@wup.pl"):
        with pytest.raises(InvalidValue):
            normalise_email(wrong)
