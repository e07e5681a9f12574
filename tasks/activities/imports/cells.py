"""Reading one cell as people type it: dates (dd/mm/yyyy and Excel dates), whole numbers with "." for
thousands, choices by their Vietnamese or English label."""

import re
from datetime import date, datetime

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from accounts.text import name_key, nfc
from config.dates import DAY_FIRST, ISO, DateUnreadable, parse_day
from tasks.activities.imports.columns import LANGUAGES


class CellError(Exception):
    pass


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value) -> str:
    """The cell as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{int(value)}" if value.is_integer() else repr(value)
    return nfc(str(value)).strip()


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?")


def parse_date(value) -> date:
    """dd/mm/yyyy (also with "-" or "."), an ISO date, or a date cell of the workbook."""
    found = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        found = from_excel(value)  # a date cell whose format was lost: Excel's day number
        found = found.date() if isinstance(found, datetime) else found
    elif isinstance(value, str):
        text = value.strip()
        if _ISO.fullmatch(text):
            text = text[:10]
        try:
            found = parse_day(text)
        except DateUnreadable as exc:
            if DAY_FIRST.fullmatch(text) or ISO.fullmatch(text):  # the form is right, the day does not exist
                raise CellError(str(exc)) from None
            found = None
    if not isinstance(found, date) or not 2000 <= found.year <= 2100:
        raise CellError(_("“%(value)s” is not a date: write it as dd/mm/yyyy.") % {"value": shown(value)})
    return found


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_count(value, *, maximum: int) -> int:
    """A whole number, zero or more. Vietnamese users type "1.500.000": "." groups thousands."""
    if blank(value):
        return 0
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        text = "".join(value.split()).replace("\u00a0", "")
        sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text)
        if digits.isdigit() and digits.isascii():
            number = sign * int(digits)
        elif _GROUPED.fullmatch(digits):
            number = sign * int(digits.replace(".", ""))
    if number is None:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": shown(value)})
    if number < 0:
        raise CellError(_("The number must not be negative."))
    if number > maximum:
        raise CellError(_("The number is too large: at most %(max)s.") % {"max": f"{maximum:,}".replace(",", ".")})
    return number


def choice_lookup(choices) -> dict[str, str]:
    """Every way a user may write a choice (its code, its Vietnamese or English label) → its code."""
    lookup = {}
    for value, label in choices.choices:
        lookup[name_key(value)] = value
        for language in LANGUAGES:
            with translation.override(language):
                lookup[name_key(str(label))] = value
    return lookup


def parse_multi(value, lookup: dict[str, str]) -> tuple[list[str], list[str]]:
    """Values separated by ";" (or line breaks) → (codes, unknown parts). A label that itself holds
    a ";" is matched by trying the longest run of parts first."""
    parts = [p.strip() for p in re.split(r"[;\n]", cell_text(value))]
    parts = [p for p in parts if p]
    codes, unknown, i = [], [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            code = lookup.get(name_key("; ".join(parts[i:j])))
            if code is not None:
                if code not in codes:
                    codes.append(code)
                i = j
                break
        else:
            unknown.append(parts[i])
            i += 1
    return codes, unknown
