"""API error messages come out in Vietnamese: DRF's and django-filter's own strings are translated in
locale/vi (listed in config/third_party_strings.py), so validation, authentication and not-found answers
are not left in English; refused requests go to the security log (config/api.py)."""

import logging
import unicodedata

import pytest
from django.utils import translation
from rest_framework import exceptions, serializers

from tests.factories import ActivityFactory


def _texts(data):
    """Every message string in a DRF error body (dicts and lists of strings, nested)."""
    if isinstance(data, dict):
        return [t for value in data.values() for t in _texts(value)]
    if isinstance(data, list):
        return [t for value in data for t in _texts(value)]
    return [str(data)]


def test_an_unknown_choice_is_refused_in_vietnamese(api_as, reporter):
    response = api_as(reporter).patch("/api/v1/me/", {"reminder_mode": "hourly"}, format="json")
    assert response.status_code == 400
    assert response.json()["reminder_mode"] == ["“hourly” không phải là lựa chọn hợp lệ."]


def test_required_fields_are_reported_in_vietnamese(api_as, reporter):
    response = api_as(reporter).post("/api/v1/activities/", {}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert {"task", "title", "start_date"} <= set(errors)
    assert all(messages == ["Trường này là bắt buộc."] for messages in errors.values())


def test_a_negative_count_is_refused_in_vietnamese(api_as, reporter):
    response = api_as(reporter).post("/api/v1/activities/", {"participants": -5}, format="json")
    assert response.status_code == 400
    assert response.json()["participants"] == ["Giá trị phải từ 0 trở lên."]


def test_an_anonymous_request_is_refused_in_vietnamese(api, db):
    response = api.get("/api/v1/plans/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Chưa cung cấp thông tin xác thực."}


def test_an_invalid_page_and_a_wrong_method_are_refused_in_vietnamese(api_as, reporter):
    client = api_as(reporter)
    assert client.get("/api/v1/plans/?page=999").json() == {"detail": "Trang không hợp lệ."}
    response = client.delete("/api/v1/plans/")
    assert response.status_code == 405
    assert response.json() == {"detail": "Phương thức “DELETE” không được chấp nhận."}


def test_a_missing_plan_is_a_404(api_as, reporter):
    assert api_as(reporter).get("/api/v1/plans/999999/").status_code == 404


def test_a_missing_plan_is_refused_in_vietnamese(api_as, reporter):
    response = api_as(reporter).get("/api/v1/plans/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        (exceptions.NotAuthenticated.default_detail, "Chưa cung cấp thông tin xác thực."),
        (exceptions.AuthenticationFailed.default_detail, "Thông tin xác thực không đúng."),
        (exceptions.PermissionDenied.default_detail, "Bạn không được cấp quyền để thực hiện hành động này."),
        (exceptions.NotFound.default_detail, "Không tìm thấy."),
        (exceptions.ParseError.default_detail, "Yêu cầu không đúng định dạng."),
        (exceptions.Throttled.default_detail, "Yêu cầu bị từ chối do vượt quá tần suất cho phép."),
        (serializers.IntegerField.default_error_messages["invalid"], "Phải là một số nguyên hợp lệ."),
        (serializers.ListField.default_error_messages["empty"], "Danh sách này không được để trống."),
    ],
)
def test_drf_messages_are_vietnamese(english, vietnamese):
    with translation.override("vi"):
        assert str(english) == vietnamese


def test_a_throttled_answer_is_vietnamese_whole():
    with translation.override("vi"):
        detail = str(exceptions.Throttled(wait=3).detail)
    assert detail == "Yêu cầu bị từ chối do vượt quá tần suất cho phép. Có thể thử lại sau 3 giây."


