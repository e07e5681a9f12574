"""The training course pages (tasks/training/pages.py, task 8.2)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.models import TrainingCourse
from tests.factories import PilotModelFactory, TrainingCourseFactory, task
from tests.pages import csrf_post, text

pytestmark = pytest.mark.usefixtures("media")


def training_post(**changes) -> dict:
    data = {
        "revision": "",
        "task": str(task("8.2b").pk),
        "title": "Tập huấn báo cáo viên pháp luật cơ sở",
        "region": "",
        "start_date": "03/06/2024",
        "end_date": "04/06/2024",
        "place": "Hội trường Công an thành phố",
        "participants": "1.250",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_reporter_records_a_training_course(csrf_client_as, reporter, unit, plan):
    client = csrf_client_as(reporter)
    form = text(client.get("/tap-huan/them/"))
    assert "8.2a." in form
    assert "8.2b." in form
    assert "3.1." not in form  # only the training tasks

    response = csrf_post(client, "/tap-huan/them/", training_post(), follow=True)
    page = text(response)
    assert "Đã lưu lớp tập huấn “Tập huấn báo cáo viên pháp luật cơ sở”." in page
    assert "03/06/2024–04/06/2024" in page
    assert "1.250" in page  # "." for thousands
    course = TrainingCourse.objects.get()
    assert (course.unit, course.participants, course.task.code) == (unit, 1250, "8.2b")
    assert course.history.first().history_user == reporter


@pytest.mark.django_db
def test_training_82a_needs_the_region_next_to_the_field(csrf_client_as, reporter, plan):
    client = csrf_client_as(reporter)
    response = csrf_post(client, "/tap-huan/them/", training_post(task=str(task("8.2a").pk), region=""))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_region_error"' in page
    assert "Hãy chọn miền: Bắc, Trung hoặc Nam." in page
    assert not TrainingCourse.objects.exists()

    ok = csrf_post(client, "/tap-huan/them/", training_post(task=str(task("8.2a").pk), region="trung"), follow=True)
    assert ok.status_code == 200
    assert TrainingCourse.objects.get().region == "trung"
    assert "Trung" in text(ok)


@pytest.mark.django_db
def test_editing_a_training_course_and_refusing_a_stale_form(
    csrf_client_as, reporter, leader, other_reporter, reviewer, plan
):
    course = TrainingCourseFactory(title="Lớp cũ")
    client = csrf_client_as(reporter)
    assert 'value="1"' in text(client.get(f"/tap-huan/{course.pk}/sua/"))
    saved = csrf_post(client, f"/tap-huan/{course.pk}/sua/", training_post(revision="1", title="Lớp đã sửa"))
    assert saved.status_code == 302
    stale = csrf_post(
        csrf_client_as(leader), f"/tap-huan/{course.pk}/sua/", training_post(revision="1", title="Ghi đè")
    )
    assert stale.status_code == 400
    assert "Người khác đã sửa bản ghi này" in text(stale)
    course.refresh_from_db()
    assert (course.title, course.revision) == ("Lớp đã sửa", 2)

    assert csrf_client_as(other_reporter).get(f"/tap-huan/{course.pk}/sua/").status_code == 404
    assert "Lớp đã sửa" not in text(csrf_client_as(other_reporter).get("/tap-huan/"))
    review = csrf_client_as(reviewer)
    assert "Lớp đã sửa" in text(review.get("/tap-huan/"))
    assert review.get(f"/tap-huan/{course.pk}/sua/").status_code == 403
    assert csrf_post(review, "/tap-huan/them/", training_post()).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tap-huan/"])
def test_lists_use_a_fixed_number_of_queries(csrf_client_as, reviewer, other_unit, plan, url):
    client = csrf_client_as(reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    PilotModelFactory()
    TrainingCourseFactory()
    few = queries()
    PilotModelFactory.create_batch(5, unit=other_unit)
    TrainingCourseFactory.create_batch(5, unit=other_unit)
    assert queries() == few
