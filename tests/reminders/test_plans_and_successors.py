"""reminders/scan.py over the years: every published plan's open obligations, never a draft's; a
merged unit's open obligations go to the people of the unit that took it over."""

from datetime import date

from accounts.models import Unit, User
from plans.models import Plan
from reminders.models import ReminderKind
from reminders.scan import reminders_due
from tasks.models import Obligation
from tasks.obligations.services import obligations_sync
from tests.conftest import make_user
from tests.later_plans import plan_2026


def keys(result, user) -> set[tuple[str, str, str]]:
    return {(i.obligation.unit.key, i.obligation.deliverable.key, i.kind) for i in result.planned.get(user.pk, [])}


def test_a_successor_is_reminded_of_what_its_predecessors_still_owe(plan):
    leader = make_user("ca08.leader", role=User.Role.LEADER, unit=Unit.objects.get(key="ca08-2025"))
    Obligation.objects.filter(deliverable__plan=plan).exclude(unit__key__in=["ca02", "ca08"]).delete()
    due = keys(reminders_due(day=date(2026, 12, 1)), leader)
    assert ("ca02", "bao-cao-ket-qua", ReminderKind.OVERDUE) in due  # Hà Giang's 2024 report
    assert ("ca08", "bao-cao-ket-qua", ReminderKind.OVERDUE) in due
    assert {unit for unit, _key, _kind in due} == {"ca02", "ca08"}


def test_every_published_plan_and_never_a_draft(plan):
    draft = plan_2026(plan, publish=False)
    leader = make_user("ca01.leader", role=User.Role.LEADER, unit=Unit.objects.get(key="ca01-2025"))
    due = keys(reminders_due(day=date(2026, 12, 1)), leader)
    assert due and all(unit == "ca01" for unit, _key, _kind in due)  # 2024's, overdue
    Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.PUBLISHED)
    obligations_sync(plan=Plan.objects.get(pk=draft.pk))
    due = keys(reminders_due(day=date(2026, 12, 1)), leader)
    assert ("ca01-2025", "bao-cao-ket-qua", ReminderKind.UPCOMING) in due
    Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.DRAFT)  # back to a draft: not reminded
    assert all(unit == "ca01" for unit, _key, _kind in keys(reminders_due(day=date(2026, 12, 1)), leader))
