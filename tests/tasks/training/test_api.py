"""The training courses API (tasks/training/api.py, serializers.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TrainingCourseFactory


def test_training_8_2a_needs_a_region_and_only_training_tasks_take_courses(api_as, reporter):
    from tests.factories import task

    client = api_as(reporter)
    base = {"title": "Tập huấn kỹ năng phổ biến pháp luật", "start_date": "12/06/2024", "participants": 70}
    no_region = client.post("/api/v1/training-courses/", {**base, "task": task("8.2a").pk}, format="json")
    assert no_region.status_code == 400
    assert "miền" in str(no_region.json())
    wrong_task = client.post("/api/v1/training-courses/", {**base, "task": task("3.1").pk}, format="json")
    assert wrong_task.status_code == 400
    ok = client.post("/api/v1/training-courses/", {**base, "task": task("8.2a").pk, "region": "trung"}, format="json")
    assert ok.status_code == 201
    assert ok.json()["region"] == "trung"


@pytest.mark.parametrize(("endpoint", "factory"), [("training-courses", TrainingCourseFactory)])
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


@pytest.mark.django_db
def test_delete_needs_the_revision_read(api_as, reporter, unit):
    from tasks.training.models import TrainingCourse

    course = TrainingCourseFactory(unit=unit)
    client = api_as(reporter)
    url = f"/api/v1/training-courses/{course.pk}/"
    assert client.delete(url).status_code == 428
    assert TrainingCourse.objects.filter(pk=course.pk).exists()
    assert client.delete(url, HTTP_IF_MATCH=client.get(url)["ETag"]).status_code == 204
    assert not TrainingCourse.objects.filter(pk=course.pk).exists()
