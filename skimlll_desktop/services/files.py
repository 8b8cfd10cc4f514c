"""File names built from user text: safe on Windows, macOS and Linux."""

from __future__ import annotations

import re

from skimlll_desktop.services.polish_text import fold

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
             *(f"lpt{n}" for n in range(1, 10))}


def safe_file_name(text: str, suffix: str = "", max_length: int = 80) -> str:
    """"Gala: „EGM” 2026/27" → "gala-egm-2026-27" (+ suffix): ASCII, no path parts."""
    stem = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")[:max_length].rstrip("-")
    if not stem or stem in _RESERVED:
        stem = f"plik-{stem}" if stem else "plik"
    return stem + suffix
