"""Finding a gmina or powiat of Małopolska by what people write in spreadsheets.

Eleven names belong to two gminy each, an urban and a rural one (Gorlice,
Tarnów, Nowy Targ…). We never guess between them: a name is resolved by a
TERYT code, a type word ("miasto", "gmina wiejska"), the powiat, or the
institution's own name ("Urząd Miasta…", "Urząd Gminy…"); what stays
ambiguous is reported with the candidates, for the user to choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from skimlll_desktop.i18n import _
from skimlll_desktop.models import Gmina, GminaType, Powiat
from skimlll_desktop.services.polish_text import fold

GMINA_TYPE_NAMES = {
    GminaType.URBAN: "gmina miejska",
    GminaType.RURAL: "gmina wiejska",
    GminaType.URBAN_RURAL: "gmina miejsko-wiejska",
}

# Folded words that say which kind of gmina is meant, longest first.
_TYPE_WORDS: tuple[tuple[str, GminaType], ...] = (
    ("gmina miejsko wiejska", GminaType.URBAN_RURAL),
    ("miejsko wiejska", GminaType.URBAN_RURAL),
    ("gmina miejska", GminaType.URBAN),
    ("gmina wiejska", GminaType.RURAL),
    ("miejska", GminaType.URBAN),
    ("wiejska", GminaType.RURAL),
    ("miasto", GminaType.URBAN),
    ("m", GminaType.URBAN),
)
_PREFIXES = ("gmina", "gm", "miasto i gmina", "mig", "urzad gminy", "urzad miasta")

# Words in an institution's name that tell an urban gmina from a rural one.
_URBAN_HINTS = ("urzad miasta", "urzad miejski", "gmina miejska", "miasto ", "prezydent miasta",
                "burmistrz miasta")
_RURAL_HINTS = ("urzad gminy", "gmina wiejska", "wojt gminy")


@dataclass(frozen=True)
class GminaRef:
    teryt: str
    name: str
    type: GminaType
    powiat_teryt: str
    powiat_name: str

    @property
    def label(self) -> str:
        """"Gorlice — gmina miejska (powiat gorlicki)": unambiguous for people."""
        return f"{self.name} — {GMINA_TYPE_NAMES[self.type]} ({_('powiat')} {self.powiat_name})"


@dataclass(frozen=True)
class GminaResolution:
    gmina: GminaRef | None
    candidates: tuple[GminaRef, ...] = ()
    message: str = ""


def _words(text: str) -> str:
    return " ".join(re.findall(r"[0-9a-z]+", fold(text)))


class TerytIndex:
    """The gminy and powiaty of Małopolska in memory, for resolving names quickly."""

    def __init__(self, gminy: list[GminaRef], powiaty: dict[str, str]) -> None:
        self.gminy = {g.teryt: g for g in gminy}
        self.powiaty = powiaty  # teryt → name
        self._by_name: dict[str, list[GminaRef]] = {}
        for gmina in gminy:
            self._by_name.setdefault(_words(gmina.name), []).append(gmina)
        self._powiat_by_name: dict[str, str] = {}
        for teryt, name in powiaty.items():
            self._powiat_by_name[_words(name)] = teryt

    @classmethod
    def load(cls, session: Session) -> TerytIndex:
        rows = session.execute(
            select(Gmina.teryt, Gmina.name, Gmina.type, Gmina.powiat_teryt, Powiat.name)
            .join(Powiat, Gmina.powiat_teryt == Powiat.teryt)
        )
        gminy = [GminaRef(*row) for row in rows]
        powiat_rows = session.execute(select(Powiat.teryt, Powiat.name))
        powiaty = {teryt: name for teryt, name in powiat_rows}
        return cls(gminy, powiaty)

    def resolve_powiat(self, text: str) -> str | None:
        """``gorlicki``, ``powiat gorlicki``, ``m. Nowy Sącz``, ``1205`` → a powiat TERYT code."""
        words = _words(text)
        if not words:
            return None
        if words in self.powiaty:
            return words
        for prefix in ("powiat ", "pow ", "miasto na prawach powiatu ", "miasto ", "m "):
            if words.startswith(prefix):
                words = words[len(prefix):]
                break
        return self._powiat_by_name.get(words)

    def resolve_gmina(
        self, text: str, powiat: str = "", institution_name: str = ""
    ) -> GminaResolution:
        words = _words(text)
        if not words:
            return GminaResolution(None)
        if words.isdigit() and len(words) == 7:
            found = self.gminy.get(words)
            if found:
                return GminaResolution(found)
            return GminaResolution(None, message=_("There is no gmina with TERYT code {code} "
                                                   "in Małopolska.").format(code=words))
        wanted_type = None
        for type_words, gmina_type in _TYPE_WORDS:
            pattern = f" {type_words} "
            if f" {words} ".find(pattern) >= 0:
                wanted_type = gmina_type
                words = f" {words} ".replace(pattern, " ").strip()
                break
        for prefix in _PREFIXES:
            if words.startswith(prefix + " "):
                words = words[len(prefix) + 1:]
                break
        candidates = list(self._by_name.get(words, []))
        if not candidates:
            return GminaResolution(None, message=_(
                "There is no gmina named {name} in Małopolska.").format(name=text.strip()))
        if wanted_type is not None and len(candidates) > 1:
            typed = [g for g in candidates if g.type is wanted_type]
            candidates = typed or candidates
        if len(candidates) > 1 and powiat:
            powiat_teryt = self.resolve_powiat(powiat)
            in_powiat = [g for g in candidates if g.powiat_teryt == powiat_teryt]
            candidates = in_powiat or candidates
        if len(candidates) > 1 and institution_name:
            name = f" {_words(institution_name)} "
            if any(f" {hint}" in name for hint in _URBAN_HINTS):
                candidates = [g for g in candidates if g.type is GminaType.URBAN] or candidates
            elif any(f" {hint} " in name for hint in _RURAL_HINTS):
                candidates = [g for g in candidates if g.type is GminaType.RURAL] or candidates
        if len(candidates) == 1:
            return GminaResolution(candidates[0])
        options = "; ".join(f"{g.label} [{g.teryt}]" for g in candidates)
        return GminaResolution(None, tuple(candidates), _(
            "The name {name} belongs to more than one gmina: {options}. Add the powiat or "
            "the type of gmina, or choose one.").format(name=text.strip(), options=options))
