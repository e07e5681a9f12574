"""reminders/api.py: the reminder log at /api/v1/reminders/, scoped to the user."""

from datetime import date

import pytest

from reminders.delivery import reminder_email_deliver
from reminders.models import Reminder
from tests.reminders.helpers import scan_on

# --- the log in the API ---------------------------------------------------------------------------


@pytest.fixture
def logged(leader, reporter, other_leader, reviewer, settings):
    settings.REMINDER_INCLUDE_REPORTERS = True
    result = scan_on(date(2024, 12, 15))
    for email_id in result.email_ids:
        reminder_email_deliver(email_id=email_id)
    return result


@pytest.mark.django_db
def test_api_log_is_scoped(api_as, logged, leader, reporter, other_leader, reviewer):
    def ids(user, query=""):
        r = api_as(user).get(f"/api/v1/reminders/?page_size=1000{query}")
        assert r.status_code == 200
        return {row["id"] for row in r.json()["results"]}, r.json()

    unit_rows = set(Reminder.objects.filter(unit=leader.unit, recipient__unit=leader.unit).values_list("pk", flat=True))
    assert ids(leader)[0] == unit_rows  # the leader's and the reporter's reminders of ca01
    assert ids(reporter)[0] == set(Reminder.objects.filter(recipient=reporter).values_list("pk", flat=True))
    assert ids(other_leader)[0] == set(Reminder.objects.filter(recipient=other_leader).values_list("pk", flat=True))
    everything, _ = ids(reviewer)
    assert len(everything) == Reminder.objects.count()

    someone_else = Reminder.objects.filter(recipient=other_leader).first()
    assert api_as(leader).get(f"/api/v1/reminders/{someone_else.pk}/").status_code == 404
    _, body = ids(leader, f"&recipient={leader.pk}&status=sent")
    row = body["results"][0]
    assert row["status"] == "sent" and row["status_display"] == "Đã gửi"
    assert row["unit"]["key"] == "ca01" and row["recipient"]["username"] == "ca01.leader"
    assert row["deadline"] in ("trước ngày 15/12/2024", "trước ngày 29/02/2024")


@pytest.mark.django_db
def test_api_log_query_count_does_not_grow_with_rows(api_as, logged, reviewer, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        r = api_as(reviewer).get("/api/v1/reminders/?page_size=10")
    assert r.status_code == 200
    with django_assert_max_num_queries(4):
        r = api_as(reviewer).get("/api/v1/reminders/?page_size=200")
    assert len(r.json()["results"]) == Reminder.objects.count() > 100
