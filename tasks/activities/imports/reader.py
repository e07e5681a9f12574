"""Reading a hostile file: XLSX (calamine) or CSV (UTF-8), refused before the reader allocates for it
when it passes the limits; yields (row number, cells)."""

import csv
import io
import zipfile
from collections.abc import Iterator

import filetype
from django.utils import translation
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from accounts.text import name_key
from tasks.activities.imports import limits
from tasks.activities.imports.columns import ACTIVITIES_SHEET, LANGUAGES, refuse
from tasks.activities.imports.sheet_bounds import workbook_check


def read_rows(upload) -> Iterator[tuple[int, list]]:
    """Yield (row number, cell values) of the uploaded XLSX or CSV, after checking its type from
    its content (never its name) and its size."""
    size = upload.size
    if size > limits.MAX_BYTES:
        raise refuse(_("The file is larger than %(size)s MB.") % {"size": limits.MAX_BYTES // (1024 * 1024)})
    if size == 0:
        raise refuse(_("The file is empty."))
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_rows(upload)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse(_("Old Excel files (.xls) cannot be imported: save the file as .xlsx (Excel Workbook) first."))
    if filetype.guess(head) is not None:
        raise refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported."))
    return _csv_rows(upload)


def _xlsx_rows(upload) -> Iterator[tuple[int, list]]:
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported.")) from None
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported."))
    if sum(info.file_size for info in infos) > limits.MAX_UNCOMPRESSED_BYTES:
        raise refuse(_("The workbook is too large once uncompressed."))
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            workbook_check(archive)  # before calamine allocates for what the sheets declare
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise refuse(_("The workbook cannot be read; open it in Excel and save it again.")) from None
    upload.seek(0)
    try:
        # calamine (Rust) reads a workbook ten times faster than openpyxl; formulas give their values.
        with CalamineWorkbook.from_filelike(upload) as workbook:
            sheet = _activities_sheet(workbook)
            rows = sheet.to_python(skip_empty_area=False) if sheet is not None else []
    except Exception:  # calamine raises many kinds on a damaged workbook
        raise refuse(_("The workbook cannot be read; open it in Excel and save it again.")) from None
    # Numbered from the sheet's first row; an empty cell is None, as in a CSV row.
    return ((number, [None if v == "" else v for v in row]) for number, row in enumerate(rows, start=1))


def _activities_sheet(workbook):
    """The sheet named as the template's (in any language), else the first one."""
    titles = {name_key(str(ACTIVITIES_SHEET))}
    for language in LANGUAGES:
        with translation.override(language):
            titles.add(name_key(str(ACTIVITIES_SHEET)))
    names = workbook.sheet_names
    name = next((n for n in names if name_key(n) in titles), names[0] if names else None)
    return workbook.get_sheet_by_name(name) if name is not None else None


def _csv_rows(upload) -> Iterator[tuple[int, list]]:
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8 (Comma delimited)”.")) from None
    if "\x00" in text:
        raise refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        yield from enumerate(reader, start=1)
    except csv.Error:
        raise refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported.")) from None
