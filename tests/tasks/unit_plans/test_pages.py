"""The unit's own plan (task 1.1) page (tasks/unit_plans/pages.py): the leader hands it in once,
the reporter and the reviewers read it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tasks.models import Obligation, UnitPlan
from tasks.unit_plans.services import unit_plan_submit
from tests.files import ELF, PDF, upload
from tests.pages import csrf_post, text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


pytestmark = pytest.mark.usefixtures("media")


def unit_plan_post(**changes) -> dict:
    data = {
        "number": "125/KH-CAHN",
        "signed_on": "20/02/2024",
        "signer": "Đại tá Nguyễn Văn A",
        "file": upload("ke-hoach.pdf", PDF),
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@time_machine.travel(datetime(2024, 2, 20, 10, 0, tzinfo=HCM), tick=False)
def test_leader_hands_in_the_unit_plan_on_time(csrf_client_as, leader, reporter, unit, plan):
    client = csrf_client_as(leader)
    page = text(client.get("/ke-hoach-don-vi/"))
    assert "Chưa gửi" in page
    assert "trước ngày 29/02/2024" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page

    response = csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post())
    assert response.status_code == 302
    unit_plan = UnitPlan.objects.get(unit=unit, plan=plan)
    assert unit_plan.signed_on == date(2024, 2, 20)  # dd/mm/yyyy
    assert unit_plan.submitted_by == leader
    obligation = Obligation.objects.get(unit=unit, deliverable__kind="unit_plan")
    assert obligation.status == "completed"  # the service completed it

    shown = text(client.get("/ke-hoach-don-vi/"))
    assert "Đã gửi kế hoạch của đơn vị về Bộ" in shown
    assert "125/KH-CAHN" in shown
    assert "20/02/2024" in shown
    assert "Đại tá Nguyễn Văn A" in shown
    assert "10:00 20/02/2024" in shown  # the time it was handed in
    assert "Hoàn thành đúng hạn" in shown
    assert f'href="/ke-hoach-don-vi/{unit_plan.pk}/tep/"' in shown
    assert "Gửi kế hoạch</button>" not in shown  # nothing more to hand in

    download = client.get(f"/ke-hoach-don-vi/{unit_plan.pk}/tep/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="ke-hoach.pdf"'
    assert b"".join(download.streaming_content) == PDF

    # The reporter sees it read-only.
    reporter_page = text(csrf_client_as(reporter).get("/ke-hoach-don-vi/"))
    assert "125/KH-CAHN" in reporter_page
    assert 'name="signer"' not in reporter_page


@pytest.mark.django_db
@time_machine.travel(datetime(2024, 2, 29, 8, 0, tzinfo=HCM), tick=False)
def test_a_plan_handed_in_on_the_due_day_is_late(csrf_client_as, leader, plan):
    csrf_post(csrf_client_as(leader), "/ke-hoach-don-vi/", unit_plan_post())
    page = text(csrf_client_as(leader).get("/ke-hoach-don-vi/"))
    assert "Hoàn thành quá hạn" in page


@pytest.mark.django_db
def test_a_second_hand_in_shows_the_conflict_and_changes_nothing(csrf_client_as, leader, unit, plan):
    client = csrf_client_as(leader)
    csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post())
    again = csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post(number="999/KH-KHAC"), follow=True)
    page = text(again)
    assert "message-error" in page
    assert "Đơn vị đã gửi kế hoạch" in page
    assert UnitPlan.objects.get(unit=unit, plan=plan).number == "125/KH-CAHN"


@pytest.mark.django_db
def test_reporter_sees_the_note_and_cannot_hand_in(csrf_client_as, reporter, unit, plan):
    client = csrf_client_as(reporter)
    page = text(client.get("/ke-hoach-don-vi/"))
    assert "Chỉ lãnh đạo đơn vị mới gửi kế hoạch của đơn vị" in page
    assert 'name="signer"' not in page
    assert csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post()).status_code == 403
    assert not UnitPlan.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"signed_on": "20/02/24"}, "signed_on", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"signed_on": "20/02/2030"}, "signed_on", "Ngày 20/02/2030 nằm ngoài thời gian của Kế hoạch 762/QĐ-BCA-V03"),
        ({"signed_on": "30/02/2024"}, "signed_on", "Không có ngày 30/02/2024: tháng 02/2024 có 29 ngày."),
        ({"number": ""}, "number", "Trường này là bắt buộc."),
        ({}, "file", "Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX và XLSX."),
    ],
)
def test_bad_unit_plan_input_hands_in_nothing(csrf_client_as, leader, plan, changes, field, message):
    data = unit_plan_post(**changes)
    if field == "file":
        data["file"] = upload("virus.pdf", ELF)  # an executable renamed .pdf
    response = csrf_post(csrf_client_as(leader), "/ke-hoach-don-vi/", data)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'id="id_{field}_error"' in page
    assert "Chưa gửi được" in page
    assert not UnitPlan.objects.exists()


@pytest.mark.django_db
def test_reviewers_see_a_units_plan_read_only(csrf_client_as, leader, reviewer, other_reporter, unit, plan):
    unit_plan = unit_plan_submit(
        by=leader, plan=plan, number="125/KH-CAHN", signed_on=date(2024, 2, 20), signer="A", upload=upload("k.pdf", PDF)
    )
    client = csrf_client_as(reviewer)
    page = text(client.get(f"/don-vi/{unit.pk}/ke-hoach-don-vi/"))
    assert "125/KH-CAHN" in page
    assert "Kế hoạch của Công an thành phố Hà Nội" in page
    assert 'name="signer"' not in page
    assert client.get(f"/ke-hoach-don-vi/{unit_plan.pk}/tep/").status_code == 200
    assert csrf_post(client, "/ke-hoach-don-vi/", unit_plan_post()).status_code == 403

    # Another unit's users: 404 for the page and the file.
    other = csrf_client_as(other_reporter)
    assert other.get(f"/don-vi/{unit.pk}/ke-hoach-don-vi/").status_code == 404
    assert other.get(f"/ke-hoach-don-vi/{unit_plan.pk}/tep/").status_code == 404
    assert "125/KH-CAHN" not in text(other.get("/ke-hoach-don-vi/"))


@pytest.mark.django_db
def test_posting_without_the_csrf_token_is_refused(csrf_client_as, leader, plan):
    response = csrf_client_as(leader).post("/ke-hoach-don-vi/", unit_plan_post())
    assert response.status_code == 403
    assert not UnitPlan.objects.exists()
