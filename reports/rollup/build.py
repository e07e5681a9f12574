"""``plan_rollup``: the roll-up of a plan, built in steps (see the package's docstring)."""

from django.utils import timezone

from plans.models import Deliverable, Plan, Task

from .breakdowns import Sums, by_area, by_form, by_target_group
from .comparison import plan_comparison
from .figures import activity_figures
from .filters import RollupFilters
from .groups import deliverable_results, group_results
from .obligations import obligation_facts
from .pilot import pilot_models
from .results import PlanInfo, Rollup, Totals
from .texts import report_texts
from .training import training
from .units import report_deadline_state, unit_report_rows, units_summary, units_with_reports


def plan_rollup(*, plan: Plan, filters: RollupFilters | None = None, read_activities: bool = False) -> Rollup:
    """The roll-up of ``plan``. The activities' figures come from the monthly tallies and, for the
    days of a part month, from the activities; ``read_activities`` reads them all from the
    activities (to check one against the other). About a dozen queries, whatever the number of
    units, activities and reports."""
    filters = filters or RollupFilters()
    at = filters.at or timezone.now()
    window = filters.window(plan)
    # The plan's tasks (with their groups) and deliverables: bounded by the plan, not the data.
    tasks = list(Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order"))
    deliverables = list(Deliverable.objects.filter(plan=plan).select_related("task").order_by("order", "pk"))
    report = plan.annual_report_deliverable()
    # Plan.annual_report_due_at's rule, from the deliverable just read (it would read them again).
    report_due = report.due_at(plan.tzinfo()) if report is not None else plan.annual_report_due_at()

    of = units_with_reports(plan=plan, filters=filters)
    obligations = obligation_facts(plan=plan, deliverables=deliverables, report=report, unit_ids=of.ids, at=at)
    figures = activity_figures(
        plan=plan,
        unit_ids=of.counted,
        task_ids=[t.pk for t in tasks],
        window=window,
        read_activities=read_activities,
    )
    sums = Sums.of(figures)
    pilot, models_per_unit = pilot_models(
        plan=plan, tasks=tasks, counted=of.counted, units=of.by_id(), obligations=obligations
    )
    states = {
        u.pk: report_deadline_state(
            report_states=obligations.report_states, unit_id=u.pk, report=of.reports.get(u.pk), due_at=report_due, at=at
        )
        for u in of.units
    }
    unit_rows = unit_report_rows(of=of, states=states, per_unit=sums.per_unit, models=models_per_unit)
    texts = report_texts(plan=plan, tasks=tasks, units=of.units, counted=of.counted, reports=of.reports)
    comparison = None
    if filters.compare_with is not None:
        comparison = plan_comparison(
            plan=plan,
            earlier=filters.compare_with,
            units=of.units,
            counted=of.counted,
            per_unit=sums.per_unit,
            filters=filters,
        )
    return Rollup(
        plan=PlanInfo(id=plan.pk, number=plan.number, year=plan.year, title=plan.title),
        filters=filters.applied(),
        window=window,
        at=at,
        units=units_summary(rows=unit_rows, reporting=sums.units_reporting(), report_due=report_due),
        totals=Totals(units_expected=len(of.units), units_reporting=sums.units_reporting(), **vars(sums.total)),
        groups=group_results(
            tasks=tasks,
            deliverables=deliverables,
            per_task=sums.per_task,
            reporting=sums.reporting,
            obligations=obligations,
        ),
        deliverables=deliverable_results(deliverables=deliverables, obligations=obligations),
        by_area=by_area(units=of.units, per_unit=sums.per_unit),
        by_target_group=by_target_group(figures),
        by_form=by_form(figures),
        pilot_models=pilot,
        training=training(tasks=tasks, counted=of.counted, window=window),
        unit_reports=unit_rows,
        difficulties=texts["difficulties"],
        proposals=texts["proposals"],
        comparison=comparison,
    )
