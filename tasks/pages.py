"""Web pages for a unit's reporters and leaders and for V03's reviewers: the dashboard, the unit's
activities and the annual results report with its review. Views check input, call one service
(tasks.services) and render; they never write models themselves."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Unit, User
from accounts.permissions import visible_to
from plans.models import Deliverable, Plan, Task

from . import services
from .downloads import file_download
from .forms import (
    ActivityForm,
    EvidenceForm,
    ImportForm,
    OverviewFilterForm,
    PilotModelForm,
    ReportForm,
    ReviewForm,
    TrainingCourseForm,
    UnitPlanForm,
)
from .imports import XLSX_CONTENT_TYPE, activities_import, activities_template, template_filename
from .models import (
    Activity,
    ActivityTargetGroup,
    AnnualReport,
    DeadlineState,
    Evidence,
    Obligation,
    PilotModel,
    ReportVersion,
    Topic,
    TrainingCourse,
    UnitPlan,
)
from .models.progress import ProgressStatus, compute_deadline_state
from .selectors import unit_figures

ACTIVITIES_PER_PAGE = 25
LATEST_ACTIVITIES = 8
NOT_SENT = "none"


def current_plan() -> Plan:
    """The plan the pages follow: the latest year's."""
    plan = Plan.objects.order_by("-year", "-signed_on").first()
    if plan is None:
        raise Http404(_("No plan has been loaded yet."))
    return plan


def is_unit_member(user: User) -> bool:
    return bool(user.unit_id) and user.role in (User.Role.REPORTER, User.Role.LEADER)


def report_status_label(status: str) -> str:
    return _("Not sent") if status == NOT_SENT else AnnualReport.Status(status).label


# --- Reads for the pages ------------------------------------------------------------------------


@dataclass
class ObligationRow:
    obligation: Obligation
    state: str

    @property
    def state_label(self) -> str:
        return DeadlineState(self.state).label


@dataclass
class UnitRow:
    """One line of the reviewer's overview."""

    unit: Unit
    report: AnnualReport | None
    report_state: str | None  # the deadline state of the report (done on time / late / overdue…)
    overdue: int
    activities: int

    @property
    def report_status(self) -> str:
        return self.report.status if self.report else NOT_SENT

    @property
    def report_status_label(self) -> str:
        return report_status_label(self.report_status)

    @property
    def report_state_label(self) -> str:
        return DeadlineState(self.report_state).label if self.report_state else ""


def report_due_at(plan: Plan) -> datetime | None:
    """When the plan's results report is due (00:00 on its due date), or None without one."""
    deliverable = Deliverable.objects.filter(plan=plan, kind=Deliverable.Kind.ANNUAL_REPORT).first()
    return deliverable.due_at(plan.tzinfo()) if deliverable else None


def report_state(*, due_at: datetime | None, report: AnnualReport | None, at: datetime) -> str | None:
    """The deadline state of a unit's report, judged by its first submission (the one rule)."""
    if due_at is None:
        return None
    completed = report.first_submitted_at if report else None
    return compute_deadline_state(due_at=due_at, completed_at=completed, at=at)


def overview_rows(
    *, plan: Plan, at: datetime, area: str = "", status: str = "", due_at: datetime | None = None
) -> list[UnitRow]:
    """Every department and provincial police unit valid in the plan's year with its report's
    status, whether it was sent on time, its overdue obligations and its activities. Five queries,
    whatever the number of units."""
    units = Unit.objects.valid_between(plan.period_start, plan.period_end).implementing()
    if area:
        units = units.filter(area=area)
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(plan=plan)}
    activities = dict(
        Activity.objects.filter(task__group__plan=plan)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("unit_id", "n")
    )
    open_obligations = Obligation.objects.filter(deliverable__plan=plan, completed_at__isnull=True).select_related(
        "deliverable__plan"
    )
    overdue = Counter(o.unit_id for o in open_obligations if o.deadline_state(at) == DeadlineState.OVERDUE)
    due_at = due_at or report_due_at(plan)
    rows = [
        UnitRow(
            unit=unit,
            report=reports.get(unit.pk),
            report_state=report_state(due_at=due_at, report=reports.get(unit.pk), at=at),
            overdue=overdue[unit.pk],
            activities=activities.get(unit.pk, 0),
        )
        for unit in units.order_by("kind", "province_code", "name")
    ]
    if status:
        rows = [r for r in rows if r.report_status == status]
    return rows


