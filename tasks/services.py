"""Writes for the plan's obligations and the units' progress."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import Unit, User
from accounts.text import nfc
from plans.loader import PlanSpec, read_plan_file
from plans.models import Deliverable, Plan, Scope, Task
from plans.services import PlanLoadResult, plan_load

from . import tallies
from .models import (
    Activity,
    ActivityTargetGroup,
    AnnualReport,
    Evidence,
    Obligation,
    PilotModel,
    ReportTaskEntry,
    ReportVersion,
    Topic,
    TrainingCourse,
    UnitPlan,
)
from .models.progress import ProgressStatus
from .selectors import report_content, unit_figures


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
    spec: PlanSpec = read_plan_file(path)
    keys = {d.key for g in spec.groups for t in g.tasks for d in t.deliverables}
    keys.update(d.key for _section, d in spec.plan_deliverables)
    # Untouched obligations of deliverables removed from the file go with them; touched ones make
    # the load fail (Obligation.deliverable is PROTECT), so no recorded work is lost.
    Obligation.objects.filter(_untouched(), deliverable__plan__number=spec.number).exclude(
        deliverable__key__in=keys
    ).delete()
    window = Plan.objects.filter(number=spec.number).values_list("report_window_start", "report_window_end").first()
    loaded = plan_load(spec=spec, source=Path(path).name)
    if window and window != (loaded.plan.report_window_start, loaded.plan.report_window_end):
        # The tallies count the activities in the plan's window: recount the plan's tasks.
        tallies.tallies_refresh(task_ids=Task.objects.filter(group__plan=loaded.plan).values_list("pk", flat=True))
    return loaded, obligations_sync(plan=loaded.plan)


# --- Progress: shared rules -------------------------------------------------------------------


class Conflict(Exception):
    """The request is valid but the record's state forbids it (HTTP 409, Vietnamese message)."""


class StaleRevision(Exception):
    """The client's copy is out of date (HTTP 412): somebody changed the record since it was read."""


def lock_current(model, *, pk: int, expected_revision: int | None):
    """Lock the row and check the client's revision (from If-Match); raise StaleRevision if stale."""
    obj = model.objects.select_for_update().get(pk=pk)
    if expected_revision is not None and obj.revision != expected_revision:
        raise StaleRevision
    return obj


def _apply(obj, values: dict, *, by=None):
    for name, value in values.items():
        setattr(obj, name, value)
    if obj.pk is not None:
        obj.revision += 1
    obj._history_user = by
    obj.save()
    return obj


def obligations_touch(*, unit_id: int, task_id: int, kinds: tuple[str, ...], by) -> None:
    """Logging work for a task moves the unit's not-started obligations of that task to "in progress"."""
    for obligation in Obligation.objects.filter(
        unit_id=unit_id, deliverable__task_id=task_id, deliverable__kind__in=kinds, status=ProgressStatus.NOT_STARTED
    ):
        _apply(obligation, {"status": ProgressStatus.IN_PROGRESS}, by=by)


def _obligations_complete(*, unit_id: int, plan_id: int, kind: str, at, by) -> None:
    """Complete the unit's obligations of deliverable ``kind`` at ``at``, once: completion is frozen."""
    for obligation in Obligation.objects.select_for_update().filter(
        unit_id=unit_id, deliverable__plan_id=plan_id, deliverable__kind=kind, completed_at__isnull=True
    ):
        _apply(obligation, {"status": ProgressStatus.COMPLETED, "completed_at": at}, by=by)


def unit_member_required(by: User) -> Unit:
    if not by.unit_id or by.role not in (User.Role.REPORTER, User.Role.LEADER):
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    return by.unit


# --- Activities -------------------------------------------------------------------------------

ACTIVITY_FIELDS = Activity.EDITABLE_FIELDS


def activity_check(*, values: dict) -> None:
    """Rules for an activity beyond each field's own: raise ValidationError with Vietnamese messages."""
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    unknown = [t for t in values.get("topics") or [] if t not in Topic.values]
    if unknown:
        raise ValidationError({"topics": _("Unknown content topic: %(value)s") % {"value": ", ".join(unknown)}})


