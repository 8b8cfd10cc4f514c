"""Polish text for machines: folding for search, and Polish alphabetical order.

``fold`` makes text comparable the way a user types it: case and diacritics
ignored, ``ł`` included ("Łącko" → "lacko", "Żółkiewska" → "zolkiewska").
Unicode decomposition alone leaves ``ł`` alone (it has no decomposition), so it
is mapped first.

``sort_key`` orders by the Polish alphabet — a ą b c ć d e ę f g h i j k l ł m
n ń o ó p q r s ś t u v w x y z ź ż — ignoring case; it is plain ASCII whose
byte order is the Polish order, so it can be stored in an indexed column and
sorted by SQL on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})
_WORD = re.compile(r"[0-9a-z]+")
_LATIN_MARKS = re.compile("[\u0300-\u036f]+")  # the combining diacritics of Latin letters

POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_DIGITS = "0123456789"
# Two ASCII characters per letter keep the key ordered: a space-like separator,
# digits, the alphabet, then anything else (by its folded form).
_KEY_SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyz"
_SEPARATOR = "00"


def fold(text: str) -> str:
    """Lower-case, without diacritics (ł → l too), whitespace collapsed."""
    if not text.isascii():  # plain ASCII has nothing to decompose
        text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_SPECIAL)))
        if not text.isascii():  # marks of other scripts, one character at a time
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits), for a search index."""
    return _WORD.findall(fold(text))


def _rank(ch: str) -> int:
    if ch.isspace():
        return 0
    if ch in _DIGITS:
        return 1 + _DIGITS.index(ch)
    position = POLISH_ALPHABET.find(ch)
    if position >= 0:
        return 11 + position
    return -1


def _encode(rank: int) -> str:
    base = len(_KEY_SYMBOLS)
    return _KEY_SYMBOLS[rank // base] + _KEY_SYMBOLS[rank % base]


@cache
def _code(ch: str) -> str:
    """A character's part of a sort key (letters of other alphabets: their base letter's)."""
    rank = _rank(ch)
    if rank >= 0:
        return _encode(rank)
    unknown = 11 + len(POLISH_ALPHABET)  # after every letter
    return "".join(_encode(rank if (rank := _rank(folded)) >= 0 else unknown)
                   for folded in fold(ch))


def sort_key(text: str) -> str:
    """An ASCII key whose plain order is Polish alphabetical order, case ignored."""
    return "".join(map(_code, " ".join(text.lower().split())))