def unit_obligation_rows(*, unit: Unit, plan: Plan, at: datetime) -> list[ObligationRow]:
    obligations = (
        Obligation.objects.filter(unit=unit, deliverable__plan=plan)
        .select_related("deliverable__task", "deliverable__plan")
        .order_by("deliverable__due_date", "deliverable__order")
    )
    return [ObligationRow(o, o.deadline_state(at)) for o in obligations]


def activities_of(user: User):
    return visible_to(
        Activity.objects.select_related("task", "unit").prefetch_related(
            Prefetch("target_group_rows", queryset=ActivityTargetGroup.objects.order_by("target_group"))
        ),
        user,
    )


def reports_of(user: User):
    return visible_to(
        AnnualReport.objects.select_related("unit", "plan", "reviewed_by").prefetch_related(
            "entries__task", Prefetch("versions", queryset=ReportVersion.objects.select_related("submitted_by"))
        ),
        user,
    )


# --- Dashboard ----------------------------------------------------------------------------------


@login_required
def home(request):
    user = request.user
    plan = current_plan()
    if user.sees_all_units():
        return overview(request, plan)
    if user.unit_id is None:
        return render(request, "tasks/pages/no_unit.html", {"plan": plan})
    return unit_dashboard(request, plan, user.unit)


def overview(request, plan: Plan):
    filters = OverviewFilterForm(request.GET or None)
    area = status = ""
    if filters.is_valid():
        area, status = filters.cleaned_data["area"], filters.cleaned_data["status"]
    now = timezone.now()
    due_at = report_due_at(plan)
    rows = overview_rows(plan=plan, at=now, area=area, status=status, due_at=due_at)
    totals = Counter(r.report_status for r in rows)
    context = {
        "plan": plan,
        "rows": rows,
        "filters": filters,
        "report_due_at": due_at,
        "totals": [(report_status_label(s), totals[s]) for s in (NOT_SENT, *AnnualReport.Status.values)],
        "overdue_units": sum(1 for r in rows if r.overdue),
    }
    return render(request, "tasks/pages/overview.html", context)


def unit_dashboard(request, plan: Plan, unit: Unit):
    now = timezone.now()
    rows = unit_obligation_rows(unit=unit, plan=plan, at=now)
    report = AnnualReport.objects.filter(unit=unit, plan=plan).select_related("reviewed_by").first()
    states = Counter(r.state for r in rows)
    context = {
        "plan": plan,
        "unit": unit,
        "rows": rows,
        "state_counts": [(DeadlineState(s).label, s, states[s]) for s in DeadlineState.values if states[s]],
        "report": report,
        "report_state": report_state(due_at=report_due_at(plan), report=report, at=now),
        "latest": Activity.objects.filter(unit=unit)
        .select_related("task")
        .order_by("-start_date", "-id")[:LATEST_ACTIVITIES],
        "activity_count": Activity.objects.filter(unit=unit, task__group__plan=plan).count(),
        "can_update": is_unit_member(request.user) and request.user.unit_id == unit.pk,
        "status_choices": ProgressStatus.choices,
    }
    if context["report_state"]:
        context["report_state_label"] = DeadlineState(context["report_state"]).label
    context.update(unit_records(plan=plan, unit=unit, at=now))
    return render(request, "tasks/pages/unit_dashboard.html", context)