def _set_target_groups(activity: Activity, groups) -> None:
    if groups is None:
        return
    wanted = set(groups)
    current = set(activity.target_group_rows.values_list("target_group", flat=True))
    if wanted != current:
        activity.target_group_rows.filter(target_group__in=current - wanted).delete()
        ActivityTargetGroup.objects.bulk_create(
            [ActivityTargetGroup(activity=activity, target_group=g) for g in sorted(wanted - current)]
        )


@transaction.atomic
def activity_create(*, by: User, values: dict, target_groups: list[str]) -> Activity:
    unit = unit_member_required(by)
    activity_check(values=values)
    activity = Activity(unit=unit, created_by=by, **{k: v for k, v in values.items() if k in ACTIVITY_FIELDS})
    with tallies.deferred():
        _apply(activity, {}, by=by)
        _set_target_groups(activity, target_groups)
        tallies.touch({(activity.unit_id, activity.task_id)})  # the target groups' bulk_create sends no signal
    obligations_touch(
        unit_id=unit.pk, task_id=activity.task_id, kinds=(Deliverable.Kind.ACTIVITY, Deliverable.Kind.GUIDANCE), by=by
    )
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, by: User, values: dict, target_groups: list[str] | None, expected_revision: int | None
) -> Activity:
    unit_member_required(by)
    current = lock_current(Activity, pk=activity.pk, expected_revision=expected_revision)
    merged = {f: getattr(current, f) for f in ("start_date", "end_date", "topics")} | values
    activity_check(values=merged)
    with tallies.deferred():
        _apply(current, {k: v for k, v in values.items() if k in ACTIVITY_FIELDS}, by=by)
        _set_target_groups(current, target_groups)
        tallies.touch({(current.unit_id, current.task_id)})
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, by: User, expected_revision: int | None = None) -> None:
    unit_member_required(by)
    current = lock_current(Activity, pk=activity.pk, expected_revision=expected_revision)
    current._history_user = by
    with tallies.deferred():
        current.delete()


# --- Evidence files ---------------------------------------------------------------------------

EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def safe_filename(name: str) -> str:
    """The user's file name without any directory part, control characters or leading dots."""
    name = nfc(name or "").replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip().lstrip(".")
    return name[:200] or "tep"


def sniff_content_type(upload) -> str | None:
    """The file's type from its content (never its name): one of EVIDENCE_TYPES, or None."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in ("application/zip", "application/x-zip-compressed") or (mime and mime.startswith("application/vnd.")):
        mime = _office_type(upload)
    return mime if mime in EVIDENCE_TYPES else None


def _office_type(upload) -> str | None:
    """DOCX and XLSX are ZIP files: look inside for the part that says which one it is."""
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def check_upload(upload) -> tuple[str, str]:
    """Validate an uploaded file; return (content type, safe original name)."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(size)s MB.") % {"size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError({"file": _("Only PDF, JPEG, PNG, DOCX and XLSX files are accepted.")})
    return content_type, safe_filename(upload.name)


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_add(*, activity: Activity, by: User, upload) -> Evidence:
    unit_member_required(by)
    content_type, name = check_upload(upload)
    evidence = Evidence(
        activity=activity,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        sha256=_sha256(upload),
        uploaded_by=by,
    )
    evidence.file.save(name, upload, save=False)
    evidence._history_user = by
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by: User) -> None:
    unit_member_required(by)
    evidence._history_user = by
    evidence.delete()  # the stored file is kept: history may still point at it


# --- The unit's own plan (task 1.1) -------------------------------------------------------------


