"""A quick look at a workbook before importing it: its sheets, the header row, a sample row.

The import wizard needs this before the (slow) full check of every row: which
sheets there are, where the header row is and which field each column feeds
by default, and the first data row to show as an example next to each column.
Only the rows down to the first data row are read, so a 50,000-row sheet is as
quick as a small one (apart from opening the file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skimlll_desktop.i18n import _
from skimlll_desktop.services.excel_reading import (
    HeaderMatch,
    UnreadableWorkbook,
    _find_header,
    cell_text,
)
from skimlll_desktop.services.excel_reading import _open_workbook as _open_checked


@dataclass(frozen=True)
class SheetOutline:
    """What the wizard shows before checking the rows."""

    sheets: tuple[str, ...]  # every sheet of the workbook, in the workbook's order
    sheet: str  # the sheet the header was found in
    header: HeaderMatch  # automatic mapping: field → column index
    sample: tuple[str, ...]  # the first non-empty row under the header, as text


def _open_workbook(path: Path) -> Any:
    """As ``excel_reading`` opens it; a file openpyxl refuses by its extension (.csv, .txt)
    is unreadable too, not an unexpected error."""
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return _open_checked(path)
    except InvalidFileException as error:
        raise UnreadableWorkbook(_(
            "The file {name} is not an Excel workbook (.xlsx) or is damaged.").format(
                name=path.name)) from error


def list_sheets(path: Path) -> list[str]:
    """The names of the workbook's sheets; :class:`UnreadableWorkbook` if it cannot be read."""
    workbook = _open_workbook(Path(path))
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def outline_sheet(
    path: Path,
    synonyms: Mapping[str, Sequence[str]],
    required: Sequence[str],
    sheet: str | None = None,
) -> SheetOutline:
    """The header of ``sheet`` (or of the first sheet that has one) and its first data row.

    Uses the same header search as :func:`excel_reading.read_sheet`, so the
    preview finds the same header row. Raises :class:`UnreadableWorkbook` with a
    message for the user when the file or the sheet cannot be used.
    """
    path = Path(path)
    workbook = _open_workbook(path)
    try:
        sheets = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in sheets:
            raise UnreadableWorkbook(_("The workbook has no sheet named {sheet}.").format(
                sheet=sheet))
        for name in [sheet] if sheet is not None else list(sheets):
            rows = workbook[name].iter_rows(values_only=True)
            header = _find_header(rows, synonyms, required)
            if header is None:
                continue
            sample: tuple[Any, ...] = ()
            for cells in rows:
                if any(cell not in (None, "") for cell in cells):
                    sample = cells
                    break
            return SheetOutline(sheets, name, header, tuple(cell_text(cell) for cell in sample))
    finally:
        workbook.close()
    wanted = ", ".join(str(synonyms[name][0]) for name in required)
    where = sheet if sheet is not None else path.name
    raise UnreadableWorkbook(_(
        "No header row found in {name}: a row with column names such as {columns} is needed."
    ).format(name=where, columns=wanted))
