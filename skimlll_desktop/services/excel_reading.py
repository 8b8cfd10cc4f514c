"""Reading the spreadsheets staff already have: robust, and honest about problems.

A sheet is opened read-only (values, not formulas), its header row is found
even under title rows by matching header names against synonyms (Polish and
English, compared folded), and each cell is turned into text, a number or a
date. Anything that cannot be read becomes a :class:`SheetProblem` with a
message in Polish; a file that cannot be read at all raises
:class:`UnreadableWorkbook`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import UserFacingError
from skimlll_desktop.services.polish_text import fold

HEADER_SEARCH_ROWS = 30
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableWorkbook(UserFacingError):
    """The file cannot be read as a workbook (or has no recognisable header)."""


@dataclass(frozen=True)
class SheetProblem:
    """A problem in one spreadsheet row (1-based, as Excel shows it) and column header."""

    row: int
    column: str | None
    message: str
    blocking: bool = True  # the row is skipped; False: imported with a warning


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header row is and which field each column feeds (field → column index)."""

    row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]

    def header_of(self, field_name: str) -> str | None:
        index = self.columns.get(field_name)
        return self.headers[index] if index is not None else None


@dataclass
class SheetData:
    sheet_name: str
    header: HeaderMatch
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (row number, cells)


def _normal_header(text: Any) -> str:
    return " ".join(re.findall(r"[0-9a-z]+", fold(str(text)))) if text is not None else ""


def match_headers(
    cells: Sequence[Any], synonyms: Mapping[str, Sequence[str]]
) -> dict[str, int]:
    """Field → column index for the cells of one row; the longest synonym wins.

    A header matches a synonym when its folded words are the synonym's words or
    begin with them ("Nazwa instytucji (pełna)" matches "nazwa instytucji").
    Each column feeds at most one field, each field at most one column.
    """
    candidates: list[tuple[int, int, str]] = []  # (-synonym length, column, field)
    for column, cell in enumerate(cells):
        header = _normal_header(cell)
        if not header:
            continue
        for field_name, names in synonyms.items():
            for name in names:
                normal = _normal_header(name)
                if header == normal or header.startswith(normal + " "):
                    candidates.append((-len(normal), column, field_name))
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for _length, column, field_name in sorted(candidates):
        if field_name not in chosen and column not in used:
            chosen[field_name] = column
            used.add(column)
    return chosen


def _open_workbook(path: Path):
    from openpyxl import load_workbook

    if not path.is_file():
        raise UnreadableWorkbook(_("The file {path} does not exist.").format(path=path))
    with path.open("rb") as file:
        magic = file.read(8)
    if magic == OLE2_MAGIC:
        raise UnreadableWorkbook(_(
            "The file {name} is password-protected or in the old .xls format. Remove the "
            "password or save it as .xlsx in Excel, then try again.").format(name=path.name))
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            TypeError) as error:
        raise UnreadableWorkbook(_(
            "The file {name} is not an Excel workbook (.xlsx) or is damaged.").format(
                name=path.name)) from error


def read_sheet(
    path: Path,
    synonyms: Mapping[str, Sequence[str]],
    required: Sequence[str],
    sheet: str | None = None,
    overrides: Mapping[str, int | None] | None = None,
) -> SheetData:
    """The header and the non-empty rows of a sheet (the first that has a header, or ``sheet``).

    ``overrides`` lets the user adjust the mapping (field → column index, or None
    to ignore a field).
    """
    workbook = _open_workbook(path)
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise UnreadableWorkbook(_("The workbook has no sheet named {sheet}.").format(
                sheet=sheet))
        names = [sheet] if sheet is not None else workbook.sheetnames
        for name in names:
            rows = workbook[name].iter_rows(values_only=True)
            header = _find_header(rows, synonyms, required)
            if header is None:
                continue
            columns = dict(header.columns)
            for field_name, column in (overrides or {}).items():
                if column is None:
                    columns.pop(field_name, None)
                else:
                    columns[field_name] = column
            header = HeaderMatch(header.row, header.headers, columns)
            data = SheetData(name, header)
            for number, cells in enumerate(rows, start=header.row + 1):
                if any(cell not in (None, "") for cell in cells):
                    data.rows.append((number, tuple(cells)))
            return data
    finally:
        workbook.close()
    wanted = ", ".join(str(synonyms[name][0]) for name in required)
    raise UnreadableWorkbook(_(
        "No header row found in {name}: a row with column names such as {columns} is needed."
    ).format(name=path.name, columns=wanted))


def _find_header(
    rows: Iterator[tuple[Any, ...]],
    synonyms: Mapping[str, Sequence[str]],
    required: Sequence[str],
) -> HeaderMatch | None:
    for number, cells in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            return None
        columns = match_headers(cells, synonyms)
        if columns and all(name in columns for name in required):
            headers = tuple("" if cell is None else str(cell).strip() for cell in cells)
            return HeaderMatch(number, headers, columns)
    return None


# --- cell values -------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as trimmed text; whole numbers without ``.0`` (NIPs typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return " ".join(str(value).split())


_DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s*r\.?)?$"),  # dd.mm.yyyy
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # yyyy-mm-dd
)


def cell_date(value: Any) -> date | None:
    """A date from a date cell, an Excel serial or ``dd.mm.yyyy`` / ``yyyy-mm-dd`` text.

    Anything else raises ValueError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            from openpyxl.utils.datetime import from_excel

            converted = from_excel(value)
            return converted.date() if isinstance(converted, datetime) else converted
        raise ValueError(value)
    text = str(value).strip()
    day_first, year_first = _DATE_PATTERNS
    if match := day_first.match(text):
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    if match := year_first.match(text):
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(text)
