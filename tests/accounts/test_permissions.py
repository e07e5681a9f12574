"""The permission matrix: every role × every endpoint × own unit / other unit.

Expected codes: a record of another unit answers 404 (no existence leak); a reviewer sees
everything but may write only review fields (403); anonymous requests answer 401."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from accounts.models import Unit, User
from reports.annual.services import report_create, report_submit
from tasks.activities.services import evidence_add
from tasks.obligations.models import Obligation
from tasks.unit_plans.services import unit_plan_submit
from tests.conftest import make_user
from tests.factories import ActivityFactory, PilotModelFactory, TrainingCourseFactory, task
from tests.files import PDF, upload

ACTORS = ["anonymous", "reporter", "leader", "other_reporter", "other_leader", "reviewer", "admin"]


@pytest.fixture
def world(db, plan):
    ca01, ca79 = Unit.objects.get(key="ca01"), Unit.objects.get(key="ca79")
    users = {
        "reporter": make_user("ca01.reporter", role=User.Role.REPORTER, unit=ca01),
        "leader": make_user("ca01.leader", role=User.Role.LEADER, unit=ca01),
        "other_reporter": make_user("ca79.reporter", role=User.Role.REPORTER, unit=ca79),
        "other_leader": make_user("ca79.leader", role=User.Role.LEADER, unit=ca79),
        "reviewer": make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03")),
        "admin": make_user("admin", role=User.Role.ADMIN),
    }
    activity = ActivityFactory(unit=ca01)
    evidence = evidence_add(activity=activity, by=users["reporter"], upload=upload("bien-ban.pdf", PDF))
    report = report_create(by=users["leader"], plan=plan)
    objects = {
        "activities": activity,
        "pilot-models": PilotModelFactory(unit=ca01),
        "training-courses": TrainingCourseFactory(unit=ca01),
        "obligations": Obligation.objects.get(unit=ca01, deliverable__task__code="3.1"),
        "reports": report,
        "evidence": evidence,
        "unit-plans": unit_plan_submit(
            by=users["leader"],
            plan=plan,
            number="15/KH-CATP",
            signed_on=date(2024, 2, 20),
            signer="Đại tá Nguyễn Văn A",
            upload=upload("ke-hoach.pdf", PDF),
        ),
    }
    return users, objects


def client_for(users, actor):
    client = APIClient()
    if actor != "anonymous":
        client.force_authenticate(users[actor])
    return client


def create_payload(endpoint, plan):
    return {
        "activities": {
            "task": task("3.2").pk,
            "start_date": "2024-06-01",
            "title": "Tư vấn pháp luật cho công nhân",
            "form": "consultation",
            "target_groups": ["workers"],
        },
        "pilot-models": {
            "plan": plan.pk,
            "name": "Mô hình “Camera an ninh”",
            "target_group": "public",
            "start_date": "2024-04-01",
        },
        "training-courses": {
            "task": task("8.2b").pk,
            "title": "Tập huấn tuyên truyền viên",
            "start_date": "2024-07-01",
            "participants": 40,
        },
    }[endpoint]


SEES_OWN = {"reporter", "leader", "reviewer", "admin"}
READ_CODES = {a: (401 if a == "anonymous" else 200 if a in SEES_OWN else 404) for a in ACTORS}
WRITE_OWN = {
    "anonymous": 401,
    "reporter": 200,
    "leader": 200,
    "other_reporter": 404,
    "other_leader": 404,
    "reviewer": 403,
    "admin": 403,
}
CREATE = {
    "anonymous": 401,
    "reporter": 201,
    "leader": 201,
    "other_reporter": 201,
    "other_leader": 201,
    "reviewer": 403,
    "admin": 403,
}
ENDPOINTS = ["activities", "pilot-models", "training-courses", "obligations", "reports", "evidence", "unit-plans"]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_and_read(world, actor, endpoint):
    users, objects = world
    client = client_for(users, actor)
    obj = objects[endpoint]
    query = f"?unit={obj.unit_id}" if endpoint == "obligations" else ""
    listed = client.get(f"/api/v1/{endpoint}/{query}")
    assert listed.status_code == (401 if actor == "anonymous" else 200)
    if actor != "anonymous":
        ids = [row["id"] for row in listed.json()["results"]]
        assert (obj.pk in ids) == (actor in SEES_OWN)
    assert client.get(f"/api/v1/{endpoint}/{obj.pk}/").status_code == READ_CODES[actor]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ["activities", "pilot-models", "training-courses"])
def test_create_lands_in_the_users_own_unit(world, plan, actor, endpoint):
    users, _objects = world
    client = client_for(users, actor)
    response = client.post(f"/api/v1/{endpoint}/", create_payload(endpoint, plan), format="json")
    assert response.status_code == CREATE[actor], response.content
    if response.status_code == 201:
        assert response.json()["unit"]["key"] == users[actor].unit.key
    # Another unit's id in "unit" (only a unit the user's unit took over may be named) is refused.
    count = client.get(f"/api/v1/{endpoint}/").json()["count"] if actor != "anonymous" else 0
    payload = {**create_payload(endpoint, plan), "unit": Unit.objects.get(key="ca48").pk}
    refused = client.post(f"/api/v1/{endpoint}/", payload, format="json")
    assert refused.status_code == (401 if actor == "anonymous" else 403), refused.content
    if actor != "anonymous":
        assert client.get(f"/api/v1/{endpoint}/").json()["count"] == count


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ["activities", "pilot-models", "training-courses", "obligations", "reports"])
def test_update(world, actor, endpoint):
    users, objects = world
    obj = objects[endpoint]
    client = client_for(users, actor)
    url = f"/api/v1/{endpoint}/{obj.pk}/"
    body = {
        "activities": {"title": "Đã sửa"},
        "pilot-models": {"evaluation": "Hiệu quả tốt"},
        "training-courses": {"participants": 75},
        "obligations": {"status": "in_progress", "note": "Đang làm"},
        "reports": {"difficulties": "Thiếu kinh phí"},
    }[endpoint]
    response = client.patch(url, body, format="json", HTTP_IF_MATCH=f'"{obj.pk}-{obj.revision}"')
    assert response.status_code == WRITE_OWN[actor], response.content


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ["activities", "pilot-models", "training-courses", "evidence"])
def test_delete(world, actor, endpoint):
    users, objects = world
    obj = objects[endpoint]
    headers = {"HTTP_IF_MATCH": f'"{obj.pk}-{obj.revision}"'} if hasattr(obj, "revision") else {}
    response = client_for(users, actor).delete(f"/api/v1/{endpoint}/{obj.pk}/", **headers)
    expected = {**WRITE_OWN, "reporter": 204, "leader": 204}[actor]
    assert response.status_code == expected
    assert type(obj).objects.filter(pk=obj.pk).exists() == (expected != 204)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ["reports", "unit-plans", "obligations"])
def test_no_deleting_submissions_or_obligations(world, actor, endpoint):
    users, objects = world
    obj = objects[endpoint]
    response = client_for(users, actor).delete(f"/api/v1/{endpoint}/{obj.pk}/")
    assert response.status_code in (401, 403, 404, 405)
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", 401),
        ("reporter", 403),
        ("leader", 200),
        ("other_reporter", 404),
        ("other_leader", 404),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_submit(world, actor, expected):
    users, objects = world
    response = client_for(users, actor).post(f"/api/v1/reports/{objects['reports'].pk}/submit/")
    assert response.status_code == expected


@pytest.mark.parametrize("action", ["return", "accept"])
@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", 401),
        ("reporter", 403),
        ("leader", 403),
        ("other_reporter", 404),
        ("other_leader", 404),
        ("reviewer", 200),
        ("admin", 200),
    ],
)
def test_review_actions(world, action, actor, expected):
    users, objects = world
    report = objects["reports"]
    report_submit(report=report, by=users["leader"])
    response = client_for(users, actor).post(
        f"/api/v1/reports/{report.pk}/{action}/", {"comment": "Ý kiến"}, format="json"
    )
    assert response.status_code == expected
    report.refresh_from_db()
    assert report.status == ("submitted" if expected != 200 else {"return": "returned", "accept": "accepted"}[action])


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", 401),
        ("reporter", 200),
        ("leader", 200),
        ("other_reporter", 404),
        ("reviewer", 200),
    ],
)
def test_evidence_download(world, actor, expected):
    users, objects = world
    response = client_for(users, actor).get(f"/api/v1/evidence/{objects['evidence'].pk}/download/")
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF
        assert 'filename="bien-ban.pdf"' in response["Content-Disposition"]


def test_evidence_upload_to_another_units_activity_is_404(world):
    users, objects = world
    response = client_for(users, "other_reporter").post(
        f"/api/v1/activities/{objects['activities'].pk}/evidence/", {"file": upload("x.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 404


def test_reporter_cannot_set_review_fields_or_unit(world):
    users, objects = world
    report = objects["reports"]
    client = client_for(users, "reporter")
    url = f"/api/v1/reports/{report.pk}/"
    response = client.patch(
        url,
        {"status": "accepted", "review_comment": "tự duyệt", "unit": 5, "difficulties": "Khó khăn"},
        format="json",
        HTTP_IF_MATCH=client.get(url)["ETag"],
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.status, report.review_comment, report.unit.key) == ("draft", "", "ca01")


def test_report_entry_for_another_plans_task_is_refused(world, plan):
    users, objects = world
    client = client_for(users, "leader")
    url = f"/api/v1/reports/{objects['reports'].pk}/"
    response = client.patch(
        url, {"entries": [{"task": 999999, "results": "x"}]}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"]
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_user_without_a_unit_is_sent_home(csrf_client_as, plan):
    nobody = make_user("khach", role=User.Role.REPORTER)
    client = csrf_client_as(nobody)
    assert client.get("/ke-hoach-don-vi/").status_code == 302
    assert client.get("/mo-hinh-diem/them/").status_code == 403
