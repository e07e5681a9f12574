"""A successor's people record the work of the units it took over, through every door (API, pages,
import): Công an tỉnh Tuyên Quang (formed 01/07/2025) logs a late 2024 activity of Hà Giang, hands
in Hà Giang's 2024 plan, records its pilot model and course, each record staying Hà Giang's. What
goes under a plan goes to a unit that owes under it (tasks/obligations/services.unit_in_plan_check):
not to Tuyên Quang of 2025 under the 2024 plan, never to a unit the user does not act for, never
under a draft plan."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Unit, User
from plans.models import Plan, Task
from tasks.models import Activity
from tasks.pilot_models.models import PilotModel
from tasks.training.models import TrainingCourse
from tasks.unit_plans.models import UnitPlan
from tests.conftest import make_user
from tests.files import PDF, upload
from tests.tasks.activities.imports.test_services import good_row, make_xlsx

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def units(db):
    return {key: Unit.objects.get(key=key) for key in ("ca02", "ca08", "ca08-2025", "ca10")}


@pytest.fixture
def tq_reporter(units):
    return make_user("ca08.reporter", role=User.Role.REPORTER, unit=units["ca08-2025"])


@pytest.fixture
def tq_leader(units):
    return make_user("ca08.leader", role=User.Role.LEADER, unit=units["ca08-2025"])


def task(plan, code):
    return Task.objects.get(group__plan=plan, code=code)


def activity_body(plan, **extra):
    return {
        "task": task(plan, "3.1").pk,
        "title": "Tuyên truyền pháp luật tại xã biên giới",
        "start_date": "2024-05-10",
        "form": "direct",
        "participants": 120,
        "target_groups": ["ethnic_minorities"],
        **extra,
    }


def test_the_api_logs_a_2024_activity_for_the_unit_taken_over(plan, units, tq_reporter, api_as):
    client = api_as(tq_reporter)
    answer = client.post("/api/v1/activities/", activity_body(plan, unit=units["ca02"].pk), format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["unit"]["name"] == "Công an tỉnh Hà Giang"
    assert Activity.objects.get(pk=answer.json()["id"]).created_by == tq_reporter


def test_without_the_unit_a_2024_activity_is_refused_naming_the_units_taken_over(plan, units, tq_reporter, api_as):
    answer = api_as(tq_reporter).post("/api/v1/activities/", activity_body(plan), format="json")
    assert answer.status_code == 400
    message = str(answer.json())
    assert "Công an tỉnh Tuyên Quang" in message and "Công an tỉnh Hà Giang" in message
    assert "762/QĐ-BCA-V03" in message
    assert not Activity.objects.exists()


def test_a_unit_the_user_does_not_act_for_is_refused(plan, units, tq_reporter, api_as):
    answer = api_as(tq_reporter).post("/api/v1/activities/", activity_body(plan, unit=units["ca10"].pk), format="json")
    assert answer.status_code == 403
    assert "Lào Cai" in answer.json()["detail"]
    assert not Activity.objects.exists()


def test_an_activity_stays_with_its_unit(plan, units, tq_reporter, api_as):
    client = api_as(tq_reporter)
    created = client.post("/api/v1/activities/", activity_body(plan, unit=units["ca02"].pk), format="json")
    moved = client.patch(
        f"/api/v1/activities/{created.json()['id']}/",
        {"unit": units["ca08"].pk},
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )
    assert moved.status_code == 400
    assert Activity.objects.get().unit == units["ca02"]


def test_nothing_is_recorded_under_a_draft_plan(plan, reporter, api_as):
    draft = Plan.objects.get(pk=plan.pk)
    draft.status = Plan.Status.DRAFT
    draft.save()
    answer = api_as(reporter).post("/api/v1/activities/", activity_body(plan), format="json")
    assert answer.status_code == 400
    assert "chưa được ban hành" in answer.json()["task"][0]
    assert not Activity.objects.exists()


def test_the_page_offers_the_units_taken_over_and_logs_for_the_one_chosen(plan, units, tq_reporter, client_as):
    client = client_as(tq_reporter)
    page = client.get(f"/hoat-dong/them/?plan={plan.pk}&unit={units['ca08'].pk}&task=3.1")
    assert page.status_code == 200
    field = page.context["form"].fields["unit"]
    labels = dict(field.choices)
    assert labels == {
        units["ca02"].pk: "Công an tỉnh Hà Giang (đến 30/06/2025)",
        units["ca08"].pk: "Công an tỉnh Tuyên Quang (đến 30/06/2025)",
    }
    assert page.context["form"]["unit"].value() == units["ca08"].pk  # chosen from ?unit=
    body = activity_body(plan, unit=units["ca08"].pk, start_date="10/05/2024")
    saved = client.post(f"/hoat-dong/them/?plan={plan.pk}", body)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    assert Activity.objects.get().unit == units["ca08"]


def test_the_leader_hands_in_the_plan_of_the_unit_taken_over(plan, units, tq_leader, client_as, api_as):
    client = client_as(tq_leader)
    url = f"/ke-hoach-don-vi/?plan={plan.pk}&unit={units['ca02'].pk}"
    page = client.get(url)
    assert page.context["unit"] == units["ca02"] and page.context["can_submit"]
    sent = client.post(
        url, {"number": "12/KH-CAT", "signed_on": "20/02/2024", "signer": "Nguyễn Văn A", "file": upload("kh.pdf", PDF)}
    )
    assert sent.status_code == 302
    assert UnitPlan.objects.get().unit == units["ca02"]
    # Tuyên Quang of 2024's, through the API.
    answer = api_as(tq_leader).post(
        "/api/v1/unit-plans/",
        {
            "plan": plan.pk,
            "unit": units["ca08"].pk,
            "number": "7/KH",
            "signed_on": "2024-02-21",
            "signer": "B",
            "file": upload("b.pdf", PDF),
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    assert set(UnitPlan.objects.values_list("unit__key", flat=True)) == {"ca02", "ca08"}


def test_pilot_models_and_courses_for_the_unit_taken_over(plan, units, tq_reporter, api_as):
    client = api_as(tq_reporter)
    model = client.post(
        "/api/v1/pilot-models/",
        {
            "plan": plan.pk,
            "unit": units["ca02"].pk,
            "name": "Mô hình xã biên giới",
            "place": "Xã Lũng Cú",
            "target_group": "ethnic_minorities",
            "start_date": "2024-04-01",
            "status": "running",
        },
        format="json",
    )
    assert model.status_code == 201, model.content
    assert PilotModel.objects.get().unit == units["ca02"]
    course = client.post(
        "/api/v1/training-courses/",
        {
            "task": task(plan, "8.2b").pk,
            "unit": units["ca02"].pk,
            "title": "Tập huấn báo cáo viên",
            "start_date": "2024-06-03",
            "participants": 40,
        },
        format="json",
    )
    assert course.status_code == 201, course.content
    assert TrainingCourse.objects.get().unit == units["ca02"]
    own = client.post(
        "/api/v1/pilot-models/",
        {"plan": plan.pk, "name": "M", "place": "P", "target_group": "public", "start_date": "2024-04-01"},
        format="json",
    )
    assert own.status_code == 400 and not PilotModel.objects.filter(unit=units["ca08-2025"]).exists()


def workbook():
    row = good_row(**{"Ngày bắt đầu": "10/05/2024", "Ngày kết thúc": ""})
    return SimpleUploadedFile("hoat-dong.xlsx", make_xlsx([row]))


def test_the_import_goes_to_the_unit_taken_over(plan, units, tq_reporter, api_as):
    client = api_as(tq_reporter)
    refused = client.post("/api/v1/activities/import/", {"plan": plan.pk, "file": workbook()}, format="multipart")
    assert refused.status_code == 400 and "Công an tỉnh Hà Giang" in refused.json()["errors"][0]["message"]
    answer = client.post(
        "/api/v1/activities/import/",
        {"plan": plan.pk, "unit": units["ca02"].pk, "file": workbook()},
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    assert list(Activity.objects.values_list("unit__key", flat=True)) == ["ca02"]


def test_the_dashboard_of_a_unit_taken_over_links_to_recording_for_it(plan, units, tq_leader, client_as):
    client = client_as(tq_leader)
    home = client.get(f"/?plan={plan.pk}")
    assert [row.unit for row in home.context["rows"]] == [units["ca02"], units["ca08"]]
    page = client.get(f"/don-vi/{units['ca02'].pk}/?plan={plan.pk}").content.decode()
    carried = f"unit={units['ca02'].pk}&amp;plan={plan.pk}"
    assert f'href="/hoat-dong/them/?task=3.1&amp;{carried}"' in page
    assert f'href="/ke-hoach-don-vi/?{carried}"' in page
    assert f'href="/hoat-dong/nhap-tu-tep/?{carried}"' in page


def test_the_form_says_whose_work_it_records(plan, plan_2026, units, tq_reporter, client_as):
    client = client_as(tq_reporter)
    taken_over = client.get(f"/hoat-dong/them/?plan={plan.pk}").content.decode()
    assert "Theo Kế hoạch 762/QĐ-BCA-V03, cho đơn vị chọn dưới đây" in taken_over
    own = client.get(f"/hoat-dong/them/?plan={plan_2026.pk}")
    assert "unit" not in own.context["form"].fields
    assert "Của Công an tỉnh Tuyên Quang, theo Kế hoạch" in own.content.decode()


def test_an_activity_moved_to_a_plan_its_unit_owes_nothing_under_is_refused(
    plan, plan_2026, units, tq_reporter, api_as
):
    client = api_as(tq_reporter)
    created = client.post("/api/v1/activities/", activity_body(plan, unit=units["ca02"].pk), format="json")
    url, etag = f"/api/v1/activities/{created.json()['id']}/", created["ETag"]
    moved = client.patch(url, {"task": task(plan_2026, "3.1").pk}, format="json", HTTP_IF_MATCH=etag)
    assert moved.status_code == 400 and "Công an tỉnh Hà Giang" in moved.json()["unit"][0]
    kept = client.patch(url, {"task": task(plan, "3.2").pk}, format="json", HTTP_IF_MATCH=etag)
    assert kept.status_code == 200, kept.content
    assert Activity.objects.get().task.code == "3.2"
