"""The demo's plan for the current year: Decision 762 carried into the year the demo is made
(``plans.cloning.plan_clone``), numbered and titled as a demo copy so that nobody takes it for a
real decision, published over the units valid that year (the 34 provinces and the departments), and
filled up to the day before the demo is made: a dozen provinces with their activities and their
reports in every state of the review, the other units about where a unit would be by then."""

import random
from datetime import date, timedelta

from accounts.demo import demo_unit_users
from accounts.models import Unit, User
from plans.cloning import plan_clone
from plans.models import Plan, Task
from tasks.activities.models import Activity
from tasks.obligations.services import plan_publish

from .progress import Pace, progress_apply
from .records import activities_make, at, models_make, report_make, unit_plan_hand_in

# (province code from 01/07/2025, what happens to its report): every state of the review.
STORY_UNITS = [
    ("01", "submitted"),
    ("79", "accepted"),
    ("48", "returned"),
    ("08", "draft"),
    ("31", "accepted"),
    ("46", "submitted"),
    ("92", "draft"),
    ("38", "accepted"),
    ("22", "none"),
    ("75", "returned"),
    ("24", "submitted"),
    ("66", "none"),
]
CURRENT_PACE = Pace(late=0.04, never=0.02)


def demo_number(year: int) -> str:
    return f"DEMO-762/{year}"


def demo_title(source: Plan, year: int) -> str:
    return (
        f"[BẢN MẪU ĐỂ DÙNG THỬ – không phải quyết định thật] Kế hoạch {source.number} năm {source.year} "
        f"chuyển sang năm {year}"
    )


def demo_plan(*, source: Plan, today: date) -> Plan | None:
    """The published demo plan of ``today``'s year (made once), or None when ``source`` is already
    that year's plan (or a later one)."""
    year = today.year
    if year <= source.year:
        return None
    plan = Plan.objects.filter(number=demo_number(year)).first()
    if plan is None:
        signed = min(date(year, source.signed_on.month, source.signed_on.day), today)
        plan = plan_clone(
            source=source, year=year, number=demo_number(year), signed_on=signed, title=demo_title(source, year)
        ).plan
    plan_publish(plan=plan)
    return plan


def _story_unit(unit: Unit, fate: str, *, plan: Plan, tasks: dict, today: date, reviewer: User) -> bool:
    """A province's year so far: activities up to yesterday, a model and a course, its plan handed
    in when that day has come, its report as ``fate`` says."""
    if Activity.objects.filter(unit=unit, task__group__plan=plan).exists():
        return False
    rng = random.Random(f"demo-{plan.year}-{unit.province_code}")
    leader, reporter = demo_unit_users(unit)
    yesterday = today - timedelta(days=1)
    first, last = plan.report_window_start, min(yesterday, plan.report_window_end)
    elapsed = max((last - first).days, 0) / 365
    activities_make(
        unit=unit, by=reporter, tasks=tasks, rng=rng, first=first, last=last, count=max(3, int(32 * elapsed))
    )
    models_make(unit=unit, plan=plan, tasks=tasks, by=reporter, rng=rng, first=max(first, plan.period_start), last=last)
    handed = plan.unit_plan_deliverable()
    if fate != "none" and handed is not None:
        day = min(handed.due_date - timedelta(days=rng.randint(2, 9)), yesterday)
        if day >= plan.signed_on:
            unit_plan_hand_in(unit=unit, plan=plan, by=leader, rng=rng, on=day)
    sent = max(yesterday - timedelta(days=rng.randint(2, 9)), first)
    reviewed = at(min(sent + timedelta(days=1), yesterday), 16)
    report_make(
        unit=unit,
        plan=plan,
        tasks=tasks,
        leader=leader,
        reviewer=reviewer,
        fate=fate,
        sent=at(sent, 15),
        reviewed=reviewed,
    )
    return True


def current_year_seed(*, source: Plan, today: date, reviewer: User) -> tuple[Plan | None, int]:
    """The demo plan of the current year and its records up to yesterday; (plan, units filled now)."""
    plan = demo_plan(source=source, today=today)
    if plan is None:
        return None, 0
    tasks = {t.code: t for t in Task.objects.filter(group__plan=plan)}
    provinces = Unit.objects.valid_on(today).filter(kind=Unit.Kind.PROVINCE)
    story = {u.province_code: u for u in provinces.filter(province_code__in=[c for c, _f in STORY_UNITS])}
    filled = 0
    for code, fate in STORY_UNITS:
        if code in story:
            filled += _story_unit(story[code], fate, plan=plan, tasks=tasks, today=today, reviewer=reviewer)
    progress_apply(
        plan=plan,
        today=today,
        reviewer=reviewer,
        pace=CURRENT_PACE,
        keep_submissions={u.pk for u in story.values()},
        seed="demo-current",
    )
    return plan, filled
