"""``manage.py seed_demo`` (demo/): 2024's story kept, a demo plan for the year it runs, every
record dated up to the day before it runs, and a first reminder scan of a sensible size."""

import random
from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from accounts.models import Unit, User
from demo.records import model_place
from plans.models import Plan
from reminders.models import ReminderKind
from reminders.scan import reminders_due
from reports.annual.models import AnnualReport
from tasks.models import Activity, Obligation, PilotModel
from tests.registry import DEPARTMENTS

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EVERY_STATE = {"draft", "submitted", "returned", "accepted"}


def seed_on(day: date, settings):
    settings.DEBUG = True
    with time_machine.travel(datetime(day.year, day.month, day.day, 8, tzinfo=TZ), tick=False):
        call_command("seed_demo", verbosity=0)
        return reminders_due(day=day)


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()


def test_seed_on_1_december_2026_is_idempotent_and_lives_today(db, settings):
    due = seed_on(date(2026, 12, 1), settings)
    counts = (User.objects.count(), Activity.objects.count(), AnnualReport.objects.count(), Obligation.objects.count())
    completed = Obligation.objects.filter(completed_at__isnull=False).count()
    seed_on(date(2026, 12, 1), settings)
    assert (
        User.objects.count(),
        Activity.objects.count(),
        AnnualReport.objects.count(),
        Obligation.objects.count(),
    ) == counts
    assert Obligation.objects.filter(completed_at__isnull=False).count() == completed

    # The demo users belong to the units valid today; the 2024 sign-ins still work.
    assert User.objects.get(username="v03.reviewer").unit.key == "v03"
    assert User.objects.get(username="ca01.leader").unit.key == "ca01-2025"
    assert {User.objects.get(username=f"ca{c}.reporter").unit.key for c in ("79", "74", "77")} == {"ca79-2025"}
    assert User.objects.get(username="ca02.leader").unit.name == "Công an tỉnh Tuyên Quang"
    assert User.objects.get(username="ca01.reporter").check_password(settings.DEMO_PASSWORD)
    provinces_2025 = Unit.objects.valid_on(date(2026, 12, 1)).filter(kind=Unit.Kind.PROVINCE)
    assert all(User.objects.filter(unit=u, role="leader").exists() for u in provinces_2025)
    assert User.objects.filter(username__endswith=".leader", unit__kind="department").count() == DEPARTMENTS

    # 2024 kept: its story, Hà Nội's draft, Hà Giang's report still owed (now Tuyên Quang's).
    old = Plan.objects.get(number="762/QĐ-BCA-V03")
    assert set(AnnualReport.objects.filter(plan=old).values_list("status", flat=True)) >= EVERY_STATE
    hanoi = AnnualReport.objects.get(unit__key="ca01", plan=old)
    assert hanoi.status == "draft" and Activity.objects.filter(unit__key="ca01").count() > 10
    assert not AnnualReport.objects.filter(unit__key="ca02", plan=old).exists()
    sent = Obligation.objects.filter(
        deliverable__plan=old, deliverable__kind="annual_report", completed_at__isnull=False
    )
    assert sent.exists()

    # This year's demo plan: a copy, named as one, over the 34 provinces, reports in every state.
    demo = Plan.objects.get(number="DEMO-762/2026")
    assert demo.status == "published" and demo.cloned_from == old and "BẢN MẪU" in demo.title
    owing = Unit.objects.filter(obligations__deliverable__plan=demo).distinct()
    assert owing.filter(kind="province").count() == 34 and not owing.filter(valid_to__lt=date(2026, 1, 1)).exists()
    assert set(AnnualReport.objects.filter(plan=demo).values_list("status", flat=True)) >= EVERY_STATE
    assert not Activity.objects.filter(task__group__plan=demo, start_date__gte=date(2026, 12, 1)).exists()

    # Every pilot model stands in its unit's own province (not Cần Thơ's model in a Hà Nội ward).
    models = PilotModel.objects.select_related("unit")
    assert models.count() > 20
    assert all(m.place.endswith(m.unit.province_name or "Hà Nội") for m in models), [
        (m.unit.name, m.place) for m in models if not m.place.endswith(m.unit.province_name or "Hà Nội")
    ]

    # The first reminder scan: a handful per person, the reports due in 14 days, a few overdue.
    items = [item for items in due.planned.values() for item in items]
    assert 0 < len(items) < 150 and max(len(v) for v in due.planned.values()) <= 15
    overdue = [i for i in items if i.kind == ReminderKind.OVERDUE]
    assert 0 < len(overdue) <= 25
    upcoming = Counter(i.obligation.deliverable.key for i in items if i.kind == ReminderKind.UPCOMING)
    assert set(upcoming) == {"bao-cao-ket-qua"}


def test_seed_on_another_day_dates_everything_from_that_day(db, settings):
    day = date(2027, 3, 10)
    due = seed_on(day, settings)
    demo = Plan.objects.get(number="DEMO-762/2027")
    assert demo.year == 2027 and not Plan.objects.filter(number="DEMO-762/2026").exists()
    unit_plan = demo.deliverables.get(key="unit-plan")
    assert unit_plan.due_date == date(2027, 2, 28)
    now = datetime(2027, 3, 10, 8, tzinfo=TZ)
    states = Counter(o.deadline_state(now) for o in Obligation.objects.filter(deliverable=unit_plan))
    assert states["done_on_time"] > 30 and 0 < states["overdue"] <= 10
    report_due = Obligation.objects.filter(deliverable__plan=demo, deliverable__key="bao-cao-ket-qua")
    assert all(o.deadline_state(now) in ("not_yet_due", "done_on_time") for o in report_due)
    assert not Obligation.objects.filter(deliverable__plan=demo, completed_at__gte=now).exists()
    assert not Activity.objects.filter(task__group__plan=demo, start_date__gte=day).exists()
    items = [item for items in due.planned.values() for item in items]
    assert 0 < len(items) < 80


@pytest.mark.parametrize("valid_on", [date(2024, 6, 1), date(2026, 6, 1)])
def test_a_demo_pilot_models_place_is_in_its_units_province(db, valid_on):
    """Before and after the 2025 merger, every province's model is placed in that province."""
    rng = random.Random(1)
    provinces = Unit.objects.valid_on(valid_on).filter(kind=Unit.Kind.PROVINCE)
    places = {u.province_name: model_place(u, rng) for u in provinces}
    assert len(places) in (63, 34)
    assert all(place.endswith(province) for province, place in places.items()), places
    assert places["Cần Thơ"] == "Phường Cái Khế, Thành phố Cần Thơ"
    assert places["Hà Nội"].endswith(", Thành phố Hà Nội") and places["Hà Nội"].startswith(("Phường", "Xã"))
    assert "Trên địa bàn tỉnh Thanh Hóa" in places.values()
