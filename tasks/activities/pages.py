"""The web pages of activities and their evidence files: the list (search, filters, sort, export),
one activity with its evidence, the form to log or correct one, deleting. Views check input, call
one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import unit_member_required, visible_to
from config.downloads import file_download
from config.forms import add_unit_choice, chosen_unit
from config.lists import Column, ListPage, too_many_rows_message
from config.pages import quoted, save_record
from config.revisions import Conflict, StaleRevision
from plans.models import Plan, Task
from plans.selectors import plan_in_force
from tasks.activities import services
from tasks.activities.forms import ActivityFilterForm, ActivityForm, EvidenceForm
from tasks.activities.models import Activity, ActivityTargetGroup, Evidence, Topic
from tasks.activities.selectors import activities_filtered, window_notes
from tasks.obligations.selectors import plan_units, units_acting_in_plan

ACTIVITIES_PER_PAGE = 25


def activities_of(user: User):
    return visible_to(
        Activity.objects.select_related("task", "unit").prefetch_related(
            Prefetch("target_group_rows", queryset=ActivityTargetGroup.objects.order_by("target_group"))
        ),
        user,
    )


def _groups(activity) -> str:
    return "; ".join(row.get_target_group_display() for row in activity.target_group_rows.all())


def _place(activity) -> str:
    return ", ".join(p for p in (activity.commune, activity.district) if p)


ACTIVITY_COLUMNS = (
    Column("date", gettext_lazy("Date"), ("start_date",), lambda a: a.start_date),
    Column("unit", gettext_lazy("Unit"), ("unit__kind", "unit__province_code", "unit__name"), lambda a: a.unit.name),
    Column("task", gettext_lazy("Task"), ("task__group__order", "task__order"), lambda a: a.task.code),
    Column("title", gettext_lazy("Activity"), ("title",), lambda a: a.title),
    Column("place", gettext_lazy("Place"), None, _place),
    Column("form", gettext_lazy("Form"), ("form",), lambda a: str(a.get_form_display())),
    Column("groups", gettext_lazy("Target groups"), None, _groups),
    Column("sessions", gettext_lazy("Sessions"), ("sessions",), lambda a: a.sessions, num=True),
    Column("participants", gettext_lazy("Participants"), ("participants",), lambda a: a.participants, num=True),
    Column("copies", gettext_lazy("Copies of materials"), None, lambda a: a.copies, num=True),
    Column("online_reach", gettext_lazy("Online reach"), None, lambda a: a.online_reach, num=True),
    Column("budget", gettext_lazy("Budget (VND)"), None, lambda a: a.budget_vnd, num=True),
)
SHOWN_COLUMNS = ("date", "unit", "task", "title", "form", "sessions", "participants")


@login_required
def activity_list(request):
    user = request.user
    plan = plan_in_force(request=request)
    sees_all = user.sees_all_units()
    filters = ActivityFilterForm(request.GET or None, plan=plan, units=plan_units(plan=plan) if sees_all else None)
    values = filters.values()
    qs = activities_filtered(activities_of(user).filter(task__group__plan=plan), filters=values)
    shown = [key for key in SHOWN_COLUMNS if key != "unit" or sees_all]
    listing = ListPage(
        request, queryset=qs, columns=ACTIVITY_COLUMNS, default_sort="-date", per_page=ACTIVITIES_PER_PAGE, shown=shown
    )
    if listing.wants_export:
        response = listing.export(filename=f"hoat-dong-{plan.year}.xlsx", title=_("Activities"))
        if response is not None:
            return response
        messages.error(request, too_many_rows_message())
    else:  # the page shows no target groups: only the export reads them
        listing.queryset = listing.queryset.prefetch_related(None)
    filter_unit = next((u for u in filters.units if u.pk == values.get("unit")), None)
    context = {
        "plan": plan,
        "list": listing,
        "filters": filters,
        "unit": filter_unit if sees_all else user.unit,
        "show_unit": sees_all,
        "can_log": user.is_unit_member,
    }
    return render(request, "activities/activity_list.html", context)


@login_required
def activity_detail(request, pk: int):
    return _render_activity(
        request, get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    )


def _render_activity(request, activity: Activity, *, evidence_form=None, status: int = 200):
    topics = [Topic(t).label for t in activity.topics or [] if t in Topic.values]
    own = request.user.is_member_of(activity.unit_id)
    plan = activity.task.group.plan
    context = {
        "plan": plan,
        "activity": activity,
        "topics": topics,
        "evidence": list(activity.evidence.select_related("uploaded_by")),
        "evidence_form": (evidence_form or EvidenceForm()) if own else None,
        "can_change": own,
        "notes": window_notes(unit_id=activity.unit_id, plan=plan, day=activity.start_date) if own else None,
    }
    return render(request, "activities/activity_detail.html", context, status=status)


def _preselected_task(request, plan: Plan) -> int | None:
    """The task of ``?task=`` (an id or a code such as 3.1) when it belongs to the plan."""
    wanted = request.GET.get("task", "").strip()
    if not wanted:
        return None
    tasks = plan_tasks_by_key(plan)
    return tasks.get(wanted)


def plan_tasks_by_key(plan: Plan) -> dict[str, int]:
    """The plan's task ids by id and by code, as ``?task=`` may name them."""
    pairs = plan_task_pairs(plan)
    return {str(pk): pk for pk, _code in pairs} | {code: pk for pk, code in pairs}


def plan_task_pairs(plan: Plan) -> list[tuple[int, str]]:
    return list(Task.objects.filter(group__plan=plan).values_list("pk", "code"))


