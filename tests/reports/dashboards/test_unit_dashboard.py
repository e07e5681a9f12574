"""A unit's dashboard (reports/dashboards/selectors.py unit_deadline_groups): what it owes, by when
and how far it is: obligations grouped by deadline state, the next deadline first, days left or late
counted as the reminder emails count them, the task's activities and participants, the progress
toward a target, and a link to log an activity for the task."""

from datetime import date, datetime

import pytest
import time_machine

from reminders.digest import digest_row
from reports.dashboards.selectors import unit_deadline_groups
from tasks.models import Obligation
from tests.factories import ActivityFactory, PilotModelFactory, task
from tests.pages import text
from tests.reports.data import TZ

pytestmark = pytest.mark.django_db
DAY = datetime(2024, 12, 10, 9, 0, tzinfo=TZ)


@time_machine.travel(DAY, tick=False)
def test_the_next_deadline_first_then_what_is_late(unit, plan):
    ActivityFactory(participants=300)
    ActivityFactory(participants=50)
    PilotModelFactory(status="running")
    groups = unit_deadline_groups(unit=unit, plan=plan, at=DAY)
    assert [g.state for g in groups] == ["due_soon", "overdue", "not_yet_due"]
    report = groups[0].rows[0]
    assert report.obligation.deliverable.code == "III.3"
    assert report.days_text == "còn 5 ngày"  # due before 15/12
    late = groups[1].rows
    assert late[0].obligation.deliverable.code == "1.1"  # 29/02/2024: the most days late first
    assert late[0].days_late == (date(2024, 12, 10) - date(2024, 2, 29)).days + 1
    assert [r.days_late for r in late] == sorted((r.days_late for r in late), reverse=True)
    rows = {r.obligation.deliverable.code: r for g in groups for r in g.rows}
    assert (rows["3.1"].activities, rows["3.1"].participants) == (2, 350)
    assert rows["3.1"].can_log and not rows["III.3"].can_log
    assert (rows["4.1"].target.done, rows["4.1"].target.required) == (1, 1)
    assert rows["3.1"].target is None


@time_machine.travel(DAY, tick=False)
def test_days_are_counted_as_the_reminders_count_them(unit, plan):
    groups = unit_deadline_groups(unit=unit, plan=plan, at=DAY)
    for row in (r for g in groups for r in g.rows if r.state in ("overdue", "due_soon", "not_yet_due")):
        obligation = Obligation.objects.select_related("unit", "deliverable__task", "deliverable__plan").get(
            pk=row.obligation.pk
        )
        assert row.days_text == digest_row(obligation, day=date(2024, 12, 10)).days_text


@time_machine.travel(DAY, tick=False)
def test_the_dashboard_page(client_as, reporter, reviewer, unit, plan):
    page = text(client_as(reporter).get("/"))
    assert "Hạn gần nhất: <strong>III.3</strong>, trước ngày 15/12/2024 (còn 5 ngày)." in page
    assert 'href="/hoat-dong/them/?task=3.1"' in page
    assert page.index("Sắp đến hạn (1)") < page.index("Quá hạn (") < page.index("Chưa đến hạn (")
    assert '<progress max="1" value="0"' in page  # 4.1: at least one pilot model
    assert "quá hạn 286 ngày" in page  # 1.1, due before 29/02/2024
    assert 'href="/hoat-dong/them/?task=' not in text(client_as(reviewer).get(f"/don-vi/{unit.pk}/"))
    assert task("3.1").code == "3.1"
