"""Making report files: the roll-up as PDF, DOCX and XLSX, a unit's own report as PDF and DOCX, report
jobs. The PDF and the DOCX render the same document (``reports.document``).

Report jobs are queued by the caller's ``queue`` (``reports.jobs.report_job_queue``) once the
transaction commits; the Celery task calls ``report_job_run`` here, so this module never imports
``reports.jobs``.
"""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from accounts.models import Area, Unit, User
from plans.models import Plan
from reports.annual.models import AnnualReport, ReportVersion
from reports.annual.selectors import report_content
from reports.document.blocks import ReportDocument
from reports.document.ministry import MinistryReport, ministry_letterhead
from reports.document.unit_report import TaskEntry, UnitReport, unit_letterhead
from reports.docx.results_report import results_docx
from reports.models import ReportJob
from reports.pdf.results_report import ResultsPdf
from reports.rollup import RollupFilters, TextGroup, TextItem, plan_rollup, with_frozen_figures
from reports.xlsx import rollup_workbook
from tasks.models import ProgressStatus
from tasks.obligations.selectors import units_acting_in_plan

log = logging.getLogger(__name__)

# Errors worth another try later (the database went away, a lock timed out…).
TEMPORARY_ERRORS = (OperationalError, InterfaceError)


@contextmanager
def rendering(plan: Plan):
    """Reports are written in Vietnamese and in the plan's time zone, whoever asks."""
    with translation.override("vi"), timezone.override(plan.tzinfo()):
        yield


def filters_from_options(options: dict, *, unit: Unit | None = None) -> RollupFilters:
    """Roll-up filters from JSON options (a report job's, or a query string already validated)."""
    area = options.get("area") or None
    kind = options.get("kind") or None
    if area and area not in Area.values:
        raise ValidationError({"area": _("Unknown area.")})
    if kind and kind not in (Unit.Kind.DEPARTMENT, Unit.Kind.PROVINCE):
        raise ValidationError({"kind": _("Unknown unit kind.")})
    days = {}
    for name in ("date_from", "date_to"):
        value = options.get(name)
        if isinstance(value, str):
            value = parse_date(value)
            if value is None:
                raise ValidationError({name: _("Enter a valid date.")})
        days[name] = value
    if days["date_from"] and days["date_to"] and days["date_from"] > days["date_to"]:
        raise ValidationError({"date_to": _("The end of the date window is before its start.")})
    compare_with = None
    if options.get("compare_with") not in (None, ""):
        value = str(options["compare_with"])
        compare_with = Plan.objects.published().filter(pk=int(value)).first() if value.isdigit() else None
        if compare_with is None:
            raise ValidationError({"compare_with": _("Unknown plan to compare with.")})
    return RollupFilters(
        area=area,
        kind=kind,
        date_from=days["date_from"],
        date_to=days["date_to"],
        include_submitted=bool(options.get("include_submitted")),
        unit=unit,
        compare_with=compare_with,
    )


def filters_for(*, user: User, options: dict, plan: Plan | None = None) -> RollupFilters:
    """The user's roll-up filters: a reviewer may narrow to any unit; a unit's users get theirs, or
    (``unit``) one their unit took over. Under a plan their own unit owes nothing under (a 2024 plan
    for Tuyên Quang of 2025), the default is the first unit it took over that owes under it."""
    wanted = None
    if options.get("unit"):
        wanted = Unit.objects.filter(pk=options["unit"]).first()
        if wanted is None:
            raise ValidationError({"unit": _("Unknown unit.")})
    if user.sees_all_units():
        return filters_from_options(options, unit=wanted)
    if wanted is not None and not user.is_member_of(wanted.pk) and wanted.pk != user.unit_id:
        raise PermissionDenied(_("You do not record the work of %(unit)s.") % {"unit": wanted.name})
    if wanted is None and plan is not None:
        units = units_acting_in_plan(user=user, plan=plan)
        wanted = units[0] if units else None
    return filters_from_options(options, unit=wanted or user.unit)


def report_day(plan: Plan) -> date:
    return timezone.localdate(timezone.now(), plan.tzinfo())


Render = Callable[[ReportDocument], bytes]


def render_pdf(document: ReportDocument) -> bytes:
    return ResultsPdf(document).render()


