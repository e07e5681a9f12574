"""GET /healthz: for a load balancer or a monitor, without signing in, holding no secret."""

from django.conf import settings
from django.db import connection

from ops.models import Heartbeat
from ops.services import heartbeat_record


def test_healthy_answers_200_without_signing_in(db, client):
    heartbeat_record(name=Heartbeat.BEAT)
    heartbeat_record(name=Heartbeat.REMINDER_SCAN)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "Set-Cookie" not in response
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "broker", "beat", "reminder_scan"}
    assert all(check["ok"] for check in body["checks"].values())
    assert 0 <= body["checks"]["beat"]["age_seconds"] < 60


def test_unhealthy_answers_503_with_the_reasons_and_no_secret(db, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"ok": True}
    assert "Celery beat chưa chạy lần nào (hoặc chưa có worker nào chạy nhịp kiểm tra của nó)." in body["reasons"]
    text = response.content.decode()
    for secret in (str(connection.settings_dict["NAME"]), settings.CELERY_BROKER_URL, settings.SECRET_KEY):
        assert secret not in text


def test_only_get(db, client):
    assert client.post("/healthz").status_code == 405
