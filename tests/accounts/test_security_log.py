"""Logins, failed logins and refused access go to the security log; history records who did what."""

import logging

from tests.tasks.factories import ActivityFactory


def test_failed_and_successful_logins_are_logged(api, reporter, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "sai-mat-khau"})
        api.post("/api/v1/auth/token/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    messages = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert any("login-failed user=ca01.reporter" in m for m in messages)


def test_admin_login_is_logged(client, reporter, caplog):
    reporter.is_staff = True
    reporter.save()
    with caplog.at_level(logging.INFO, logger="security"):
        client.post("/admin/login/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert any("login user=ca01.reporter" in r.getMessage() for r in caplog.records if r.name == "security")


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


def test_activity_history_records_who_changed_what(api_as, reporter, leader, unit):
    from tests.tasks.factories import task

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
