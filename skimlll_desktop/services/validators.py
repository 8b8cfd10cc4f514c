"""Checking and normalising what users type or import: NIP, REGON, KRS, e-mail, phone.

Each ``normalise_*`` returns the value as it is stored (digits only for NIP,
REGON, KRS; ``+48 12 345 67 89`` for a Polish phone number) or raises
:class:`InvalidValue` with a Polish message for the field. Empty input is
``None`` (the field is optional).
"""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError
from stdnum.pl import nip, regon

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import UserFacingError


class InvalidValue(UserFacingError):
    """A field's value is not acceptable; ``message`` says why."""


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def normalise_nip(value: str | None) -> str | None:
    """``PL 734-000-94-69`` → ``7340009469``; wrong length or check digit → InvalidValue."""
    if _blank(value):
        return None
    assert value is not None
    compact = nip.compact(value)
    try:
        return nip.validate(compact)
    except ValidationError as error:
        if not compact.isdigit() or len(compact) != 10:
            raise InvalidValue(_("A NIP has 10 digits.")) from error
        raise InvalidValue(_("This NIP has a wrong check digit: check for a typo.")) from error


def normalise_regon(value: str | None) -> str | None:
    """A 9- or 14-digit REGON with correct check digits."""
    if _blank(value):
        return None
    assert value is not None
    compact = regon.compact(value)
    try:
        return regon.validate(compact)
    except ValidationError as error:
        if not compact.isdigit() or len(compact) not in (9, 14):
            raise InvalidValue(_("A REGON has 9 or 14 digits.")) from error
        raise InvalidValue(_("This REGON has a wrong check digit: check for a typo.")) from error


def normalise_krs(value: str | None) -> str | None:
    """A KRS number: up to 10 digits, stored zero-padded to 10."""
    if _blank(value):
        return None
    assert value is not None
    digits = re.sub(r"[\s-]", "", value)
    if digits.upper().startswith("KRS"):
        digits = digits[3:]
    if not digits.isdigit() or len(digits) > 10:
        raise InvalidValue(_("A KRS number has up to 10 digits."))
    return digits.zfill(10)


_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
)


def normalise_email(value: str | None) -> str | None:
    """Trimmed, domain in lower case; a clearly malformed address → InvalidValue."""
    if _blank(value):
        return None
    assert value is not None
    address = value.strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    local, at, domain = address.rpartition("@")
    candidate = f"{local}@{domain.lower()}" if at else address
    if not _EMAIL.match(candidate) or ".." in candidate:
        raise InvalidValue(_("This does not look like an e-mail address (name@domain.pl)."))
    return candidate


# Polish mobile numbers begin with these; every other 9-digit number is a landline
# (two-digit area code: 12 Kraków, 18 Nowy Sącz, 41 Miechów…).
MOBILE_PREFIXES = {"45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"}


def normalise_phone(value: str | None) -> str | None:
    """Polish numbers as ``+48 12 345 67 89`` (landline) or ``+48 601 234 567`` (mobile).

    Foreign numbers given with ``+`` or ``00`` and a country code are kept as typed
    (spaces tidied). Anything else that is not 9 Polish digits → InvalidValue.
    """
    if _blank(value):
        return None
    assert value is not None
    text = value.strip()
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or text.startswith("00")
    if text.startswith("00"):
        digits = digits[2:]
    if international and not digits.startswith("48"):
        if 7 <= len(digits) <= 15:
            return "+" + digits
        raise InvalidValue(_("This phone number has a wrong number of digits."))
    if digits.startswith("48") and len(digits) == 11:
        digits = digits[2:]
    elif digits.startswith("0") and len(digits) == 10:
        digits = digits[1:]  # an old trunk prefix: 012 345 67 89
    if len(digits) != 9:
        raise InvalidValue(_("A Polish phone number has 9 digits (e.g. 12 345 67 89)."))
    if digits[:2] in MOBILE_PREFIXES:
        return f"+48 {digits[:3]} {digits[3:6]} {digits[6:]}"
    return f"+48 {digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"
