"""V03's review of the units' reports in the web pages: the queue (submitted reports, the oldest
first, each to return with a comment or accept on its page) and the comparison of two sent versions
of a report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import visible_to
from plans.models import Task
from plans.selectors import plan_in_force
from reports.annual.compare import figure_changes, text_changes
from reports.annual.models import AnnualReport
from reports.annual.selectors import report_deadline_states
from tasks.obligations.models import DeadlineState


@login_required
def review_queue(request):
    """Submitted reports waiting for V03, the one sent longest ago first; then those returned and
    waiting for their unit."""
    if not request.user.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers can review reports."))
    plan = plan_in_force(request=request)
    reports = AnnualReport.objects.filter(plan=plan).select_related("unit", "reviewed_by").prefetch_related("versions")
    waiting = list(reports.filter(status=AnnualReport.Status.SUBMITTED).order_by("submitted_at", "pk"))
    returned = list(reports.filter(status=AnnualReport.Status.RETURNED).order_by("reviewed_at", "pk"))
    states = report_deadline_states(at=timezone.now(), plans=[plan])
    for report in (*waiting, *returned):
        state = states.get((plan.pk, report.unit_id))
        report.deadline_state, report.deadline_label = state, DeadlineState(state).label if state else ""
        report.version_count = len(report.versions.all())
    context = {"plan": plan, "waiting": waiting, "returned": returned}
    return render(request, "annual/review_queue.html", context)


@login_required
def report_compare(request, pk: int):
    """Two sent versions side by side (``?tu=1&den=2``; by default the last two): what changed."""
    report = get_object_or_404(visible_to(AnnualReport.objects.select_related("unit", "plan"), request.user), pk=pk)
    versions = {v.number: v for v in report.versions.select_related("submitted_by")}
    if len(versions) < 2:
        raise Http404(_("The report has been sent only once: there is nothing to compare."))
    numbers = sorted(versions)
    old_number = _number(request.GET.get("tu"), numbers[-2])
    new_number = _number(request.GET.get("den"), numbers[-1])
    if old_number not in versions or new_number not in versions:
        raise Http404
    old, new = versions[old_number], versions[new_number]
    tasks = Task.objects.filter(group__plan=report.plan_id).order_by("group__order", "order")
    titles = dict(tasks.values_list("code", "title"))
    texts = text_changes(old, new, titles)
    context = {
        "report": report,
        "plan": report.plan,
        "old": old,
        "new": new,
        "numbers": numbers,
        "texts": texts,
        "changed_texts": [t for t in texts if t.changed],
        "figures": figure_changes(old, new, list(titles)),
    }
    return render(request, "annual/report_compare.html", context)


def _number(value, default: int) -> int:
    return int(value) if value and value.isdigit() and len(value) < 6 else default
