"""The web pages of pilot models (tasks 4.1-4.3): views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import unit_member_required, visible_to
from config.forms import add_unit_choice, chosen_unit
from config.lists import Column, ListPage, too_many_rows_message
from config.pages import quoted, save_record, unit_filter
from plans.selectors import plan_in_force
from tasks.obligations.selectors import plan_units, units_acting_in_plan
from tasks.pilot_models import services
from tasks.pilot_models.forms import PilotModelFilterForm, PilotModelForm
from tasks.pilot_models.models import PilotModel
from tasks.pilot_models.selectors import pilot_models_filtered, pilot_target

PILOT_COLUMNS = (
    Column("unit", gettext_lazy("Unit"), ("unit__kind", "unit__province_code", "unit__name"), lambda m: m.unit.name),
    Column("name", gettext_lazy("Model"), ("name",), lambda m: m.name),
    Column("place", gettext_lazy("Place"), ("place",), lambda m: m.place),
    Column(
        "target_group", gettext_lazy("Target group"), ("target_group",), lambda m: str(m.get_target_group_display())
    ),
    Column("start_date", gettext_lazy("Started"), ("start_date",), lambda m: m.start_date),
    Column("status", gettext_lazy("Status"), ("status",), lambda m: str(m.get_status_display())),
    Column("evaluation", gettext_lazy("Evaluation"), None, lambda m: m.evaluation),
    Column("replicated_to", gettext_lazy("Replicated to"), None, lambda m: m.replicated_to),
)


@login_required
def pilot_model_list(request):
    """The plan's pilot models: search, filters, sort, pages and the export of what the filter shows."""
    user = request.user
    plan = plan_in_force(request=request)
    sees_all = user.sees_all_units()
    filters = PilotModelFilterForm(request.GET or None, units=plan_units(plan=plan) if sees_all else None)
    values = filters.values()
    filter_unit = next((u for u in filters.units if u.pk == values.get("unit")), None) or unit_filter(request)
    if filter_unit and not values.get("unit"):
        values = {**values, "unit": filter_unit.pk}
    every = visible_to(PilotModel.objects.select_related("unit"), user).filter(plan=plan)
    qs = pilot_models_filtered(every, filters=values)
    shown = [c.key for c in PILOT_COLUMNS if c.key != "unit" or (sees_all and not filter_unit)]
    listing = ListPage(request, queryset=qs, columns=PILOT_COLUMNS, default_sort="unit", shown=shown)
    if listing.wants_export:
        response = listing.export(filename=f"mo-hinh-diem-{plan.year}.xlsx", title=_("Pilot models"))
        if response is not None:
            return response
        messages.error(request, too_many_rows_message())
    unit = filter_unit if sees_all else user.unit
    context = {
        "plan": plan,
        "list": listing,
        "filters": filters,
        "unit": unit,
        "filter_unit": filter_unit,
        "show_unit": "unit" in shown,
        "target": pilot_target(plan=plan, models=list(every.filter(unit=unit))) if unit else None,
        "can_add": user.is_unit_member,
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
    units = units_acting_in_plan(user=request.user, plan=plan) if pilot_model is None else []
    add_unit_choice(form, units, own_unit_id=request.user.unit_id, wanted=request.GET.get("unit"))
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        saved = save_record(
            form,
            lambda: services.pilot_model_save(
                by=request.user,
                values=values if pilot_model else {**values, "plan": plan},
                pilot_model=pilot_model,
                expected_revision=(form.cleaned_data["revision"] or 0) if pilot_model else None,
                unit=chosen_unit(form, units),
            ),
        )
        if saved is not None:
            messages.success(request, _("The pilot model “%(name)s” was saved.") % {"name": quoted(saved.name)})
            return redirect("pages:pilot-models")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "plan": plan, "pilot_model": pilot_model}
    return render(request, "pilot_models/pilot_model_form.html", context, status=status)
