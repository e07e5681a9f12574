"""Lists filtered by a unit or a task given by its code as well as its id (config/filters.py): an
unknown code answers 400 in Vietnamese, never 500 nor an empty list; an id out of range is still 400."""

import pytest

from accounts.models import Unit
from plans.models import Task
from tests.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory

LISTS = ["activities", "obligations", "reminders", "reports", "pilot-models", "training-courses", "unit-plans"]
BY_TASK = ["activities", "obligations", "reminders", "training-courses"]


@pytest.fixture
def records(plan):
    hanoi, saigon = Unit.objects.get(key="ca01"), Unit.objects.get(key="ca79")
    ActivityFactory(unit=hanoi, title="Hà Nội 3.1")
    ActivityFactory(unit=saigon, title="TP HCM 3.1")
    ActivityFactory(unit=hanoi, task=Task.objects.get(group__plan=plan, code="5"), title="Hà Nội 5")
    PilotModelFactory(unit=hanoi)
    TrainingCourseFactory(unit=saigon)
    return hanoi, saigon


def titles(response):
    assert response.status_code == 200, response.content[:300]
    return sorted(row["title"] for row in response.json()["results"])


def test_activities_by_unit_key_or_code_and_by_task_code(api_as, reviewer, records):
    api = api_as(reviewer)
    hanoi, _ = records
    assert titles(api.get("/api/v1/activities/", {"unit": "ca01"})) == ["Hà Nội 3.1", "Hà Nội 5"]
    assert titles(api.get("/api/v1/activities/", {"unit": "CA01"})) == ["Hà Nội 3.1", "Hà Nội 5"]
    assert titles(api.get("/api/v1/activities/", {"unit": hanoi.pk})) == ["Hà Nội 3.1", "Hà Nội 5"]
    assert titles(api.get("/api/v1/activities/", {"task": "3.1"})) == ["Hà Nội 3.1", "TP HCM 3.1"]
    assert titles(api.get("/api/v1/activities/", {"task": "3.1", "unit": "ca01"})) == ["Hà Nội 3.1"]
    assert titles(api.get("/api/v1/activities/", {"unit": "V03"})) == []  # a unit that exists, with nothing logged


def test_a_department_by_its_code(api_as, reviewer, records):
    v03 = Unit.objects.get(key="v03")
    ActivityFactory(unit=v03, title="V03")
    assert titles(api_as(reviewer).get("/api/v1/activities/", {"unit": "V03"})) == ["V03"]


@pytest.mark.parametrize("name", LISTS)
def test_an_unknown_unit_code_answers_400_in_vietnamese(api_as, reviewer, name):
    response = api_as(reviewer).get(f"/api/v1/{name}/", {"unit": "XYZ"})
    assert response.status_code == 400
    assert response.json() == {"unit": ["Không có đơn vị nào có mã hoặc khóa “XYZ”."]}


@pytest.mark.parametrize(("param", "value"), [("unit", "m%s 50%"), ("task", "%(x)s"), ("unit", "a\x00b")])
def test_a_code_with_format_characters_or_a_nul_answers_400_in_vietnamese(api_as, reviewer, param, value):
    # Found by the schema fuzzing: a "%" in the value made the filter's message fail to format (500).
    response = api_as(reviewer).get("/api/v1/activities/", {param: value})
    assert response.status_code == 400
    message = response.json()[param][0]
    assert message.startswith("Không có") and value in message if "\x00" not in value else "ký tự rỗng" in message


@pytest.mark.parametrize("name", BY_TASK)
def test_an_unknown_task_code_answers_400_in_vietnamese(api_as, reviewer, name):
    response = api_as(reviewer).get(f"/api/v1/{name}/", {"task": "99.9"})
    assert response.status_code == 400
    assert response.json() == {"task": ["Không có nhiệm vụ nào có số hiệu “99.9”."]}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("378544971311289860096", "Mã số (id) này vượt quá giới hạn cho phép."),
        ("0", "Mã số (id) phải là số nguyên từ 1 trở lên."),
    ],
)
def test_an_id_out_of_range_still_answers_400(api_as, reviewer, name, value, message):
    response = api_as(reviewer).get(f"/api/v1/{name}/", {"unit": value})
    assert response.status_code == 400
    assert response.json() == {"unit": [message]}


@pytest.mark.parametrize("name", ["pilot-models", "training-courses", "unit-plans", "reports"])
def test_the_other_lists_take_a_unit_key(api_as, reviewer, records, name):
    saigon = records[1]
    by_key = api_as(reviewer).get(f"/api/v1/{name}/", {"unit": "ca79"}).json()["results"]
    by_id = api_as(reviewer).get(f"/api/v1/{name}/", {"unit": saigon.pk}).json()["results"]
    assert by_key == by_id


def test_obligations_by_task_code_and_unit_key(api_as, reviewer, plan):
    from tasks.obligations.models import Obligation

    rows = api_as(reviewer).get("/api/v1/obligations/", {"task": "3.1", "unit": "ca01", "page_size": 500}).json()
    expected = Obligation.objects.filter(unit__key="ca01", deliverable__task__code="3.1").count()
    assert rows["count"] == expected > 0
    assert {row["unit"]["id"] if isinstance(row["unit"], dict) else row["unit"] for row in rows["results"]} == {
        Unit.objects.get(key="ca01").pk
    }


def test_the_rollup_takes_a_unit_key_and_refuses_an_unknown_code(api_as, reviewer, plan):
    api = api_as(reviewer)
    one = api.get(f"/api/v1/plans/{plan.pk}/rollup/", {"unit": "ca01"})
    assert one.status_code == 200 and one.json()["units"]["total"] == 1
    by_id = api.get(f"/api/v1/plans/{plan.pk}/rollup/", {"unit": Unit.objects.get(key="ca01").pk})
    assert by_id.json()["units"] == one.json()["units"]
    unknown = api.get(f"/api/v1/plans/{plan.pk}/rollup/", {"unit": "XYZ"})
    assert unknown.status_code == 400 and unknown.json() == {"unit": ["Không có đơn vị nào có mã hoặc khóa “XYZ”."]}


def test_the_schema_says_a_code_is_accepted():
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("vi"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ["/api/v1/activities/", "/api/v1/obligations/", "/api/v1/reports/", "/api/v1/plans/{plan_id}/rollup/"]:
        unit = next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "unit")
        assert unit["schema"]["type"] == "string", path
        assert "V03" in unit["description"] and "mã số (id)" in unit["description"], path
