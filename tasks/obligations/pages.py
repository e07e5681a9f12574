"""The web pages of obligations (deliverable × unit) and their progress: views check input, call one
service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import visible_to
from config.revisions import Conflict
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
