"""A plan file's data as a reviewer reads it beside the decision: unit and partner names for keys,
scopes and deadlines in words. Tolerant: it shows an incomplete or wrong file as far as it goes (the
loader says what is wrong), so that a plan with warnings can be read before it is corrected."""

from datetime import date

from accounts.models import Partner, Unit
from plans.loader import PlanFileError, deadline_of
from plans.models import Scope, Task, deadline_label


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _keys(value) -> list[str]:
    return [str(v) for v in _list(value)] if isinstance(value, list) else ([str(value)] if value else [])


class _Names:
    def __init__(self, data: dict):
        unit_keys, partner_keys = set(), set()
        plan = _dict(data.get("plan"))
        unit_keys.update(_keys(plan.get("coordinator")))
        for task in (t for g in _list(data.get("groups")) for t in _list(_dict(g).get("tasks"))):
            task = _dict(task)
            unit_keys.update(_keys(task.get("lead")) + _keys(task.get("coordinating")))
            partner_keys.update(_keys(task.get("partners")))
            for d in _list(task.get("deliverables")):
                unit_keys.update(_keys(_dict(d).get("responsible")) + _keys(_dict(d).get("recipient")))
        for d in (d for s in _list(data.get("sections")) for d in _list(_dict(s).get("deliverables"))):
            unit_keys.update(_keys(_dict(d).get("responsible")) + _keys(_dict(d).get("recipient")))
        self.units = dict(Unit.objects.filter(key__in=unit_keys).values_list("key", "name"))
        self.partners = dict(Partner.objects.filter(key__in=partner_keys).values_list("key", "name"))

    def who(self, keys, scope) -> list[str]:
        named = [self.units.get(k, f"{k} (?)") for k in _keys(keys)]
        return ([str(Scope(scope).label)] if scope in Scope.values and scope else []) + named


def _deadline(value) -> str:
    try:
        return deadline_label(*deadline_of(value))
    except (PlanFileError, TypeError, ValueError):
        return "?"


def _deliverable(d, names: _Names) -> dict:
    d = _dict(d)
    recipient = str(d.get("recipient") or "")
    return {
        "title": d.get("title", ""),
        "who": names.who(d.get("responsible"), d.get("responsible_scope", "")),
        "recipient": names.units.get(recipient, recipient),
        "deadline": _deadline(d.get("deadline")),
    }


def _target(value) -> str:
    target = _dict(value)
    if not target.get("kind"):
        return ""
    label = dict(Task.Target.choices).get(target.get("kind", ""), target.get("kind", ""))
    return f"{label} ({target['count']})" if label and target.get("count") else str(label or "")


def _task(task, names: _Names) -> dict:
    task = _dict(task)
    partners = [names.partners.get(k, f"{k} (?)") for k in _keys(task.get("partners"))]
    return {
        "code": task.get("code", "?"),
        "title": task.get("title", ""),
        "parent_title": task.get("parent_title", ""),
        "lead": names.who(task.get("lead"), task.get("lead_scope", "")),
        "coordinating": names.who(task.get("coordinating"), task.get("coordinating_scope", "")) + partners,
        "target": _target(task.get("target")),
        "deliverables": [_deliverable(d, names) for d in _list(task.get("deliverables"))],
    }


def _day(value):
    """A date as the file writes it ('2024-02-06' or a YAML date), else the text as it is."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")


def plan_summary(data) -> dict | None:
    """The plan file's data (``plans.loader.read_plan_data``) ready to show, or None when it is not a
    mapping at all."""
    if not isinstance(data, dict):
        return None
    names = _Names(data)
    plan = _dict(data.get("plan"))
    window = _dict(plan.get("report_window"))
    groups = [
        {
            "number": _dict(g).get("number", "?"),
            "title": _dict(g).get("title", ""),
            "tasks": [_task(t, names) for t in _list(_dict(g).get("tasks"))],
        }
        for g in _list(data.get("groups"))
    ]
    sections = [
        (_dict(s).get("section", "?"), _deliverable(d, names))
        for s in _list(data.get("sections"))
        for d in _list(_dict(s).get("deliverables"))
    ]
    return {
        "plan": {**plan, "signed_on": _day(plan.get("signed_on"))},
        "window": {"start": _day(window.get("start")), "end": _day(window.get("end")), "source": window.get("source")},
        "implements": [
            {**_dict(d), "signed_on": _day(_dict(d).get("signed_on"))} for d in _list(plan.get("implements"))
        ],
        "coordinator": names.units.get(str(plan.get("coordinator") or ""), plan.get("coordinator") or ""),
        "groups": groups,
        "sections": sections,
    }
