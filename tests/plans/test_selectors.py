"""Which plan a page follows (plans/selectors.py ``plan_in_force``): the picker's choice, ``?plan=``,
else the published plan of the current year, else the latest published."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import Http404
from django.test import RequestFactory

from accounts.models import User
from plans.models import Plan
from plans.selectors import default_plan, plan_in_force
from tests.later_plans import plan_2026

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def request_as(user, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    return request


@time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=TZ), tick=False)
def test_the_plan_of_this_year_else_the_latest(plan):
    assert plan_in_force() == plan  # 2024's is the latest published
    draft = plan_2026(plan, publish=False)
    assert plan_in_force() == plan  # a draft is never in force
    draft.status = Plan.Status.PUBLISHED
    draft.save()
    assert plan_in_force() == draft
    with time_machine.travel(datetime(2024, 6, 1, tzinfo=TZ), tick=False):
        assert default_plan() == plan  # the year's own plan, though a later one exists


def test_the_pickers_choice_then_the_query_win(plan, plan_2026, reporter):
    assert plan_in_force(user=reporter) == plan_2026
    reporter.chosen_plan = plan
    reporter.save()
    assert plan_in_force(request=request_as(reporter)) == plan
    assert plan_in_force(request=request_as(reporter, plan=plan_2026.pk)) == plan_2026
    assert plan_in_force(request=request_as(reporter, plan="x")) == plan  # junk is ignored


def test_drafts_only_for_reviewers(plan, reporter, reviewer):
    draft = plan_2026(plan, publish=False)
    assert plan_in_force(request=request_as(reporter, plan=draft.pk)) == plan
    assert plan_in_force(request=request_as(reviewer, plan=draft.pk)) == draft
    assert set(Plan.objects.visible_to(reporter)) == {plan}
    assert set(Plan.objects.visible_to(reviewer)) == {plan, draft}


@pytest.mark.django_db
def test_no_plan_loaded_answers_404():
    Plan.objects.all().update(status=Plan.Status.DRAFT)
    with pytest.raises(Http404):
        plan_in_force(user=User(username="x"))
