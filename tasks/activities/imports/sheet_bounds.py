"""The size of every worksheet of an XLSX file, read from its XML as a stream before any spreadsheet
reader sees it: the declared dimension (``<dimension ref="A1:XFD1048576"/>``), the last row and
column any cell or row names, and the number of cells. A reader that trusts these allocates the
whole grid they span; a file that passes the limits is refused here, with a clear message, using a
few kilobytes of memory whatever the file says."""

import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tasks.activities.imports import limits
from tasks.activities.imports.columns import ImportRefused, refuse

CHUNK = 1 << 16
MAX_TAG = 1 << 16
# A row or cell start tag, with its reference when it has one (r="12" on a row, r="AB12" on a cell);
# the declared dimension's last corner.
_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF = re.compile(rb'\br="([A-Z]{0,3})(\d+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]*\d*:?([A-Z]{1,3})(\d+)"')
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


@dataclass
class SheetSize:
    rows: int = 0
    columns: int = 0
    cells: int = 0


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def sheet_size(stream) -> SheetSize:
    """Scan a worksheet's XML in chunks, never holding more than one chunk and a partial tag."""
    size, row, column, pending = SheetSize(), 0, 0, b""
    while chunk := stream.read(CHUNK):
        data = pending + chunk
        cut = data.rfind(b"<")  # keep an unfinished tag for the next chunk
        data, pending = (data[:cut], data[cut:]) if cut >= 0 and data.find(b">", cut) < 0 else (data, b"")
        if len(pending) > MAX_TAG:  # a tag this long is no worksheet's
            raise ImportRefused([])
        if dimension := _DIMENSION.search(data):
            size.columns = max(size.columns, column_number(dimension.group(1)))
            size.rows = max(size.rows, int(dimension.group(2)))
        for tag in _TAG.finditer(data):
            ref = _REF.search(tag.group(2))
            if tag.group(1) == b"row":
                row, column = (int(ref.group(2)) if ref else row + 1), 0
            else:
                column = column_number(ref.group(1)) if ref and ref.group(1) else column + 1
                row = int(ref.group(2)) if ref else row
                size.cells += 1
            size.rows, size.columns = max(size.rows, row), max(size.columns, column)
        _check(size)
    return size


def _check(size: SheetSize) -> None:
    if size.rows > limits.MAX_SHEET_ROWS:
        raise refuse(
            _("The sheet goes past row %(row)s; a file may hold at most %(max)s rows: split it into several files.")
            % {"row": _number(limits.MAX_SHEET_ROWS), "max": _number(limits.MAX_ROWS)}
        )
    if size.columns > limits.MAX_COLUMNS:
        raise refuse(
            _("The sheet reaches column %(column)s; the template has far fewer: copy the rows into the template.")
            % {"column": _number(size.columns)}
        )
    if size.cells > limits.MAX_CELLS:
        raise refuse(_("The sheet has too many cells; split it into several files."))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def workbook_check(archive: zipfile.ZipFile) -> None:
    """Refuse the workbook when any worksheet's declared or used size passes the limits."""
    for info in archive.infolist():
        if _WORKSHEET.fullmatch(info.filename):
            with archive.open(info) as stream:
                try:
                    sheet_size(stream)
                except ImportRefused as refused:
                    if refused.errors:
                        raise
                    raise refuse(_("The workbook cannot be read; open it in Excel and save it again.")) from None
