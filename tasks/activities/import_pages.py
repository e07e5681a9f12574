"""The web pages of the spreadsheet import: the template, and the upload whose result says how many
rows were new, duplicates (skipped unless the user ticks the box) and refused."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from accounts.permissions import unit_member_required
from config.forms import add_unit_choice, chosen_unit
from config.lists import XLSX_CONTENT_TYPE
from plans.selectors import plan_in_force
from tasks.activities.forms import ImportForm
from tasks.activities.imports.services import activities_import
from tasks.activities.imports.template import activities_template, template_filename
from tasks.obligations.selectors import units_acting_in_plan


@login_required
def activity_import_template(request):
    plan = plan_in_force(request=request)
    response = HttpResponse(activities_template(plan=plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, template_filename(plan))
    return response


@login_required
def activity_import(request):
    """Upload the filled template (or a CSV): every problem listed and nothing written, or the new
    rows imported and the duplicates skipped; the page says how many of each."""
    unit_member_required(request.user)
    plan = plan_in_force(request=request)
    form = ImportForm(request.POST or None, request.FILES or None)
    units = units_acting_in_plan(user=request.user, plan=plan)
    add_unit_choice(form, units, own_unit_id=request.user.unit_id, wanted=request.GET.get("unit"))
    result = None
    if request.method == "POST" and form.is_valid():
        result = activities_import(
            by=request.user,
            plan=plan,
            upload=form.cleaned_data["file"],
            include_duplicates=form.cleaned_data["include_duplicates"],
            unit=chosen_unit(form, units),
        )
        chosen = form.cleaned_data.get("unit")
        form = ImportForm()  # the file is read: the next upload starts afresh
        add_unit_choice(form, units, own_unit_id=request.user.unit_id, wanted=chosen)
    status = 400 if (result and not result.ok) or form.errors else 200
    context = {"form": form, "plan": plan, "result": result, "errors": result.errors if result else []}
    return render(request, "activities/activity_import.html", context, status=status)
