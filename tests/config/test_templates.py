"""The error pages (config/templates/403.html, 404.html) speak Vietnamese and say what happened."""

from tests.factories import ActivityFactory


def test_another_units_activity_page_is_a_vietnamese_404(client, other_reporter, unit):
    activity = ActivityFactory(unit=unit)
    client.force_login(other_reporter)
    response = client.get(f"/hoat-dong/{activity.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "thuộc về đơn vị khác" in html


def test_reviewer_cannot_open_the_activity_form(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/hoat-dong/them/")
    assert response.status_code == 403
    assert "Không được phép truy cập" in response.content.decode()
