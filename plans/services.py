"""Writes for plans: upsert a validated plan file into the database."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from accounts.models import Partner, Unit
from plans.loader import DeliverableSpec, PlanFileError, PlanSpec
from plans.models import Deliverable, LegalDocument, Plan, Task, TaskGroup


@dataclass
class PlanLoadResult:
    plan: Plan
    changed: list[str] = field(default_factory=list)


def _sync(obj, values: dict, changed: list[str], label: str) -> None:
    diff = [name for name, value in values.items() if getattr(obj, name) != value]
    if diff:
        for name in diff:
            setattr(obj, name, values[name])
        obj.save(update_fields=diff)
        changed.append(f"{label}: {', '.join(diff)}")


def _sync_m2m(manager, wanted: set, changed: list[str], label: str) -> None:
    current = set(manager.values_list("pk", flat=True))
    if current != wanted:
        manager.set(wanted)
        changed.append(label)


def _upsert_deliverable(plan, task, section, spec: DeliverableSpec, order, units, changed) -> Deliverable:
    values = {
        "task": task,
        "section": section,
        "title": spec.title,
        "kind": spec.kind,
        "responsible_scope": spec.responsible_scope,
        "recipient": units[spec.recipient] if spec.recipient else None,
        "deadline_kind": spec.deadline_kind,
        "due_date": spec.due_date,
        "window_start": spec.window_start,
        "window_end": spec.window_end,
        "deadline_text": spec.deadline_text,
        "order": order,
    }
    deliverable, created = Deliverable.objects.get_or_create(plan=plan, key=spec.key, defaults=values)
    if created:
        changed.append(f"+ {spec.key}")
    else:
        _sync(deliverable, values, changed, spec.key)
    _sync_m2m(
        deliverable.responsible_units, {units[k].pk for k in spec.responsible}, changed, f"{spec.key}.responsible"
    )
    return deliverable


def _registry(spec: PlanSpec) -> tuple[dict, dict]:
    """The units and partners the plan names, by key; PlanFileError for any the registry lacks."""
    units = {u.key: u for u in Unit.objects.filter(key__in=spec.unit_keys())}
    missing = spec.unit_keys() - units.keys()
    if missing:
        raise PlanFileError(
            "units",
            _("unknown unit keys: %(keys)s (load the unit registry first)") % {"keys": ", ".join(sorted(missing))},
        )
    partners = {p.key: p for p in Partner.objects.filter(key__in=spec.partner_keys())}
    missing = spec.partner_keys() - partners.keys()
    if missing:
        raise PlanFileError("partners", _("unknown partner keys: %(keys)s") % {"keys": ", ".join(sorted(missing))})
    return units, partners


def _upsert_plan(spec: PlanSpec, units: dict, source: str) -> PlanLoadResult:
    values = {
        "signed_on": spec.signed_on,
        "year": spec.year,
        "title": spec.title,
        "issuer": units.get(spec.issuer),
        "coordinator": units.get(spec.coordinator),
        "signer": spec.signer,
        "signer_title": spec.signer_title,
        "time_zone": spec.time_zone,
        "report_window_start": spec.report_window_start,
        "report_window_end": spec.report_window_end,
        "report_window_source": spec.report_window_source,
        "source_file": source,
    }
    plan, created = Plan.objects.get_or_create(number=spec.number, defaults=values)
    result = PlanLoadResult(plan=plan, changed=["+ plan"] if created else [])
    if not created:
        _sync(plan, values, result.changed, "plan")
    docs = []
    for doc in spec.implements:
        obj, _created = LegalDocument.objects.update_or_create(
            number=doc["number"], defaults={"signed_on": doc["signed_on"], "title": doc["title"]}
        )
        docs.append(obj.pk)
    _sync_m2m(plan.implements, set(docs), result.changed, "plan.implements")
    return result


def _upsert_task(plan: Plan, group: TaskGroup, t_index: int, ts, units: dict, partners: dict, changed: list) -> Task:
    task_values = {
        "group": group,
        "title": ts.title,
        "content": ts.content,
        "parent_title": ts.parent_title,
        "responsibility_text": ts.responsibility_text,
        "lead_scope": ts.lead_scope,
        "coordinating_scope": ts.coordinating_scope,
        "target_kind": ts.target_kind,
        "target_count": ts.target_count,
        "order": t_index,
    }
    task = Task.objects.filter(group__plan=plan, code=ts.code).first()
    if task is None:
        task = Task.objects.create(code=ts.code, **task_values)
        changed.append(f"+ task {ts.code}")
    else:
        _sync(task, task_values, changed, f"task {ts.code}")
    _sync_m2m(task.lead_units, {units[k].pk for k in ts.lead}, changed, f"{ts.code}.lead")
    _sync_m2m(task.coordinating_units, {units[k].pk for k in ts.coordinating}, changed, f"{ts.code}.coordinating")
    _sync_m2m(task.partners, {partners[k].pk for k in ts.partners}, changed, f"{ts.code}.partners")
    return task


def _remove_gone(plan: Plan, kept: dict, changed: list) -> None:
    """Remove the groups, tasks and deliverables gone from the file, unless work was recorded on them."""
    try:
        for model, field_name, label in (
            (Deliverable, "plan", "deliverable"),
            (Task, "group__plan", "task"),
            (TaskGroup, "plan", "group"),
        ):
            gone = model.objects.filter(**{field_name: plan}).exclude(pk__in=kept[label])
            for obj in gone:
                changed.append(f"- {label} {obj.pk}")
            gone.delete()
    except ProtectedError as exc:
        raise PlanFileError(
            "groups",
            _("an item removed from the file already has recorded work; it cannot be removed: %(items)s")
            % {"items": ", ".join(sorted({str(o) for o in exc.protected_objects}))[:300]},
        ) from exc


def _place(deliverable_places: list) -> dict:
    """(task code or section, kind, n-th of them) → item, for deliverables in their order."""
    seen: dict = {}
    out = {}
    for where, kind, item in deliverable_places:
        n = seen.get((where, kind), 0)
        seen[(where, kind)] = n + 1
        out[(where, kind, n)] = item
    return out


def deliverables_renamed(*, spec: PlanSpec) -> int:
    """Keep the identity of a deliverable whose key the file changed: one at the same place (same
    task or section, same kind, same rank among them) is renamed in place, so that its obligations
    and the work recorded on them stay. Returns how many were renamed."""
    plan = Plan.objects.filter(number=spec.number).first()
    if plan is None:
        return 0
    existing = list(plan.deliverables.select_related("task").order_by("order", "pk"))
    wanted = [(t.code, d) for g in spec.groups for t in g.tasks for d in t.deliverables]
    wanted += [(section, d) for section, d in spec.plan_deliverables]
    current, keys = {d.key for d in existing}, {d.key for _where, d in wanted}
    gone = _place([(d.code, d.kind, d) for d in existing if d.key not in keys])
    new = _place([(where, d.kind, d) for where, d in wanted if d.key not in current])
    renamed = 0
    for place, deliverable in gone.items():
        if place in new:
            deliverable.key = new[place].key
            deliverable.save(update_fields=["key"])
            renamed += 1
    return renamed


@transaction.atomic
def plan_load(*, spec: PlanSpec, source: str = "") -> PlanLoadResult:
    """Create or update the plan described by ``spec`` in place (matched by number; groups by
    number, tasks by code, deliverables by key). Items gone from the file are removed unless work
    was recorded against them. Raises PlanFileError for unknown units or partners."""
    units, partners = _registry(spec)
    result = _upsert_plan(spec, units, source)
    plan, changed = result.plan, result.changed
    kept = {"group": set(), "task": set(), "deliverable": set()}
    order = 0
    for g_index, group_spec in enumerate(spec.groups):
        group, g_created = TaskGroup.objects.get_or_create(
            plan=plan, number=group_spec.number, defaults={"title": group_spec.title, "order": g_index}
        )
        if not g_created:
            _sync(group, {"title": group_spec.title, "order": g_index}, changed, f"group {group.number}")
        kept["group"].add(group.pk)
        for t_index, ts in enumerate(group_spec.tasks):
            task = _upsert_task(plan, group, t_index, ts, units, partners, changed)
            kept["task"].add(task.pk)
            for d_spec in ts.deliverables:
                order += 1
                kept["deliverable"].add(_upsert_deliverable(plan, task, "", d_spec, order, units, changed).pk)
    for section, d_spec in spec.plan_deliverables:
        order += 1
        kept["deliverable"].add(_upsert_deliverable(plan, None, section, d_spec, order, units, changed).pk)
    _remove_gone(plan, kept, changed)
    return result