def unit_records(*, plan: Plan, unit: Unit, at: datetime) -> dict:
    """The dashboard's summary of the unit's own plan, pilot models and training courses."""
    unit_plan = UnitPlan.objects.filter(unit=unit, plan=plan).first()
    deliverable = unit_plan_deliverable(plan)
    state = None
    if deliverable is not None:
        state = compute_deadline_state(
            due_at=deliverable.due_at(plan.tzinfo()), completed_at=unit_plan.submitted_at if unit_plan else None, at=at
        )
    models = list(PilotModel.objects.filter(unit=unit, plan=plan))
    return {
        "unit_plan": unit_plan,
        "unit_plan_deliverable": deliverable,
        "unit_plan_state": state,
        "unit_plan_state_label": DeadlineState(state).label if state else "",
        "pilot_target": pilot_target(plan=plan, models=models),
        "pilot_count": len(models),
        "training_count": TrainingCourse.objects.filter(unit=unit, task__group__plan=plan).count(),
    }


@login_required
def unit_detail(request, pk: int):
    """A unit's dashboard as a reviewer sees it; a unit's own users see only their own."""
    unit = get_object_or_404(Unit, pk=pk)
    if not request.user.sees_all_units() and unit.pk != request.user.unit_id:
        raise Http404
    return unit_dashboard(request, current_plan(), unit)


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
    except services.Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The status of %(code)s was saved.") % {"code": obligation.deliverable.code})
    return redirect("pages:home")


# --- Activities ---------------------------------------------------------------------------------


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
        "can_log": is_unit_member(request.user),
    }
    return render(request, "tasks/pages/activity_list.html", context)


@login_required
def activity_detail(request, pk: int):
    return _render_activity(
        request, get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    )


def _render_activity(request, activity: Activity, *, evidence_form=None, status: int = 200):
    topics = [Topic(t).label for t in activity.topics or [] if t in Topic.values]
    can_attach = unit_member_of(request.user, activity.unit_id)
    context = {
        "plan": activity.task.group.plan,
        "activity": activity,
        "topics": topics,
        "evidence": list(activity.evidence.all()),
        "evidence_form": (evidence_form or EvidenceForm()) if can_attach else None,
    }
    return render(request, "tasks/pages/activity_detail.html", context, status=status)


@login_required
def activity_create(request):
    if not is_unit_member(request.user):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    plan = current_plan()
    form = ActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        values, groups = form.service_values()
        try:
            activity = services.activity_create(by=request.user, values=values, target_groups=groups)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The activity “%(title)s” was saved.") % {"title": activity.title})
            return redirect("pages:activities")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "tasks/pages/activity_form.html", {"form": form, "plan": plan}, status=status)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- The annual results report ------------------------------------------------------------------


def _report_context(request, report: AnnualReport) -> dict:
    user = request.user
    own_unit = is_unit_member(user) and user.unit_id == report.unit_id
    versions = list(report.versions.all())
    if report.is_editable:
        figures, figures_frozen = unit_figures(unit=report.unit, plan=report.plan), False
    else:
        figures, figures_frozen = (versions[-1].figures if versions else {}), True
    state = report_state(due_at=report_due_at(report.plan), report=report, at=timezone.now())
    return {
        "report": report,
        "plan": report.plan,
        "unit": report.unit,
        "entries": sorted(report.entries.all(), key=lambda e: (e.task.group.order, e.task.order)),
        "versions": versions,
        "figures": figures,
        "figure_rows": figure_rows(figures),
        "figures_frozen": figures_frozen,
        "report_state": state,
        "report_state_label": DeadlineState(state).label if state else "",
        "can_edit": own_unit and report.is_editable,
        "can_submit": own_unit and user.role == User.Role.LEADER and report.is_editable,
        "can_review": user.is_reviewer and report.status == AnnualReport.Status.SUBMITTED,
        "review_form": ReviewForm(),
    }


def figure_rows(figures: dict) -> list[tuple[str, dict]]:
    """(task code, figures) per task and the total, for the figures table."""
    rows = list((figures.get("tasks") or {}).items())
    rows.sort(key=lambda item: task_code_key(item[0]))
    return rows


def task_code_key(code: str) -> list[tuple[int, int | str]]:
    """Sort key for task codes: 1.1 < 3.2 < 8.2a < 8.2b < 10."""
    parts = re.findall(r"\d+|[a-z]+", code.lower())
    return [(0, int(p)) if p.isdigit() else (1, p) for p in parts]


