"""Records units can correct (tasks/activities/pages.py): an activity is corrected and deleted from
its page through the services, with the revision it was opened at; its evidence files are removed;
the history keeps every change; the form opened from a task's row has the task chosen; the lock of
an accepted report and the frozen versions of a sent report are said on the page."""

from datetime import date

import pytest
import time_machine

from reports.annual.models import AnnualReport
from tasks.models import Activity, Evidence
from tests.factories import ActivityFactory, task
from tests.files import PDF, upload
from tests.pages import csrf_post, text
from tests.reports.data import report, submitted_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def edit_post(activity, **changes) -> dict:
    data = {
        "revision": str(activity.revision),
        "task": str(activity.task_id),
        "title": activity.title,
        "start_date": activity.start_date.strftime("%d/%m/%Y"),
        "end_date": "",
        "form": activity.form,
        "target_groups": ["public"],
        "topics": [],
        "commune": "",
        "district": "",
        "description": "",
        "sessions": "1",
        "participants": "120",
        "copies": "0",
        "online_reach": "0",
        "budget_vnd": "0",
    }
    data.update(changes)
    return data


def test_the_form_opened_from_a_task_row_has_the_task_chosen(client_as, reporter, plan):
    page = client_as(reporter).get("/hoat-dong/them/", {"task": "3.1"})
    assert page.context["form"].initial["task"] == task("3.1").pk
    assert f'<option value="{task("3.1").pk}" selected>' in text(page)
    by_id = client_as(reporter).get("/hoat-dong/them/", {"task": str(task("8.1").pk)})
    assert by_id.context["form"].initial["task"] == task("8.1").pk
    unknown = client_as(reporter).get("/hoat-dong/them/", {"task": "99.9"})
    assert unknown.status_code == 200 and unknown.context["form"].initial["task"] is None


def test_correcting_the_date_keeps_the_history(client_as, reporter, plan):
    activity = ActivityFactory(unit=reporter.unit, start_date=date(2024, 5, 10))
    client = client_as(reporter)
    form = text(client.get(f"/hoat-dong/{activity.pk}/sua/"))
    assert 'value="10/05/2024"' in form
    assert 'name="revision" value="1"' in form
    response = client.post(f"/hoat-dong/{activity.pk}/sua/", edit_post(activity, start_date="9/5/2024"))
    assert response.status_code == 302 and response["Location"] == f"/hoat-dong/{activity.pk}/"
    activity.refresh_from_db()
    assert activity.start_date == date(2024, 5, 9)  # d/m/yyyy read day first
    assert activity.revision == 2
    assert [h.start_date for h in activity.history.order_by("history_id")] == [date(2024, 5, 10), date(2024, 5, 9)]
    assert activity.history.first().history_user == reporter
    assert "Đã sửa hoạt động" in text(client.get(f"/hoat-dong/{activity.pk}/"))


@pytest.mark.parametrize("typed", ["09-05-2024", "09.05.2024", "2024-05-09", " 9 / 5 / 2024 "])
def test_dates_typed_with_any_separator_or_from_a_date_picker(client_as, reporter, plan, typed):
    activity = ActivityFactory(unit=reporter.unit)
    response = client_as(reporter).post(f"/hoat-dong/{activity.pk}/sua/", edit_post(activity, start_date=typed))
    assert response.status_code == 302, response.context["form"].errors
    activity.refresh_from_db()
    assert activity.start_date == date(2024, 5, 9)
    assert "09/05/2024" in text(client_as(reporter).get(f"/hoat-dong/{activity.pk}/"))


def test_a_stale_copy_overwrites_nothing(client_as, reporter, leader, plan):
    activity = ActivityFactory(unit=reporter.unit, title="Bản gốc")
    opened = edit_post(activity)
    client_as(leader).post(f"/hoat-dong/{activity.pk}/sua/", edit_post(activity, title="Sửa của lãnh đạo"))
    response = client_as(reporter).post(f"/hoat-dong/{activity.pk}/sua/", {**opened, "title": "Sửa muộn"})
    assert response.status_code == 400
    assert "Có người đã sửa" in text(response) or "sau khi" in text(response)
    activity.refresh_from_db()
    assert activity.title == "Sửa của lãnh đạo"


def test_every_error_is_shown_at_once(client_as, reporter, plan):
    activity = ActivityFactory(unit=reporter.unit)
    with time_machine.travel(date(2024, 6, 1)):
        response = client_as(reporter).post(
            f"/hoat-dong/{activity.pk}/sua/",
            edit_post(activity, title="", start_date="20/06/2024", end_date="31/11/2024", participants="-1"),
        )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"title", "end_date", "participants"}
    assert "Không có ngày 31/11/2024" in text(response)


