"""The web pages of activities and their evidence files: views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Unit, User
from accounts.permissions import unit_member_required, visible_to
from config.api import XLSX_CONTENT_TYPE
from config.downloads import file_download
from config.pages import add_form_errors
from config.revisions import Conflict
from plans.selectors import plan_in_force
from tasks.activities import services
from tasks.activities.forms import ActivityForm, EvidenceForm, ImportForm
from tasks.activities.imports.services import activities_import
from tasks.activities.imports.template import activities_template, template_filename
from tasks.activities.models import Activity, ActivityTargetGroup, Evidence, Topic

ACTIVITIES_PER_PAGE = 25


def activities_of(user: User):
    return visible_to(
        Activity.objects.select_related("task", "unit").prefetch_related(
            Prefetch("target_group_rows", queryset=ActivityTargetGroup.objects.order_by("target_group"))
        ),
        user,
    )


@login_required
def activity_list(request):
    qs = activities_of(request.user).order_by("-start_date", "-id")
    unit = None
    if request.user.sees_all_units() and request.GET.get("unit", "").isdigit():
        unit = get_object_or_404(Unit, pk=request.GET["unit"])
        qs = qs.filter(unit=unit)
    page = Paginator(qs, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unit": unit if request.user.sees_all_units() else request.user.unit,
        "filter_unit": unit,
        "show_unit": request.user.sees_all_units() and unit is None,
        "can_log": request.user.is_unit_member,
    }
    return render(request, "activities/activity_list.html", context)


@login_required
def activity_detail(request, pk: int):
    return _render_activity(
        request, get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    )


def _render_activity(request, activity: Activity, *, evidence_form=None, status: int = 200):
    topics = [Topic(t).label for t in activity.topics or [] if t in Topic.values]
    can_attach = request.user.is_member_of(activity.unit_id)
    context = {
        "plan": activity.task.group.plan,
        "activity": activity,
        "topics": topics,
        "evidence": list(activity.evidence.all()),
        "evidence_form": (evidence_form or EvidenceForm()) if can_attach else None,
    }
    return render(request, "activities/activity_detail.html", context, status=status)


@login_required
def activity_create(request):
    if not request.user.is_unit_member:
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    plan = plan_in_force(request=request)
    form = ActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        values, groups = form.service_values()
        try:
            activity = services.activity_create(by=request.user, values=values, target_groups=groups)
        except Conflict as exc:  # the figures of an accepted report are locked
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("The activity “%(title)s” was saved.") % {"title": activity.title})
            return redirect("pages:activities")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "activities/activity_form.html", {"form": form, "plan": plan}, status=status)


@login_required
@require_POST
def evidence_upload(request, pk: int):
    activity = get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    unit_member_required(request.user)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence = services.evidence_add(activity=activity, by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("The file “%(name)s” was attached.") % {"name": evidence.original_name})
            return redirect("pages:activity", pk=activity.pk)
    return _render_activity(request, activity, evidence_form=form, status=400)


@login_required
def evidence_file(request, pk: int):
    """An evidence file, only for users who may see its activity (404 for anyone else)."""
    evidence = get_object_or_404(visible_to(Evidence.objects.all(), request.user, "activity__unit_id"), pk=pk)
    return file_download(evidence.file, name=evidence.original_name, content_type=evidence.content_type)


@login_required
def activity_import_template(request):
    plan = plan_in_force(request=request)
    response = HttpResponse(activities_template(plan=plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, template_filename(plan))
    return response


@login_required
def activity_import(request):
    """Upload the filled template (or a CSV): all rows or none; every problem listed."""
    unit_member_required(request.user)
    plan = plan_in_force(request=request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = activities_import(by=request.user, plan=plan, upload=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                ngettext("%(count)s activity was imported.", "%(count)s activities were imported.", result.created)
                % {"count": formats.number_format(result.created, force_grouping=True)},
            )
            return redirect("pages:activities")
        errors = result.errors
    status = 400 if form.is_bound and (errors or form.errors) else 200
    context = {"form": form, "plan": plan, "errors": errors}
    return render(request, "activities/activity_import.html", context, status=status)