@transaction.atomic
def unit_plan_submit(
    *, by: User, plan: Plan, number: str, signed_on, signer: str, upload, at: datetime | None = None
) -> UnitPlan:
    """A leader hands in the unit's own plan; this completes the unit's obligation at this moment
    (``at``: when a paper submission was received, for records entered afterwards)."""
    unit = unit_member_required(by)
    if by.role != User.Role.LEADER:
        raise PermissionDenied(_("Only the unit's leader can hand in the unit's plan."))
    if UnitPlan.objects.filter(unit=unit, plan=plan).exists():
        raise Conflict(_("The unit has already handed in its plan for %(plan)s.") % {"plan": plan.number})
    content_type, name = check_upload(upload)
    now = at or timezone.now()
    unit_plan = UnitPlan(
        unit=unit,
        plan=plan,
        number=nfc(number),
        signed_on=signed_on,
        signer=nfc(signer),
        original_name=name,
        content_type=content_type,
        submitted_at=now,
        submitted_by=by,
    )
    unit_plan.file.save(name, upload, save=False)
    _apply(unit_plan, {}, by=by)
    _obligations_complete(unit_id=unit.pk, plan_id=plan.pk, kind=Deliverable.Kind.UNIT_PLAN, at=now, by=by)
    return unit_plan


# --- Pilot models (4.1-4.3) and training courses (8.2) ------------------------------------------


@transaction.atomic
def pilot_model_save(
    *, by: User, values: dict, pilot_model: PilotModel | None = None, expected_revision: int | None = None
) -> PilotModel:
    unit = unit_member_required(by)
    if pilot_model is None:
        pilot_model = _apply(PilotModel(unit=unit, **values), {}, by=by)
    else:
        pilot_model = _apply(
            lock_current(PilotModel, pk=pilot_model.pk, expected_revision=expected_revision), values, by=by
        )
    tasks = Task.objects.filter(group__plan_id=pilot_model.plan_id, deliverables__kind=Deliverable.Kind.PILOT_MODEL)
    for task in tasks.distinct():  # 4.1 (build at least one) and 4.3 (evaluate, replicate)
        obligations_touch(unit_id=unit.pk, task_id=task.pk, kinds=(Deliverable.Kind.PILOT_MODEL,), by=by)
    return pilot_model


def training_check(*, values: dict) -> None:
    task = values.get("task")
    if task is not None and task.target_kind not in (Task.Target.TRAINING, Task.Target.TRAINING_BY_REGION):
        raise ValidationError({"task": _("Training courses are recorded only for the training tasks (8.2).")})
    if task is not None and task.target_kind == Task.Target.TRAINING_BY_REGION and not values.get("region"):
        raise ValidationError({"region": _("Choose the region: North, Central or South.")})
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date is before the start date.")})


@transaction.atomic
def training_save(
    *, by: User, values: dict, course: TrainingCourse | None = None, expected_revision: int | None = None
) -> TrainingCourse:
    unit = unit_member_required(by)
    if course is None:
        training_check(values=values)
        course = _apply(TrainingCourse(unit=unit, **values), {}, by=by)
    else:
        current = lock_current(TrainingCourse, pk=course.pk, expected_revision=expected_revision)
        training_check(values={f: getattr(current, f) for f in ("task", "region", "start_date", "end_date")} | values)
        course = _apply(current, values, by=by)
    obligations_touch(unit_id=unit.pk, task_id=course.task_id, kinds=(Deliverable.Kind.TRAINING,), by=by)
    return course


# --- Obligations' progress ----------------------------------------------------------------------

SUBMISSION_KINDS = (Deliverable.Kind.UNIT_PLAN, Deliverable.Kind.ANNUAL_REPORT)


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
    return _apply(current, values, by=by)


# --- The annual results report ------------------------------------------------------------------


@transaction.atomic
def report_create(*, by: User, plan: Plan) -> AnnualReport:
    unit = unit_member_required(by)
    if AnnualReport.objects.filter(unit=unit, plan=plan).exists():
        raise Conflict(_("The unit already has a results report for %(plan)s.") % {"plan": plan.number})
    report = _apply(AnnualReport(unit=unit, plan=plan), {}, by=by)
    return report


