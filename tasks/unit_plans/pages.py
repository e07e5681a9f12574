"""The web pages of the unit's own plan (task 1.1): views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit
from accounts.permissions import visible_to
from config.downloads import file_download
from config.pages import add_form_errors, with_query
from config.revisions import Conflict
from plans.models import Plan
from plans.selectors import plan_in_force
from tasks.obligations.models import DeadlineState
from tasks.obligations.selectors import obligation_states, units_acting_in_plan
from tasks.unit_plans import services
from tasks.unit_plans.forms import UnitPlanForm
from tasks.unit_plans.models import UnitPlan


def _unit_plan_page(request, *, plan: Plan, unit: Unit, form=None, status: int = 200):
    user = request.user
    unit_plan = visible_to(UnitPlan.objects.select_related("submitted_by"), user).filter(unit=unit, plan=plan).first()
    deliverable = plan.unit_plan_deliverable()
    state = obligation_states(deliverable=deliverable, at=timezone.now(), unit_ids=[unit.pk]).get(unit.pk)
    own = user.is_member_of(unit.pk)
    can_submit = user.is_leader_of(unit.pk) and unit_plan is None
    context = {
        "plan": plan,
        "unit": unit,
        "unit_plan": unit_plan,
        "deliverable": deliverable,
        "state": state,
        "state_label": DeadlineState(state).label if state else "",
        "own": own,
        "can_submit": can_submit,
        "form": (form or UnitPlanForm()) if can_submit else None,
    }
    return render(request, "unit_plans/unit_plan.html", context, status=status)


@login_required
def unit_plan_mine(request):
    """The unit's own plan: whether it was handed in, and the leader's form to hand it in."""
    user = request.user
    if request.method == "POST" and not (user.is_unit_member and user.is_leader):
        raise PermissionDenied(_("Only the unit's leader can hand in the unit's plan."))
    if user.sees_all_units() or user.unit_id is None:
        return redirect("pages:home")
    plan = plan_in_force(request=request)
    # A plan of before the merger: the plan of a unit it took over (``?unit=``, kept when posting).
    units = units_acting_in_plan(user=user, plan=plan)
    unit = next((u for u in units if str(u.pk) == request.GET.get("unit")), units[0] if units else user.unit)
    if request.method != "POST":
        return _unit_plan_page(request, plan=plan, unit=unit)
    here = with_query(request, "pages:unit-plan")
    form = UnitPlanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.unit_plan_submit(by=user, plan=plan, unit=unit, **form.service_values())
        except Conflict as exc:
            messages.error(request, str(exc))
            return redirect(here)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("The unit's plan was handed in to the Ministry (V03)."))
            return redirect(here)
    return _unit_plan_page(request, plan=plan, unit=unit, form=form, status=400)


@login_required
def unit_plan_of_unit(request, pk: int):
    """A unit's own plan as a reviewer sees it (read-only); a unit's users see only their own."""
    unit = get_object_or_404(Unit, pk=pk)
    user = request.user
    if not user.sees_all_units() and unit.pk != user.unit_id and not user.is_member_of(unit.pk):
        raise Http404
    return _unit_plan_page(request, plan=plan_in_force(request=request), unit=unit)


@login_required
def unit_plan_file(request, pk: int):
    unit_plan = get_object_or_404(visible_to(UnitPlan.objects.all(), request.user), pk=pk)
    if not unit_plan.file:
        raise Http404
    return file_download(unit_plan.file, name=unit_plan.original_name, content_type=unit_plan.content_type)
