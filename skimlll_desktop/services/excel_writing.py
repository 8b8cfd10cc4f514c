"""Writing xlsx files that open well in Excel and are safe.

Every text is written as text: a value that begins with ``=``, ``+``, ``-`` or
``@`` never becomes a formula. Tables get a bold, frozen header row with
filters and sensible column widths. Files are written under a temporary name
and moved into place when complete.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from skimlll_desktop.i18n import _
from skimlll_desktop.services.errors import UserFacingError

MAX_WIDTH = 60
Cell = str | int | float | Decimal | date | datetime | bool | None


@dataclass(frozen=True)
class Column:
    header: str
    width: int | None = None  # characters; None: from the content
    number_format: str | None = None


def _cell(sheet: Any, value: Cell, bold: bool = False, number_format: str | None = None) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if isinstance(value, datetime) and value.tzinfo is not None:
        from skimlll_desktop.i18n import to_local

        value = to_local(value).replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, never a formula
    if bold:
        cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, datetime):
        cell.number_format = "dd.mm.yyyy hh:mm"
    elif isinstance(value, date):
        cell.number_format = "dd.mm.yyyy"
    return cell


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 16
    return min(MAX_WIDTH, max(len(line) for line in str(value).splitlines() or [""]))


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]


def save_workbook(workbook: Any, path: Path) -> Path:
    """Save an openpyxl workbook to ``path`` whole or not at all."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(partial)
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserFacingError(_("The file {path} could not be written: {reason}").format(
            path=path, reason=error.strerror or error)) from error
    return path


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Write the sheets to ``path`` (whole or not at all)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=spec.title[:31])
        rows = [list(row) for row in spec.rows]
        widths = [max(_width(column.header) + 2, 8) for column in spec.columns]
        for row in rows[:2000]:  # widths from a sample: big sheets stay fast
            for index, value in enumerate(row[: len(widths)]):
                widths[index] = max(widths[index], _width(value) + 1)
        for index, column in enumerate(spec.columns):
            letter = get_column_letter(index + 1)
            sheet.column_dimensions[letter].width = column.width or min(widths[index], MAX_WIDTH)
        sheet.freeze_panes = "A2"
        last = get_column_letter(max(len(spec.columns), 1))
        sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
        sheet.append([_cell(sheet, column.header, bold=True) for column in spec.columns])
        formats = [column.number_format for column in spec.columns]
        for row in rows:
            sheet.append([
                _cell(sheet, value, number_format=formats[i] if i < len(formats) else None)
                for i, value in enumerate(row)
            ])
    return save_workbook(workbook, path)
