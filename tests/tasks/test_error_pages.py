"""Error pages speak Vietnamese and say what happened."""

from tests.tasks.factories import ActivityFactory


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


def test_a_reminders_link_opens_the_obligation_on_the_unit_page(client, leader, other_leader, unit):
    from tasks.models import Obligation

    obligation = Obligation.objects.get(unit=unit, deliverable__key="bao-cao-ket-qua")
    client.force_login(leader)
    response = client.get(f"/don-vi/{unit.pk}/")
    assert response.status_code == 200
    assert f'id="nghia-vu-{obligation.pk}"' in response.content.decode()
    client.force_login(other_leader)
    assert client.get(f"/don-vi/{unit.pk}/").status_code == 404
