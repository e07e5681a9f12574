"""Reading and validating a plan file (YAML or JSON) before anything touches the database.

Every error names the field and its place in the file, e.g.
``groups[2].tasks[0].deliverables[1].deadline.before: "2024-02-30" is not a date (YYYY-MM-DD)``.
"""

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from accounts.text import nfc
from plans.models import Deliverable, Scope, Task, quarter_window

SCOPES = {choice.value for choice in Scope if choice.value}
KINDS = {choice.value for choice in Deliverable.Kind}
TARGETS = {choice.value for choice in Task.Target if choice.value}


class PlanFileError(Exception):
    def __init__(self, place: str, message: str):
        self.place = place
        self.message = message
        super().__init__(f"{place}: {message}" if place else message)


@dataclass
class DeliverableSpec:
    key: str
    title: str
    kind: str
    responsible: list[str]
    responsible_scope: str
    recipient: str
    deadline_kind: str
    due_date: date
    window_start: date | None
    window_end: date | None
    deadline_text: str
    place: str


@dataclass
class TaskSpec:
    code: str
    title: str
    content: str
    parent_title: str
    responsibility_text: str
    lead: list[str]
    lead_scope: str
    coordinating: list[str]
    coordinating_scope: str
    partners: list[str]
    target_kind: str
    target_count: int | None
    deliverables: list[DeliverableSpec]
    place: str


@dataclass
class GroupSpec:
    number: str
    title: str
    tasks: list[TaskSpec]


@dataclass
class PlanSpec:
    number: str
    signed_on: date
    year: int
    title: str
    issuer: str
    coordinator: str
    signer: str
    signer_title: str
    time_zone: str
    report_window_start: date
    report_window_end: date
    implements: list[dict]
    groups: list[GroupSpec]
    plan_deliverables: list[tuple[str, DeliverableSpec]] = field(default_factory=list)
    report_window_source: str = ""

    def unit_keys(self) -> set[str]:
        keys = {self.issuer, self.coordinator} - {""}
        for group in self.groups:
            for task in group.tasks:
                keys.update(task.lead, task.coordinating)
                for d in task.deliverables:
                    keys.update(d.responsible)
                    keys.add(d.recipient)
        for _section, d in self.plan_deliverables:
            keys.update(d.responsible)
            keys.add(d.recipient)
        return keys - {""}

    def partner_keys(self) -> set[str]:
        return {key for group in self.groups for task in group.tasks for key in task.partners}


class _Reader:
    def __init__(self, data, place: str):
        self.data, self.place = data, place

    def _at(self, name) -> str:
        return f"{self.place}.{name}" if self.place else str(name)

    def fail(self, name, message):
        raise PlanFileError(self._at(name), message)

    def get(self, name, *, required=True, default=None):
        if not isinstance(self.data, dict):
            raise PlanFileError(self.place, _("must be a mapping of fields"))
        if name not in self.data or self.data[name] in (None, ""):
            if required:
                self.fail(name, _("this field is required"))
            return default
        return self.data[name]

    def text(self, name, *, required=True) -> str:
        value = self.get(name, required=required, default="")
        if not isinstance(value, str | int):
            self.fail(name, _("must be text"))
        return nfc(" ".join(str(value).split()))

    def integer(self, name, *, required=True, default=None):
        value = self.get(name, required=required, default=default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, _("must be a whole number"))
        return value

    def day(self, name, *, required=True) -> date | None:
        value = self.get(name, required=required)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(name, _("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": value})

    def keys(self, name) -> list[str]:
        value = self.get(name, required=False, default=[])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, _("must be a list of keys"))
        return value

    def choice(self, name, allowed: set[str], *, required=False) -> str:
        value = self.get(name, required=required, default="")
        if value and value not in allowed:
            self.fail(
                name,
                _("“%(value)s” is not one of: %(allowed)s") % {"value": value, "allowed": ", ".join(sorted(allowed))},
            )
        return value

    def items(self, name, *, required=True) -> list["_Reader"]:
        value = self.get(name, required=required, default=[])
        if not isinstance(value, list):
            self.fail(name, _("must be a list"))
        return [_Reader(item, f"{self._at(name)}[{i}]") for i, item in enumerate(value)]

    def child(self, name) -> "_Reader":
        return _Reader(self.get(name), self._at(name))


def _deadline(reader: _Reader) -> tuple[str, date, date | None, date | None]:
    spec = reader.child("deadline")
    kinds = Deliverable.DeadlineKind
    if not isinstance(spec.data, dict):
        reader.fail("deadline", _("must be a mapping such as {before: 2024-12-15}"))
    if "before" in spec.data:
        return kinds.BEFORE, spec.day("before"), None, None
    if "quarter" in spec.data:
        quarter, year = spec.integer("quarter"), spec.integer("year")
        if quarter not in (1, 2, 3, 4):
            spec.fail("quarter", _("must be 1, 2, 3 or 4"))
        start, end = quarter_window(year, quarter)
        return kinds.QUARTER, end + timedelta(days=1), start, end
    if "year" in spec.data:
        year = spec.integer("year")
        if not 2000 <= year <= 2100:
            spec.fail("year", _("must be a year between 2000 and 2100"))
        kind = kinds.YEAR_CONTINUING if spec.get("continuing", required=False) else kinds.YEAR
        return kind, date(year + 1, 1, 1), date(year, 1, 1), date(year, 12, 31)
    reader.fail("deadline", _("give one of: before, quarter with year, year"))


def deadline_of(value) -> tuple[str, date, date | None, date | None]:
    """A deadline as a plan file writes it (``{before: D}``, ``{quarter: Q, year: Y}``, ``{year: Y}``) as
    (kind, due date, window start, window end); PlanFileError when it is none of them."""
    return _deadline(_Reader({"deadline": value}, ""))


