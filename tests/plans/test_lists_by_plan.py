"""Every list that spans plans takes ``?plan=`` (the API) with two plans loaded: 2024's and 2026's.
Hà Nội's people (a unit of 2025, which took over Hà Nội of 2024) have records under both."""

from datetime import date

import pytest

from accounts.models import Unit, User
from plans.models import Task
from reminders.scan import reminders_scan
from reports.annual.services import report_create
from tasks.models import Obligation
from tasks.unit_plans.services import unit_plan_submit
from tests.conftest import make_user
from tests.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory
from tests.files import PDF, upload

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def records(plan, plan_2026):
    """One record of each kind under each plan, Hà Nội of 2024's and Hà Nội of 2025's."""
    old, new = Unit.objects.get(key="ca01"), Unit.objects.get(key="ca01-2025")
    leader = make_user("hn.leader", role=User.Role.LEADER, unit=new)
    for p, unit, day in ((plan, old, date(2024, 5, 10)), (plan_2026, new, date(2026, 5, 10))):
        tasks = {t.code: t for t in Task.objects.filter(group__plan=p)}
        ActivityFactory(unit=unit, task=tasks["3.1"], start_date=day)
        PilotModelFactory(unit=unit, plan=p, start_date=day)
        TrainingCourseFactory(unit=unit, task=tasks["8.2b"], start_date=day)
        report_create(by=leader, plan=p, unit=unit)
        unit_plan_submit(
            by=leader, unit=unit, plan=p, number="1/KH", signed_on=day, signer="A", upload=upload("k.pdf", PDF)
        )
    reminders_scan(day=date(2026, 12, 1))  # 2024's overdue, 2026's due in 14 days
    return leader


LISTS = ["obligations", "activities", "reports", "pilot-models", "training-courses", "unit-plans", "reminders"]


@pytest.mark.parametrize("name", LISTS)
def test_each_list_narrows_to_the_plan_asked_for(api_as, plan, plan_2026, records, reviewer, name):
    for user in (records, reviewer):
        client = api_as(user)
        everything = client.get(f"/api/v1/{name}/?page_size=500").json()["count"]
        old = client.get(f"/api/v1/{name}/?plan={plan.pk}&page_size=500").json()["count"]
        new = client.get(f"/api/v1/{name}/?plan={plan_2026.pk}&page_size=500").json()["count"]
        assert old > 0 and new > 0, (name, user.username)
        assert old + new == everything, name


def test_the_obligations_of_each_plan_are_of_its_units(api_as, plan, plan_2026, records):
    client = api_as(records)
    old = client.get(f"/api/v1/obligations/?plan={plan.pk}&page_size=500").json()["results"]
    new = client.get(f"/api/v1/obligations/?plan={plan_2026.pk}&page_size=500").json()["results"]
    hanoi_2024, hanoi_2025 = Unit.objects.get(key="ca01").pk, Unit.objects.get(key="ca01-2025").pk
    assert {o["unit"]["id"] for o in old} == {hanoi_2024}
    assert {o["unit"]["id"] for o in new} == {hanoi_2025}
    assert len(new) == Obligation.objects.filter(deliverable__plan=plan_2026, unit_id=hanoi_2025).count()


def test_drafts_are_not_listed_for_units(api_as, plan, reporter, reviewer):
    from tests.later_plans import plan_2026

    draft = plan_2026(plan, publish=False)
    assert [p["number"] for p in api_as(reporter).get("/api/v1/plans/").json()["results"]] == [plan.number]
    assert api_as(reporter).get(f"/api/v1/plans/{draft.pk}/").status_code == 404
    numbers = {p["number"]: p["status"] for p in api_as(reviewer).get("/api/v1/plans/").json()["results"]}
    assert numbers == {plan.number: "published", draft.number: "draft"}
