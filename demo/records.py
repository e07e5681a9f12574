"""A demo unit's records under a plan, made through the services as a unit's people would: its
activities, a pilot model, a training course, its own plan handed in, its results report written
and then sent, returned or accepted. Every date is given by the caller (the plan's year, up to the
day the demo is made), so the same code fills 2024 and the current year."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from accounts.models import Unit, User
from plans.models import Plan, Task
from reports.annual.models import AnnualReport
from reports.annual.services import report_accept, report_create, report_return, report_submit, report_update
from tasks.activities.models import Activity
from tasks.activities.services import ACTIVITY_FIELDS, activities_create_many
from tasks.pilot_models.services import pilot_model_save
from tasks.training.services import training_save
from tasks.unit_plans.models import UnitPlan
from tasks.unit_plans.services import unit_plan_submit

from .texts import ACTIVITIES, MODEL_PLACES, MODELS, PLACES

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PDF_STUB = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
SIGNERS = ["Nguyễn Văn Hùng", "Trần Minh Tuấn", "Lê Thị Hoa", "Phạm Quốc Bảo", "Hoàng Thu Trang"]
CODES = ["3.1", "3.1", "3.1", "3.2", "3.2", "5", "6.2", "7", "8.1", "10"]


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=HCM)


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def activities_make(
    *, unit: Unit, by: User, tasks: dict[str, Task], rng: random.Random, first: date, last: date, count: int
) -> int:
    """``count`` activities of ``unit`` starting between ``first`` and ``last`` (none if last < first)."""
    if last < first or count <= 0:
        return 0
    rows = []
    for _ in range(count):
        code = rng.choice([c for c in CODES if c in tasks])
        title, form, groups, topics = rng.choice(ACTIVITIES[code])
        commune, district = rng.choice(PLACES)
        participants = rng.choice([40, 60, 80, 120, 150, 200, 350, 500])
        activity = Activity(
            task=tasks[code],
            start_date=day_between(rng, first, last),
            title=title.format(commune=commune, district=district),
            form=form,
            topics=topics,
            commune=commune,
            district=district,
            sessions=rng.randint(1, 4),
            participants=0 if form == "online" else participants,
            copies=rng.choice([0, 100, 200, 500, 1000]) if form in ("direct", "leaflets") else 0,
            online_reach=rng.randint(2_000, 60_000) if form in ("online", "mass_media") else 0,
            budget_vnd=rng.choice([0, 500_000, 1_500_000, 3_000_000, 5_000_000]),
            created_by=by,
        )
        rows.append(({f: getattr(activity, f) for f in ACTIVITY_FIELDS}, groups))
    activities_create_many(by=by, rows=rows, unit=unit)
    return len(rows)


def model_place(unit: Unit, rng: random.Random) -> str:
    """A pilot model's place in the unit's own province: "Phường Cái Khế, Thành phố Cần Thơ", or
    "Trên địa bàn tỉnh Thanh Hóa" for a province without listed wards (a department: Hà Nội)."""
    province = unit.province_name or "Hà Nội"
    if unit.province_name and unit.name.startswith("Công an "):
        label = unit.name.removeprefix("Công an ")  # "tỉnh Thanh Hóa", "thành phố Hồ Chí Minh"
    else:
        label = "thành phố Hà Nội" if province == "Hà Nội" else f"tỉnh {province}"
    # One draw from PLACES as before, so that the demo's other random choices stay as they were.
    n = PLACES.index(rng.choice(PLACES))
    wards = MODEL_PLACES.get(province)
    if not wards:
        return f"Trên địa bàn {label}"
    return f"{wards[n % len(wards)]}, {label[:1].upper()}{label[1:]}"


def models_make(*, unit: Unit, plan: Plan, tasks: dict, by: User, rng: random.Random, first: date, last: date):
    """A pilot model (4.1) and a training course (8.2b) of ``unit``, started between the two days."""
    if last < first:
        return
    pilot_model_save(
        by=by,
        unit=unit,
        values={
            "plan": plan,
            "name": rng.choice(MODELS),
            "place": model_place(unit, rng),
            "target_group": "public",
            "start_date": day_between(rng, first, last),
            "status": rng.choice(["running", "evaluated"]),
        },
    )
    if "8.2b" in tasks:
        training_save(
            by=by,
            unit=unit,
            values={
                "task": tasks["8.2b"],
                "title": "Tập huấn kỹ năng tuyên truyền cho Công an xã, phường",
                "start_date": day_between(rng, first, last),
                "participants": rng.choice([45, 60, 80]),
            },
        )


def unit_plan_hand_in(*, unit: Unit, plan: Plan, by: User, rng: random.Random, on: date) -> None:
    """The unit's own plan (task 1.1), handed in on ``on`` (once)."""
    if UnitPlan.objects.filter(unit=unit, plan=plan).exists():
        return
    code = unit.province_code or (unit.code or unit.key[:6]).upper()
    unit_plan_submit(
        by=by,
        unit=unit,
        plan=plan,
        number=f"{rng.randint(10, 99)}/KH-CA{code}" if unit.province_code else f"{rng.randint(10, 99)}/KH-{code}",
        signed_on=on - timedelta(days=rng.randint(1, 5)),
        signer="Đại tá " + rng.choice(SIGNERS),
        upload=ContentFile(PDF_STUB, name="ke-hoach.pdf"),
        at=at(on, 10),
    )


def report_make(
    *,
    unit: Unit,
    plan: Plan,
    tasks: dict,
    leader: User,
    reviewer: User,
    fate: str,
    sent: datetime,
    reviewed: datetime,
) -> AnnualReport | None:
    """The unit's results report, written, then sent at ``sent``, returned or accepted at ``reviewed``
    as ``fate`` (draft, submitted, returned, accepted) says. None for fate "none"; once per unit."""
    if fate == "none" or AnnualReport.objects.filter(unit=unit, plan=plan).exists():
        return None
    report = report_create(by=leader, plan=plan, unit=unit)
    entries = [
        {"task": tasks[c], "results": text, "difficulties": "", "proposals": ""}
        for c, text in (
            ("3.1", "Tổ chức nhiều hình thức tuyên truyền trực tiếp và trên môi trường mạng."),
            ("4.1", "Xây dựng và duy trì 01 mô hình điểm."),
            ("8.2b", "Tập huấn cho cán bộ Công an xã, phường."),
        )
        if c in tasks
    ]
    report_update(
        report=report,
        by=leader,
        expected_revision=None,
        values={
            "difficulties": "Kinh phí bố trí cho công tác phổ biến, giáo dục pháp luật còn hạn chế; "
            "địa bàn rộng, dân cư phân tán.",
            "proposals": "Đề nghị Bộ tiếp tục tổ chức tập huấn kỹ năng và cấp phát tài liệu song ngữ.",
        },
        entries=entries,
    )
    if fate == "draft":
        return report
    report_submit(report=report, by=leader, at=sent)
    if fate == "returned":
        report_return(
            report=report,
            by=reviewer,
            at=reviewed,
            comment="Đề nghị bổ sung số liệu mô hình điểm (nhiệm vụ 4.1) và kết quả tập huấn.",
        )
    elif fate == "accepted":
        report_accept(report=report, by=reviewer, at=reviewed)
    return report
