"""Carrying a plan into a later year (``manage.py clone_plan``, the button on a plan's page).

The copy is a *draft*: every date moved to the new year (15/12 stays 15/12; 29/02 becomes 28/02
unless V03 confirms another date), the reporting window moved with them, the texts' mentions of the
year and of its dates moved too, every unit the plan names replaced by the unit that stands for it
then (a province merged on 01/07/2025 → its successor; ``Unit.successors_on``). Scopes ("Công an các
đơn vị, địa phương") stay scopes: they are expanded over the units valid in the new year when the
draft is published (``tasks.obligations.services.plan_publish``), which makes its obligations.
The earlier plan is only read.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import Unit
from accounts.text import nfc
from plans.models import Deliverable, Plan, Task, TaskGroup

# Text fields copied as they are (identifiers, not prose).
VERBATIM = {"number", "key", "code", "time_zone", "source_file", "signer", "signer_title", "status"}
DATE_TEXT = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
MAX_YEARS_AHEAD = 10


@dataclass
class CloneResult:
    plan: Plan
    units_replaced: dict[str, list[str]] = field(default_factory=dict)  # old unit → the units standing for it
    units_dropped: list[str] = field(default_factory=list)  # named units with nobody standing for them
    dates_moved: dict[date, date] = field(default_factory=dict)  # 29/02 (or a confirmed date) → its date now

    def warnings(self) -> list[str]:
        out = [
            _("%(unit)s no longer exists in %(year)s and has no successor: it was left out.")
            % {"unit": name, "year": self.plan.year}
            for name in self.units_dropped
        ]
        out += [
            _("%(old)s became %(new)s: check it.") % {"old": _d(old), "new": _d(new)}
            for old, new in sorted(self.dates_moved.items())
        ]
        return out


def _d(day: date) -> str:
    return formats.date_format(day, "d/m/Y")


class DateShift:
    """Moves the dates of a plan by whole years: 15/12/2024 → 15/12/2026; 29/02/2024 → 28/02/2026
    unless ``confirmed`` gives its date (``{date(2024, 2, 29): date(2026, 3, 2)}``)."""

    def __init__(self, *, source_year: int, years: int, confirmed: dict[date, date] | None = None):
        self.source_year, self.years = source_year, years
        self.confirmed = dict(confirmed or {})
        self.moved: dict[date, date] = {}

    def __call__(self, day: date | None) -> date | None:
        if day is None:
            return None
        if day in self.confirmed:
            self.moved[day] = self.confirmed[day]
            return self.confirmed[day]
        try:
            return day.replace(year=day.year + self.years)
        except ValueError:  # 29/02 in a year that has none
            moved = date(day.year + self.years, 2, 28)
            self.moved[day] = moved
            return moved

    def text(self, value: str) -> str:
        """The text with the plan year's dates ("trước ngày 29/02/2024") and the year itself ("năm
        2024", "Quý IV/2024") moved; other years (the Programme's 2021 - 2027, documents of other
        years) and numbers such as 05/2024/TT-BCA are left alone."""
        if not value:
            return value

        def one_date(match: re.Match) -> str:
            d, m, y = (int(g) for g in match.groups())
            if y != self.source_year:
                return match.group(0)
            try:
                day = date(y, m, d)
            except ValueError:
                return match.group(0)
            return _d(self(day))

        value = DATE_TEXT.sub(one_date, value)
        old, new = self.source_year, self.source_year + self.years
        value = re.sub(rf"(Quý\s+[IV]+/){old}(?![\d/])", rf"\g<1>{new}", value)
        return re.sub(rf"(?<![\d/]){old}(?![\d/])", str(new), value)


class UnitsThen:
    """The units standing for the ones an earlier plan names, on a day of the new plan."""

    def __init__(self, result: CloneResult):
        self.result = result

    def __call__(self, units, day: date) -> list[Unit]:
        out: dict[int, Unit] = {}
        for unit in units:
            now = unit.successors_on(day)
            if not now:
                if unit.name not in self.result.units_dropped:
                    self.result.units_dropped.append(unit.name)
                continue
            if [u.pk for u in now] != [unit.pk]:
                self.result.units_replaced[unit.name] = [u.name for u in now]
            out.update({u.pk: u for u in now})
        return list(out.values())

    def one(self, unit: Unit | None, day: date) -> Unit | None:
        found = self(([unit] if unit else []), day)
        return found[0] if found else None


def _copy_values(obj: models.Model, shift: DateShift, *, skip: set[str]) -> dict:
    """The object's own fields (not its relations), dates and prose moved to the new year."""
    values = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key or f.is_relation or f.name in skip:
            continue
        value = getattr(obj, f.attname)
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            value = shift(value)
        elif isinstance(f, models.CharField | models.TextField) and not f.choices and f.name not in VERBATIM:
            value = shift.text(value)
        values[f.attname] = value
    return values


