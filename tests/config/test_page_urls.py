"""Every web page (config/page_urls.py) is behind the login and answers for every role."""

import pytest
from django.test import Client

from tests.pages import text

PAGES = ["/", "/hoat-dong/", "/hoat-dong/them/", "/bao-cao/"]


UNIT_PAGES = ["/ke-hoach-don-vi/", "/mo-hinh-diem/", "/tap-huan/", "/hoat-dong/nhap-tu-tep/"]


FORMS = ["/mo-hinh-diem/them/", "/tap-huan/them/", "/hoat-dong/nhap-tu-tep/"]


pytestmark = pytest.mark.usefixtures("media")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        *PAGES,
        "/bao-cao/1/",
        "/hoat-dong/1/",
        "/don-vi/1/",
        *UNIT_PAGES,
        "/mo-hinh-diem/them/",
        "/mo-hinh-diem/1/sua/",
        "/tap-huan/them/",
        "/tap-huan/1/sua/",
        "/hoat-dong/nhap-tu-tep/mau.xlsx",
        "/minh-chung/1/",
        "/ke-hoach-don-vi/1/tep/",
        "/don-vi/1/ke-hoach-don-vi/",
    ],
)
def test_anonymous_is_sent_to_the_login_page(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "leader", "reviewer"])
def test_every_page_answers_for_every_role(role, client_as, reporter, leader, reviewer):
    user = {"reporter": reporter, "leader": leader, "reviewer": reviewer}[role]
    client = client_as(user)
    for url in PAGES:
        response = client.get(url)
        if role == "reviewer" and url == "/hoat-dong/them/":
            assert response.status_code == 403  # reviewers change only review fields
        elif role == "reviewer" and url == "/bao-cao/":
            assert response.status_code == 302  # reviewers reach reports from the overview
        else:
            assert response.status_code == 200, url
            assert 'lang="vi"' in text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "leader", "reviewer"])
def test_every_new_page_answers_for_every_role(role, csrf_client_as, reporter, leader, reviewer, plan):
    client = csrf_client_as({"reporter": reporter, "leader": leader, "reviewer": reviewer}[role])
    for url in [*UNIT_PAGES, "/mo-hinh-diem/them/", "/tap-huan/them/"]:
        response = client.get(url)
        if role == "reviewer" and url in FORMS:
            assert response.status_code == 403, url  # reviewers change nothing here
        elif role == "reviewer" and url == "/ke-hoach-don-vi/":
            assert response.status_code == 302  # reviewers reach a unit's plan from the unit's page
        else:
            assert response.status_code == 200, url
            assert 'lang="vi"' in text(response)
