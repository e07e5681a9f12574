"""The web pages of a unit's annual results report (write, submit, return, accept, versions): views
check input, call one service and render."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Unit, User
from accounts.permissions import visible_to
from config.pages import add_form_errors
from config.revisions import Conflict, StaleRevision
from plans.models import Task
from plans.selectors import plan_in_force
from reports.annual import services
from reports.annual.forms import ReportForm, ReviewForm
from reports.annual.models import AnnualReport, ReportVersion
from reports.annual.selectors import report_deadline_states, unit_figures
from tasks.obligations.models import DeadlineState, ProgressStatus
from tasks.obligations.selectors import task_progress, units_acting_in_plan


def reports_of(user: User):
    return visible_to(
        AnnualReport.objects.select_related("unit", "plan", "reviewed_by").prefetch_related(
            "entries__task", Prefetch("versions", queryset=ReportVersion.objects.select_related("submitted_by"))
        ),
        user,
    )


def report_entries(report: AnnualReport) -> list:
    """The report's entries in task order; a report still being written shows each task's progress
    as its obligations record it now (a sent one, as it was frozen)."""
    entries = sorted(report.entries.all(), key=lambda e: (e.task.group.order, e.task.order))
    if report.is_editable:
        progress = task_progress(unit_id=report.unit_id, plan_id=report.plan_id)
        for entry in entries:
            entry.status = progress.get(entry.task_id, ProgressStatus.NOT_STARTED)
    return entries


def _report_context(request, report: AnnualReport) -> dict:
    user = request.user
    own_unit = user.is_member_of(report.unit_id)
    versions = list(report.versions.all())
    if report.is_editable:
        figures, figures_frozen = unit_figures(unit=report.unit, plan=report.plan), False
    else:
        figures, figures_frozen = (versions[-1].figures if versions else {}), True
    state = report_deadline_states(at=timezone.now(), plans=[report.plan]).get((report.plan_id, report.unit_id))
    return {
        "report": report,
        "plan": report.plan,
        "unit": report.unit,
        "entries": report_entries(report),
        "versions": versions,
        "figures": figures,
        "figure_rows": figure_rows(figures),
        "figures_frozen": figures_frozen,
        "report_state": state,
        "report_state_label": DeadlineState(state).label if state else "",
        "can_edit": own_unit and report.is_editable,
        "can_submit": user.is_leader_of(report.unit_id) and report.is_editable,
        "can_review": user.is_reviewer and report.status == AnnualReport.Status.SUBMITTED,
        "can_reopen": user.is_reviewer and report.status == AnnualReport.Status.ACCEPTED,
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
    return render(request, "annual/report.html", context, status=status)


@login_required
def report_mine(request):
    """The unit's report for the current plan; reviewers go to the overview."""
    if request.user.sees_all_units() or request.user.unit_id is None:
        return redirect("pages:home")
    plan = plan_in_force(request=request)
    units = units_acting_in_plan(user=request.user, plan=plan)
    if units and units[0].pk != request.user.unit_id:
        # A plan of before the unit existed: the reports of the units it took over are its to send.
        reports = {r.unit_id: r for r in reports_of(request.user).filter(plan=plan, unit__in=units)}
        rows = [(u, reports.get(u.pk)) for u in units]
        context = {"plan": plan, "rows": rows, "can_create": request.user.is_unit_member}
        return render(request, "annual/reports_taken_over.html", context)
    report = reports_of(request.user).filter(plan=plan, unit_id=request.user.unit_id).first()
    if report is None:
        context = {"plan": plan, "unit": request.user.unit, "can_create": request.user.is_unit_member}
        return render(request, "annual/report_missing.html", context)
    return _render_report(request, report)


@login_required
def report_detail(request, pk: int):
    return _render_report(request, get_object_or_404(reports_of(request.user), pk=pk))


@login_required
@require_POST
def report_create(request):
    """Start the unit's report for the plan shown, or (``unit`` posted) the report of a unit it took over."""
    unit = None
    if request.POST.get("unit", "").isdigit():
        unit = get_object_or_404(Unit, pk=request.POST["unit"])
    try:
        report = services.report_create(by=request.user, plan=plan_in_force(request=request), unit=unit)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("pages:report")
    except Conflict as exc:
        messages.error(request, str(exc))
        return redirect("pages:report")
    messages.success(request, _("A draft report was created. Write its results, then the leader sends it."))
    return redirect("pages:report-detail", pk=report.pk)


@login_required
def report_edit(request, pk: int):
    report = get_object_or_404(reports_of(request.user), pk=pk)
    if not request.user.is_member_of(report.unit_id):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    if not report.is_editable:
        messages.error(
            request, _("A %(status)s report cannot be changed.") % {"status": report.get_status_display().lower()}
        )
        return redirect("pages:report-detail", pk=report.pk)
    progress = task_progress(unit_id=report.unit_id, plan_id=report.plan_id)
    form = ReportForm(request.POST or None, report=report, progress=progress)
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
        except StaleRevision:
            form.add_error(
                None, _("Somebody changed this report after you opened it. Reload it, then make your change again.")
            )
        except Conflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("pages:report-detail", pk=report.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "annual/report_form.html", {"form": form, "report": report}, status=status)


@login_required
@require_POST
def report_action(request, pk: int, action: str):
    """Submit (the unit's leader), return with a comment or accept (a reviewer). An illegal
    transition shows the service's message and changes nothing."""
    report = get_object_or_404(reports_of(request.user), pk=pk)
    review = ReviewForm(request.POST)
    comment = review.cleaned_data["comment"] if review.is_valid() else ""  # the service bounds it
    done = {
        "submit": _("The report was sent to the Ministry (V03)."),
        "return": _("The report was returned to the unit with your comment."),
        "accept": _("The report was accepted."),
        "reopen": _("The report was reopened and returned to the unit with your reason."),
    }
    try:
        if action == "submit":
            services.report_submit(report=report, by=request.user)
        elif action == "return":
            services.report_return(report=report, by=request.user, comment=comment)
        elif action == "accept":
            services.report_accept(report=report, by=request.user, comment=comment)
        else:
            services.report_reopen(report=report, by=request.user, reason=comment)
    except Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        if action in ("return", "accept", "reopen"):
            review.errors.pop("comment", None)  # the service's one message, not the form's as well
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
    return render(request, "annual/report_version.html", context)
