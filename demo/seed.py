"""Demo data for `manage.py seed_demo`: a dozen provincial police units with a year of activities,
pilot models, training courses, unit plans and annual reports in every state of the review.
Deterministic (a fixed random seed) and idempotent: a unit that already has activities is left alone."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

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

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN_NUMBER = "762/QĐ-BCA-V03"

# (province code, what happens to its report)
DEMO_UNITS = [
    ("01", "draft"),
    ("79", "accepted"),
    ("48", "submitted"),
    ("31", "returned"),
    ("92", "accepted"),
    ("46", "submitted"),
    ("38", "draft"),
    ("40", "accepted"),
    ("22", "none"),
    ("66", "none"),
    ("75", "submitted"),
    ("02", "none"),
]

ACTIVITIES = {
    "3.1": [
        ("Tuyên truyền Luật Căn cước năm 2023 tại {commune}", "direct", ["public"], ["new_laws", "rights"]),
        (
            "Hội nghị phổ biến Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ tại {commune}",
            "direct",
            ["public", "workers"],
            ["new_laws"],
        ),
        (
            "Chuyên mục “Công an với nhân dân” trên Đài Phát thanh - Truyền hình tỉnh",
            "mass_media",
            ["public"],
            ["crime_situation", "respect_for_law"],
        ),
        (
            "Tuyên truyền phòng, chống lừa đảo qua mạng trên Trang thông tin điện tử Công an tỉnh",
            "online",
            ["public"],
            ["crime_situation"],
        ),
        (
            "Lồng ghép phổ biến pháp luật trong ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” tại {commune}",
            "community",
            ["public", "ethnic_minorities"],
            ["respect_for_law"],
        ),
    ],
    "3.2": [
        ("Tư vấn pháp luật cho công nhân Khu công nghiệp {district}", "consultation", ["workers"], ["rights"]),
        (
            "Giáo dục pháp luật cho học sinh Trường THCS {commune}",
            "direct",
            ["children"],
            ["rights", "respect_for_law"],
        ),
        (
            "Tư vấn pháp luật cho đồng bào dân tộc thiểu số tại {commune}",
            "consultation",
            ["ethnic_minorities", "mountain"],
            ["rights", "new_laws"],
        ),
        (
            "Gặp mặt, giáo dục người mới ra tù tái hòa nhập cộng đồng tại {commune}",
            "direct",
            ["reintegrating"],
            ["reintegration"],
        ),
    ],
    "5": [
        (
            "Cấp phát tờ gấp “Phòng, chống tội phạm công nghệ cao” tại {commune}",
            "leaflets",
            ["public"],
            ["crime_situation"],
        )
    ],
    "6.2": [("Đăng tải video phổ biến pháp luật trên VNeID và mạng xã hội", "online", ["public"], ["new_laws"])],
    "7": [
        (
            "Xây dựng kịch bản tuyên truyền khi xảy ra tình huống phức tạp về an ninh, trật tự tại {district}",
            "other",
            ["officers"],
            ["crime_situation"],
        )
    ],
    "8.1": [("Kiện toàn đội ngũ báo cáo viên pháp luật Công an tỉnh", "training", ["officers"], ["new_laws"])],
    "10": [
        ("Phối hợp doanh nghiệp tài trợ Tủ sách pháp luật tại {commune}", "bookcase", ["public"], ["respect_for_law"])
    ],
}
PLACES = [
    ("Phường Hàng Bạc", "Quận Hoàn Kiếm"),
    ("Xã Tân Lập", "Huyện Đan Phượng"),
    ("Phường 7", "Quận 3"),
    ("Xã Hòa Phong", "Huyện Hòa Vang"),
    ("Thị trấn Phong Điền", "Huyện Phong Điền"),
    ("Xã Mường Lống", "Huyện Kỳ Sơn"),
]
MODELS = [
    "Mô hình “Khu dân cư an toàn về an ninh, trật tự”",
    "Mô hình “Camera an ninh kết nối cộng đồng”",
    "Mô hình “Tổ tư vấn pháp luật cho công nhân”",
    "Mô hình “Trường học an toàn”",
]
PDF_STUB = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=HCM)


def _activities(unit: Unit, tasks: dict[str, Task], rng: random.Random, by: User) -> None:
    rows = []
    for _ in range(rng.randint(18, 36)):
        code = rng.choice(["3.1", "3.1", "3.1", "3.2", "3.2", "5", "6.2", "7", "8.1", "10"])
        title, form, groups, topics = rng.choice(ACTIVITIES[code])
        commune, district = rng.choice(PLACES)
        start = date(2024, 1, 8) + timedelta(days=rng.randint(0, 320))
        participants = rng.choice([40, 60, 80, 120, 150, 200, 350, 500])
        rows.append(
            (
                Activity(
                    unit=unit,
                    task=tasks[code],
                    start_date=start,
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
                ),
                groups,
            )
        )
    activities_create_many(by=by, rows=[({f: getattr(a, f) for f in ACTIVITY_FIELDS}, groups) for a, groups in rows])


def _records(unit: Unit, plan: Plan, tasks: dict, rng: random.Random, code: str, fate: str) -> None:
    """The unit's pilot model, training course and (unless it has done nothing) its own plan."""
    reporter = User.objects.get(username=f"ca{code}.reporter")
    leader = User.objects.get(username=f"ca{code}.leader")
    _activities(unit, tasks, rng, reporter)
    pilot_model_save(
        by=reporter,
        values={
            "plan": plan,
            "name": rng.choice(MODELS),
            "place": rng.choice(PLACES)[0],
            "target_group": "public",
            "start_date": date(2024, 3, rng.randint(1, 28)),
            "status": rng.choice(["running", "evaluated"]),
        },
    )
    training_save(
        by=reporter,
        values={
            "task": tasks["8.2b"],
            "title": "Tập huấn kỹ năng tuyên truyền cho Công an xã, phường",
            "start_date": date(2024, rng.randint(4, 9), 10),
            "participants": rng.choice([45, 60, 80]),
        },
    )
    if fate != "none" and not UnitPlan.objects.filter(unit=unit, plan=plan).exists():
        unit_plan_submit(
            by=leader,
            plan=plan,
            number=f"{rng.randint(10, 99)}/KH-CA{code}",
            signed_on=date(2024, 2, 20),
            signer="Đại tá " + rng.choice(["Nguyễn Văn Hùng", "Trần Minh Tuấn", "Lê Thị Hoa"]),
            upload=ContentFile(PDF_STUB, name="ke-hoach.pdf"),
            at=_at(date(2024, 2, rng.randint(19, 28))),
        )


