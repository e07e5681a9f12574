"""What a locked-out client is told (AXES_LOCKOUT_CALLABLE): in Vietnamese, with the minutes left.

django-axes locks a client address after AXES_FAILURE_LIMIT failed sign-ins (config/settings/base.py);
each failure while locked starts the cool-off again, so the time left runs from the latest one."""

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.client_ip import client_ip


def minutes_left(request) -> int:
    """Whole minutes (at least 1) until the client's address may sign in again."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    cool_off = get_cool_off(request)
    latest = (
        AccessAttempt.objects.filter(ip_address=client_ip(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if latest is None or cool_off is None:
        return max(1, math.ceil((cool_off.total_seconds() if cool_off else 60) / 60))
    seconds = (latest + cool_off - timezone.now()).total_seconds()
    return max(1, math.ceil(seconds / 60))


def lockout_message(request) -> str:
    return _(
        "Too many failed sign-ins from this address. Sign-in from here is locked: try again in %(minutes)s minutes."
    ) % {"minutes": minutes_left(request)}


def lockout_response(request, original_response=None, credentials=None):
    """429 with the message: JSON for the API, the sign-in page for people."""
    message = lockout_message(request)
    status = settings.AXES_HTTP_RESPONSE_CODE
    retry_after = str(minutes_left(request) * 60)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        response = render(request, "accounts/locked.html", {"message": message}, status=status)
    response["Retry-After"] = retry_after
    return response
