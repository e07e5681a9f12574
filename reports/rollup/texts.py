"""Difficulties and proposals of the counted reports, grouped by task (the report's own first)."""

from django.utils.translation import gettext as _

from accounts.models import Unit
from plans.models import Plan, Task
from reports.annual.models import ReportTaskEntry

from .results import TextGroup, TextItem
from .units import ReportFacts

KINDS = ("difficulties", "proposals")


def report_texts(
    *, plan: Plan, tasks: list[Task], units: list[Unit], counted: list[int], reports: dict[int, ReportFacts]
) -> dict[str, list[TextGroup]]:
    """``{"difficulties": [...], "proposals": [...]}``: per task in the plan's order, after the
    reports' general text (task None); within a task, units in registry order. One query."""
    entries = list(
        ReportTaskEntry.objects.filter(report__plan=plan, report__unit_id__in=counted)
        .exclude(difficulties="", proposals="")
        .order_by()
        .values("task_id", "report__unit_id", "difficulties", "proposals")
    )
    name = {u.pk: u.name for u in units}
    unit_order = {u.pk: i for i, u in enumerate(units)}
    task_order = {t.pk: i for i, t in enumerate(tasks)}
    texts: dict[str, dict[int | None, list[TextItem]]] = {kind: {} for kind in KINDS}
    for row in sorted(entries, key=lambda r: (task_order.get(r["task_id"], 0), unit_order[r["report__unit_id"]])):
        for kind in KINDS:
            if row[kind].strip():
                item = TextItem(unit=name[row["report__unit_id"]], text=row[kind].strip())
                texts[kind].setdefault(row["task_id"], []).append(item)
    for unit_id in counted:
        report = reports.get(unit_id)
        for kind in KINDS:
            text = getattr(report, kind).strip() if report else ""
            if text:
                texts[kind].setdefault(None, []).append(TextItem(unit=name[unit_id], text=text))
    return {kind: _grouped(texts[kind], tasks) for kind in KINDS}


def _grouped(items: dict[int | None, list[TextItem]], tasks: list[Task]) -> list[TextGroup]:
    general = [TextGroup(task=None, title=_("General"), items=items[None])] if items.get(None) else []
    return general + [TextGroup(task=t.code, title=t.title, items=items[t.pk]) for t in tasks if items.get(t.pk)]