@login_required
def activity_create(request):
    """Log an activity; opened from a task's row (``?task=``), that task is chosen already. Saved, the
    user lands on the activity, where the evidence files are attached."""
    if not request.user.is_unit_member:
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    plan = plan_in_force(request=request)
    initial = {"task": _preselected_task(request, plan)}
    form = ActivityForm(request.POST or None, plan=plan, initial=initial)
    units = units_acting_in_plan(user=request.user, plan=plan)
    add_unit_choice(form, units, own_unit_id=request.user.unit_id, wanted=request.GET.get("unit"))
    if request.method == "POST" and form.is_valid():
        values, groups = form.service_values()
        values.pop("unit", None)
        unit = chosen_unit(form, units)
        activity = save_record(
            form, lambda: services.activity_create(by=request.user, values=values, target_groups=groups, unit=unit)
        )
        if activity is not None:
            messages.success(
                request,
                _("The activity “%(title)s” was saved. Attach its evidence files below.")
                % {"title": quoted(activity.title)},
            )
            _warn_if_sent(request, activity, plan)
            return redirect(reverse("pages:activity", args=[activity.pk]) + "#minh-chung")
    status = 400 if form.is_bound and form.errors else 200
    notes = window_notes(unit_id=units[0].pk if units else request.user.unit_id, plan=plan)
    context = {"form": form, "plan": plan, "notes": notes}
    return render(request, "activities/activity_form.html", context, status=status)


def _warn_if_sent(request, activity: Activity, plan: Plan) -> None:
    notes = window_notes(unit_id=activity.unit_id, plan=plan, day=activity.start_date)
    if notes.sent_at:
        messages.warning(request, sent_report_warning(notes.sent_at))


def sent_report_warning(sent_at) -> str:
    return _(
        "The unit sent its results report on %(date)s: the versions already sent keep their figures. This "
        "change counts in the report only when the report is sent again."
    ) % {"date": formats.date_format(timezone.localtime(sent_at), "d/m/Y")}


@login_required
def activity_edit(request, pk: int):
    """Correct an activity (a reviewer's "sửa ngày"): the form carries the revision it was opened at,
    so nobody's change is overwritten; the history keeps every version."""
    activity = get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    if not request.user.is_member_of(activity.unit_id):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    plan = activity.task.group.plan
    form = ActivityForm(request.POST or None, plan=plan, initial=ActivityForm.initial_of(activity))
    if request.method == "POST" and form.is_valid():
        values, groups = form.service_values()
        saved = save_record(
            form,
            lambda: services.activity_update(
                activity=activity,
                by=request.user,
                values=values,
                target_groups=groups,
                expected_revision=form.cleaned_data["revision"] or 0,
            ),
        )
        if saved is not None:
            messages.success(request, _("The activity “%(title)s” was corrected.") % {"title": quoted(saved.title)})
            _warn_if_sent(request, saved, plan)
            return redirect("pages:activity", pk=saved.pk)
    status = 400 if form.is_bound and form.errors else 200
    notes = window_notes(unit_id=activity.unit_id, plan=plan, day=activity.start_date)
    context = {"form": form, "plan": plan, "activity": activity, "notes": notes}
    return render(request, "activities/activity_form.html", context, status=status)


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = get_object_or_404(activities_of(request.user), pk=pk)
    if not request.user.is_member_of(activity.unit_id):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    revision = request.POST.get("revision", "")
    try:
        services.activity_delete(
            activity=activity, by=request.user, expected_revision=int(revision) if revision.isdigit() else 0
        )
    except StaleRevision:
        messages.error(request, _("Somebody changed this activity after you opened it: look at it again first."))
        return redirect("pages:activity", pk=activity.pk)
    except Conflict as exc:
        messages.error(request, str(exc))
        return redirect("pages:activity", pk=activity.pk)
    messages.success(request, _("The activity “%(title)s” was deleted.") % {"title": quoted(activity.title)})
    return redirect("pages:activities")


@login_required
@require_POST
def evidence_upload(request, pk: int):
    activity = get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    if not request.user.is_member_of(activity.unit_id):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        evidence = save_record(
            form, lambda: services.evidence_add(activity=activity, by=request.user, upload=form.cleaned_data["file"])
        )
        if evidence is not None:
            messages.success(request, _("The file “%(name)s” was attached.") % {"name": quoted(evidence.original_name)})
            return redirect(reverse("pages:activity", args=[activity.pk]) + "#minh-chung")
    return _render_activity(request, activity, evidence_form=form, status=400)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    """Remove an evidence file from its activity (the history keeps the record of it)."""
    evidence = get_object_or_404(
        visible_to(Evidence.objects.select_related("activity"), request.user, "activity__unit_id"), pk=pk
    )
    unit_member_required(request.user)
    if not request.user.is_member_of(evidence.activity.unit_id):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    services.evidence_delete(evidence=evidence, by=request.user)
    messages.success(request, _("The file “%(name)s” was removed.") % {"name": quoted(evidence.original_name)})
    return redirect(reverse("pages:activity", args=[evidence.activity_id]) + "#minh-chung")


@login_required
def evidence_file(request, pk: int):
    """An evidence file, only for users who may see its activity (404 for anyone else)."""
    evidence = get_object_or_404(visible_to(Evidence.objects.all(), request.user, "activity__unit_id"), pk=pk)
    return file_download(evidence.file, name=evidence.original_name, content_type=evidence.content_type)