def _render_report(request, report: AnnualReport, status: int = 200, **extra):
    context = _report_context(request, report) | extra
    return render(request, "tasks/pages/report.html", context, status=status)


@login_required
def report_mine(request):
    """The unit's report for the current plan; reviewers go to the overview."""
    if request.user.sees_all_units() or request.user.unit_id is None:
        return redirect("pages:home")
    plan = current_plan()
    report = reports_of(request.user).filter(plan=plan, unit_id=request.user.unit_id).first()
    if report is None:
        context = {"plan": plan, "unit": request.user.unit, "can_create": is_unit_member(request.user)}
        return render(request, "tasks/pages/report_missing.html", context)
    return _render_report(request, report)


@login_required
def report_detail(request, pk: int):
    return _render_report(request, get_object_or_404(reports_of(request.user), pk=pk))


@login_required
@require_POST
def report_create(request):
    try:
        report = services.report_create(by=request.user, plan=current_plan())
    except services.Conflict as exc:
        messages.error(request, str(exc))
        return redirect("pages:report")
    messages.success(request, _("A draft report was created. Write its results, then the leader sends it."))
    return redirect("pages:report-detail", pk=report.pk)


@login_required
def report_edit(request, pk: int):
    report = get_object_or_404(reports_of(request.user), pk=pk)
    if not (is_unit_member(request.user) and request.user.unit_id == report.unit_id):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    if not report.is_editable:
        messages.error(
            request, _("A %(status)s report cannot be changed.") % {"status": report.get_status_display().lower()}
        )
        return redirect("pages:report-detail", pk=report.pk)
    form = ReportForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        values, entries = form.service_values()
        try:
            services.report_update(
                report=report,
                by=request.user,
                values=values,
                entries=entries,
                expected_revision=form.cleaned_data["revision"],
            )
        except services.StaleRevision:
            form.add_error(
                None, _("Somebody changed this report after you opened it. Reload it, then make your change again.")
            )
        except services.Conflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("pages:report-detail", pk=report.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "tasks/pages/report_form.html", {"form": form, "report": report}, status=status)


@login_required
@require_POST
def report_action(request, pk: int, action: str):
    """Submit (the unit's leader), return with a comment or accept (a reviewer). An illegal
    transition shows the service's message and changes nothing."""
    report = get_object_or_404(reports_of(request.user), pk=pk)
    review = ReviewForm(request.POST)
    comment = review.cleaned_data["comment"] if review.is_valid() else ""
    done = {
        "submit": _("The report was sent to the Ministry (V03)."),
        "return": _("The report was returned to the unit with your comment."),
        "accept": _("The report was accepted."),
    }
    try:
        if action == "submit":
            services.report_submit(report=report, by=request.user)
        elif action == "return":
            services.report_return(report=report, by=request.user, comment=comment)
        else:
            services.report_accept(report=report, by=request.user, comment=comment)
    except services.Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        if action == "return":
            review.add_error("comment", exc.message_dict.get("comment", exc.messages))
            report.refresh_from_db()
            return _render_report(request, report, status=400, review_form=review, review_action=action)
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done[action])
    return redirect("pages:report-detail", pk=report.pk)


@login_required
def report_version(request, pk: int, number: int):
    report = get_object_or_404(reports_of(request.user), pk=pk)
    version = get_object_or_404(report.versions.select_related("submitted_by"), number=number)
    titles = dict(Task.objects.filter(group__plan=report.plan_id).values_list("code", "title"))
    entries = [
        {**e, "status_label": ProgressStatus(e["status"]).label, "title": titles.get(e["task"], "")}
        for e in version.content.get("entries", [])
    ]
    context = {
        "report": report,
        "version": version,
        "entries": entries,
        "figure_rows": figure_rows(version.figures),
        "figures": version.figures,
    }
    return render(request, "tasks/pages/report_version.html", context)


# --- Files --------------------------------------------------------------------------------------


def stale_message() -> str:
    return _("Somebody changed this record after you opened it. Reload the page, then make your change again.")


def _save_record(form, save):
    """Run a service that saves a unit's record from a valid form; a stale revision or the
    service's own rule becomes an error on the form. Returns the saved record, or None."""
    try:
        return save()
    except services.StaleRevision:
        form.add_error(None, stale_message())
    except ValidationError as exc:
        _add_errors(form, exc)
    return None


