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
# The fast path, for a chunk of plain cells: every opening tag of the chunk (counted with bytes.count,
# in C) is a row or cell that starts with its reference (r="12", r="AB12"), as spreadsheet programs
# write them, or one of ``_PLAIN_TAGS``; the size is then read from the references alone.
_PLAIN_TAGS = (b"<v>", b"<is>", b"<t>", b'<t xml:space="preserve">', b"<f>")
_ROW_START, _CELL_START = b'<row r="', b'<c r="'
_ROW_REF = re.compile(rb'<row r="(\d+)"')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}(\d+)"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})\d')
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')


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
        if b"dimension" in data and (dimension := _DIMENSION.search(data)):
            size.columns = max(size.columns, column_number(dimension.group(1)))
            size.rows = max(size.rows, int(dimension.group(2)))
        row, column = _referenced(data, size, row, column) or _stepped(data, size, row, column)
        _check(size)
    return size


def _referenced(data: bytes, size: SheetSize, row: int, column: int) -> tuple[int, int] | None:
    """The fast path: when every opening tag of ``data`` is a referenced row or cell or one of
    ``_PLAIN_TAGS``, add the chunk to ``size`` from the references alone and return the (row, column)
    of its last row or cell tag; else None (``_stepped`` reads it tag by tag)."""
    row_tags, cell_tags = data.count(_ROW_START), data.count(_CELL_START)
    others = data.count(b"<") - data.count(b"</") - row_tags - cell_tags
    for tag in _PLAIN_TAGS:
        others -= data.count(tag) if others > 0 else 0
    if others != 0:
        return None
    rows, cell_rows, columns = _ROW_REF.findall(data), _CELL_ROW.findall(data), _CELL_COLUMN.findall(data)
    if len(rows) != row_tags or len(cell_rows) != cell_tags or len(columns) != cell_tags:
        return None
    size.cells += cell_tags
    size.rows = max(size.rows, max(map(int, rows), default=0), max(map(int, cell_rows), default=0))
    size.columns = max(size.columns, max(map(column_number, set(columns)), default=0))
    last_row, last_cell = data.rfind(_ROW_START), data.rfind(_CELL_START)
    if last_row > last_cell:
        return int(_ROW_REF.match(data, last_row).group(1)), 0
    if last_cell >= 0:
        letters, digits = _CELL_REF.match(data, last_cell).groups()
        return int(digits), column_number(letters)
    return row, column


def _stepped(data: bytes, size: SheetSize, row: int, column: int) -> tuple[int, int]:
    """Tag by tag: a row or cell without a reference follows the one before it."""
    for tag in _TAG.finditer(data):
        ref = _REF.search(tag.group(2))
        if tag.group(1) == b"row":
            row, column = (int(ref.group(2)) if ref else row + 1), 0
        else:
            column = column_number(ref.group(1)) if ref and ref.group(1) else column + 1
            row = int(ref.group(2)) if ref else row
            size.cells += 1
        size.rows, size.columns = max(size.rows, row), max(size.columns, column)
    return row, column


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
