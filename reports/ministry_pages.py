"""The Ministry's report from the web pages (V03): ask for it in the chosen formats with the roll-up's
filters (a report job each: reports/services.report_job_create), follow its progress, download the
files when they are made, make them again from the current data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Area, Unit
from config.pages import with_query
from plans.models import Plan
from plans.selectors import plan_in_force, published_plans
from reports import services
from reports.forms import ReportJobForm
from reports.jobs import report_job_queue
from reports.models import ReportJob
from reports.rollup import RollupFilters, plan_rollup
from reports.tables import comparison_table

RECENT_JOBS = 12
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _reviewer_required(user) -> None:
    if not user.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers (V03) make the Ministry's report."))


def _jobs(plan) -> list[ReportJob]:
    return list(ReportJob.objects.filter(plan=plan).select_related("created_by")[:RECENT_JOBS])


def options_text(options: dict) -> str:
    """The filters of a job as people read them ("Miền Nam · tỉnh, thành phố · từ 01/01/2024")."""
    parts = []
    if options.get("area"):
        parts.append(str(dict(Area.choices).get(options["area"], options["area"])))
    if options.get("kind"):
        parts.append(str(dict(Unit.Kind.choices).get(options["kind"], options["kind"])))
    for name, label in (("date_from", _("from %(date)s")), ("date_to", _("to %(date)s"))):
        if options.get(name):
            year, month, day = options[name].split("-")
            parts.append(label % {"date": f"{day}/{month}/{year}"})
    if options.get("include_submitted"):
        parts.append(_("submitted reports counted too"))
    if options.get("compare_with"):
        earlier = Plan.objects.filter(pk=options["compare_with"]).values_list("number", "year").first()
        if earlier:
            parts.append(_("compared with plan %(number)s (%(year)s)") % {"number": earlier[0], "year": earlier[1]})
    return " · ".join(parts) or _("every unit, accepted reports")


def earlier_plans(request, plan) -> list[Plan]:
    """The published plans of earlier years, latest first: what the report may compare with."""
    return [p for p in published_plans(request=request) if p.year < plan.year]


def comparison(request, plan, earlier: list[Plan]):
    """The table of ``?so-sanh=`` (a plan's id; default the earliest earlier plan, before the merger;
    0: none): each unit beside the units of that plan it stands for (reports/tables.comparison_table)."""
    wanted = request.GET.get("so-sanh", "")
    chosen = next((p for p in earlier if str(p.pk) == wanted), None)
    if chosen is None and wanted == "" and earlier:
        chosen = earlier[-1]
    if chosen is None:
        return None, None
    rollup = plan_rollup(plan=plan, filters=RollupFilters(compare_with=chosen))
    return chosen, comparison_table(rollup)


def _jobs_context(plan) -> dict:
    jobs = _jobs(plan)
    for job in jobs:
        job.options_text = options_text(job.options or {})
    running = any(j.status in (ReportJob.Status.WAITING, ReportJob.Status.RUNNING) for j in jobs)
    return {"plan": plan, "jobs": jobs, "running": running}


def _context(request, plan, form=None) -> dict:
    earlier = earlier_plans(request, plan)
    compared, table = comparison(request, plan, earlier)
    return _jobs_context(plan) | {
        "form": form or ReportJobForm(earlier_plans=earlier),
        "earlier_plans": earlier,
        "compared": compared,
        "comparison": table,
    }


@login_required
def ministry_report(request):
    """Ask for the Ministry's report of the plan shown, and see the reports asked for."""
    _reviewer_required(request.user)
    plan = plan_in_force(request=request)
    form = ReportJobForm(request.POST or None, earlier_plans=earlier_plans(request, plan))
    if request.method == "POST" and form.is_valid():
        try:
            for format in form.cleaned_data["formats"]:
                services.report_job_create(
                    plan=plan, format=format, options=form.options(), by=request.user, queue=report_job_queue
                )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The report is being made: this page shows its progress."))
            return redirect(with_query(request, "pages:ministry-report"))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "reports/ministry_report.html", _context(request, plan, form), status=status)


@login_required
def ministry_report_jobs(request):
    """The list of report jobs alone (the page's script asks for it while one is being made)."""
    _reviewer_required(request.user)
    return render(request, "reports/_jobs.html", _jobs_context(plan_in_force(request=request)))


@login_required
def ministry_report_download(request, pk: int):
    _reviewer_required(request.user)
    job = get_object_or_404(ReportJob.objects.select_related("plan"), pk=pk)
    if not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    content_type = CONTENT_TYPES.get(job.format, "application/octet-stream")
    return FileResponse(handle, as_attachment=True, filename=job.download_name(), content_type=content_type)


@login_required
@require_POST
def ministry_report_remake(request, pk: int):
    _reviewer_required(request.user)
    job = get_object_or_404(ReportJob, pk=pk)
    try:
        services.report_job_remake(job=job, by=request.user, queue=report_job_queue)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is being made again from the current data."))
    return redirect("pages:ministry-report")
