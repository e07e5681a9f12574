"""The reminder log in the web pages (reminders/pages.py): scoped as the API, searched, filtered,
sorted, exported, in a fixed number of queries."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reminders.delivery import reminder_email_deliver
from reminders.models import Reminder
from tests.reminders.helpers import scan_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(leader, reporter, other_leader, reviewer, settings):
    settings.REMINDER_INCLUDE_REPORTERS = True
    result = scan_on(date(2024, 12, 15))
    for email_id in result.email_ids:
        reminder_email_deliver(email_id=email_id)
    return result


def rows(response) -> list[Reminder]:
    return list(response.context["list"].page.paginator.object_list)


def test_each_user_sees_what_the_api_shows(client_as, logged, leader, reporter, other_leader, reviewer):
    assert {r.pk for r in rows(client_as(leader).get("/nhac-han/"))} == set(
        Reminder.objects.filter(unit=leader.unit, recipient__unit=leader.unit).values_list("pk", flat=True)
    )
    assert {r.recipient_id for r in rows(client_as(reporter).get("/nhac-han/"))} == {reporter.pk}
    assert len(rows(client_as(reviewer).get("/nhac-han/"))) == Reminder.objects.count()
    page = client_as(leader).get("/nhac-han/").content.decode()
    assert "Các lần nhắc hạn đã gửi" in page and "Quá hạn" in page


def test_filters_sort_and_export(client_as, logged, reviewer):
    client = client_as(reviewer)
    overdue = rows(client.get("/nhac-han/", {"kind": "overdue"}))
    assert overdue and {r.kind for r in overdue} == {"overdue"}
    hanoi = rows(client.get("/nhac-han/", {"q": "Hà Nội"}))
    assert hanoi and {r.unit.key for r in hanoi} == {"ca01"}
    assert rows(client.get("/nhac-han/", {"date_from": "16/12/2024"})) == []
    by_due = rows(client.get("/nhac-han/", {"sort": "due_date"}))
    assert [r.due_date for r in by_due] == sorted(r.due_date for r in by_due)
    response = client.get("/nhac-han/", {"kind": "overdue", "format": "xlsx"})
    sheet = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert sheet[0] == ("Ngày", "Đơn vị", "Người nhận", "Loại", "Nhiệm vụ", "Hạn", "Thư điện tử")
    assert len(sheet) == len(overdue) + 1


def test_a_fixed_number_of_queries(client_as, leader, reporter, other_leader, reviewer, settings):
    client = client_as(reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/nhac-han/", {"sort": "-day"}).status_code == 200
        return len(ctx)

    settings.REMINDER_INCLUDE_REPORTERS = False
    scan_on(date(2024, 12, 8))
    few = queries()
    settings.REMINDER_INCLUDE_REPORTERS = True
    scan_on(date(2024, 12, 15))
    assert Reminder.objects.count() > 10
    assert queries() == few