@transaction.atomic
def report_update(
    *, report: AnnualReport, by: User, values: dict, entries: list[dict] | None, expected_revision: int | None
) -> AnnualReport:
    """Edit a draft or returned report's text and per-task entries. Submitted and accepted
    versions are never changed."""
    unit_member_required(by)
    current = lock_current(AnnualReport, pk=report.pk, expected_revision=expected_revision)
    if not current.is_editable:
        raise Conflict(_("A %(status)s report cannot be changed.") % {"status": current.get_status_display().lower()})
    for entry in entries or []:
        task = entry["task"]
        if task.group.plan_id != current.plan_id:
            raise ValidationError({"entries": _("Task %(code)s is not part of this plan.") % {"code": task.code}})
        row, _created = ReportTaskEntry.objects.get_or_create(report=current, task=task)
        changed = {k: nfc(v) if isinstance(v, str) else v for k, v in entry.items() if k != "task"}
        for name, value in changed.items():
            setattr(row, name, value)
        row._history_user = by
        row.save()
    values = {k: nfc(v) for k, v in values.items() if k in ("difficulties", "proposals")}
    return _apply(current, values, by=by)


REPORT_TRANSITIONS = {
    "submit": ({AnnualReport.Status.DRAFT, AnnualReport.Status.RETURNED}, AnnualReport.Status.SUBMITTED),
    "return": ({AnnualReport.Status.SUBMITTED}, AnnualReport.Status.RETURNED),
    "accept": ({AnnualReport.Status.SUBMITTED}, AnnualReport.Status.ACCEPTED),
}


def _transition(report: AnnualReport, action: str) -> AnnualReport:
    sources, _target = REPORT_TRANSITIONS[action]
    current = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if current.status not in sources:
        messages = {
            "submit": _("Only a draft or returned report can be submitted; this report is %(status)s."),
            "return": _("Only a submitted report can be returned; this report is %(status)s."),
            "accept": _("Only a submitted report can be accepted; this report is %(status)s."),
        }
        raise Conflict(messages[action] % {"status": current.get_status_display().lower()})
    return current


@transaction.atomic
def report_submit(*, report: AnnualReport, by: User, at: datetime | None = None) -> AnnualReport:
    """The unit's leader submits: the text and the figures of this moment are frozen into a new
    version; the first submission completes the report obligation (and decides if it was on time)."""
    if by.role != User.Role.LEADER or by.unit_id != report.unit_id:
        raise PermissionDenied(_("Only the unit's leader can submit its report."))
    current = _transition(report, "submit")
    now = at or timezone.now()
    plan = current.plan
    ReportVersion.objects.create(
        report=current,
        number=current.versions.count() + 1,
        submitted_at=now,
        submitted_by=by,
        window_start=plan.report_window_start,
        window_end=plan.report_window_end,
        content=report_content(report=current),
        figures=unit_figures(unit=current.unit, plan=plan),
    )
    _apply(
        current,
        {
            "status": AnnualReport.Status.SUBMITTED,
            "submitted_at": now,
            "first_submitted_at": current.first_submitted_at or now,
        },
        by=by,
    )
    _obligations_complete(
        unit_id=current.unit_id,
        plan_id=plan.pk,
        kind=Deliverable.Kind.ANNUAL_REPORT,
        at=current.first_submitted_at,
        by=by,
    )
    return current


def _review(report: AnnualReport, by: User, action: str, comment: str, at: datetime | None) -> AnnualReport:
    if not by.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers can review reports."))
    current = _transition(report, action)
    return _apply(
        current,
        {
            "status": REPORT_TRANSITIONS[action][1],
            "reviewed_at": at or timezone.now(),
            "reviewed_by": by,
            "review_comment": nfc(comment or ""),
        },
        by=by,
    )


@transaction.atomic
def report_return(*, report: AnnualReport, by: User, comment: str, at: datetime | None = None) -> AnnualReport:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the unit must change: the comment is required.")})
    return _review(report, by, "return", comment, at)


@transaction.atomic
def report_accept(*, report: AnnualReport, by: User, comment: str = "", at: datetime | None = None) -> AnnualReport:
    return _review(report, by, "accept", comment, at)
