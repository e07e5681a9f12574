"""Dates as people type them, read the same way by every form and the spreadsheet import: day first
(dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), or yyyy-mm-dd as a native date picker sends it. A
date whose form is right but whose day does not exist (31/11/2024) says so, rather than asking for
the format again."""

import calendar
import re
from datetime import date

from django.utils.translation import gettext as _

DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateUnreadable(ValueError):
    """The text is not a date, or names a day that does not exist; ``str(exc)`` says which."""


class NoSuchDay(DateUnreadable):
    """The text has a date's form, but the day does not exist (31/11/2024, 2026-02-29)."""


def no_such_day(day: int, month: int, year: int) -> str:
    """ "Ngày 31/11/2024 không có: tháng 11/2024 chỉ có 30 ngày." (or "tháng 13 không có")."""
    shown = f"{day:02d}/{month:02d}/{year}"
    if not 1 <= month <= 12:
        return _("There is no day %(date)s: a year has 12 months.") % {"date": shown}
    return _("There is no day %(date)s: month %(month)s/%(year)s has %(days)s days.") % {
        "date": shown,
        "month": f"{month:02d}",
        "year": year,
        "days": calendar.monthrange(year, month)[1],
    }


def format_hint() -> str:
    return _("Enter the date as dd/mm/yyyy, for example 05/12/2024.")


def parse_day(text: str) -> date:
    """The date ``text`` names (day first, or ISO from a date picker); DateUnreadable otherwise."""
    text = (text or "").strip()
    if match := DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise DateUnreadable(format_hint())
    try:
        return date(year, month, day)
    except ValueError:
        if year < 1:
            raise DateUnreadable(format_hint()) from None
        raise NoSuchDay(no_such_day(day, month, year)) from None