def _rollup_report(*, plan: Plan, filters: RollupFilters, render: Render, progress=None) -> bytes:
    """The Ministry's results report (or one unit's roll-up, with that unit in the header)."""
    with rendering(plan):
        rollup = plan_rollup(plan=plan, filters=filters)
        if progress:
            progress(40)
        day = report_day(plan)
        if filters.unit is not None:
            head = unit_letterhead(plan, filters.unit, day, draft=False)
        else:
            head = ministry_letterhead(plan, day)
        return render(MinistryReport(rollup=rollup, letterhead=head).document())


def rollup_pdf(*, plan: Plan, filters: RollupFilters, progress=None) -> bytes:
    return _rollup_report(plan=plan, filters=filters, render=render_pdf, progress=progress)


def rollup_docx(*, plan: Plan, filters: RollupFilters, progress=None) -> bytes:
    """The same report as an editable Word document."""
    return _rollup_report(plan=plan, filters=filters, render=results_docx, progress=progress)


def rollup_xlsx(*, plan: Plan, filters: RollupFilters, progress=None) -> bytes:
    with rendering(plan):
        rollup = plan_rollup(plan=plan, filters=filters)
        if progress:
            progress(40)
        return rollup_workbook(rollup)


def annual_report_pdf(*, report: AnnualReport) -> bytes:
    return _annual_report(report=report, render=render_pdf)


def annual_report_docx(*, report: AnnualReport) -> bytes:
    return _annual_report(report=report, render=results_docx)


def _annual_report(*, report: AnnualReport, render: Render) -> bytes:
    """A unit's own annual report, in the same format with the unit in the header.

    A submitted or accepted report prints its last frozen version: its text and its figures as
    they were when it was sent. A draft or a returned one prints the text as it stands with the
    unit's figures of today, and is marked as a draft.
    """
    plan = report.plan
    version = None
    if not report.is_editable:
        version = ReportVersion.objects.filter(report=report).order_by("-number").first()
    with rendering(plan):
        rollup = plan_rollup(plan=plan, filters=RollupFilters(unit=report.unit, count_all=True))
        if version is not None:
            with_frozen_figures(rollup, version.figures)
        entries, difficulties, proposals = _report_text(version.content if version else report_content(report=report))
        rollup.difficulties = _grouped_text(entries, difficulties, "difficulties")
        rollup.proposals = _grouped_text(entries, proposals, "proposals")
        head = unit_letterhead(plan, report.unit, report_day(plan), draft=report.is_editable)
        return render(UnitReport(rollup=rollup, letterhead=head, entries=entries).document())


def _report_text(content: dict) -> tuple[dict[str, TaskEntry], str, str]:
    """(entries by task code, difficulties, proposals) of a report's content (``report_content``)."""
    entries = {}
    for e in content.get("entries") or []:
        status = e.get("status") or ""
        entries[e.get("task")] = TaskEntry(
            status_label=str(ProgressStatus(status).label) if status in ProgressStatus.values else "",
            results=e.get("results") or "",
            difficulties=e.get("difficulties") or "",
            proposals=e.get("proposals") or "",
        )
    return entries, content.get("difficulties") or "", content.get("proposals") or ""


def _grouped_text(entries: dict[str, TaskEntry], general: str, kind: str) -> list[TextGroup]:
    """The report's own difficulties (or proposals): the general text first, then each task's."""
    groups = []
    if general.strip():
        groups.append(TextGroup(task=None, title=_("General"), items=[TextItem(unit="", text=general.strip())]))
    for code, entry in entries.items():
        text = getattr(entry, kind).strip()
        if text:
            groups.append(TextGroup(task=code, title=code, items=[TextItem(unit="", text=text)]))
    return groups


# --- report jobs ---


Queue = Callable[[int], object]  # queues the job of this id (``reports.jobs.report_job_queue``)


def report_job_create(*, plan: Plan, format: str, options: dict, by: User | None, queue: Queue) -> ReportJob:
    """Record a report job and queue it once the transaction commits."""
    filters_from_options(options)  # refuse bad options now, not in the worker
    job = ReportJob.objects.create(plan=plan, format=format, options=options, created_by=by)
    transaction.on_commit(lambda: queue(job.pk))
    return job


def report_job_remake(*, job: ReportJob, queue: Queue, by: User | None = None) -> ReportJob:
    """Make the file again from the current data; the previous file stays until the new one is done."""
    changed = (
        ReportJob.objects.filter(pk=job.pk)
        .exclude(status=ReportJob.Status.RUNNING, started_at__gte=_stale_before())  # a dead worker's job may be remade
        .update(status=ReportJob.Status.WAITING, progress=0, error="", started_at=None, finished_at=None, attempts=0)
    )
    job.refresh_from_db()
    if not changed:
        raise ValidationError(_("The report is being made; try again when it is finished."))
    transaction.on_commit(lambda: queue(job.pk))
    return job