def _report(plan: Plan, tasks: dict, rng: random.Random, leader: User, reviewer: User, fate: str) -> None:
    """The unit's results report, written, then sent, returned or accepted as ``fate`` says."""
    report = report_create(by=leader, plan=plan)
    entries = [
        {"task": tasks[c], "results": text, "difficulties": "", "proposals": ""}
        for c, text in (
            ("3.1", "Tổ chức nhiều hình thức tuyên truyền trực tiếp và trên môi trường mạng."),
            ("4.1", "Xây dựng và duy trì 01 mô hình điểm."),
            ("8.2b", "Tập huấn cho cán bộ Công an xã, phường."),
        )
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
        return
    report_submit(report=report, by=leader, at=_at(date(2024, 12, rng.randint(2, 13)), 15))
    if fate == "returned":
        report_return(
            report=report,
            by=reviewer,
            at=_at(date(2024, 12, 16)),
            comment="Đề nghị bổ sung số liệu mô hình điểm (nhiệm vụ 4.1) và kết quả tập huấn.",
        )
    elif fate == "accepted":
        report_accept(report=report, by=reviewer, at=_at(date(2024, 12, 17)))


@transaction.atomic
def demo_data_seed() -> int:
    """Seed the demo units; returns how many units were filled now (0 when already seeded)."""
    plan = Plan.objects.filter(number=PLAN_NUMBER).first()
    if plan is None:
        return 0
    tasks = {t.code: t for t in Task.objects.filter(group__plan=plan)}
    reviewer = User.objects.get(username="v03.reviewer")
    filled = 0
    for code, fate in DEMO_UNITS:
        unit = Unit.objects.get(key=f"ca{code}")
        if Activity.objects.filter(unit=unit).exists():
            continue
        filled += 1
        rng = random.Random(f"demo-{code}")
        _records(unit, plan, tasks, rng, code, fate)
        if fate != "none" and not AnnualReport.objects.filter(unit=unit, plan=plan).exists():
            _report(plan, tasks, rng, User.objects.get(username=f"ca{code}.leader"), reviewer, fate)
    return filled