def unit_member_of(user: User, unit_id: int) -> bool:
    """May ``user`` record work for the unit ``unit_id``: one of its reporters or leaders."""
    return is_unit_member(user) and user.unit_id == unit_id


def require_unit_member(user: User) -> None:
    if not is_unit_member(user):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))


# --- The unit's own plan (task 1.1) -------------------------------------------------------------


def unit_plan_deliverable(plan: Plan) -> Deliverable | None:
    return Deliverable.objects.filter(plan=plan, kind=Deliverable.Kind.UNIT_PLAN).select_related("task").first()


def _unit_plan_page(request, *, plan: Plan, unit: Unit, form=None, status: int = 200):
    user = request.user
    unit_plan = visible_to(UnitPlan.objects.select_related("submitted_by"), user).filter(unit=unit, plan=plan).first()
    deliverable = unit_plan_deliverable(plan)
    state = None
    if deliverable is not None:
        state = compute_deadline_state(
            due_at=deliverable.due_at(plan.tzinfo()),
            completed_at=unit_plan.submitted_at if unit_plan else None,
            at=timezone.now(),
        )
    own = unit_member_of(user, unit.pk)
    can_submit = own and user.role == User.Role.LEADER and unit_plan is None
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
    return render(request, "tasks/pages/unit_plan.html", context, status=status)


@login_required
def unit_plan_mine(request):
    """The unit's own plan: whether it was handed in, and the leader's form to hand it in."""
    user = request.user
    if request.method == "POST" and not (is_unit_member(user) and user.role == User.Role.LEADER):
        raise PermissionDenied(_("Only the unit's leader can hand in the unit's plan."))
    if user.sees_all_units() or user.unit_id is None:
        return redirect("pages:home")
    plan = current_plan()
    if request.method != "POST":
        return _unit_plan_page(request, plan=plan, unit=user.unit)
    form = UnitPlanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.unit_plan_submit(by=user, plan=plan, **form.service_values())
        except services.Conflict as exc:
            messages.error(request, str(exc))
            return redirect("pages:unit-plan")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The unit's plan was handed in to the Ministry (V03)."))
            return redirect("pages:unit-plan")
    return _unit_plan_page(request, plan=plan, unit=user.unit, form=form, status=400)


@login_required
def unit_plan_of_unit(request, pk: int):
    """A unit's own plan as a reviewer sees it (read-only); a unit's users see only their own."""
    unit = get_object_or_404(Unit, pk=pk)
    if not request.user.sees_all_units() and unit.pk != request.user.unit_id:
        raise Http404
    return _unit_plan_page(request, plan=current_plan(), unit=unit)


@login_required
def unit_plan_file(request, pk: int):
    unit_plan = get_object_or_404(visible_to(UnitPlan.objects.all(), request.user), pk=pk)
    if not unit_plan.file:
        raise Http404
    return file_download(unit_plan.file, name=unit_plan.original_name, content_type=unit_plan.content_type)


# --- Pilot models (4.1-4.3) ---------------------------------------------------------------------


@dataclass
class PilotTarget:
    """The plan's "at least N model(s)" for one unit, and how many of its models count."""

    task: Task
    counted: int

    @property
    def required(self) -> int:
        return self.task.target_count or 0

    @property
    def reached(self) -> bool:
        return self.counted >= self.required


def pilot_target(*, plan: Plan, models: list[PilotModel]) -> PilotTarget | None:
    task = Task.objects.filter(group__plan=plan, target_kind=Task.Target.PILOT_MODELS).order_by("order").first()
    if task is None:
        return None
    return PilotTarget(task=task, counted=sum(1 for m in models if m.counts_toward_target))


def _unit_filter(request) -> Unit | None:
    """The ?unit= a reviewer narrows a list to (a unit's users always see their own)."""
    if request.user.sees_all_units() and request.GET.get("unit", "").isdigit():
        return get_object_or_404(Unit, pk=request.GET["unit"])
    return None


