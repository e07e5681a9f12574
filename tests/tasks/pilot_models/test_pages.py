"""The pilot model pages (tasks/pilot_models/pages.py, task 4.1-4.3)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.models import Obligation, PilotModel
from tests.factories import PilotModelFactory, TrainingCourseFactory
from tests.pages import csrf_post, text

pytestmark = pytest.mark.usefixtures("media")


def pilot_post(**changes) -> dict:
    data = {
        "revision": "",
        "name": "Mô hình “Khu dân cư không tội phạm”",
        "place": "Phường Hàng Bạc, quận Hoàn Kiếm",
        "target_group": "public",
        "start_date": "01/03/2024",
        "status": "running",
        "evaluation": "",
        "replicated_to": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_reporter_adds_a_pilot_model_and_reaches_the_target(csrf_client_as, reporter, unit, plan):
    client = csrf_client_as(reporter)
    before = text(client.get("/mo-hinh-diem/"))
    assert "Chỉ tiêu nhiệm vụ 4.1: ít nhất 1 mô hình" in before
    assert "Chưa đạt chỉ tiêu" in before

    proposed = csrf_post(client, "/mo-hinh-diem/them/", pilot_post(name="Mô hình mới đề xuất", status="proposed"))
    assert proposed.status_code == 302
    assert "Chưa đạt chỉ tiêu" in text(client.get("/mo-hinh-diem/"))  # a proposal does not count

    response = csrf_post(client, "/mo-hinh-diem/them/", pilot_post(), follow=True)
    page = text(response)
    assert "Đã lưu mô hình điểm “Mô hình ‘Khu dân cư không tội phạm’" in page  # quotes nest: “ ‘ ’ ”
    assert "Đạt chỉ tiêu" in page
    assert "01/03/2024" in page
    assert "Phường Hàng Bạc, quận Hoàn Kiếm" in page
    assert "Quần chúng nhân dân" in page
    model = PilotModel.objects.get(name="Mô hình “Khu dân cư không tội phạm”")
    assert (model.unit, model.plan, model.start_date) == (unit, plan, date(2024, 3, 1))
    assert model.history.first().history_user == reporter  # written by the service
    obligation = Obligation.objects.get(unit=unit, deliverable__kind="pilot_model", deliverable__task__code="4.1")
    assert obligation.status == "in_progress"  # the service touched the 4.1 obligation


@pytest.mark.django_db
def test_editing_a_pilot_model_and_refusing_a_stale_form(csrf_client_as, reporter, leader, plan):
    model = PilotModelFactory(name="Mô hình cũ")
    client = csrf_client_as(reporter)
    form = client.get(f"/mo-hinh-diem/{model.pk}/sua/")
    assert form.status_code == 200
    assert 'type="hidden" name="revision" value="1"' in text(form)
    assert 'value="01/03/2024"' in text(form)

    saved = csrf_post(
        client,
        f"/mo-hinh-diem/{model.pk}/sua/",
        pilot_post(revision="1", name="Mô hình đã sửa", status="evaluated", evaluation="Hiệu quả tốt."),
    )
    assert saved.status_code == 302
    model.refresh_from_db()
    assert (model.name, model.status, model.revision) == ("Mô hình đã sửa", "evaluated", 2)

    # The leader's tab was opened at revision 1: refused, nothing overwritten.
    stale = csrf_post(csrf_client_as(leader), f"/mo-hinh-diem/{model.pk}/sua/", pilot_post(revision="1", name="Ghi đè"))
    assert stale.status_code == 400
    page = text(stale)
    assert "Người khác đã sửa bản ghi này sau khi bạn mở. Hãy tải lại trang rồi sửa lại." in page
    assert f'href="/mo-hinh-diem/{model.pk}/sua/"' in page
    model.refresh_from_db()
    assert (model.name, model.revision) == ("Mô hình đã sửa", 2)

    # A form without its revision can't overwrite either.
    blind = csrf_post(client, f"/mo-hinh-diem/{model.pk}/sua/", pilot_post(revision="", name="Không rõ phiên bản"))
    assert blind.status_code == 400
    assert "Người khác đã sửa bản ghi này" in text(blind)
    model.refresh_from_db()
    assert model.name == "Mô hình đã sửa"


@pytest.mark.django_db
def test_pilot_models_of_another_unit_are_404_and_reviewers_read_only(
    csrf_client_as, reporter, other_reporter, reviewer, unit, other_unit, plan
):
    ours = PilotModelFactory(name="Mô hình của Hà Nội")
    theirs = PilotModelFactory(unit=other_unit, name="Mô hình của Hồ Chí Minh")
    client = csrf_client_as(reporter)
    page = text(client.get("/mo-hinh-diem/"))
    assert "Mô hình của Hà Nội" in page
    assert "Mô hình của Hồ Chí Minh" not in page
    assert client.get(f"/mo-hinh-diem/{theirs.pk}/sua/").status_code == 404
    assert csrf_post(client, f"/mo-hinh-diem/{theirs.pk}/sua/", pilot_post(revision="1")).status_code == 404
    assert csrf_client_as(other_reporter).get(f"/mo-hinh-diem/{ours.pk}/sua/").status_code == 404

    review = csrf_client_as(reviewer)
    everyone = text(review.get("/mo-hinh-diem/"))
    assert "Mô hình của Hà Nội" in everyone
    assert "Mô hình của Hồ Chí Minh" in everyone
    assert "Mô hình điểm của các đơn vị" in everyone
    assert "/sua/" not in everyone
    one = text(review.get("/mo-hinh-diem/", {"unit": unit.pk}))
    assert "Mô hình của Hồ Chí Minh" not in one
    assert "Đạt chỉ tiêu" in one
    assert review.get(f"/mo-hinh-diem/{ours.pk}/sua/").status_code == 403
    assert csrf_post(review, f"/mo-hinh-diem/{ours.pk}/sua/", pilot_post(revision="1")).status_code == 403
    assert csrf_post(review, "/mo-hinh-diem/them/", pilot_post()).status_code == 403
    assert PilotModel.objects.count() == 2


@pytest.mark.django_db
def test_bad_pilot_model_input_saves_nothing(csrf_client_as, reporter, plan):
    response = csrf_post(csrf_client_as(reporter), "/mo-hinh-diem/them/", pilot_post(start_date="31/02/2024", name=""))
    assert response.status_code == 400
    page = text(response)
    assert "Không có ngày 31/02/2024: tháng 02/2024 có 29 ngày." in page
    assert 'id="id_name_error"' in page
    assert not PilotModel.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/mo-hinh-diem/"])
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