def _stale_before():
    """A job still running since before this has lost its worker (past the task time limit)."""
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


# A job whose worker died this many times (killed, out of memory) is failed rather than tried again.
MAX_WORKER_DEATHS = 3
# A job still waiting this long after it was asked for lost its message (the broker was down or restarted).
REQUEUE_AFTER = timedelta(minutes=2)


def _stale_running() -> Q:
    return Q(status=ReportJob.Status.RUNNING, started_at__lt=_stale_before())


def report_job_claim(*, job_id: int) -> bool:
    """Claim a waiting job (or one whose worker died past the task time limit); True if we got it."""
    now = timezone.now()
    return bool(
        ReportJob.objects.filter(pk=job_id)
        .filter(Q(status=ReportJob.Status.WAITING) | (_stale_running() & Q(attempts__lt=MAX_WORKER_DEATHS)))
        .update(status=ReportJob.Status.RUNNING, started_at=now, progress=5, attempts=F("attempts") + 1)
    )


def report_jobs_requeue(*, queue: Queue) -> list[int]:
    """The periodic scan (beat, every 5 minutes): queue again the jobs nobody is making.

    A job still waiting ``REQUEUE_AFTER`` after it was asked for (its message was never sent while
    the broker was down, or was lost with it), and a job still running past the task time limit
    (its worker was killed) are queued again; the claim makes sure each runs once however many
    messages it gets. A job whose worker died ``MAX_WORKER_DEATHS`` times is failed with a message.
    """
    failed = ReportJob.objects.filter(_stale_running(), attempts__gte=MAX_WORKER_DEATHS).update(
        status=ReportJob.Status.FAILED,
        error=_("The report could not be made: the server stopped several times while making it; ask for it again."),
        finished_at=timezone.now(),
    )
    if failed:
        log.error("%s report job(s) failed: their worker stopped %s times", failed, MAX_WORKER_DEATHS)
    lost = Q(status=ReportJob.Status.WAITING, created_at__lt=timezone.now() - REQUEUE_AFTER)
    ids = list(ReportJob.objects.filter(lost | _stale_running()).order_by("pk").values_list("pk", flat=True))
    for job_id in ids:
        queue(job_id)
    return ids


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Make a job's file. Idempotent: a job that is not waiting is left alone.

    A temporary database error puts the job back to waiting and is raised again for a retry
    (``reports.jobs``); options the service refuses mark the job failed with their Vietnamese
    messages, and any other error with a plain message for the user (the details go to the log).
    """
    if not report_job_claim(job_id=job_id):
        log.info("report job %s: not waiting, nothing to do", job_id)
        return None
    job = ReportJob.objects.select_related("plan").get(pk=job_id)

    def progress(percent: int) -> None:
        ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(progress=percent)

    try:
        filters = filters_from_options(job.options)
        make = {ReportJob.Format.PDF: rollup_pdf, ReportJob.Format.DOCX: rollup_docx}.get(job.format, rollup_xlsx)
        content = make(plan=job.plan, filters=filters, progress=progress)
        progress(90)
        old = job.file.name if job.file else ""
        job.file.save(job.download_name(), ContentFile(content), save=False)
        job.size = len(content)
        job.status = ReportJob.Status.DONE
        job.progress = 100
        job.error = ""
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "size", "status", "progress", "error", "finished_at"])
        if old and old != job.file.name:
            job.file.storage.delete(old)
        return job
    except TEMPORARY_ERRORS:
        ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.WAITING, progress=0)
        raise
    except ValidationError as exc:
        log.warning("report job %s refused: %s", job_id, exc.messages)
        return report_job_fail(job_id=job.pk, error=" ".join(exc.messages))
    except Exception:
        log.exception("report job %s failed", job_id)  # the details are for the administrators' log
        return report_job_fail(
            job_id=job.pk,
            error=_("The report could not be made because of an error on the server; it has been logged."),
        )


def report_job_fail(*, job_id: int, error: str) -> ReportJob:
    """End a job as failed with a message for the user (in Vietnamese)."""
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )
    return ReportJob.objects.get(pk=job_id)
