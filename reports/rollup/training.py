"""Training courses of the counted units by task and region (8.2a: in the North, Centre and South)."""

from django.db.models import Count, Sum
from django.utils.translation import pgettext

from accounts.models import Area
from plans.models import Task
from tasks.models import TrainingCourse

from .results import DateWindow, RegionRow, TrainingResult


def training(*, tasks: list[Task], counted: list[int], window: DateWindow) -> list[TrainingResult]:
    """Per task with a training target or with courses: the counted units' courses that start in
    ``window``, by region (every region listed, "not stated" only when some course has none). One query."""
    rows = list(
        TrainingCourse.objects.filter(
            task_id__in=[t.pk for t in tasks],
            unit_id__in=counted,
            start_date__gte=window.start,
            start_date__lte=window.end,
        )
        .order_by()
        .values("task_id", "region")
        .annotate(courses=Count("id"), participants=Sum("participants"))
    )
    out = []
    for task in tasks:
        found = {r["region"]: r for r in rows if r["task_id"] == task.pk}
        by_region_target = task.target_kind == Task.Target.TRAINING_BY_REGION
        if not found and not (by_region_target or task.target_kind == Task.Target.TRAINING):
            continue
        regions = [a.value for a in Area] + ([""] if "" in found else [])
        out.append(
            TrainingResult(
                task=task.code,
                title=task.title,
                by_region=[
                    RegionRow(
                        region=r,
                        label=str(Area(r).label) if r else pgettext("region", "Not stated"),
                        courses=found[r]["courses"] if r in found else 0,
                        participants=(found[r]["participants"] or 0) if r in found else 0,
                    )
                    for r in regions
                ],
                by_region_target=by_region_target or any(found),  # some course in a named region
                courses=sum(r["courses"] for r in found.values()),
                participants=sum(r["participants"] or 0 for r in found.values()),
            )
        )
    return out
