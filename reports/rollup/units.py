"""The units of the roll-up, their reports, which of them count, and where each report stands."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Area, Unit
from plans.models import Plan
from reports.annual.models import AnnualReport
from reports.annual.selectors import on_time
from tasks.models import DeadlineState, compute_deadline_state
from tasks.obligations.selectors import plan_units

from .filters import RollupFilters
from .results import Figures, StatusCount, TimelinessCount, UnitReportRow, UnitsSummary


class ReportStatus:
    """A unit's report as the roll-up sees it (a draft has not been submitted)."""

    ACCEPTED = "accepted"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    NOT_SUBMITTED = "not_submitted"
    ALL = (ACCEPTED, SUBMITTED, RETURNED, NOT_SUBMITTED)

    @staticmethod
    def of(status: str | None) -> str:
        if status in (AnnualReport.Status.ACCEPTED, AnnualReport.Status.SUBMITTED, AnnualReport.Status.RETURNED):
            return status
        return ReportStatus.NOT_SUBMITTED

    @staticmethod
    def label(value: str) -> str:
        return {
            "accepted": _("Accepted"),
            "submitted": _("Submitted, not yet accepted"),
            "returned": _("Returned"),
            "not_submitted": _("Not submitted"),
        }[value]


def area_label(area: str) -> str:
    return str(Area(area).label) if area else _("Ministry departments")


@dataclass
class ReportFacts:
    """What the roll-up reads of a unit's annual report."""

    id: int
    unit_id: int
    status: str
    first_submitted_at: datetime | None
    difficulties: str
    proposals: str


@dataclass
class RollupUnits:
    """The units of the roll-up (registry order), their reports by unit id, and the counted units' ids."""

    units: list[Unit]
    reports: dict[int, ReportFacts]
    counted: list[int]

    @property
    def ids(self) -> list[int]:
        return [u.pk for u in self.units]

    def by_id(self) -> dict[int, Unit]:
        return {u.pk: u for u in self.units}


def rollup_units(*, plan: Plan, filters: RollupFilters):
    """The units of the roll-up: those the plan expects (``plan_units``) and those that wrote a
    report for it all the same, narrowed by area, unit kind and unit; in registry order."""
    expected = plan_units(plan=plan).values("pk")
    reporting = AnnualReport.objects.filter(plan=plan).values("unit_id")
    qs = Unit.objects.filter(Q(pk__in=expected) | Q(pk__in=reporting))
    if filters.area:
        qs = qs.filter(area=filters.area)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit is not None:
        qs = qs.filter(pk=filters.unit.pk)
    return qs.order_by("kind", "province_code", "name", "pk")


def units_with_reports(*, plan: Plan, filters: RollupFilters) -> RollupUnits:
    """The units, their reports and the counted units: those whose report is accepted (or
    submitted, with ``include_submitted``; every unit with ``count_all``). Two queries."""
    units = list(rollup_units(plan=plan, filters=filters))
    reports = {
        row["unit_id"]: ReportFacts(**row)
        for row in AnnualReport.objects.filter(plan=plan, unit_id__in=[u.pk for u in units]).values(
            "id", "unit_id", "status", "first_submitted_at", "difficulties", "proposals"
        )
    }
    counting = {AnnualReport.Status.ACCEPTED}
    if filters.include_submitted:
        counting.add(AnnualReport.Status.SUBMITTED)
    counted = [u.pk for u in units if filters.count_all or (u.pk in reports and reports[u.pk].status in counting)]
    return RollupUnits(units=units, reports=reports, counted=counted)


def report_deadline_state(
    *, report_states: dict[int, str], unit_id: int, report: ReportFacts | None, due_at: datetime, at: datetime
) -> str:
    """A unit's report's deadline state: its annual-report obligation's (``report_states``, from
    ``Obligation.deadline_state``; the first submission completes it). A unit that owes no report
    (a unit dissolved before the report was due) and wrote one all the same is judged by the same
    rule as if it owed it: due at the plan's report deadline, done at its first submission."""
    if unit_id in report_states:
        return report_states[unit_id]
    first = report.first_submitted_at if report else None
    return compute_deadline_state(due_at=due_at, completed_at=first, at=at)


def unit_report_rows(
    *, of: RollupUnits, states: dict[int, str], per_unit: dict[int, Figures], models: dict[int, int]
) -> list[UnitReportRow]:
    """One row per unit: report status, its deadline state (``states``, by unit id), its figures
    and counting pilot models when it is counted (None otherwise)."""
    counted = set(of.counted)
    rows = []
    for u in of.units:
        report = of.reports.get(u.pk)
        status = ReportStatus.of(report.status if report else None)
        state = DeadlineState(states[u.pk]).value
        rows.append(
            UnitReportRow(
                id=u.pk,
                key=u.key,
                name=u.name,
                kind=u.kind,
                area=u.area,
                area_label=area_label(u.area),
                report_id=report.id if report else None,
                report_status=status,
                report_status_label=ReportStatus.label(status),
                counted=u.pk in counted,
                accepted=status == ReportStatus.ACCEPTED,
                first_submitted_at=report.first_submitted_at if report else None,
                on_time=on_time(state),
                report_deadline_state=state,
                report_deadline_label=str(DeadlineState(state).label),
                figures=per_unit.get(u.pk, Figures()) if u.pk in counted else None,
                pilot_models=models.get(u.pk, 0) if u.pk in counted else None,
            )
        )
    return rows


def units_summary(*, rows: list[UnitReportRow], reporting: int, report_due: datetime) -> UnitsSummary:
    """How many units, counted, with activities; their reports by status and by deadline state."""
    return UnitsSummary(
        total=len(rows),
        counted=sum(1 for r in rows if r.counted),
        reporting=reporting,
        report_status=[
            StatusCount(status=s, label=ReportStatus.label(s), units=sum(1 for r in rows if r.report_status == s))
            for s in ReportStatus.ALL
        ],
        report_timeliness=[
            TimelinessCount(
                state=s.value, label=str(s.label), units=sum(1 for r in rows if r.report_deadline_state == s)
            )
            for s in DeadlineState
        ],
        report_due=report_due,
    )
