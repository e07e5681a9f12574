"""Dates in the API: a date of the right form whose day does not exist ("2026-11-31", "29/02/2026") is
named as such in Vietnamese, as the pages do, not answered "Ngày sai định dạng" (config.api.DateField,
every date field of the API's serializers)."""

import pytest
from rest_framework import serializers

import config.api_urls  # noqa: F401 - every serializer of the API defined
from config.api import DateField
from reports.api import RollupQuerySerializer


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-11-31", "Không có ngày 31/11/2026: tháng 11/2026 có 30 ngày."),
        ("2026-02-29", "Không có ngày 29/02/2026: tháng 02/2026 có 28 ngày."),
        ("31/04/2026", "Không có ngày 31/04/2026: tháng 04/2026 có 30 ngày."),
        ("2026-13-01", "Không có ngày 01/13/2026: một năm chỉ có 12 tháng."),
    ],
)
def test_an_impossible_day_is_named_as_such(api_as, reporter, value, message):
    response = api_as(reporter).post("/api/v1/activities/", {"start_date": value}, format="json")
    assert response.status_code == 400
    assert response.json()["start_date"] == [message]


def test_a_date_of_the_wrong_form_still_asks_for_the_format(api_as, reporter):
    response = api_as(reporter).post("/api/v1/activities/", {"start_date": "hôm qua"}, format="json")
    assert response.status_code == 400
    assert response.json()["start_date"][0].startswith("Ngày sai định dạng")


def test_a_real_leap_day_is_a_date():
    query = RollupQuerySerializer(data={"date_from": "2028-02-29", "date_to": "2028-03-01"})
    assert query.is_valid(), query.errors


def test_a_field_declared_by_hand_names_the_day_too():
    query = RollupQuerySerializer(data={"date_from": "2026-02-30"})
    assert not query.is_valid()
    assert query.errors["date_from"] == ["Không có ngày 30/02/2026: tháng 02/2026 có 28 ngày."]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_date_field_of_the_api_is_the_project_s():
    """Those a ModelSerializer makes from a model's DateField, and those declared by hand."""
    project = ("accounts.", "plans.", "tasks.", "reports.", "reminders.", "config.", "ops.")
    dates = {
        f"{cls.__name__}.{name}": field
        for cls in set(_subclasses(serializers.Serializer))
        if cls.__module__.startswith(project)
        for name, field in cls().fields.items()
        if isinstance(field, serializers.DateField)
    }
    assert {"ActivityInputSerializer.start_date", "ReportJobOptionsSerializer.date_to"} <= set(dates)
    assert [where for where, field in dates.items() if not isinstance(field, DateField)] == []


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v1/activities/", "date_from"),
        ("/api/v1/activities/", "date_to"),
        ("/api/v1/obligations/", "due_before"),
        ("/api/v1/reminders/", "day_after"),
        ("/api/v1/units/", "valid_on"),
    ],
)
def test_a_query_s_impossible_day_is_named_too(api_as, reporter, path, param):
    response = api_as(reporter).get(path, {param: "2026-11-31"})
    assert response.status_code == 400
    assert response.json()[param] == ["Không có ngày 31/11/2026: tháng 11/2026 có 30 ngày."]
    assert api_as(reporter).get(path, {param: "2026-11-30"}).status_code == 200
