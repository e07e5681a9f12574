"""The roll-up's typed results and their JSON: the API's fields, level by level, stay as they are."""

from dataclasses import fields

from accounts.models import Unit
from reports.rollup import FIGURES, StateCounts, plan_rollup, rollup_json
from tasks.models import DeadlineState

from ..data import fill

FIGURE_FIELDS = set(FIGURES)
STATE_FIELDS = set(DeadlineState.values)
API = {
    "": {
        "plan",
        "filters",
        "window",
        "at",
        "units",
        "totals",
        "groups",
        "deliverables",
        "by_area",
        "by_target_group",
        "by_form",
        "pilot_models",
        "training",
        "unit_reports",
        "difficulties",
        "proposals",
        "comparison",
    },
    "plan": {"id", "number", "year", "title"},
    "filters": {"area", "kind", "date_from", "date_to", "include_submitted", "unit", "compare_with"},
    "window": {"start", "end"},
    "units": {"total", "counted", "reporting", "report_status", "report_timeliness", "report_due"},
    "units.report_status": {"status", "label", "units"},
    "units.report_timeliness": {"state", "label", "units"},
    "totals": {"units_expected", "units_reporting", *FIGURES},
    "groups": {"id", "number", "title", "tasks", "units_expected", "units_reporting", "figures", "obligations"},
    "groups.tasks": {"id", "code", "title", "units_expected", "units_reporting", "figures", "obligations"},
    "groups.figures": FIGURE_FIELDS,
    "groups.obligations": STATE_FIELDS,
    "groups.tasks.figures": FIGURE_FIELDS,
    "groups.tasks.obligations": STATE_FIELDS,
    "deliverables": {"id", "code", "title", "deadline", "due_date", "obligations"},
    "deliverables.obligations": STATE_FIELDS,
    "by_area": {"area", "label", "units", *FIGURES},
    "by_target_group": {"target_group", "label", *FIGURES},
    "by_form": {"form", "label", *FIGURES},
    "pilot_models": {
        "task",
        "target_per_unit",
        "units_expected",
        "units_counted",
        "units_reached",
        "models_counting",
        "models",
    },
    "pilot_models.models": {
        "id",
        "unit_id",
        "name",
        "place",
        "target_group",
        "start_date",
        "status",
        "evaluation",
        "replicated_to",
        "unit",
        "status_label",
        "target_group_label",
        "counts_toward_target",
    },
    "training": {"task", "title", "by_region", "by_region_target", "courses", "participants"},
    "training.by_region": {"region", "label", "courses", "participants"},
    "unit_reports": {
        "id",
        "key",
        "name",
        "kind",
        "area",
        "area_label",
        "report_id",
        "report_status",
        "report_status_label",
        "counted",
        "accepted",
        "first_submitted_at",
        "on_time",
        "report_deadline_state",
        "report_deadline_label",
        "figures",
        "pilot_models",
    },
    "difficulties": {"task", "title", "items"},
    "difficulties.items": {"unit", "text"},
    "proposals": {"task", "title", "items"},
    "proposals.items": {"unit", "text"},
}


def shapes(value, path="", out=None) -> dict[str, set[str]]:
    """The field names at each path of a JSON value (lists: their items'), for every non-empty level."""
    out = {} if out is None else out
    if isinstance(value, list):
        for item in value:
            shapes(item, path, out)
    elif isinstance(value, dict):
        out.setdefault(path, set()).update(value)
        for key, item in value.items():
            if isinstance(item, dict | list):
                shapes(item, f"{path}.{key}".lstrip("."), out)
    return out


def test_the_json_has_the_apis_fields(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=["v03", "ca01", "ca79", "ca48", "ca02", "ca31"])), per_unit=6)
    assert shapes(rollup_json(plan_rollup(plan=plan))) == {**API, "unit_reports.figures": FIGURE_FIELDS}


def test_state_counts_are_the_deadline_states_in_their_order():
    assert [f.name for f in fields(StateCounts)] == DeadlineState.values
