"""Demo data for `manage.py seed_demo`, made through the services and relative to the day it runs:

- **2024** (Decision 762): a dozen provincial police units with a year of activities, pilot models,
  training courses, their own plans and results reports in every state of the review; the rest of
  the units handed in and reported as most units do. What the story leaves undone stays undone and
  overdue: Hà Giang's report (``ca02``), never sent, is now Tuyên Quang's to send.
- **the current year** (``demo.current``): Decision 762 carried into this year as a demo copy,
  numbered ``DEMO-762/YYYY``, over the 34 provinces and the departments, filled up to yesterday.
- **the years between** (a demo plan of an earlier year, when the demo is made again a year later):
  closed as the units would have closed them.

Deterministic (fixed random seeds, drawn per unit and per obligation) and idempotent: what exists is
left alone, what the day now calls for is added."""

import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_unit_users
from accounts.models import Unit, User
from plans.models import Plan, Task
from tasks.activities.models import Activity

from .current import current_year_seed
from .progress import Pace, progress_apply
from .records import activities_make, at, models_make, report_make, unit_plan_hand_in

PLAN_NUMBER = "762/QĐ-BCA-V03"

# (2024 province code, what happens to its report)
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
PAST_PACE = Pace(late=0.08, never=0.0)  # a year gone by: all done, some of it late


def _story_2024(plan: Plan, reviewer: User) -> int:
    """The dozen units of 2024 (``DEMO_UNITS``), each once."""
    tasks = {t.code: t for t in Task.objects.filter(group__plan=plan)}
    filled = 0
    for code, fate in DEMO_UNITS:
        unit = Unit.objects.get(key=f"ca{code}")
        if Activity.objects.filter(unit=unit, task__group__plan=plan).exists():
            continue
        filled += 1
        rng = random.Random(f"demo-{code}")
        leader, reporter = demo_unit_users(unit)
        activities_make(
            unit=unit,
            by=reporter,
            tasks=tasks,
            rng=rng,
            first=date(2024, 1, 8),
            last=date(2024, 11, 23),
            count=rng.randint(18, 36),
        )
        models_make(
            unit=unit, plan=plan, tasks=tasks, by=reporter, rng=rng, first=date(2024, 3, 1), last=date(2024, 9, 28)
        )
        if fate != "none":
            unit_plan_hand_in(unit=unit, plan=plan, by=leader, rng=rng, on=date(2024, 2, rng.randint(19, 28)))
        report_make(
            unit=unit,
            plan=plan,
            tasks=tasks,
            leader=leader,
            reviewer=reviewer,
            fate=fate,
            sent=at(date(2024, 12, rng.randint(2, 13)), 15),
            reviewed=at(date(2024, 12, 17 if fate == "accepted" else 16)),
        )
    return filled


def _years_gone_by(*, today: date, reviewer: User, story: set[int]) -> None:
    """Every published plan of a year before this one, closed as its units would have closed it;
    the 2024 story units keep their own ending."""
    for plan in Plan.objects.published().filter(year__lt=today.year).order_by("year"):
        keep = story if plan.number == PLAN_NUMBER else set()
        progress_apply(plan=plan, today=today, reviewer=reviewer, pace=PAST_PACE, keep_submissions=keep, seed="demo")


@transaction.atomic
def demo_data_seed(*, today: date | None = None) -> int:
    """Seed the demo (see the module's docstring) as of ``today`` (default: today in TIME_ZONE);
    returns how many units were filled now (0 when already seeded)."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(number=PLAN_NUMBER).first()
    if plan is None:
        return 0
    reviewer = User.objects.get(username="v03.reviewer")
    filled = _story_2024(plan, reviewer)
    _plan, current = current_year_seed(source=plan, today=today, reviewer=reviewer)
    story = set(Unit.objects.filter(key__in=[f"ca{code}" for code, _fate in DEMO_UNITS]).values_list("pk", flat=True))
    _years_gone_by(today=today, reviewer=reviewer, story=story)
    return filled + current