def test_a_date_in_the_future_is_refused_for_what_was_done(client_as, reporter, plan):
    activity = ActivityFactory(unit=reporter.unit)
    with time_machine.travel(date(2024, 6, 1)):
        response = client_as(reporter).post(
            f"/hoat-dong/{activity.pk}/sua/", edit_post(activity, start_date="20/06/2024")
        )
    assert response.status_code == 400
    assert "Ngày 20/06/2024 chưa đến (hôm nay là 01/06/2024)" in text(response)
    assert 'id="id_start_date_error"' in text(response)
    activity.refresh_from_db()
    assert activity.start_date == date(2024, 5, 10)


def test_deleting_an_activity(csrf_client_as, reporter, other_reporter, reviewer, plan):
    activity = ActivityFactory(unit=reporter.unit, title="Bản trùng")
    page = text(csrf_client_as(reporter).get(f"/hoat-dong/{activity.pk}/"))
    assert f'action="/hoat-dong/{activity.pk}/xoa/"' in page
    assert "data-confirm=" in page
    assert (
        csrf_post(csrf_client_as(other_reporter), f"/hoat-dong/{activity.pk}/xoa/", {"revision": "1"}).status_code
        == 404
    )
    assert csrf_post(csrf_client_as(reviewer), f"/hoat-dong/{activity.pk}/xoa/", {"revision": "1"}).status_code == 403
    stale = csrf_post(csrf_client_as(reporter), f"/hoat-dong/{activity.pk}/xoa/", {"revision": "7"}, follow=True)
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert "Có người đã sửa hoạt động này" in text(stale)
    done = csrf_post(csrf_client_as(reporter), f"/hoat-dong/{activity.pk}/xoa/", {"revision": "1"}, follow=True)
    assert "Đã xóa hoạt động “Bản trùng”." in text(done)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    deleted = Activity.history.filter(id=activity.pk, history_type="-").get()
    assert deleted.history_user == reporter


def test_removing_an_evidence_file(csrf_client_as, reporter, other_reporter, plan):
    activity = ActivityFactory(unit=reporter.unit)
    client = csrf_client_as(reporter)
    csrf_post(client, f"/hoat-dong/{activity.pk}/minh-chung/", {"file": upload("bien-ban.pdf", PDF)})
    evidence = Evidence.objects.get()
    assert f'action="/minh-chung/{evidence.pk}/xoa/"' in text(client.get(f"/hoat-dong/{activity.pk}/"))
    assert csrf_post(csrf_client_as(other_reporter), f"/minh-chung/{evidence.pk}/xoa/").status_code == 404
    response = csrf_post(client, f"/minh-chung/{evidence.pk}/xoa/", follow=True)
    assert "Đã gỡ tệp “bien-ban.pdf”." in text(response)
    assert not Evidence.objects.exists()
    assert Evidence.history.filter(history_type="-").get().history_user == reporter


def test_the_lock_of_an_accepted_report_is_said_on_the_form(client_as, reporter, plan):
    activity = ActivityFactory(unit=reporter.unit)
    report(reporter.unit, plan, AnnualReport.Status.ACCEPTED)
    form = text(client_as(reporter).get(f"/hoat-dong/{activity.pk}/sua/"))
    assert "đã được chấp nhận" in form and "không thể thay đổi" in form
    response = client_as(reporter).post(f"/hoat-dong/{activity.pk}/sua/", edit_post(activity, title="Đổi tên"))
    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.title != "Đổi tên"


def test_editing_inside_the_window_of_a_sent_report_warns_about_the_frozen_version(client_as, reporter, leader, plan):
    activity = ActivityFactory(unit=reporter.unit)
    submitted_report(leader, plan)
    client = client_as(reporter)
    assert "các phiên bản đã gửi giữ nguyên số liệu" in text(client.get(f"/hoat-dong/{activity.pk}/sua/"))
    response = client.post(f"/hoat-dong/{activity.pk}/sua/", edit_post(activity, participants="150"), follow=True)
    page = text(response)
    assert "Đã sửa hoạt động" in page
    assert "Thay đổi này chỉ được tính vào báo cáo khi gửi lại báo cáo." in page
    version = AnnualReport.objects.get(unit=reporter.unit).versions.get()
    assert version.figures["totals"]["participants"] == 120  # the frozen version keeps its figures
