"""Reads of plans: which plan a page follows (the plan in force, or the one the user picked)."""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import Plan

CACHE = "_published_plans"  # the published plans, read once per request (the picker reads them too)


def published_plans(*, request=None) -> list[Plan]:
    """Every published plan, latest year first; read once per request."""
    cached = getattr(request, CACHE, None) if request is not None else None
    if cached is None:
        cached = list(Plan.objects.published().order_by("-year", "-signed_on", "-pk"))
        if request is not None:
            setattr(request, CACHE, cached)
    return cached


def default_plan(*, today=None, request=None) -> Plan | None:
    """The plan in force on ``today`` (default: today in TIME_ZONE): the published plan of that
    year, else the latest published plan; None when no plan is published."""
    today = today or timezone.localdate()
    plans = published_plans(request=request)
    return next((p for p in plans if p.year == today.year), plans[0] if plans else None)


def _requested(request, user) -> Plan | None:
    """The plan ``?plan=ID`` names, when the user may see it (a draft: reviewers only)."""
    if request is None:
        return None
    value = request.GET.get("plan", "")
    if not value.isdigit() or len(value) > 12:
        return None
    found = next((p for p in published_plans(request=request) if p.pk == int(value)), None)
    return found or Plan.objects.visible_to(user).filter(pk=int(value)).first()


def plan_in_force(*, user=None, request=None) -> Plan:
    """The plan a page follows: ``?plan=`` on the request, else the plan the user picked (the plan
    picker, remembered on ``User.chosen_plan``), else the plan in force today (``default_plan``).
    Drafts are never in force; a reviewer may open one with ``?plan=``. The one rule every page
    uses. Http404 when no plan is published yet."""
    if user is None and request is not None:
        user = request.user
    plan = _requested(request, user)
    chosen = getattr(user, "chosen_plan_id", None) if user is not None else None
    if plan is None and chosen:
        plan = next((p for p in published_plans(request=request) if p.pk == chosen), None)
    if plan is None:
        plan = default_plan(request=request)
    if plan is None:
        raise Http404(_("No plan has been loaded yet."))
    prefetch_related_objects([plan], "deliverables")
    return plan
