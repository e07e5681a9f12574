"""Celery tasks of the accounts app (autodiscovered as ``accounts.jobs``): thin, idempotent."""

from celery import shared_task
from django.utils import timezone

from accounts.services import users_follow_successors


@shared_task(name="accounts.jobs.users_follow_successors_daily")
def users_follow_successors_daily() -> int:
    """Each night: the users of a unit that ended (a province merged on 01/07/2025) move to its successor."""
    return users_follow_successors(on=timezone.localdate())
