"""Reads of obligations (deliverable × unit) and their progress."""

from django.db.models import QuerySet

from accounts.models import Unit, User
from accounts.permissions import visible_to
from plans.models import Plan
from tasks.obligations.models import Obligation


def obligations_visible(*, user: User) -> QuerySet:
    qs = Obligation.objects.select_related("unit", "deliverable", "deliverable__task", "deliverable__plan")
    return visible_to(qs, user)


def plan_units(*, plan: Plan) -> QuerySet:
    """The units a plan expects work from: those that owe at least one of its obligations (its
    deliverables expanded over the units valid on their dates when the plan was loaded: 63
    provinces in 2024, 34 from 01/07/2025, with the departments named or meant), in registry order.
    The one definition, used by the dashboards, the roll-up and the documents."""
    owing = Obligation.objects.filter(deliverable__plan=plan).values("unit_id")
    return Unit.objects.filter(pk__in=owing).order_by("kind", "province_code", "name", "pk")

