"""Reads for obligations and progress."""

from datetime import date, datetime, time

from django.db.models import QuerySet

from accounts.models import Unit, User
from accounts.permissions import visible_to

from .models import Obligation


def obligations_visible(*, user: User) -> QuerySet:
    qs = Obligation.objects.select_related("unit", "deliverable", "deliverable__task", "deliverable__plan")
    return visible_to(qs, user)


def obligations_due(*, on: date, unit: Unit | None = None) -> QuerySet:
    """Obligations not completed whose deadline falls on or before 00:00 of ``on`` + 1 day."""
    qs = Obligation.objects.filter(completed_at__isnull=True, deliverable__due_date__lte=on)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs


def start_of_day(day: date, tz) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz)