def test_serializer_errors_are_vietnamese_nfc_and_keep_their_values():
    class Sample(serializers.Serializer):
        count = serializers.IntegerField(max_value=10)
        kind = serializers.ChoiceField(choices=["a", "b"])
        day = serializers.DateField()
        note = serializers.CharField(max_length=3)

    with translation.override("vi"):
        serializer = Sample(data={"count": 11, "kind": "c", "day": "hôm qua", "note": "dài quá"})
        assert not serializer.is_valid()
        errors = {name: [str(m) for m in messages] for name, messages in serializer.errors.items()}
    assert errors["count"] == ["Giá trị này phải nhỏ hơn hoặc bằng 10."]
    assert errors["kind"] == ["“c” không phải là lựa chọn hợp lệ."]
    assert errors["day"][0].startswith("Ngày sai định dạng. Hãy dùng một trong các định dạng sau: ")
    assert errors["note"] == ["Trường này không được vượt quá 3 ký tự."]
    assert all(unicodedata.is_normalized("NFC", text) for text in _texts(errors))


def test_django_filter_lookup_labels_are_vietnamese():
    from django_filters.utils import verbose_lookup_expr

    with translation.override("vi"):
        assert verbose_lookup_expr("gte") == "lớn hơn hoặc bằng"
        assert verbose_lookup_expr("icontains") == "có chứa"


def test_refused_access_is_logged(api_as, api, other_reporter, unit, caplog):
    activity = ActivityFactory(unit=unit)
    with caplog.at_level(logging.WARNING, logger="security"):
        api.get("/api/v1/activities/")
        api_as(other_reporter).get(f"/api/v1/activities/{activity.pk}/")
    messages = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert any("refused status=401" in m and "user=-" in m for m in messages)
    assert any(
        f"refused status=404 user=ca79.reporter method=GET path=/api/v1/activities/{activity.pk}/" in m
        for m in messages
    )


HUGE = "378544971311289860096"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/obligations/?unit={HUGE}",
        f"/api/v1/activities/?unit={HUGE}",
        f"/api/v1/reminders/?unit={HUGE}",
        f"/api/v1/activities/{HUGE}/",
        f"/api/v1/activities/{HUGE}/history/",
        f"/api/v1/obligations/{HUGE}/",
        f"/api/v1/reports/{HUGE}/history/",
        f"/api/v1/pilot-models/{HUGE}/",
        f"/api/v1/plans/{HUGE}/rollup/",
    ],
)
def test_a_number_past_64_bits_is_a_400_or_404_in_vietnamese_never_a_500(api_as, reviewer, url):
    response = api_as(reviewer).get(url)
    assert response.status_code in (400, 404), response.content[:300]
    body = response.json()
    assert any(words in str(body) for words in ("vượt quá giới hạn", "Không tìm thấy", "lựa chọn hợp lệ"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [f"/hoat-dong/{HUGE}/", f"/don-vi/{HUGE}/", f"/bao-cao/{HUGE}/", f"/mo-hinh-diem/?unit={HUGE}"]
)
def test_a_page_asked_with_a_huge_id_is_not_a_500(client_as, reviewer, url):
    response = client_as(reviewer).get(url)
    assert response.status_code in (400, 404)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ('{"title": "Tuyên truyền",}', "dòng 1, cột 26 (ký tự thứ 26)"),
        ("{title: 1}", "dòng 1, cột 2 (ký tự thứ 2)"),
        ("{\n  \"title\": 'x'\n}", "dòng 2, cột 12 (ký tự thứ 14)"),
    ],
)
def test_a_body_that_is_not_json_is_refused_in_vietnamese_saying_where(api_as, reporter, body, where):
    """DRF's own answer was "JSON parse error - Expecting value: line 1 column 1 (char 0)", in English."""
    response = api_as(reporter).generic("POST", "/api/v1/activities/", body.encode(), content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("Nội dung gửi lên không phải JSON hợp lệ: lỗi ở " + where), detail
    assert "JSON parse error" not in detail and "Expecting" not in detail


def test_a_body_that_is_not_utf8_is_refused_in_vietnamese(api_as, reporter):
    response = api_as(reporter).generic(
        "POST", "/api/v1/activities/", '{"title": "Hà Nội"}'.encode("utf-16"), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung gửi lên không phải JSON hợp lệ: không phải văn bản UTF-8."}
