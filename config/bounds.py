"""Bounds on what people type, checked in the service so that every door (API, pages, spreadsheet
import, admin) agrees: text is stored in NFC within its field's length, and counts and amounts stay
within realistic limits (declared once, as validators on the model fields, e.g. ``Activity``)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.text import nfc

# A long text (a description, a report's difficulties, a reviewer's comment): about five pages.
LONG_TEXT_MAX = 10_000

# Realistic upper limits of what one record counts (a session, a contest, a broadcast…). Sums over a
# million records stay within 64 bits (the tallies and the roll-up add them up in BigInteger).
MAX_SESSIONS = 100_000
MAX_PARTICIPANTS = 100_000_000  # the whole population
MAX_COPIES = 100_000_000
MAX_ONLINE_REACH = 10_000_000_000
MAX_BUDGET_VND = 1_000_000_000_000  # 1.000 tỷ đồng


def grouped(number: int) -> str:
    """1234567 → "1.234.567", as Vietnamese write numbers."""
    return f"{number:,}".replace(",", ".")


@deconstructible
class AtMost(MaxValueValidator):
    """A realistic upper limit, said as people read it: "Tối đa 100.000.000." (Django's own message
    reads "nhỏ hơn hoặc bằng với 100000000 .")."""

    message = gettext_lazy("At most %(limit)s.")

    def __call__(self, value):
        if value > self.limit_value:
            raise ValidationError(self.message, code="max_value", params={"limit": grouped(self.limit_value)})


def long_text_error(length: int) -> str:
    return _("At most %(limit)s characters (this text has %(length)s).") % {
        "limit": grouped(LONG_TEXT_MAX),
        "length": grouped(length),
    }


def text_within(value: str, *, field: str, limit: int = LONG_TEXT_MAX) -> str:
    """``value`` in NFC, or ValidationError({field: …}) when it is longer than ``limit``."""
    value = nfc(value or "")
    if len(value) > limit:
        raise ValidationError({field: long_text_error(len(value))})
    return value


def record_bounded(obj: models.Model) -> None:
    """Normalise ``obj``'s text to NFC and check every text and number against its field's bounds
    (max_length, LONG_TEXT_MAX, the field's validators); raise one ValidationError listing every
    field out of bounds, in Vietnamese. Nothing is saved here."""
    errors: dict[str, list] = {}
    for field in obj._meta.concrete_fields:
        if field.is_relation or isinstance(field, models.FileField | models.JSONField):
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, str):
            value = nfc(value)
            setattr(obj, field.attname, value)
            if isinstance(field, models.TextField) and len(value) > LONG_TEXT_MAX:
                errors.setdefault(field.name, []).append(long_text_error(len(value)))
                continue
        if value is None or not isinstance(value, str | int) or isinstance(value, bool):
            continue
        try:
            field.run_validators(value)
        except ValidationError as exc:
            errors.setdefault(field.name, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def _shown(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def day_errors(day: date | None, *, plan, done: bool, today: date | None = None) -> list[str]:
    """Why ``day`` cannot be the date of a record of ``plan`` (empty when it can): outside the plan's
    year and reporting window widened by the plan's margin (``Plan.accepted_dates``: 2031 for a 2024
    plan is a typing mistake), or, for something already ``done``, after today (in the plan's time
    zone). The one rule for the form, the API and the spreadsheet import."""
    if day is None:
        return []
    first, last = plan.accepted_dates()
    if not first <= day <= last:
        return [
            _(
                "%(day)s is outside plan %(plan)s (%(year)s): only dates from %(first)s to %(last)s are "
                "accepted. Check the year."
            )
            % {"day": _shown(day), "plan": plan.number, "year": plan.year, "first": _shown(first), "last": _shown(last)}
        ]
    today = today or timezone.localdate(timezone.now(), plan.tzinfo())
    if done and day > today:
        return [
            _("%(day)s has not come yet (today is %(today)s): record what was done on the day it was done.")
            % {"day": _shown(day), "today": _shown(today)}
        ]
    return []


def days_bounded(values: dict, *, plan, done_fields: tuple[str, ...], other_fields: tuple[str, ...] = ()) -> None:
    """Check the dates of ``values`` against ``plan`` (``day_errors``): ``done_fields`` may not be in
    the future. Raise one ValidationError naming every date refused."""
    errors = {}
    for name in (*done_fields, *other_fields):
        found = day_errors(values.get(name), plan=plan, done=name in done_fields)
        if found:
            errors[name] = found
    if errors:
        raise ValidationError(errors)
