"""The activities API (tasks/activities/api.py, serializers.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.models import Activity
from tests.factories import ActivityFactory


def test_bad_activity_input_answers_400_in_vietnamese_and_saves_nothing(api_as, reporter, plan):
    from tests.factories import task

    before = Activity.objects.count()
    response = api_as(reporter).post(
        "/api/v1/activities/",
        {
            "task": task("3.1").pk,
            "start_date": "20/05/2024",
            "end_date": "10/05/2024",
            "title": "X",
            "form": "direct",
            "participants": -5,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "participants" in response.json()
    response = api_as(reporter).post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "20/05/2024", "end_date": "10/05/2024", "title": "X", "form": "direct"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["end_date"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert Activity.objects.count() == before


def test_a_created_activity_is_answered_as_it_reads_back(api_as, reporter):
    """The 201's body and ETag are those a GET of the activity gives (the answer is made from what
    was written, without reading it again)."""
    from tests.factories import task

    api = api_as(reporter)
    body = {
        "task": task("3.1").pk,
        "start_date": "20/05/2024",
        "title": "  Tuye\u0302n truye\u0302\u0300n Luật Căn cước  ",  # NFD and spaces: stored NFC and trimmed
        "form": "direct",
        "topics": ["new_laws"],
        "commune": "Phường Hàng Bạc",
        "participants": 1250,
        "budget_vnd": 500000,
        "target_groups": ["public", "officers", "public"],
    }
    created = api.post("/api/v1/activities/", body, format="json")
    assert created.status_code == 201, created.json()
    read = api.get(f"/api/v1/activities/{created.json()['id']}/")
    assert created.json() == read.json()
    assert created["ETag"] == read["ETag"]
    assert created.json()["title"] == "Tuyên truyền Luật Căn cước"
    assert created.json()["target_groups"] == ["officers", "public"]


def test_day_first_dates_are_accepted(api_as, reporter):
    from tests.factories import task

    response = api_as(reporter).post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "05/12/2024", "title": "Ngày đầu tháng", "form": "direct"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["start_date"] == "2024-12-05"


@pytest.mark.parametrize(("endpoint", "factory"), [("activities", ActivityFactory)])
def test_list_query_count_does_not_grow(api_as, reviewer, unit, endpoint, factory):
    client = api_as(reviewer)
    counts = []
    for extra in (2, 30):
        factory.create_batch(extra, unit=unit)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/{endpoint}/?page_size=100")
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
