"""V03's view of the country (the reviewers' home page): the matrix of units × tasks coloured by
deadline state, filtered by unit, area, kind and report status and sortable by any column; the
counts of reports; charts of report status and participants; the map of the provinces; and the
matrix as an XLSX workbook. Views read through reports.dashboards.matrix and render."""

from io import BytesIO

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.models import Area
from accounts.text import name_key
from config.lists import XLSX_CONTENT_TYPE
from config.spreadsheets import set_cell
from plans.models import Plan
from reports.annual.models import AnnualReport
from reports.dashboards.charts import Bar, bar_chart, described
from reports.dashboards.forms import OverviewFilterForm
from reports.dashboards.matrix import Matrix, plan_matrix, sort_rows
from reports.dashboards.tilemap import tile_map

UNITS_PER_PAGE = 100

# Column headings of the matrix that sort (the tasks' columns sort as "task-<code>").
SORTABLE = ("unit", "area", "report", "deadline", "overdue", "activities", "participants")


def overview(request, plan: Plan):
    filters = OverviewFilterForm(request.GET or None)
    values = filters.values()
    matrix = plan_matrix(
        plan=plan,
        at=timezone.now(),
        area=values.get("area", ""),
        kind=values.get("kind", ""),
        status=values.get("status", ""),
    )
    if q := name_key(values.get("q") or ""):
        matrix.rows = [r for r in matrix.rows if q in name_key(r.unit.name) or q in name_key(r.unit.short_name)]
    sort = sort_rows(matrix, request.GET.get("sort", "unit"))
    if request.GET.get("format") == "xlsx":
        return matrix_workbook(matrix, plan=plan)
    page = Paginator(matrix.rows, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    sort_links = _sort_links(request, matrix, sort)
    context = {
        "plan": plan,
        "matrix": matrix,
        "rows": matrix.rows,
        "page": page,
        "filters": filters,
        "sort": sort,
        "query": _query(request, page=None),  # the filter and the sort, kept by the pages' links
        "sort_links": sort_links,
        "task_links": [(task, sort_links[f"task-{task.code}"]) for task in matrix.tasks],
        "report_due_at": plan.annual_report_due_at(),
        "report_counts": matrix.report_counts(),
        "timeliness": matrix.timeliness(),
        "status_chart": _status_chart(matrix),
        "area_chart": _area_chart(matrix),
        "group_chart": _group_chart(matrix),
        "map": tile_map(rows=matrix.rows, title=_("Report status of the provincial police units")),
        "queue": AnnualReport.objects.filter(plan=plan, status=AnnualReport.Status.SUBMITTED).count(),
    }
    return render(request, "dashboards/overview.html", context)


def _query(request, **changes) -> str:
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    params.pop("format", None)
    return params.urlencode()


def _sort_links(request, matrix: Matrix, sort: str) -> dict:
    """The address and aria-sort state of every sortable heading: the current column flips."""
    links = {}
    for key in (*SORTABLE, *(f"task-{t.code}" for t in matrix.tasks)):
        current = sort.removeprefix("-") == key
        flip = key if not current or sort.startswith("-") else f"-{key}"
        state = ("descending" if sort.startswith("-") else "ascending") if current else ""
        links[key] = {"url": "?" + _query(request, sort=flip, page=None), "sorted": state}
    return links


def _status_chart(matrix: Matrix):
    bars = [Bar(str(label), count, f"bar report-{status}") for status, label, count in matrix.report_counts()]
    return {
        "svg": bar_chart(title=_("Units by report status"), bars=bars, chart_id="bieu-do-bao-cao"),
        "text": described(bars),
    }


def _area_chart(matrix: Matrix):
    names = dict(Area.choices) | {"": _("Ministry departments")}
    bars = [
        Bar(str(names[area]), matrix.participants_by_area.get(area, 0), "bar bar-area") for area in (*Area.values, "")
    ]
    return {
        "svg": bar_chart(title=_("Participants by area"), bars=bars, chart_id="bieu-do-mien"),
        "text": described(bars),
    }


def _group_chart(matrix: Matrix):
    bars = [
        Bar(f"{number}. {Truncator(title).chars(22)}", people, "bar bar-group", title=f"{number}. {title}")
        for number, title, people in matrix.participants_by_group
    ]
    return {
        "svg": bar_chart(title=_("Participants by task group"), bars=bars, chart_id="bieu-do-nhom"),
        "text": described(bars),
    }


def matrix_workbook(matrix: Matrix, *, plan: Plan) -> HttpResponse:
    """The filtered, sorted matrix as a workbook: one row per unit, one column per task."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Units"))[:31]
    headings = [
        _("Unit"),
        _("Area"),
        _("Report status"),
        _("Report deadline"),
        _("Overdue tasks"),
        _("Activities"),
        _("Participants"),
        *(t.code for t in matrix.tasks),
    ]
    for column, heading in enumerate(headings, start=1):
        set_cell(sheet, 1, column, str(heading)).font = Font(bold=True)
    for number, row in enumerate(matrix.rows, start=2):
        values = [
            row.unit.name,
            str(row.unit.get_area_display() or ""),
            str(row.report_status_label),
            str(row.report_state_label),
            row.overdue,
            row.activities,
            row.participants,
            *(str(cell.label) for cell in row.cells),
        ]
        for column, value in enumerate(values, start=1):
            set_cell(sheet, number, column, value)
    sheet.freeze_panes = "B2"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"tong-hop-don-vi-{plan.year}.xlsx")
    return response
