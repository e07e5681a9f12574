"""What the roll-up returns: typed results, one dataclass per part of the answer.

The field names are the JSON API's (``rollup_json`` serialises them as ``dataclasses.asdict`` does): a
field added here is a field added to the API. Dates and instants stay ``date`` / ``datetime``
objects; the API's JSON encoder writes them in ISO 8601.
"""

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime

from tasks.activities.tallies import FIGURES


@dataclass
class Figures:
    """What the activities add up to (``tasks.activities.tallies.FIGURES``)."""

    activities: int = 0
    sessions: int = 0
    participants: int = 0
    copies: int = 0
    online_reach: int = 0
    budget_vnd: int = 0

    def add(self, other: "Figures | dict") -> "Figures":
        """Add another's figures (a ``Figures`` or a grouped row, whose sums may be None)."""
        for name in FIGURES:
            value = other[name] if isinstance(other, dict) else getattr(other, name)
            setattr(self, name, getattr(self, name) + (value or 0))
        return self

    def figures(self) -> "Figures":
        """The figures alone (of a row that carries more)."""
        return Figures(**{name: getattr(self, name) for name in FIGURES})

    @classmethod
    def total(cls, rows) -> "Figures":
        out = cls()
        for row in rows:
            out.add(row)
        return out


@dataclass
class StateCounts:
    """How many obligations are in each deadline state (``DeadlineState``, in its order)."""

    not_yet_due: int = 0
    due_soon: int = 0
    overdue: int = 0
    done_on_time: int = 0
    done_late: int = 0

    def count(self, state: str, n: int = 1) -> None:
        setattr(self, state, getattr(self, state) + n)

    def add(self, other: "StateCounts") -> "StateCounts":
        for name in asdict(other):
            self.count(name, getattr(other, name))
        return self

    def __getitem__(self, state: str) -> int:
        return getattr(self, state)

    def any(self) -> bool:
        return any(asdict(self).values())


@dataclass
class PlanInfo:
    id: int
    number: str
    year: int
    title: str


@dataclass
class AppliedFilters:
    """The filters as the roll-up applied them (``unit``: the unit's id)."""

    area: str | None
    kind: str | None
    date_from: date | None
    date_to: date | None
    include_submitted: bool
    unit: int | None
    compare_with: int | None = None


@dataclass
class DateWindow:
    start: date
    end: date


@dataclass
class StatusCount:
    status: str
    label: str
    units: int


@dataclass
class TimelinessCount:
    state: str
    label: str
    units: int


@dataclass
class UnitsSummary:
    total: int
    counted: int
    reporting: int
    report_status: list[StatusCount]
    report_timeliness: list[TimelinessCount]
    report_due: datetime


@dataclass(kw_only=True)
class Totals(Figures):
    units_expected: int
    units_reporting: int


@dataclass
class TaskResult:
    id: int
    code: str
    title: str
    units_expected: int
    units_reporting: int
    figures: Figures
    obligations: StateCounts


@dataclass
class GroupResult:
    id: int
    number: str
    title: str
    tasks: list[TaskResult]
    units_expected: int
    units_reporting: int
    figures: Figures
    obligations: StateCounts


@dataclass
class DeliverableResult:
    id: int
    code: str
    title: str
    deadline: str
    due_date: date
    obligations: StateCounts


@dataclass(kw_only=True)
class AreaRow(Figures):
    area: str
    label: str
    units: int


@dataclass(kw_only=True)
class TargetGroupRow(Figures):
    target_group: str
    label: str


@dataclass(kw_only=True)
class FormRow(Figures):
    form: str
    label: str


@dataclass
class PilotModelRow:
    id: int
    unit_id: int
    name: str
    place: str
    target_group: str
    start_date: date | None
    status: str
    evaluation: str
    replicated_to: str
    unit: str
    status_label: str
    target_group_label: str
    counts_toward_target: bool


@dataclass
class PilotModels:
    """Task 4.1: the units that reached the "at least N models" target, and the models."""

    task: str | None
    target_per_unit: int
    units_expected: int
    units_counted: int
    units_reached: int
    models_counting: int
    models: list[PilotModelRow]


@dataclass
class RegionRow:
    region: str
    label: str
    courses: int
    participants: int


@dataclass
class TrainingResult:
    task: str
    title: str
    by_region: list[RegionRow]
    by_region_target: bool
    courses: int
    participants: int


@dataclass
class UnitReportRow:
    """A unit of the roll-up: its report's status and deadline state, its figures when counted."""

    id: int
    key: str
    name: str
    kind: str
    area: str
    area_label: str
    report_id: int | None
    report_status: str
    report_status_label: str
    counted: bool
    accepted: bool
    first_submitted_at: datetime | None
    on_time: bool | None
    report_deadline_state: str
    report_deadline_label: str
    figures: Figures | None
    pilot_models: int | None = None


@dataclass
class TextItem:
    unit: str
    text: str


@dataclass
class TextGroup:
    """Difficulties (or proposals) about one task (``task`` None: about the work as a whole)."""

    task: str | None
    title: str
    items: list[TextItem] = field(default_factory=list)


@dataclass
class ComparisonRow:
    """A unit of the roll-up beside the units of the earlier plan it stands for: itself, or the
    provinces it was formed from (Tuyên Quang 2026 beside Hà Giang and Tuyên Quang 2024), their
    counted figures summed. ``figures`` / ``earlier_figures`` are None when nothing counts."""

    id: int
    name: str
    figures: Figures | None
    earlier_units: list[str]
    earlier_counted: int
    earlier_figures: Figures | None


@dataclass
class Comparison:
    """The roll-up beside an earlier plan's, unit by unit across the 2025 merger."""

    plan: PlanInfo  # the earlier plan
    window: DateWindow  # its reporting window
    rows: list[ComparisonRow]
    totals: Figures
    earlier_totals: Figures


@dataclass
class Rollup:
    plan: PlanInfo
    filters: AppliedFilters
    window: DateWindow
    at: datetime
    units: UnitsSummary
    totals: Totals
    groups: list[GroupResult]
    deliverables: list[DeliverableResult]
    by_area: list[AreaRow]
    by_target_group: list[TargetGroupRow]
    by_form: list[FormRow]
    pilot_models: PilotModels
    training: list[TrainingResult]
    unit_reports: list[UnitReportRow]
    difficulties: list[TextGroup]
    proposals: list[TextGroup]
    comparison: Comparison | None = None  # with ``RollupFilters.compare_with``

    def tasks(self) -> list[TaskResult]:
        return [task for group in self.groups for task in group.tasks]


def rollup_json(rollup: Rollup) -> dict:
    """The roll-up as the API returns it (dates and instants as objects, for the JSON encoder): what
    ``dataclasses.asdict`` returns, without its deep copy of every value (a fifth of the request's
    CPU): the values are numbers, strings, dates and instants, written once by the encoder."""
    return _plain(rollup)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value):
    kind = type(value)
    if kind in (int, str, float, bool, date, datetime) or value is None:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and hasattr(kind, "__dataclass_fields__"):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is list:
        return [_plain(item) for item in value]
    if kind is tuple:
        return tuple(_plain(item) for item in value)
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value  # Decimal, a lazy translation, an enum member: as asdict leaves them
