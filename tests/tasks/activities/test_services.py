"""The activity services (tasks/activities/services.py): every door stores the same thing — text in
NFC within its length, counts and amounts within realistic limits — and the import creates through
the same ``activities_create_many`` as the form and the API."""

import unicodedata
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from config.bounds import MAX_BUDGET_VND, MAX_PARTICIPANTS
from tasks.activities.models import Activity
from tasks.activities.services import RowsInvalid, activities_create_many, activity_create
from tests.factories import task

NFD_TITLE = unicodedata.normalize("NFD", "Tuyên truyền Luật Căn cước tại phường Hoà Bình")


def values(**extra):
    return {"task": task("3.1"), "start_date": date(2024, 5, 10), "title": "Hội nghị", "form": "direct", **extra}


@pytest.mark.django_db
def test_text_sent_decomposed_is_stored_in_nfc_through_the_api(api_as, reporter, plan):
    response = api_as(reporter).post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "2024-05-10", "title": NFD_TITLE, "form": "direct"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    stored = Activity.objects.get(pk=response.json()["id"]).title
    assert stored == unicodedata.normalize("NFC", NFD_TITLE)
    assert stored != NFD_TITLE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("budget_vnd", 9_223_372_036_854_775_807), ("participants", 10**20), ("participants", MAX_PARTICIPANTS + 1)],
)
def test_unrealistic_numbers_are_refused_in_vietnamese_and_nothing_is_written(api_as, reporter, plan, field, value):
    payload = {"task": task("3.1").pk, "start_date": "2024-05-10", "title": "Hội nghị", "form": "direct", field: value}
    response = api_as(reporter).post("/api/v1/activities/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert "Tối đa" in " ".join(response.json()[field])  # Vietnamese, the limit as people read it; not a 500
    assert Activity.objects.count() == 0


@pytest.mark.django_db
def test_the_service_refuses_what_a_door_let_through(reporter, plan):
    with pytest.raises(ValidationError) as refused:
        activity_create(by=reporter, values=values(budget_vnd=MAX_BUDGET_VND + 1), target_groups=[])
    assert "budget_vnd" in refused.value.message_dict
    with pytest.raises(ValidationError) as too_long:
        activity_create(by=reporter, values=values(description="x" * 10_001), target_groups=[])
    assert "Tối đa 10.000 ký tự" in too_long.value.message_dict["description"][0]
    assert Activity.objects.count() == 0


@pytest.mark.django_db
def test_create_many_is_all_or_nothing_and_names_the_rows(reporter, plan):
    rows = [(values(), ["public"]), (values(participants=MAX_PARTICIPANTS + 1), []), (values(title="x" * 501), [])]
    with pytest.raises(RowsInvalid) as invalid:
        activities_create_many(by=reporter, rows=rows)
    assert [index for index, _exc in invalid.value.errors] == [1, 2]
    assert Activity.objects.count() == 0

    created = activities_create_many(by=reporter, rows=[(values(title=NFD_TITLE), ["public", "workers"])])
    activity = Activity.objects.get(pk=created[0].pk)
    assert activity.title == unicodedata.normalize("NFC", NFD_TITLE)
    assert sorted(activity.target_group_rows.values_list("target_group", flat=True)) == ["public", "workers"]
    assert activity.history.get().history_user == reporter
