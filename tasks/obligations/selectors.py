"""Reads of obligations (deliverable × unit) and their progress."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.permissions import visible_to
from tasks.obligations.models import Obligation


def obligations_visible(*, user: User) -> QuerySet:
    qs = Obligation.objects.select_related("unit", "deliverable", "deliverable__task", "deliverable__plan")
    return visible_to(qs, user)
