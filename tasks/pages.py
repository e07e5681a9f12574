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
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Unit, User
from accounts.permissions import visible_to
from plans.models import Deliverable, Plan, Task

from . import services
from .forms import ActivityForm, OverviewFilterForm, ReportForm, ReviewForm
from .models import Activity, ActivityTargetGroup, AnnualReport, DeadlineState, Obligation, ReportVersion, Topic
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
    return render(request, "tasks/pages/unit_dashboard.html", context)


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
    activity = get_object_or_404(activities_of(request.user).prefetch_related("evidence"), pk=pk)
    topics = [Topic(t).label for t in activity.topics or [] if t in Topic.values]
    return render(request, "tasks/pages/activity_detail.html", {"activity": activity, "topics": topics})


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