def _deliverable(reader: _Reader) -> DeliverableSpec:
    kind, due, start, end = _deadline(reader)
    responsible = reader.keys("responsible")
    scope = reader.choice("responsible_scope", SCOPES)
    if not responsible and not scope:
        reader.fail("responsible", _("name at least one unit or a scope"))
    key = reader.text("key")
    if not key.replace("-", "").replace("_", "").isalnum() or not key.isascii():
        reader.fail("key", _("use only letters, digits and hyphens"))
    return DeliverableSpec(
        key=key,
        title=reader.text("title"),
        kind=reader.choice("kind", KINDS) or Deliverable.Kind.ACTIVITY,
        responsible=responsible,
        responsible_scope=scope,
        recipient=reader.text("recipient", required=False),
        deadline_kind=kind,
        due_date=due,
        window_start=start,
        window_end=end,
        deadline_text=reader.text("deadline_text", required=False),
        place=reader.place,
    )


def _task(reader: _Reader) -> TaskSpec:
    target = reader.get("target", required=False)
    target_kind, target_count = "", None
    if target is not None:
        target_reader = reader.child("target")
        target_kind = target_reader.choice("kind", TARGETS, required=True)
        target_count = target_reader.integer("count", required=False)
    deliverables = [_deliverable(d) for d in reader.items("deliverables")]
    seen = set()
    for d in deliverables:
        if d.key in seen:
            raise PlanFileError(f"{d.place}.key", _("“%(key)s” is used twice") % {"key": d.key})
        seen.add(d.key)
    return TaskSpec(
        code=reader.text("code"),
        title=reader.text("title"),
        content=reader.text("content", required=False),
        parent_title=reader.text("parent_title", required=False),
        responsibility_text=reader.text("responsibility_text", required=False),
        lead=reader.keys("lead"),
        lead_scope=reader.choice("lead_scope", SCOPES),
        coordinating=reader.keys("coordinating"),
        coordinating_scope=reader.choice("coordinating_scope", SCOPES),
        partners=reader.keys("partners"),
        target_kind=target_kind,
        target_count=target_count,
        deliverables=deliverables,
        place=reader.place,
    )


def parse_plan(data) -> PlanSpec:
    root = _Reader(data, "")
    plan = root.child("plan")
    window = plan.child("report_window")
    groups = []
    codes, keys = set(), set()
    for group in root.items("groups"):
        tasks = [_task(t) for t in group.items("tasks")]
        for task in tasks:
            if task.code in codes:
                raise PlanFileError(f"{task.place}.code", _("task “%(code)s” appears twice") % {"code": task.code})
            codes.add(task.code)
            for d in task.deliverables:
                if d.key in keys:
                    raise PlanFileError(f"{d.place}.key", _("“%(key)s” is used twice") % {"key": d.key})
                keys.add(d.key)
        groups.append(GroupSpec(number=group.text("number"), title=group.text("title"), tasks=tasks))
    plan_deliverables = []
    for section in root.items("sections", required=False):
        name = section.text("section")
        for d in section.items("deliverables"):
            spec = _deliverable(d)
            if spec.key in keys:
                raise PlanFileError(f"{spec.place}.key", _("“%(key)s” is used twice") % {"key": spec.key})
            keys.add(spec.key)
            plan_deliverables.append((name, spec))
    implements = []
    for doc in plan.items("implements", required=False):
        implements.append(
            {
                "number": doc.text("number"),
                "signed_on": doc.day("signed_on", required=False),
                "title": doc.text("title", required=False),
            }
        )
    start, end = window.day("start"), window.day("end")
    if end < start:
        window.fail("end", _("ends before it starts"))
    spec = PlanSpec(
        number=plan.text("number"),
        signed_on=plan.day("signed_on"),
        year=plan.integer("year"),
        title=plan.text("title"),
        issuer=plan.text("issuer", required=False),
        coordinator=plan.text("coordinator", required=False),
        signer=plan.text("signer", required=False),
        signer_title=plan.text("signer_title", required=False),
        time_zone=plan.text("time_zone", required=False) or "Asia/Ho_Chi_Minh",
        report_window_start=start,
        report_window_end=end,
        report_window_source=window.text("source", required=False),
        implements=implements,
        groups=groups,
        plan_deliverables=plan_deliverables,
    )
    if not spec.groups:
        raise PlanFileError("groups", _("the plan has no task groups"))
    return spec


def read_plan_file(path: Path) -> PlanSpec:
    """Parse and validate ``path`` (.yaml, .yml or .json). Raises PlanFileError."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(str(path), _("cannot read the file: %(error)s") % {"error": exc}) from exc
    return read_plan_text(raw, name=str(path))


class _PlainLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: a plan file never needs them, and a few aliases can make a
    small text mean millions of items."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def read_plan_text(raw: str, *, name: str = "") -> PlanSpec:
    """Parse and validate a plan file's text (JSON when ``name`` ends in .json, else YAML)."""
    return parse_plan(read_plan_data(raw, name=name))


def read_plan_data(raw: str, *, name: str = ""):
    """A plan file's text as data, not yet validated (PlanFileError when it is not YAML or JSON)."""
    path = name or "plan"
    try:
        data = json.loads(raw) if str(path).endswith(".json") else yaml.load(raw, Loader=_PlainLoader)  # noqa: S506
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        if isinstance(exc, json.JSONDecodeError):
            where = f"{path}:{exc.lineno}:{exc.colno}"
        raise PlanFileError(where, _("the file is not valid YAML/JSON: %(error)s") % {"error": exc}) from exc
    return data
