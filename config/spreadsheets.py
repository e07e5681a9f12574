"""Every cell the application writes into a workbook is data: text is stored as text, never as a
formula, and text a spreadsheet would read as a formula or a command (=, +, -, @, tab, carriage
return: OWASP's CSV injection advice) is marked as text; numbers stay numbers."""

from openpyxl.cell.cell import TYPE_STRING

from accounts.text import nfc

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def set_cell(ws, row: int, column: int, value):
    """Write ``value`` at (row, column): a string in NFC, as text; anything else as it is."""
    cell = ws.cell(row=row, column=column, value=nfc(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = TYPE_STRING
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell
