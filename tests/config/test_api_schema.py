"""The OpenAPI schema's shared parts (config/api_schema.py): open operations, If-Match, the error
answers documented once; and what the fuzzing found in the code (page sizes, errors of file views)."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_history_is_one_plain_list(schema):
    history = schema["paths"]["/api/v1/activities/{id}/history/"]["get"]
    assert [p["name"] for p in history["parameters"]] == ["id"]  # no page, no filters
    ok = history["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"type": "array", "items": {"$ref": "#/components/schemas/HistoryRecord"}}
    record = schema["components"]["schemas"]["HistoryRecord"]["properties"]
    assert record["user"].get("nullable") is True


def test_the_token_endpoint_is_open_and_the_rest_is_not(schema):
    open_ = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if {} in operation["security"]
    ]
    assert open_ == ["POST /api/v1/auth/token/"]
    assert "401" not in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_errors_are_documented(schema):
    responses = schema["paths"]["/api/v1/activities/{id}/"]
    for method in ("put", "patch", "delete"):
        assert {"400", "401", "403", "404", "409", "412", "428"} <= set(responses[method]["responses"]), method
        assert any(p["name"] == "If-Match" and p["in"] == "header" for p in responses[method]["parameters"])
    listing = schema["paths"]["/api/v1/activities/"]["get"]["responses"]
    assert set(listing) == {"200", "400", "401", "403", "404"}  # 404: a page past the end
    assert listing["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert set(schema["paths"]["/api/v1/me/"]["get"]["responses"]) == {"200", "401", "403"}
    # The import's own answer for bad rows, or the generic one for a bad request.
    bad_import = schema["paths"]["/api/v1/activities/import/"]["post"]["responses"]["400"]
    assert bad_import["content"]["application/json"]["schema"]["anyOf"][1] == {
        "$ref": "#/components/schemas/ValidationError"
    }


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "²"])
def test_a_bad_page_size_answers_400(api_as, reporter, value):
    response = api_as(reporter).get("/api/v1/units/", {"page_size": value})
    assert response.status_code == 400
    assert response.json() == {"page_size": ["Nhập một số nguyên từ 1 đến 500."]}


def test_a_large_page_size_is_read_as_500(api_as, reporter):
    response = api_as(reporter).get("/api/v1/units/", {"page_size": "100000"})
    assert response.status_code == 200 and len(response.json()["results"]) == min(response.json()["count"], 500)


def test_a_file_views_error_is_json(api_as, reviewer):
    """?format=xlsx picks the workbook's renderer; an error still goes out as JSON, under JSON's type."""
    response = api_as(reviewer).get("/api/v1/activities/import-template/", {"plan": 999999, "format": "xlsx"})
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/json"
    assert response.json()


VIETNAMESE = "ăâđêôơưạảãàáậầấẩẫắằặẳẵếềệểễốồộổỗớờợởỡứừựửữíìỉĩịúùụủũýỳỵỷỹéèẹẻẽóòọỏõ"


def test_the_schema_describes_every_operation_and_query_parameter_in_vietnamese():
    from django.utils import translation

    with translation.override("vi"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    english = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not set(operation.get("description", "").lower()) & set(VIETNAMESE):
                english.append(f"{method} {path}")
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and not set(parameter.get("description", "").lower()) & set(VIETNAMESE):
                    english.append(f"{method} {path} ?{parameter['name']}")
    assert english == []
    activities = schema["paths"]["/api/v1/activities/"]["get"]
    assert activities["description"].startswith("Danh sách, chia theo trang. Các hoạt động của đơn vị")
    figures = schema["components"]["schemas"]["AnnualReport"]["properties"]["figures"]
    assert figures["description"].startswith("Số liệu đã chốt")
