"""Reports' data, in states production can reach: annual reports go through their services (create,
update, submit, return, accept, each at a given moment), so that a submitted report has its
versions, its history and its completed report obligation; activities, pilot models and training
courses come from the factories (tests/factories.py), whose saves keep the tallies in step."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from accounts.models import Unit, User
from plans.models import Plan, Task
from reports.annual.models import AnnualReport
from reports.annual.services import report_accept, report_create, report_return, report_submit, report_update
from tasks.models import Activity, DisseminationForm, TargetGroup
from tests.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory, UserFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_SUBMITTED = datetime(2024, 12, 10, 9, 0, tzinfo=TZ)
REVIEWED_AFTER = timedelta(days=2)


def leader_of(unit: Unit) -> User:
    """The leader who writes and submits the unit's report here (not the tests' ``ca01.leader``, so
    that a test may still make its own users)."""
    return UserFactory(username=f"data.{unit.key}.leader", role=User.Role.LEADER, unit=unit)


def data_reviewer() -> User:
    return UserFactory(username="data.v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))


def report(
    unit: Unit,
    plan: Plan,
    status: str,
    *,
    first_submitted: datetime | None = None,
    entries: list[dict] | None = None,
    **fields,
) -> AnnualReport:
    """The unit's report in ``status``, made by its leader and V03 through the services: written
    (``fields``: difficulties, proposals; ``entries``: per-task rows), first submitted at
    ``first_submitted`` (10/12/2024 09:00 unless given; this also completes the unit's report
    obligation at that moment), then returned or accepted two days later."""
    leader = leader_of(unit)
    r = report_create(by=leader, plan=plan)
    if fields or entries:
        r = report_update(report=r, by=leader, values=fields, entries=entries, expected_revision=None)
    if status == AnnualReport.Status.DRAFT:
        return r
    at = first_submitted or FIRST_SUBMITTED
    r = report_submit(report=r, by=leader, at=at)
    if status == AnnualReport.Status.RETURNED:
        r = report_return(report=r, by=data_reviewer(), comment="Bổ sung số liệu.", at=at + REVIEWED_AFTER)
    elif status == AnnualReport.Status.ACCEPTED:
        r = report_accept(report=r, by=data_reviewer(), at=at + REVIEWED_AFTER)
    elif status != AnnualReport.Status.SUBMITTED:
        raise ValueError(f"unknown report status {status!r}")
    return r


def submitted_report(leader, plan, *, at=None) -> AnnualReport:
    """A report the unit's leader created and submitted (through the services)."""
    report = report_create(by=leader, plan=plan)
    return report_submit(report=report, by=leader, at=at)


def activity(
    unit: Unit, task: Task, *, day: date, form: str = DisseminationForm.DIRECT, groups=(), **counts
) -> Activity:
    """An activity of the unit with exactly ``groups`` as its target groups (none by default)."""
    return ActivityFactory(
        unit=unit,
        task=task,
        start_date=day,
        title=counts.pop("title", f"Tuyên truyền pháp luật {task.code}"),
        form=form,
        target_groups=list(groups),
        **{"sessions": 0, "participants": 0, "copies": 0, "online_reach": 0, "budget_vnd": 0, **counts},
    )


def fill(plan: Plan, *, units: list[Unit], seed: int = 1, per_unit: int = 6) -> None:
    """A plausible year: activities, models, training, then reports in every state (submitted ones
    froze the figures logged before them), with difficulties and proposals."""
    rng = random.Random(seed)
    tasks = list(Task.objects.filter(group__plan=plan))
    statuses = ["accepted", "accepted", "accepted", "submitted", "returned", "draft"]
    groups = list(TargetGroup.values)
    forms = list(DisseminationForm.values)
    t31 = next(t for t in tasks if t.code == "3.1")
    t82a = next(t for t in tasks if t.code == "8.2a")
    for i, unit in enumerate(units):
        status = statuses[i % len(statuses)]
        late = i % 5 == 4
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
            PilotModelFactory(
                unit=unit,
                plan=plan,
                name=f"Mô hình “Tổ liên gia an toàn” {unit.province_name or unit.short_name}",
                place="Phường Hàng Bạc",
                target_group=rng.choice(groups),
                start_date=date(2024, 3, 1),
                status=rng.choice(["running", "evaluated", "proposed"]),
            )
        if i % 4 == 0:
            TrainingCourseFactory(
                unit=unit,
                task=t82a,
                title="Tập huấn kỹ năng phổ biến pháp luật",
                region=rng.choice(["bac", "trung", "nam"]),
                start_date=date(2024, 6, 10),
                participants=rng.randint(50, 200),
            )
        # The report last, as in a real year: submitting freezes the figures above, accepting locks them.
        report(
            unit,
            plan,
            status,
            first_submitted=None if status == "draft" else datetime(2024, 12, 16 if late else 12, 10, tzinfo=TZ),
            difficulties="Kinh phí cho công tác phổ biến còn hạn chế." if i % 2 == 0 else "",
            proposals="Đề nghị Bộ bổ sung tài liệu tuyên truyền bằng tiếng dân tộc." if i % 3 == 0 else "",
            entries=[
                {
                    "task": t31,
                    "results": "Tổ chức nhiều buổi tuyên truyền trực tiếp tại khu dân cư.",
                    "difficulties": "Đối tượng ở vùng sâu khó tiếp cận." if i % 2 else "",
                    "proposals": "Tăng cường ứng dụng VNeID." if i % 4 == 0 else "",
                }
            ],
        )
