"""Writes for the plan's obligations and the units' progress."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from accounts.models import Unit
from plans.loader import PlanSpec, read_plan_file
from plans.models import Deliverable, Plan, Scope
from plans.services import PlanLoadResult, plan_load

from .models import Obligation
from .models.progress import ProgressStatus


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
    owed are removed only while nobody has touched them; touched ones are kept."""
    result = ObligationSyncResult()
    deliverables = list(plan.deliverables.prefetch_related("responsible_units"))
    existing = set(Obligation.objects.filter(deliverable__plan=plan).values_list("deliverable_id", "unit_id"))
    wanted = {(d.pk, unit_id) for d in deliverables for unit_id in deliverable_units(d)}
    new = [Obligation(deliverable_id=d, unit_id=u) for d, u in sorted(wanted - existing)]
    Obligation.objects.bulk_create(new, batch_size=500)
    result.created = len(new)
    for deliverable_id, unit_id in existing - wanted:
        deleted, _ = Obligation.objects.filter(_untouched(), deliverable_id=deliverable_id, unit_id=unit_id).delete()
        result.removed += deleted
        result.kept += 0 if deleted else 1
    return result


@transaction.atomic
def plan_file_load(*, path: Path) -> tuple[PlanLoadResult, ObligationSyncResult]:
    """Load a plan file and expand its obligations, all or nothing (see ``manage.py load_plan``)."""
    spec: PlanSpec = read_plan_file(path)
    keys = {d.key for g in spec.groups for t in g.tasks for d in t.deliverables}
    keys.update(d.key for _section, d in spec.plan_deliverables)
    # Untouched obligations of deliverables removed from the file go with them; touched ones make
    # the load fail (Obligation.deliverable is PROTECT), so no recorded work is lost.
    Obligation.objects.filter(_untouched(), deliverable__plan__number=spec.number).exclude(
        deliverable__key__in=keys
    ).delete()
    loaded = plan_load(spec=spec, source=Path(path).name)
    return loaded, obligations_sync(plan=loaded.plan)