@login_required
def pilot_model_list(request):
    plan = current_plan()
    qs = visible_to(PilotModel.objects.select_related("unit"), request.user).filter(plan=plan)
    filter_unit = _unit_filter(request)
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
        "can_add": is_unit_member(request.user),
    }
    return render(request, "tasks/pages/pilot_model_list.html", context)


@login_required
def pilot_model_form(request, pk: int | None = None):
    """Create (no pk) or edit a pilot model through services.pilot_model_save. An edit carries the
    revision it was opened at: if somebody saved in between, nothing is overwritten."""
    pilot_model = None
    if pk is not None:
        pilot_model = get_object_or_404(visible_to(PilotModel.objects.select_related("unit"), request.user), pk=pk)
    require_unit_member(request.user)
    plan = current_plan()
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
        saved = _save_record(
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
    return render(request, "tasks/pages/pilot_model_form.html", context, status=status)


# --- Training courses (8.2) ---------------------------------------------------------------------


@login_required
def training_list(request):
    plan = current_plan()
    qs = visible_to(TrainingCourse.objects.select_related("unit", "task"), request.user).filter(task__group__plan=plan)
    filter_unit = _unit_filter(request)
    if filter_unit:
        qs = qs.filter(unit=filter_unit)
    unit = filter_unit if request.user.sees_all_units() else request.user.unit
    courses = list(qs.order_by("-start_date", "id"))
    context = {
        "plan": plan,
        "courses": courses,
        "unit": unit,
        "filter_unit": filter_unit,
        "show_unit": unit is None,
        "participants": sum(c.participants for c in courses),
        "can_add": is_unit_member(request.user),
    }
    return render(request, "tasks/pages/training_list.html", context)


@login_required
def training_form(request, pk: int | None = None):
    """Create (no pk) or edit a training course through services.training_save; 8.2a's region
    rule is the service's, shown next to the field."""
    course = None
    if pk is not None:
        course = get_object_or_404(
            visible_to(TrainingCourse.objects.select_related("unit", "task"), request.user), pk=pk
        )
    require_unit_member(request.user)
    plan = current_plan()
    initial = None
    if course is not None:
        initial = {
            f: getattr(course, f)
            for f in ("revision", "title", "region", "start_date", "end_date", "place", "participants")
        } | {"task": course.task_id}
    form = TrainingCourseForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = _save_record(
            form,
            lambda: services.training_save(
                by=request.user,
                values=form.service_values(),
                course=course,
                expected_revision=(form.cleaned_data["revision"] or 0) if course else None,
            ),
        )
        if saved is not None:
            messages.success(request, _("The training course “%(title)s” was saved.") % {"title": saved.title})
            return redirect("pages:trainings")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "tasks/pages/training_form.html", {"form": form, "plan": plan, "course": course}, status=status
    )


# --- Evidence files -----------------------------------------------------------------------------


@login_required
@require_POST
def evidence_upload(request, pk: int):
    activity = get_object_or_404(activities_of(request.user).select_related("task__group__plan"), pk=pk)
    require_unit_member(request.user)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence = services.evidence_add(activity=activity, by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The file “%(name)s” was attached.") % {"name": evidence.original_name})
            return redirect("pages:activity", pk=activity.pk)
    return _render_activity(request, activity, evidence_form=form, status=400)


@login_required
def evidence_file(request, pk: int):
    """An evidence file, only for users who may see its activity (404 for anyone else)."""
    evidence = get_object_or_404(visible_to(Evidence.objects.all(), request.user, "activity__unit_id"), pk=pk)
    return file_download(evidence.file, name=evidence.original_name, content_type=evidence.content_type)


# --- Spreadsheet import -------------------------------------------------------------------------


@login_required
def activity_import_template(request):
    plan = current_plan()
    response = HttpResponse(activities_template(plan=plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, template_filename(plan))
    return response


@login_required
def activity_import(request):
    """Upload the filled template (or a CSV): all rows or none; every problem listed."""
    require_unit_member(request.user)
    plan = current_plan()
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
    return render(request, "tasks/pages/activity_import.html", context, status=status)
