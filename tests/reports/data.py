"""Small helpers that make reports' data directly (the roll-up only reads these models)."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from accounts.models import Unit
from plans.models import Plan, Task
from reports.annual.models import AnnualReport, ReportTaskEntry
from reports.annual.services import report_create, report_submit
from tasks.activities import tallies
from tasks.models import Activity, ActivityTargetGroup, DisseminationForm, PilotModel, TargetGroup, TrainingCourse

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def report(unit: Unit, plan: Plan, status: str, *, first_submitted: datetime | None = None, **fields) -> AnnualReport:
    if status != AnnualReport.Status.DRAFT and first_submitted is None:
        first_submitted = datetime(2024, 12, 10, 9, 0, tzinfo=TZ)
    return AnnualReport.objects.create(
        unit=unit,
        plan=plan,
        status=status,
        first_submitted_at=first_submitted,
        submitted_at=first_submitted,
        **fields,
    )


def submitted_report(leader, plan, *, at=None) -> AnnualReport:
    """A report the unit's leader created and submitted (through the services)."""
    report = report_create(by=leader, plan=plan)
    return report_submit(report=report, by=leader, at=at)


def activity(unit: Unit, task: Task, *, day: date, form: str = DisseminationForm.DIRECT, groups=(), **counts):
    a = Activity.objects.create(
        unit=unit,
        task=task,
        start_date=day,
        title=counts.pop("title", f"Tuyên truyền pháp luật {task.code}"),
        form=form,
        **counts,
    )
    ActivityTargetGroup.objects.bulk_create([ActivityTargetGroup(activity=a, target_group=g) for g in groups])
    tallies.touch({(unit.pk, task.pk)})  # bulk_create sends no signal
    return a


def fill(plan: Plan, *, units: list[Unit], seed: int = 1, per_unit: int = 6) -> None:
    """A plausible year: reports in every state, activities, models, training, difficulties."""
    rng = random.Random(seed)
    tasks = list(Task.objects.filter(group__plan=plan))
    statuses = ["accepted", "accepted", "accepted", "submitted", "returned", "draft"]
    groups = list(TargetGroup.values)
    forms = list(DisseminationForm.values)
    t41 = next(t for t in tasks if t.code == "4.1")
    t31 = next(t for t in tasks if t.code == "3.1")
    t82a = next(t for t in tasks if t.code == "8.2a")
    for i, unit in enumerate(units):
        status = statuses[i % len(statuses)]
        late = i % 5 == 4
        r = report(
            unit,
            plan,
            status,
            first_submitted=None if status == "draft" else datetime(2024, 12, 16 if late else 12, 10, tzinfo=TZ),
            difficulties="Kinh phí cho công tác phổ biến còn hạn chế." if i % 2 == 0 else "",
            proposals="Đề nghị Bộ bổ sung tài liệu tuyên truyền bằng tiếng dân tộc." if i % 3 == 0 else "",
        )
        ReportTaskEntry.objects.create(
            report=r,
            task=t31,
            status="completed",
            results="Tổ chức nhiều buổi tuyên truyền trực tiếp tại khu dân cư.",
            difficulties="Đối tượng ở vùng sâu khó tiếp cận." if i % 2 else "",
            proposals="Tăng cường ứng dụng VNeID." if i % 4 == 0 else "",
        )
        for _ in range(per_unit):
            activity(
                unit,
                rng.choice(tasks),
                day=date(2024, 1, 1) + timedelta(days=rng.randrange(0, 340)),
                form=rng.choice(forms),
                groups=rng.sample(groups, rng.randint(0, 2)),
                sessions=rng.randint(0, 5),
                participants=rng.randint(0, 400),
                copies=rng.randint(0, 1000),
                online_reach=rng.randint(0, 20000),
                budget_vnd=rng.randint(0, 30) * 500_000,
            )
        if i % 3 != 2:
            PilotModel.objects.create(
                unit=unit,
                plan=plan,
                name=f"Mô hình “Tổ liên gia an toàn” {unit.province_name or unit.short_name}",
                place="Phường Hàng Bạc",
                target_group=rng.choice(groups),
                start_date=date(2024, 3, 1),
                status=rng.choice(["running", "evaluated", "proposed"]),
            )
        if i % 4 == 0:
            TrainingCourse.objects.create(
                unit=unit,
                task=t82a,
                title="Tập huấn kỹ năng phổ biến pháp luật",
                region=rng.choice(["bac", "trung", "nam"]),
                start_date=date(2024, 6, 10),
                participants=rng.randint(50, 200),
            )
    _ = t41
