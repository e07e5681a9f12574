"""The roll-up beside an earlier plan, unit by unit, across the 2025 merger.

Each unit of the roll-up is set beside the units of the earlier plan it stands for
(``accounts.models.units_acted_for``: itself and its predecessors): a department beside itself, a
province of 2025 beside the provinces of 2024 it was formed from, their figures summed (Tuyên Quang
2026 beside Hà Giang + Tuyên Quang 2024). The earlier figures are counted by the earlier plan's own
rule (accepted reports, or submitted ones with ``include_submitted``), in its own reporting window,
so the earlier plan's roll-up and the comparison agree. The earlier plan keeps the units of its year:
nothing of it is moved. A fixed number of queries.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Unit, units_acted_for
from plans.models import Plan, Task

from .breakdowns import Sums
from .figures import activity_figures
from .filters import RollupFilters
from .results import Comparison, ComparisonRow, DateWindow, Figures, PlanInfo
from .units import units_with_reports


def plan_comparison(
    *, plan: Plan, earlier: Plan, units: list[Unit], counted: list[int], per_unit: dict[int, Figures], filters
) -> Comparison:
    """``units`` of ``plan`` (their counted figures ``per_unit``) beside ``earlier``'s units they
    stand for. ValidationError when ``earlier`` is the plan itself."""
    if earlier.pk == plan.pk:
        raise ValidationError({"compare_with": _("Choose another plan to compare with.")})
    then = units_with_reports(plan=earlier, filters=RollupFilters(include_submitted=filters.include_submitted))
    window = DateWindow(start=earlier.report_window_start, end=earlier.report_window_end)
    tasks = list(Task.objects.filter(group__plan=earlier).values_list("pk", flat=True))
    figures = activity_figures(plan=earlier, unit_ids=then.counted, task_ids=tasks, window=window)
    earlier_per_unit = Sums.of(figures).per_unit
    acted = units_acted_for([u.pk for u in units])
    counted_now, counted_then = set(counted), set(then.counted)
    rows = []
    for unit in units:
        formed_from = [u for u in then.units if u.pk in acted[unit.pk]]
        counting = [u.pk for u in formed_from if u.pk in counted_then]
        rows.append(
            ComparisonRow(
                id=unit.pk,
                name=unit.name,
                figures=per_unit.get(unit.pk, Figures()) if unit.pk in counted_now else None,
                earlier_units=[u.name for u in formed_from],
                earlier_counted=len(counting),
                earlier_figures=Figures.total(earlier_per_unit.get(pk, Figures()) for pk in counting)
                if counting
                else None,
            )
        )
    return Comparison(
        plan=PlanInfo(id=earlier.pk, number=earlier.number, year=earlier.year, title=earlier.title),
        window=window,
        rows=rows,
        totals=Figures.total(r.figures for r in rows if r.figures),
        earlier_totals=Figures.total(r.earlier_figures for r in rows if r.earlier_figures),
    )
