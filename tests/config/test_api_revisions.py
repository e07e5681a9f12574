"""Revisions on the API (config/api_revisions.py): ETag / If-Match on updates, and the history of a record."""

from reports.annual.models import AnnualReport
from reports.annual.services import report_create
from tests.factories import ActivityFactory


def test_update_needs_if_match(api_as, reporter, activity):
    response = api_as(reporter).patch(f"/api/v1/activities/{activity.pk}/", {"title": "Mới"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    activity.refresh_from_db()
    assert activity.title == "Bản gốc"


def test_stale_etag_is_refused_and_nothing_is_overwritten(api_as, reporter, leader, activity):
    url = f"/api/v1/activities/{activity.pk}/"
    mine = api_as(reporter).get(url)["ETag"]
    theirs_client = api_as(leader)
    theirs = theirs_client.get(url)["ETag"]
    assert mine == theirs
    first = theirs_client.patch(url, {"title": "Sửa của lãnh đạo"}, format="json", HTTP_IF_MATCH=theirs)
    assert first.status_code == 200
    assert first["ETag"] != theirs
    second = api_as(reporter).patch(url, {"title": "Sửa của cán bộ"}, format="json", HTTP_IF_MATCH=mine)
    assert second.status_code == 412
    assert "tải lại" in second.json()["detail"]
    activity.refresh_from_db()
    assert activity.title == "Sửa của lãnh đạo"


def test_stale_etag_on_report(api_as, leader, plan):

    report = report_create(by=leader, plan=plan)
    client = api_as(leader)
    url = f"/api/v1/reports/{report.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"proposals": "A"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert client.patch(url, {"proposals": "B"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert AnnualReport.objects.get(pk=report.pk).proposals == "A"


def test_etag_of_another_record_is_refused(api_as, reporter, activity, unit):
    other = ActivityFactory(unit=unit)
    url = f"/api/v1/activities/{activity.pk}/"
    response = api_as(reporter).patch(
        url, {"title": "x"}, format="json", HTTP_IF_MATCH=f'"{other.pk}-{activity.revision}"'
    )
    assert response.status_code == 412


def test_activity_history_records_who_changed_what(api_as, reporter, leader, unit):
    from tests.factories import task

    client = api_as(reporter)
    created = client.post(
        "/api/v1/activities/",
        {"task": task("3.1").pk, "start_date": "2024-04-02", "title": "Buổi đầu", "form": "direct"},
        format="json",
    ).json()
    url = f"/api/v1/activities/{created['id']}/"
    leader_client = api_as(leader)
    leader_client.patch(url, {"participants": 90}, format="json", HTTP_IF_MATCH=leader_client.get(url)["ETag"])
    history = leader_client.get(f"{url}history/").json()
    assert [(h["action"], h["user"]) for h in history] == [("created", "ca01.reporter"), ("changed", "ca01.leader")]
    assert history[1]["changes"]["participants"] == {"old": 0, "new": 90}
