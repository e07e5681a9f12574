"""What to roll up: the filters, and the date window they leave of the plan's reporting window."""

from dataclasses import dataclass
from datetime import date, datetime

from accounts.models import Unit
from plans.models import Plan

from .results import AppliedFilters, DateWindow


@dataclass
class RollupFilters:
    """What to roll up. ``unit`` narrows to one unit (always set for a unit's own users)."""

    area: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    include_submitted: bool = False
    unit: Unit | None = None
    # Count every unit whatever its report (a unit printing its own report before acceptance).
    count_all: bool = False
    at: datetime | None = None
    # An earlier plan to set beside this one, unit by unit (``reports.rollup.comparison``).
    compare_with: Plan | None = None

    def applied(self) -> AppliedFilters:
        return AppliedFilters(
            area=self.area or None,
            kind=self.kind or None,
            date_from=self.date_from,
            date_to=self.date_to,
            include_submitted=self.include_submitted,
            unit=self.unit.pk if self.unit else None,
            compare_with=self.compare_with.pk if self.compare_with else None,
        )

    def window(self, plan: Plan) -> DateWindow:
        """The plan's reporting window (Decree 09/2019), narrowed by ``date_from`` / ``date_to``."""
        start = max(plan.report_window_start, self.date_from or plan.report_window_start)
        end = min(plan.report_window_end, self.date_to or plan.report_window_end)
        return DateWindow(start=start, end=end)
