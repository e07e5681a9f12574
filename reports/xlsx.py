"""The roll-up as an XLSX workbook (openpyxl): the report's tables (``reports.tables``), one sheet
each (tables of the same sheet one under another), Vietnamese headings, numbers as numbers, dates as
dates. Every text cell is written as text, never as a formula (OWASP's CSV injection advice).
Call inside ``translation.override("vi")`` (see ``reports.services.rollup_xlsx``)."""

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from accounts.text import nfc
from config.spreadsheets import set_cell
from reports.rollup import Rollup
from reports.tables import CENTER, NUMBER, Table, report_tables

HEADER_ROW = 4  # of a sheet's first table: title, subtitle, a blank row, then the header
NUMBER_FORMAT = "#,##0"
DATE_FORMAT = "DD/MM/YYYY"
NO_VALUE = "—"  # a cell without a value (a unit not counted), as in the PDF
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEEEEE")


def sheet_name(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return nfc(text)[:31]


def write_cell(ws, row: int, column: int, value, kind: str, bold: bool = False):
    """One cell: a number with thousands grouped, a date dd/mm/yyyy, None as "—", text as text."""
    if value is None:
        value = NO_VALUE
    cell = set_cell(ws, row, column, value)  # text as text, never a formula
    cell.border = BORDER
    if isinstance(value, int) and not isinstance(value, bool):
        cell.number_format = NUMBER_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    else:
        horizontal = {NUMBER: "right", CENTER: "center"}.get(kind)
        cell.alignment = Alignment(horizontal=horizontal, wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_table(ws, table: Table, subtitle: str, top: int) -> int:
    """Write ``table`` from row ``top`` (its title; the first table of a sheet also has the
    subtitle and freezes the rows above its data). Returns the next free row."""
    set_cell(ws, top, 1, table.title).font = Font(bold=True, size=13)
    header_row = top + 1
    if top == 1:
        set_cell(ws, 2, 1, subtitle).font = Font(italic=True)
        header_row = HEADER_ROW
    for j, column in enumerate(table.columns, start=1):
        cell = set_cell(ws, header_row, j, column.label)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(table.rows):
        for j, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            write_cell(ws, header_row + 1 + i, j, value, column.kind, bold=i in table.bold_rows)
    end = header_row + len(table.rows)
    if table.note:
        end += 1
        set_cell(ws, end, 1, table.note).font = Font(italic=True)
    if top == 1:
        for j, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(j)].width = column.xlsx_width
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    return end + 2


def rollup_workbook(rollup: Rollup) -> bytes:
    """The workbook's bytes. Sheet "Tổng hợp" ends with a total row equal to the roll-up's totals."""
    window = rollup.window
    subtitle = _("Plan %(number)s · reporting window %(start)s to %(end)s · %(counted)s of %(total)s units counted") % {
        "number": rollup.plan.number,
        "start": window.start.strftime("%d/%m/%Y"),
        "end": window.end.strftime("%d/%m/%Y"),
        "counted": rollup.units.counted,
        "total": rollup.units.total,
    }
    wb = Workbook()
    sheets, next_row = {}, {}
    for table in report_tables(rollup):
        name = sheet_name(table.sheet)
        if name not in sheets:
            sheets[name] = wb.active if not sheets else wb.create_sheet(name)
            sheets[name].title = name
            next_row[name] = 1
        next_row[name] = write_table(sheets[name], table, subtitle, next_row[name])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
