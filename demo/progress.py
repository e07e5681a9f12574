"""How far the demo's units have got with a plan on a given day: each obligation gets a planned day
of completion (mostly before its deadline, some after it, a few never), and what is planned before
the day the demo is made is done, through the services: the unit's own plan handed in, its results
report sent and accepted, the other obligations completed on their day. The same rule closes the
years gone by (everything planned is done) and brings the current year up to today.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from accounts.demo import demo_unit_users
from accounts.models import Unit, User
from plans.models import Deliverable, Plan, Task
from reports.annual.models import AnnualReport
from tasks.activities.models import Activity
from tasks.obligations.models import Obligation
from tasks.obligations.services import obligations_complete_at
from tasks.unit_plans.models import UnitPlan

from .records import activities_make, at, report_make, unit_plan_hand_in

SUBMISSIONS = (Deliverable.Kind.UNIT_PLAN, Deliverable.Kind.ANNUAL_REPORT)


@dataclass
class Pace:
    """Shares of the obligations done late and never done (the rest is done on time)."""

    late: float = 0.06
    never: float = 0.0


def planned_day(rng: random.Random, deliverable: Deliverable, pace: Pace) -> date | None:
    """When a unit completes ``deliverable``: before its due date (a window's work spread over the
    window's later part, a "before D" deadline in the three weeks before D), after it for
    ``pace.late`` of them, never for ``pace.never``."""
    draw = rng.random()
    if draw < pace.never:
        return None
    due = deliverable.due_date
    if draw < pace.never + pace.late:
        return due + timedelta(days=rng.randint(1, 25))
    if deliverable.window_start:  # a window's work: done from two fifths of it to a fortnight before its end
        first = deliverable.window_start + (due - deliverable.window_start) * 2 // 5
        last = due - timedelta(days=16)
    else:  # "before D": in the three weeks before D
        first, last = due - timedelta(days=21), due - timedelta(days=1)
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def progress_apply(
    *, plan: Plan, today: date, reviewer: User, pace: Pace, keep_submissions: set[int], seed: str
) -> int:
    """Bring the plan's open obligations to where ``pace`` says they are the day before ``today``;
    the units in ``keep_submissions`` hand in their plan and report as their own story says, not
    here. Returns how many obligations were completed."""
    yesterday = today - timedelta(days=1)
    open_ones = (
        Obligation.objects.filter(deliverable__plan=plan, completed_at__isnull=True)
        .exclude(unit_id__in=keep_submissions, deliverable__kind__in=SUBMISSIONS)
        .select_related("deliverable", "unit")
        .order_by("unit__kind", "unit__province_code", "unit_id", "deliverable__order")
    )
    completions, submissions = {}, []
    for obligation in open_ones:
        # One draw per obligation, from its own names: the same day whenever the demo is made again.
        rng = random.Random(f"{seed}-{plan.number}-{obligation.unit.key}-{obligation.deliverable.key}")
        day = planned_day(rng, obligation.deliverable, pace)
        if day is None or day > yesterday:
            continue
        if obligation.deliverable.kind in SUBMISSIONS:
            submissions.append((obligation, day, rng))
        else:
            completions[obligation.pk] = at(day, 16)
    done = obligations_complete_at(completions=completions, by=reviewer)
    for obligation, day, rng in submissions:
        done += _hand_in(obligation, day, plan=plan, today=today, reviewer=reviewer, rng=rng)
    return done


def _hand_in(obligation: Obligation, day: date, *, plan: Plan, today: date, reviewer: User, rng) -> int:
    """The unit hands in its plan, or sends its report (accepted three days later if that day has
    come), on ``day``: a few activities first, as a unit that reports has done something."""
    unit: Unit = obligation.unit
    try:
        leader, reporter = demo_unit_users(unit)
    except LookupError:
        return 0
    if obligation.deliverable.kind == Deliverable.Kind.UNIT_PLAN:
        if UnitPlan.objects.filter(unit=unit, plan=plan).exists():
            return 0
        unit_plan_hand_in(unit=unit, plan=plan, by=leader, rng=rng, on=day)
        return 1
    if AnnualReport.objects.filter(unit=unit, plan=plan).exists():
        return 0
    tasks = {t.code: t for t in Task.objects.filter(group__plan=plan)}
    if not Activity.objects.filter(unit=unit, task__group__plan=plan).exists():
        first = max(plan.report_window_start, plan.period_start - timedelta(days=14))
        activities_make(
            unit=unit, by=reporter, tasks=tasks, rng=rng, first=first, last=min(day, today), count=rng.randint(3, 8)
        )
    reviewed = day + timedelta(days=3)
    fate = "accepted" if reviewed < today else "submitted"
    report_make(
        unit=unit,
        plan=plan,
        tasks=tasks,
        leader=leader,
        reviewer=reviewer,
        fate=fate,
        sent=at(day, 15),
        reviewed=at(reviewed, 10),
    )
    return 1
