"""Numbers, dates and table cells as a Vietnamese report writes them, in NFC."""

import unicodedata
from datetime import date

from django.utils import formats

NO_VALUE = "—"  # a cell without a value (a unit not counted)


def nfc(value) -> str:
    return unicodedata.normalize("NFC", str(value)) if value is not None else ""


def number(value) -> str:
    """1234567 → 1.234.567 in Vietnamese."""
    return nfc(formats.number_format(value or 0, use_l10n=True, force_grouping=True))


def short_date(day) -> str:
    """05/03/2024."""
    return nfc(formats.date_format(day, "d/m/Y")) if day else ""


def is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def cell_text(value) -> str:
    """A table cell (``reports.tables.Cell``) as printed: numbers grouped, dates dd/mm/yyyy, None as "—"."""
    if value is None:
        return NO_VALUE
    if is_number(value):
        return number(value)
    if isinstance(value, date):
        return short_date(value)
    return nfc(value)
