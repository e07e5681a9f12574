"""Reads of plans: which plan a page follows."""

from django.http import Http404
from django.utils.translation import gettext as _

from plans.models import Plan


def current_plan() -> Plan:
    """The plan the pages follow: the latest year's."""
    plan = Plan.objects.prefetch_related("deliverables").order_by("-year", "-signed_on").first()
    if plan is None:
        raise Http404(_("No plan has been loaded yet."))
    return plan