def clone_check(*, source: Plan, year: int, number: str, signed_on: date, confirmed: dict[date, date]) -> str:
    """The new plan's number, NFC and trimmed; ValidationError in Vietnamese for a bad request."""
    number = nfc((number or "").strip())
    errors = {}
    if not (source.year < year <= source.year + MAX_YEARS_AHEAD):
        errors["year"] = _("The year must be after %(year)s and at most %(last)s.") % {
            "year": source.year,
            "last": source.year + MAX_YEARS_AHEAD,
        }
    if not number or len(number) > Plan._meta.get_field("number").max_length:
        errors["number"] = _("Enter the new plan's number (at most 60 characters).")
    elif Plan.objects.filter(number=number).exists():
        errors["number"] = _("A plan numbered %(number)s already exists.") % {"number": number}
    if signed_on is None or not (year - 1 <= signed_on.year <= year):
        errors["signed_on"] = _("The signing date must fall in %(year)s or the year before.") % {"year": year}
    for old, new in confirmed.items():
        if abs(new.year - year) > 1 or abs(old.year - source.year) > 1:
            errors["dates"] = _("A confirmed date must move a date of %(old)s to a date around %(new)s.") % {
                "old": source.year,
                "new": year,
            }
    if errors:
        raise ValidationError(errors)
    return number


def leap_days(plan: Plan) -> list[date]:
    """The 29/02 dates of a plan's deliverables and reporting window (V03 may confirm their dates)."""
    days = {plan.report_window_start, plan.report_window_end}
    for d in plan.deliverables.all():
        days.update({d.due_date, d.window_start, d.window_end})
    return sorted(day for day in days if day and (day.month, day.day) == (2, 29))


@transaction.atomic
def plan_clone(
    *,
    source: Plan,
    year: int,
    number: str,
    signed_on: date,
    title: str = "",
    confirmed: dict[date, date] | None = None,
) -> CloneResult:
    """A draft copy of ``source`` for ``year`` (see the module's docstring). ValidationError, and
    nothing written, for a bad year, number, signing date or confirmed date."""
    confirmed = confirmed or {}
    number = clone_check(source=source, year=year, number=number, signed_on=signed_on, confirmed=confirmed)
    shift = DateShift(source_year=source.year, years=year - source.year, confirmed=confirmed)
    result = CloneResult(plan=Plan())
    then = UnitsThen(result)
    last_day = date(year, 12, 31)
    plan = Plan(
        # Who signs the new decision is not known yet: V03 fills it in on the draft.
        **_copy_values(
            source, shift, skip={"number", "signed_on", "year", "status", "signer", "signer_title", "source_file"}
        ),
        number=number,
        signed_on=signed_on,
        year=year,
        status=Plan.Status.DRAFT,
        cloned_from=source,
        issuer=then.one(source.issuer, signed_on),
        coordinator=then.one(source.coordinator, signed_on),
    )
    if title:
        plan.title = nfc(title.strip())
    plan.save()
    result.plan = plan
    plan.implements.set(source.implements.all())
    groups, tasks = {}, {}
    for group in source.groups.order_by("order", "pk"):
        groups[group.pk] = TaskGroup.objects.create(plan=plan, **_copy_values(group, shift, skip=set()))
    for task in Task.objects.filter(group__plan=source).prefetch_related(
        "lead_units", "coordinating_units", "partners"
    ):
        new = Task.objects.create(group=groups[task.group_id], **_copy_values(task, shift, skip=set()))
        new.lead_units.set(then(task.lead_units.all(), last_day))
        new.coordinating_units.set(then(task.coordinating_units.all(), last_day))
        new.partners.set(task.partners.all())
        tasks[task.pk] = new
    for d in source.deliverables.select_related("recipient").prefetch_related("responsible_units").order_by("order"):
        new = Deliverable(plan=plan, task=tasks.get(d.task_id), **_copy_values(d, shift, skip=set()), recipient=None)
        day = new.due_date - timedelta(days=1)
        new.recipient = then.one(d.recipient, day)
        new.save()
        new.responsible_units.set(then(d.responsible_units.all(), day))
    result.dates_moved = shift.moved
    return result
