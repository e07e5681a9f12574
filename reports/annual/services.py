"""Writes of a unit's annual results report (write, submit, return, accept, versions): the rules,
whatever the door (API, pages, import, admin)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.permissions import unit_member_required
from accounts.text import nfc
from config.bounds import record_bounded, text_within
from config.revisions import Conflict, apply_changes, lock_current
from plans.models import Deliverable, Plan
from reports.annual.models import AnnualReport, ReportTaskEntry, ReportVersion
from reports.annual.selectors import report_content, unit_figures
from tasks.locks.services import figures_lock, figures_reopen
from tasks.obligations.models import ProgressStatus
from tasks.obligations.selectors import task_progress
from tasks.obligations.services import obligations_complete, unit_in_plan_check


@transaction.atomic
def report_create(*, by: User, plan: Plan, unit: Unit | None = None) -> AnnualReport:
    """Start the results report of ``unit`` (default: the user's own) for ``plan``. A successor's
    people write the report a unit it took over still owes (Hà Giang's 2024 report, written by
    Tuyên Quang from 2025): the report stays Hà Giang's."""
    unit = unit_member_required(by, unit)
    unit_in_plan_check(unit=unit, plan_ids=[plan.pk])
    if AnnualReport.objects.filter(unit=unit, plan=plan).exists():
        raise Conflict(_("The unit already has a results report for %(plan)s.") % {"plan": plan.number})
    report = apply_changes(AnnualReport(unit=unit, plan=plan), {}, by=by)
    return report


@transaction.atomic
def report_update(
    *, report: AnnualReport, by: User, values: dict, entries: list[dict] | None, expected_revision: int | None
) -> AnnualReport:
    """Edit a draft or returned report's text and per-task entries. Submitted and accepted
    versions are never changed."""
    unit_member_required(by)
    current = lock_current(AnnualReport, pk=report.pk, expected_revision=expected_revision)
    if not current.is_editable:
        raise Conflict(_("A %(status)s report cannot be changed.") % {"status": current.get_status_display().lower()})
    progress = task_progress(unit_id=current.unit_id, plan_id=current.plan_id)
    for entry in entries or []:
        task = entry["task"]
        if task.group.plan_id != current.plan_id:
            raise ValidationError({"entries": _("Task %(code)s is not part of this plan.") % {"code": task.code}})
        row, _created = ReportTaskEntry.objects.get_or_create(report=current, task=task)
        for name in ("results", "difficulties", "proposals"):
            if name in entry:
                setattr(row, name, entry[name])
        # A task's progress is what its obligations record (the dashboard's), never typed twice.
        row.status = progress.get(task.pk, ProgressStatus.NOT_STARTED)
        record_bounded(row)
        row._history_user = by
        row.save()
    values = {k: nfc(v) for k, v in values.items() if k in ("difficulties", "proposals")}
    return apply_changes(current, values, by=by)


def entries_progress_refresh(*, report: AnnualReport, by: User) -> None:
    """Bring each entry's status in line with the task's progress (its obligations) before it is frozen."""
    progress = task_progress(unit_id=report.unit_id, plan_id=report.plan_id)
    for row in report.entries.all():
        status = progress.get(row.task_id, ProgressStatus.NOT_STARTED)
        if row.status != status:
            row.status = status
            row._history_user = by
            row.save(update_fields=["status"])


REPORT_TRANSITIONS = {
    "submit": ({AnnualReport.Status.DRAFT, AnnualReport.Status.RETURNED}, AnnualReport.Status.SUBMITTED),
    "return": ({AnnualReport.Status.SUBMITTED}, AnnualReport.Status.RETURNED),
    "accept": ({AnnualReport.Status.SUBMITTED}, AnnualReport.Status.ACCEPTED),
    "reopen": ({AnnualReport.Status.ACCEPTED}, AnnualReport.Status.RETURNED),
}


def _transition(report: AnnualReport, action: str) -> AnnualReport:
    sources, _target = REPORT_TRANSITIONS[action]
    current = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if current.status not in sources:
        messages = {
            "submit": _("Only a draft or returned report can be submitted; this report is %(status)s."),
            "return": _("Only a submitted report can be returned; this report is %(status)s."),
            "accept": _("Only a submitted report can be accepted; this report is %(status)s."),
            "reopen": _("Only an accepted report can be reopened; this report is %(status)s."),
        }
        raise Conflict(messages[action] % {"status": current.get_status_display().lower()})
    return current


@transaction.atomic
def report_submit(*, report: AnnualReport, by: User, at: datetime | None = None) -> AnnualReport:
    """The unit's leader submits: the text and the figures of this moment are frozen into a new
    version; the first submission completes the report obligation (and decides if it was on time)."""
    if not by.is_leader_of(report.unit_id):
        raise PermissionDenied(_("Only the unit's leader can submit its report."))
    current = _transition(report, "submit")
    now = at or timezone.now()
    plan = current.plan
    entries_progress_refresh(report=current, by=by)
    ReportVersion.objects.create(
        report=current,
        number=current.versions.count() + 1,
        submitted_at=now,
        submitted_by=by,
        window_start=plan.report_window_start,
        window_end=plan.report_window_end,
        content=report_content(report=current),
        figures=unit_figures(unit=current.unit, plan=plan),
    )
    apply_changes(
        current,
        {
            "status": AnnualReport.Status.SUBMITTED,
            "submitted_at": now,
            "first_submitted_at": current.first_submitted_at or now,
        },
        by=by,
    )
    obligations_complete(
        unit_id=current.unit_id,
        plan_id=plan.pk,
        kind=Deliverable.Kind.ANNUAL_REPORT,
        at=current.first_submitted_at,
        by=by,
    )
    return current


def _review(report: AnnualReport, by: User, action: str, comment: str, at: datetime | None) -> AnnualReport:
    if not by.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers can review reports."))
    comment = text_within(comment, field="comment")  # the one limit, on the page and in the API
    current = _transition(report, action)
    return apply_changes(
        current,
        {
            "status": REPORT_TRANSITIONS[action][1],
            "reviewed_at": at or timezone.now(),
            "reviewed_by": by,
            "review_comment": comment,
        },
        by=by,
    )


@transaction.atomic
def report_return(*, report: AnnualReport, by: User, comment: str, at: datetime | None = None) -> AnnualReport:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the unit must change: the comment is required.")})
    text_within(comment, field="comment")
    return _review(report, by, "return", comment, at)


@transaction.atomic
def report_accept(*, report: AnnualReport, by: User, comment: str = "", at: datetime | None = None) -> AnnualReport:
    """A reviewer accepts: the figures the unit counted for the plan are locked (tasks.locks) until
    a reviewer reopens the report, so the Ministry's roll-up counts what was accepted."""
    accepted = _review(report, by, "accept", comment, at)
    figures_lock(unit_id=accepted.unit_id, plan=accepted.plan, by=by, at=accepted.reviewed_at)
    return accepted


@transaction.atomic
def report_reopen(*, report: AnnualReport, by: User, reason: str, at: datetime | None = None) -> AnnualReport:
    """A reviewer reopens an accepted report with a reason: it goes back to the unit as returned (the
    reason is the comment), its figures are unlocked, and who, when and why are recorded on the lock.
    The roll-up stops counting the unit until its report is accepted again."""
    if not (reason or "").strip():
        raise ValidationError({"comment": _("Say why the report is reopened: the reason is required.")})
    reopened = _review(report, by, "reopen", reason, at)
    figures_reopen(unit_id=reopened.unit_id, plan=reopened.plan, by=by, reason=reason, at=reopened.reviewed_at)
    return reopened
