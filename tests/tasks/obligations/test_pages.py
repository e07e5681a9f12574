"""Setting an obligation's progress from the unit's page (tasks/obligations/pages.py)."""

import pytest

from tasks.models import Obligation
from tests.pages import text


@pytest.mark.django_db
def test_obligation_progress_is_set_through_the_service(client_as, reporter, other_unit, unit, plan):
    obligation = Obligation.objects.get(unit=unit, deliverable__task__code="6.1")
    client = client_as(reporter)
    response = client.post(f"/nghia-vu/{obligation.pk}/trang-thai/", {"status": "in_progress"}, follow=True)
    assert "Đã lưu tình trạng" in text(response)
    obligation.refresh_from_db()
    assert obligation.status == "in_progress"
    assert obligation.history.first().history_user == reporter

    report_obligation = Obligation.objects.get(unit=unit, deliverable__kind="annual_report")
    refused = client.post(f"/nghia-vu/{report_obligation.pk}/trang-thai/", {"status": "completed"}, follow=True)
    assert "Nghĩa vụ này chỉ hoàn thành khi gửi văn bản" in text(refused)
    report_obligation.refresh_from_db()
    assert report_obligation.status == "not_started"

    theirs = Obligation.objects.get(unit=other_unit, deliverable__task__code="6.1")
    assert client.post(f"/nghia-vu/{theirs.pk}/trang-thai/", {"status": "in_progress"}).status_code == 404
