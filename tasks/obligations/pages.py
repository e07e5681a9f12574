"""The web pages of obligations (deliverable × unit) and their progress: views check input, call one
service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import visible_to
from config.revisions import Conflict
from plans.models import Plan
from tasks.obligations import services
from tasks.obligations.models import Obligation, ProgressStatus


@login_required
@require_POST
def obligation_status(request, pk: int):
    obligation = get_object_or_404(visible_to(Obligation.objects.all(), request.user), pk=pk)
    status = request.POST.get("status", "")
    if status not in ProgressStatus.values:
        messages.error(request, _("Choose a valid status."))
        return redirect("pages:home")
    try:
        services.obligation_set_status(obligation=obligation, by=request.user, status=status)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The status of %(code)s was saved.") % {"code": obligation.deliverable.code})
    return redirect("pages:home")


@login_required
@require_POST
def plan_publish(request, pk: int):
    """V03 publishes a draft plan: the units see it and its obligations are made."""
    if not request.user.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers (V03) can publish a plan."))
    plan = get_object_or_404(Plan, pk=pk)
    synced = services.plan_publish(plan=plan)
    messages.success(
        request,
        _("Plan %(number)s is published: %(count)d obligations made.")
        % {"number": plan.number, "count": synced.created},
    )
    return redirect("pages:plan", pk=plan.pk)
