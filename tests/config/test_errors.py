"""A database that can't be reached answers 503 in Vietnamese, with Retry-After, on pages and in the
API (config/errors.py, config/api.py); an unknown address under /api/ answers 404 in JSON."""

import importlib

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import Client

MESSAGE = "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Chưa có gì được lưu; vui lòng thử lại sau ít phút."


@pytest.fixture
def database_gone(monkeypatch):
    """Every read of a session fails as it does while PostgreSQL restarts."""

    def lost(error):
        def load(self):
            raise error("server closed the connection unexpectedly")

        store = importlib.import_module(settings.SESSION_ENGINE).SessionStore
        monkeypatch.setattr(store, "load", load)

    return lost


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_answers_503_in_vietnamese(db, reporter, database_gone, error):
    client = Client(raise_request_exception=False)
    client.force_login(reporter)
    database_gone(error)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Tạm thời gián đoạn" in page and MESSAGE in page
    assert "Traceback" not in page and "server closed" not in page


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_the_api_answers_503_in_json(db, reporter, monkeypatch, api_as, error):
    def lost(*args, **kwargs):
        raise error("terminating connection due to administrator command")

    monkeypatch.setattr("accounts.api.UnitViewSet.list", lost)
    response = api_as(reporter).get("/api/v1/units/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"detail": MESSAGE}


def test_the_api_answers_503_in_json_when_the_session_cannot_be_read(db, reporter, database_gone):
    client = Client(raise_request_exception=False)
    client.force_login(reporter)
    database_gone(OperationalError)
    response = client.get("/api/v1/units/")
    assert response.status_code == 503
    assert response.json() == {"detail": MESSAGE}


def test_any_other_error_is_still_a_500(db, reporter, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(reporter)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(importlib.import_module(settings.SESSION_ENGINE).SessionStore, "load", broken)
    assert client.get("/").status_code == 500


def test_an_unknown_api_address_answers_404_in_json(db, api_as, reporter):
    response = api_as(reporter).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    page = Client().get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
