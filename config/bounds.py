"""Bounds on what people type, checked in the service so that every door (API, pages, spreadsheet
import, admin) agrees: text is stored in NFC within its field's length, and counts and amounts stay
within realistic limits (declared once, as validators on the model fields, e.g. ``Activity``)."""

import math
import time
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
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


@dataclass(frozen=True)
class _Bounds:
    """What ``record_bounded`` checks of one field, worked out once per model: a text within
    ``length`` (without NUL) passes every validator of the field when ``plain_text`` says they are
    all of those kinds, a number within ``low``..``high`` when ``plain_number`` does; any other value
    is checked by the field's own validators, so that the messages are theirs."""

    field: models.Field
    attname: str
    long_text: bool
    plain_text: bool
    plain_number: bool
    length: int | None
    low: int | float
    high: int | float


_TEXT = (MaxLengthValidator, ProhibitNullCharactersValidator)
_NUMBER = (MinValueValidator, MaxValueValidator, AtMost)


@cache
def _bounds(model: type[models.Model]) -> tuple[_Bounds, ...]:
    out = []
    for field in model._meta.concrete_fields:
        if field.is_relation or isinstance(field, models.FileField | models.JSONField):
            continue
        validators = [v for v in field.validators if not callable(getattr(v, "limit_value", None))]
        if len(validators) < len(field.validators):  # a limit computed at each call: always run them
            validators = [None]

        def limits(*kinds, validators=validators):
            return [v.limit_value for v in validators if type(v) in kinds]

        out.append(
            _Bounds(
                field=field,
                attname=field.attname,
                long_text=isinstance(field, models.TextField),
                plain_text=all(type(v) in _TEXT for v in validators),
                plain_number=all(type(v) in _NUMBER for v in validators),
                length=min(limits(MaxLengthValidator), default=None),
                low=max(limits(MinValueValidator), default=-math.inf),
                high=min(limits(MaxValueValidator, AtMost), default=math.inf),
            )
        )
    return tuple(out)


def _within(bounds: _Bounds, value: str | int) -> bool:
    """Whether ``value`` passes every validator of its field, known without running them."""
    if isinstance(value, str):
        return bounds.plain_text and (bounds.length is None or len(value) <= bounds.length) and "\x00" not in value
    return bounds.plain_number and bounds.low <= value <= bounds.high


def _bound_errors(obj: models.Model) -> dict[str, list]:
    errors: dict[str, list] = {}
    for bounds in _bounds(type(obj)):
        value = getattr(obj, bounds.attname)
        if isinstance(value, str):
            value = nfc(value)
            setattr(obj, bounds.attname, value)
            if bounds.long_text and len(value) > LONG_TEXT_MAX:
                errors.setdefault(bounds.field.name, []).append(long_text_error(len(value)))
                continue
        elif value is None or not isinstance(value, int) or isinstance(value, bool):
            continue
        if _within(bounds, value):
            continue
        try:
            bounds.field.run_validators(value)
        except ValidationError as exc:
            errors.setdefault(bounds.field.name, []).extend(exc.messages)
    return errors


def record_bounded(obj: models.Model) -> None:
    """Normalise ``obj``'s text to NFC and check every text and number against its field's bounds
    (max_length, LONG_TEXT_MAX, the field's validators); raise one ValidationError listing every
    field out of bounds, in Vietnamese. Nothing is saved here."""
    if errors := _bound_errors(obj):
        raise ValidationError(errors)


def _shown(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _surely_past() -> date:
    """A day that is past in every time zone (two days before the UTC date): a date before it needs
    no time-zone reckoning, which a 10,000-row import would otherwise do 10,000 times."""
    return date.fromordinal(int(time.time() // 86400) + _EPOCH - 2)


_EPOCH = date(1970, 1, 1).toordinal()


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
    if not done or (today is None and day < _surely_past()):
        return []
    today = today or timezone.localdate(timezone.now(), plan.tzinfo())
    if day > today:
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
