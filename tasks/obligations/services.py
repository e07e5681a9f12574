"""Writes of obligations (deliverable × unit) and their progress: the rules, whatever the door (API,
pages, import, admin)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Unit, User, units_acted_for
from accounts.permissions import unit_member_required
from accounts.text import nfc
from config.revisions import Conflict, apply_changes, lock_current
from plans.loader import PlanSpec, read_plan_file
from plans.models import Deliverable, Plan, Scope, Task
from plans.services import PlanLoadResult, deliverables_renamed, plan_load
from tasks.activities import tallies
from tasks.obligations.models import Obligation, ProgressStatus


def scope_units(scope: str, on) -> "list[Unit]":
    """The units a scope means on a day: every department and provincial police unit valid then."""
    qs = Unit.objects.valid_on(on)
    if scope == Scope.ALL_UNITS:
        return list(qs.implementing())
    if scope == Scope.ALL_PROVINCES:
        return list(qs.filter(kind=Unit.Kind.PROVINCE))
    if scope == Scope.ALL_DEPARTMENTS:
        return list(qs.filter(kind=Unit.Kind.DEPARTMENT))
    return []


def unit_in_plan_check(*, unit: Unit, plan_ids) -> None:
    """What a unit records under a plan (activities, pilot models, courses, its own plan, its
    report) must fall under a published plan the unit owes something under: a draft plan takes
    nothing yet, and the 2024 work of a province merged in 2025 is recorded for the 2024 unit that
    did it (its successor's people record it, ``unit=``), so that each plan's roll-up keeps the
    units of its year. ValidationError on ``unit`` (or ``task`` for a draft plan), in Vietnamese."""
    plans = {p.pk: p for p in Plan.objects.filter(pk__in=set(plan_ids)).only("pk", "number", "status").order_by()}
    drafts = [p.number for p in plans.values() if p.status != Plan.Status.PUBLISHED]
    if drafts:
        raise ValidationError(
            {"task": _("Plan %(plan)s is not published yet: nothing can be recorded under it.") % {"plan": drafts[0]}}
        )
    owing = Obligation.objects.filter(unit=unit, deliverable__plan_id__in=plans)
    owed = set(owing.order_by().values_list("deliverable__plan_id", flat=True).distinct())
    missing = sorted(set(plans) - owed)
    if not missing:
        return
    plan = plans[missing[0]]
    took_over = units_acted_for([unit.pk])[unit.pk] - {unit.pk}
    owing = list(
        Unit.objects.filter(pk__in=took_over, obligations__deliverable__plan=plan)
        .distinct()
        .order_by("province_code", "name")
        .values_list("name", flat=True)
    )
    if owing:
        message = _(
            "%(unit)s owes nothing under plan %(plan)s: record this for the unit it took over that did the work "
            "(%(units)s)."
        ) % {"unit": unit.name, "plan": plan.number, "units": ", ".join(owing)}
    else:
        message = _("%(unit)s owes nothing under plan %(plan)s.") % {"unit": unit.name, "plan": plan.number}
    raise ValidationError({"unit": message})


def deliverable_units(deliverable: Deliverable) -> set[int]:
    """Ids of the units responsible for ``deliverable``: those listed plus its scope, expanded
    over the units valid on the deliverable's last day (the day before it is due)."""
    last_day = deliverable.due_date - timedelta(days=1)
    ids = {u.pk for u in deliverable.responsible_units.all()}
    ids.update(u.pk for u in scope_units(deliverable.responsible_scope, last_day))
    return ids


def _untouched():
    return Q(status=ProgressStatus.NOT_STARTED, completed_at__isnull=True, note="")


@dataclass
class ObligationSyncResult:
    created: int = 0
    removed: int = 0
    kept: int = 0


@transaction.atomic
def obligations_sync(*, plan: Plan) -> ObligationSyncResult:
    """Create one obligation per (deliverable, responsible unit). Obligations that are no longer
    owed are removed only while nobody has touched them; touched ones are kept. A draft plan owes
    nothing yet: its obligations are made when it is published (``plan_publish``)."""
    result = ObligationSyncResult()
    if plan.status != Plan.Status.PUBLISHED:
        return result
    deliverables = list(plan.deliverables.prefetch_related("responsible_units"))
    existing = set(Obligation.objects.filter(deliverable__plan=plan).values_list("deliverable_id", "unit_id"))
    wanted = {(d.pk, unit_id) for d in deliverables for unit_id in deliverable_units(d)}
    new = [Obligation(deliverable_id=d, unit_id=u) for d, u in sorted(wanted - existing)]
    bulk_create_with_history(new, Obligation, batch_size=500)
    result.created = len(new)
    for deliverable_id, unit_id in existing - wanted:
        deleted, _by_model = Obligation.objects.filter(
            _untouched(), deliverable_id=deliverable_id, unit_id=unit_id
        ).delete()
        result.removed += deleted
        result.kept += 0 if deleted else 1
    return result


@transaction.atomic
def plan_file_load(*, path: Path) -> tuple[PlanLoadResult, ObligationSyncResult]:
    """Load a plan file and expand its obligations, all or nothing (see ``manage.py load_plan``)."""
    return plan_spec_load(spec=read_plan_file(path), source=Path(path).name)


@transaction.atomic
def plan_spec_load(*, spec: PlanSpec, source: str = "") -> tuple[PlanLoadResult, ObligationSyncResult]:
    """Load a validated plan (a plan file's, or one imported from a decision's text) and expand its
    obligations, all or nothing: a plan already loaded is updated in place."""
    deliverables_renamed(spec=spec)
    keys = {d.key for g in spec.groups for t in g.tasks for d in t.deliverables}
    keys.update(d.key for _section, d in spec.plan_deliverables)
    # Untouched obligations of deliverables removed from the file go with them; touched ones make
    # the load fail (Obligation.deliverable is PROTECT), so no recorded work is lost.
    Obligation.objects.filter(_untouched(), deliverable__plan__number=spec.number).exclude(
        deliverable__key__in=keys
    ).delete()
    window = Plan.objects.filter(number=spec.number).values_list("report_window_start", "report_window_end").first()
    loaded = plan_load(spec=spec, source=source)
    if window and window != (loaded.plan.report_window_start, loaded.plan.report_window_end):
        # The tallies count the activities in the plan's window: recount the plan's tasks.
        tallies.tallies_refresh(task_ids=Task.objects.filter(group__plan=loaded.plan).values_list("pk", flat=True))
    return loaded, obligations_sync(plan=loaded.plan)


@dataclass
class PlanCheck:
    """What loading a plan would do: the changes to the plan already loaded (none for a new plan:
    ``new``), and the obligations it would make and remove."""

    new: bool
    changes: list[str]
    created: int
    removed: int


class _DryRun(Exception):
    pass


def plan_spec_check(*, spec: PlanSpec) -> PlanCheck:
    """Load ``spec`` as ``plan_spec_load`` would, then undo everything: every check of a real load
    (unknown units and partners, removed items with recorded work: PlanFileError), nothing written."""
    new = not Plan.objects.filter(number=spec.number).exists()
    try:
        with transaction.atomic():
            loaded, synced = plan_spec_load(spec=spec)
            check = PlanCheck(new, list(loaded.changed), synced.created, synced.removed)
            raise _DryRun
    except _DryRun:
        return check


@transaction.atomic
def plan_publish(*, plan: Plan) -> ObligationSyncResult:
    """Publish a draft plan (one carried into a later year, or imported): it becomes visible to the
    units and its deliverables are expanded over the units valid on their dates (``obligations_sync``).
    Publishing a published plan only brings its obligations up to date."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.PUBLISHED:
        plan.status = Plan.Status.PUBLISHED
        plan.save(update_fields=["status"])
    return obligations_sync(plan=plan)


def obligations_touch(*, unit_id: int, task_ids, kinds: tuple[str, ...], by) -> None:
    """Logging work for tasks moves the unit's not-started obligations of those tasks to "in progress"
    (one query, however many tasks)."""
    for obligation in Obligation.objects.filter(
        unit_id=unit_id,
        deliverable__task_id__in=set(task_ids),
        deliverable__kind__in=kinds,
        status=ProgressStatus.NOT_STARTED,
    ).order_by("pk"):
        apply_changes(obligation, {"status": ProgressStatus.IN_PROGRESS}, by=by)


def obligations_complete(*, unit_id: int, plan_id: int, kind: str, at, by) -> None:
    """Complete the unit's obligations of deliverable ``kind`` at ``at``, once: completion is frozen."""
    for obligation in Obligation.objects.select_for_update().filter(
        unit_id=unit_id, deliverable__plan_id=plan_id, deliverable__kind=kind, completed_at__isnull=True
    ):
        apply_changes(obligation, {"status": ProgressStatus.COMPLETED, "completed_at": at}, by=by)


SUBMISSION_KINDS = (Deliverable.Kind.UNIT_PLAN, Deliverable.Kind.ANNUAL_REPORT)


@transaction.atomic
def obligations_complete_at(*, completions: dict[int, datetime], by: User | None) -> int:
    """Record when obligations were completed (``completions``: obligation id → the moment), for work
    known to have been done then: a unit's paper records entered afterwards, the demo's past. Only
    open obligations change, and never those completed by handing in a document (the unit's plan,
    the annual report). Completion is frozen as ever. Returns how many were completed. A fixed
    number of queries (the history rows in bulk)."""
    rows = list(
        Obligation.objects.select_for_update()
        .filter(pk__in=list(completions), completed_at__isnull=True)
        .exclude(deliverable__kind__in=SUBMISSION_KINDS)
    )
    for obligation in rows:
        obligation.status = ProgressStatus.COMPLETED
        obligation.completed_at = completions[obligation.pk]
        obligation.revision += 1
    bulk_update_with_history(rows, Obligation, ["status", "completed_at", "revision"], batch_size=500, default_user=by)
    return len(rows)


@transaction.atomic
def obligation_set_status(
    *, obligation: Obligation, by: User, status: str, note: str | None = None, expected_revision: int | None = None
) -> Obligation:
    """A unit records its progress on an obligation. Completion is frozen; the unit's plan and the
    annual report complete only by being handed in."""
    unit_member_required(by)
    current = lock_current(Obligation, pk=obligation.pk, expected_revision=expected_revision)
    if current.deliverable.kind in SUBMISSION_KINDS and status != current.status:
        raise Conflict(_("This obligation is completed by handing in the document itself, not by setting its status."))
    if current.completed_at is not None and status != ProgressStatus.COMPLETED:
        raise Conflict(
            _("The obligation was completed on %(date)s; its state can no longer change.")
            % {"date": formats.date_format(timezone.localtime(current.completed_at), "d/m/Y")}
        )
    values = {"status": status}
    if note is not None:
        values["note"] = nfc(note)
    if status == ProgressStatus.COMPLETED and current.completed_at is None:
        values["completed_at"] = timezone.now()
    return apply_changes(current, values, by=by)
