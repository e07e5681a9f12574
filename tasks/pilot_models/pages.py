"""The web pages of pilot models (tasks 4.1-4.3): views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import unit_member_required, visible_to
from config.pages import save_record, unit_filter
from plans.selectors import plan_in_force
from tasks.pilot_models import services
from tasks.pilot_models.forms import PilotModelForm
from tasks.pilot_models.models import PilotModel
from tasks.pilot_models.selectors import pilot_target


@login_required
def pilot_model_list(request):
    plan = plan_in_force(request=request)
    qs = visible_to(PilotModel.objects.select_related("unit"), request.user).filter(plan=plan)
    filter_unit = unit_filter(request)
    if filter_unit:
        qs = qs.filter(unit=filter_unit)
    unit = filter_unit if request.user.sees_all_units() else request.user.unit
    models = list(qs.order_by("unit__kind", "unit__province_code", "unit__name", "start_date", "id"))
    context = {
        "plan": plan,
        "models": models,
        "unit": unit,
        "filter_unit": filter_unit,
        "show_unit": unit is None,
        "target": pilot_target(plan=plan, models=models) if unit else None,
        "can_add": request.user.is_unit_member,
    }
    return render(request, "pilot_models/pilot_model_list.html", context)


@login_required
def pilot_model_form(request, pk: int | None = None):
    """Create (no pk) or edit a pilot model through services.pilot_model_save. An edit carries the
    revision it was opened at: if somebody saved in between, nothing is overwritten."""
    pilot_model = None
    if pk is not None:
        pilot_model = get_object_or_404(visible_to(PilotModel.objects.select_related("unit"), request.user), pk=pk)
    unit_member_required(request.user)
    plan = plan_in_force(request=request)
    initial = None
    if pilot_model is not None:
        initial = {
            f: getattr(pilot_model, f)
            for f in (
                "revision",
                "name",
                "place",
                "target_group",
                "start_date",
                "status",
                "evaluation",
                "replicated_to",
            )
        }
    form = PilotModelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        saved = save_record(
            form,
            lambda: services.pilot_model_save(
                by=request.user,
                values=values if pilot_model else {**values, "plan": plan},
                pilot_model=pilot_model,
                expected_revision=(form.cleaned_data["revision"] or 0) if pilot_model else None,
            ),
        )
        if saved is not None:
            messages.success(request, _("The pilot model “%(name)s” was saved.") % {"name": saved.name})
            return redirect("pages:pilot-models")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "plan": plan, "pilot_model": pilot_model}
    return render(request, "pilot_models/pilot_model_form.html", context, status=status)
