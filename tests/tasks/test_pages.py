"""The web pages (tasks.pages) with Django's test client: each page for each role, another unit's
records answering 404, Vietnamese messages on bad input, and the reviewer overview's query count."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Unit, User
from reports.annual.models import AnnualReport
from reports.annual.services import report_create, report_return, report_submit
from tasks.models import Activity, Obligation
from tests.conftest import make_user
from tests.tasks.factories import ActivityFactory, task

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PAGES = ["/", "/hoat-dong/", "/hoat-dong/them/", "/bao-cao/"]


@pytest.fixture
def client_as():
    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


def text(response) -> str:
    return response.content.decode()


def activity_post(**changes) -> dict:
    data = {
        "task": str(task("3.1").pk),
        "title": "Tuyên truyền Luật Căn cước tại phường Hàng Bạc",
        "start_date": "05/12/2024",
        "end_date": "",
        "form": "direct",
        "target_groups": ["public", "workers"],
        "topics": ["new_laws"],
        "commune": "Phường Hàng Bạc",
        "district": "Quận Hoàn Kiếm",
        "description": "",
        "sessions": "2",
        "participants": "1.250",
        "copies": "300",
        "online_reach": "0",
        "budget_vnd": "2.500.000",
    }
    data.update(changes)
    return data


def submitted_report(leader, plan, *, at=None):
    report = report_create(by=leader, plan=plan)
    return report_submit(report=report, by=leader, at=at)


# --- Login and access ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*PAGES, "/bao-cao/1/", "/hoat-dong/1/", "/don-vi/1/"])
def test_anonymous_is_sent_to_the_login_page(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


@pytest.mark.django_db
def test_login_page_and_logging_in_and_out(reporter):
    client = Client()
    page = client.get("/dang-nhap/")
    assert page.status_code == 200
    assert "Đăng nhập" in text(page)
    assert 'for="id_username"' in text(page)

    bad = client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "wrong"})
    assert bad.status_code == 200
    assert "Đăng nhập" in text(bad)
    assert "_auth_user_id" not in client.session

    good = client.post("/dang-nhap/", {"username": "ca01.reporter", "password": "pw-Test-123"})
    assert good.status_code == 302
    assert good["Location"] == "/"
    home = client.get("/")
    assert "Theo dõi Kế hoạch PBGDPL" in text(home)
    assert "Công an thành phố Hà Nội" in text(home)

    out = client.post("/dang-xuat/")
    assert out.status_code == 302
    assert client.get("/").status_code == 302


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


# --- Dashboard of a unit ------------------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(datetime(2024, 12, 10, 9, 0, tzinfo=HCM), tick=False)
def test_unit_dashboard_shows_obligations_deadlines_and_states(client_as, reporter, plan):
    ActivityFactory(title="Hội nghị phổ biến Luật Căn cước")
    page = text(client_as(reporter).get("/"))
    assert "Công an thành phố Hà Nội" in page
    assert "trước ngày 29/02/2024" in page  # 1.1: the unit's own plan
    assert "trước ngày 15/12/2024" in page  # III.3: the results report
    assert "cả năm 2024" in page
    assert "Quá hạn" in page  # 1.1 not handed in
    assert "Sắp đến hạn" in page  # the report, due within 7 days
    assert "state-due_soon" in page
    assert "00 giờ 00" in page  # the "before D" rule is said on the page
    assert "Chưa gửi" in page  # no report yet
    assert "Hội nghị phổ biến Luật Căn cước" in page  # latest activities
    assert "10/05/2024" in page


@pytest.mark.django_db
def test_dashboard_shows_the_reviewer_comment_of_a_returned_report(client_as, leader, reviewer, plan):
    report = submitted_report(leader, plan)
    report_return(report=report, by=reviewer, comment="Bổ sung số liệu nhiệm vụ 4.1.")
    page = text(client_as(leader).get("/"))
    assert "Bị trả lại" in page
    assert "Bổ sung số liệu nhiệm vụ 4.1." in page


@pytest.mark.django_db
def test_unit_page_is_the_reviewers_and_own_units_only(client_as, reporter, reviewer, unit, other_unit):
    assert client_as(reviewer).get(f"/don-vi/{other_unit.pk}/").status_code == 200
    assert client_as(reporter).get(f"/don-vi/{unit.pk}/").status_code == 200
    assert client_as(reporter).get(f"/don-vi/{other_unit.pk}/").status_code == 404


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


# --- Reviewer overview --------------------------------------------------------------------------


@pytest.mark.django_db
def test_overview_has_a_row_per_unit_valid_in_the_plans_year(client_as, reviewer, plan):
    response = client_as(reviewer).get("/")
    rows = response.context["rows"]
    names = [r.unit.name for r in rows]
    expected = Unit.objects.valid_between(date(2024, 1, 1), date(2024, 12, 31)).implementing().count()
    assert len(rows) == expected
    provinces = [r for r in rows if r.unit.kind == Unit.Kind.PROVINCE]
    assert len(provinces) == 63  # the 2024 provinces, not the 34 of 2025
    assert "Cục Pháp chế và cải cách hành chính, tư pháp" in names
    assert "Công an thành phố Hà Nội" in names
    assert "Chưa gửi" in text(response)


@pytest.mark.django_db
def test_overview_report_status_timeliness_and_filters(client_as, reviewer, leader, other_leader, plan):
    ActivityFactory.create_batch(3)
    on_time = submitted_report(leader, plan, at=datetime(2024, 12, 14, 23, 59, tzinfo=HCM))
    late = submitted_report(other_leader, plan, at=datetime(2024, 12, 15, 0, 0, tzinfo=HCM))
    report_return(report=late, by=reviewer, comment="Thiếu số liệu.")
    client = client_as(reviewer)

    rows = {r.unit.key: r for r in client.get("/").context["rows"]}
    assert rows["ca01"].report_status == "submitted"
    assert rows["ca01"].report_state == "done_on_time"
    assert rows["ca01"].activities == 3
    assert rows["ca79"].report_status == "returned"
    assert rows["ca79"].report_state == "done_late"  # 15/12 itself is late
    assert rows["ca48"].report_status == "none"
    assert rows["ca01"].overdue >= 1

    page = text(client.get("/"))
    assert "Hoàn thành đúng hạn" in page
    assert "Hoàn thành quá hạn" in page
    assert "14/12/2024" in page
    assert reverse("pages:report-detail", args=[on_time.pk]) in page

    south = [r.unit.key for r in client.get("/", {"area": "nam"}).context["rows"]]
    assert "ca79" in south
    assert "ca01" not in south
    returned = [r.unit.key for r in client.get("/", {"status": "returned"}).context["rows"]]
    assert returned == ["ca79"]
    not_sent = [r.unit.key for r in client.get("/", {"status": "none"}).context["rows"]]
    assert "ca48" in not_sent
    assert "ca01" not in not_sent


@pytest.mark.django_db
def test_overview_query_count_does_not_grow_with_units(client_as, reviewer, plan):
    client = client_as(reviewer)

    def queries(**params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/", params)
        assert response.status_code == 200
        return len(ctx), len(response.context["rows"])

    few_queries, few_units = queries(area="trung")
    # More units with reports and activities: the count stays the same.
    for code in ("01", "79", "48", "31"):
        unit = Unit.objects.get(key=f"ca{code}")
        leader = make_user(f"ca{code}.leader", role=User.Role.LEADER, unit=unit)
        ActivityFactory.create_batch(2, unit=unit)
        submitted_report(leader, plan)
    many_queries, many_units = queries()
    assert many_units > few_units * 2
    assert many_queries == few_queries
    assert many_queries <= 10


# --- Activities ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_activity_list_is_scoped_and_paginated(client_as, reporter, other_reporter, reviewer, other_unit):
    ActivityFactory.create_batch(26)
    ActivityFactory(unit=other_unit, title="Hoạt động của Hồ Chí Minh")
    ours = client_as(reporter).get("/hoat-dong/")
    assert ours.context["page"].paginator.count == 26
    assert "Hoạt động của Hồ Chí Minh" not in text(ours)
    assert "Trang 1/2" in text(ours)
    assert client_as(reporter).get("/hoat-dong/", {"page": 2}).context["page"].object_list.__len__() == 1

    theirs = client_as(other_reporter).get("/hoat-dong/")
    assert theirs.context["page"].paginator.count == 1
    assert "Hoạt động của Hồ Chí Minh" in text(theirs)

    everyone = client_as(reviewer).get("/hoat-dong/")
    assert everyone.context["page"].paginator.count == 27
    assert "Hoạt động của các đơn vị" in text(everyone)
    assert "Hoạt động của Hồ Chí Minh" in text(everyone)
    one_unit = client_as(reviewer).get("/hoat-dong/", {"unit": other_unit.pk})
    assert one_unit.context["page"].paginator.count == 1
    assert "Hoạt động của Công an thành phố Hồ Chí Minh" in text(one_unit)


@pytest.mark.django_db
def test_activity_detail_of_another_unit_is_404(client_as, reporter, other_reporter, reviewer):
    activity = ActivityFactory(budget_vnd=2_500_000)
    page = client_as(reporter).get(f"/hoat-dong/{activity.pk}/")
    assert page.status_code == 200
    assert "2.500.000" in text(page)
    assert client_as(reviewer).get(f"/hoat-dong/{activity.pk}/").status_code == 200
    assert client_as(other_reporter).get(f"/hoat-dong/{activity.pk}/").status_code == 404


@pytest.mark.django_db
def test_logging_an_activity_through_the_form(client_as, reporter, unit):
    client = client_as(reporter)
    form = text(client.get("/hoat-dong/them/"))
    assert "<optgroup" in form  # tasks grouped under their task group
    assert "3.1." in form
    assert 'placeholder="dd/mm/yyyy"' in form
    assert 'type="checkbox"' in form

    response = client.post("/hoat-dong/them/", activity_post())
    assert response.status_code == 302
    assert response["Location"] == "/hoat-dong/"
    activity = Activity.objects.get(unit=unit, title__startswith="Tuyên truyền Luật Căn cước")
    assert activity.start_date == date(2024, 12, 5)  # dd/mm/yyyy, not month first
    assert activity.participants == 1250
    assert activity.budget_vnd == 2_500_000
    assert activity.created_by == reporter
    assert sorted(activity.target_group_rows.values_list("target_group", flat=True)) == ["public", "workers"]
    assert activity.history.first().history_user == reporter  # written by the service
    listed = text(client.get("/hoat-dong/", follow=True))
    assert "Tuyên truyền Luật Căn cước tại phường Hàng Bạc" in listed
    assert "05/12/2024" in listed
    assert "1.250" in listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Trường này là bắt buộc."),
        ({"task": ""}, "task", "Trường này là bắt buộc."),
        ({"start_date": "31/02/2024"}, "start_date", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"start_date": "2024/12/05"}, "start_date", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"end_date": "01/12/2024"}, "end_date", "Ngày kết thúc trước ngày bắt đầu."),
        ({"participants": "-5"}, "participants", "0"),
        ({"form": ""}, "form", "Trường này là bắt buộc."),
        ({"target_groups": []}, "target_groups", "Trường này là bắt buộc."),
        ({"task": "999999"}, "task", "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_bad_activity_input_shows_vietnamese_messages_and_saves_nothing(
    client_as, reporter, plan, changes, field, message
):
    before = Activity.objects.count()
    response = client_as(reporter).post("/hoat-dong/them/", activity_post(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = text(response)
    assert message in page
    assert "Chưa lưu gì" in page
    assert f'id="id_{field}_error"' in page  # the message sits next to its field
    assert Activity.objects.count() == before


@pytest.mark.django_db
def test_reviewers_cannot_log_activities(client_as, reviewer, plan):
    response = client_as(reviewer).post("/hoat-dong/them/", activity_post())
    assert response.status_code == 403
    assert not Activity.objects.filter(title__startswith="Tuyên truyền Luật Căn cước").exists()


# --- The annual report --------------------------------------------------------------------------


@pytest.mark.django_db
def test_leader_creates_edits_and_submits_the_report(client_as, leader, reporter, unit, plan):
    ActivityFactory(budget_vnd=2_500_000, participants=1_200)
    client = client_as(leader)
    missing = text(client.get("/bao-cao/"))
    assert "chưa có báo cáo kết quả" in missing

    created = client.post("/bao-cao/tao/")
    report = AnnualReport.objects.get(unit=unit, plan=plan)
    assert created["Location"] == f"/bao-cao/{report.pk}/"

    form = client.get(f"/bao-cao/{report.pk}/sua/")
    assert form.status_code == 200
    data = dict(form.context["form"].initial)
    data.update(
        {
            "difficulties": "Kinh phí còn hạn chế.",
            "proposals": "Đề nghị Bộ tổ chức tập huấn.",
            f"status_{task('3.1').pk}": "completed",
            f"results_{task('3.1').pk}": "Tổ chức 12 hội nghị tuyên truyền.",
        }
    )
    saved = client.post(f"/bao-cao/{report.pk}/sua/", data)
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.difficulties == "Kinh phí còn hạn chế."
    assert report.entries.get(task__code="3.1").results == "Tổ chức 12 hội nghị tuyên truyền."

    stale = client.post(f"/bao-cao/{report.pk}/sua/", data)  # the same revision again
    assert stale.status_code == 400
    assert "người khác sửa" in text(stale)

    page = text(client.get("/bao-cao/"))
    assert "Gửi báo cáo" in page
    assert "Tổ chức 12 hội nghị tuyên truyền." in page
    assert "2.500.000" in page  # live figures, "." for thousands
    assert "1.200" in page

    # The reporter sees the report but not the button, and can't submit.
    reporter_page = text(client_as(reporter).get(f"/bao-cao/{report.pk}/"))
    assert "Chỉ lãnh đạo đơn vị mới được gửi báo cáo." in reporter_page
    assert f'action="/bao-cao/{report.pk}/gui/"' not in reporter_page
    assert client_as(reporter).post(f"/bao-cao/{report.pk}/gui/").status_code == 403
    report.refresh_from_db()
    assert report.status == "draft"

    sent = client.post(f"/bao-cao/{report.pk}/gui/", follow=True)
    assert "Đã gửi báo cáo về Bộ" in text(sent)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.versions.count() == 1
    version = text(client.get(f"/bao-cao/{report.pk}/phien-ban/1/"))
    assert "Tổ chức 12 hội nghị tuyên truyền." in version
    assert "2.500.000" in version

    again = client.post(f"/bao-cao/{report.pk}/gui/", follow=True)  # illegal: already submitted
    assert "message-error" in text(again)
    assert "Chỉ gửi được báo cáo đang dự thảo hoặc bị trả lại" in text(again)
    assert report.versions.count() == 1
    assert client.get(f"/bao-cao/{report.pk}/sua/").status_code == 302  # no longer editable


@pytest.mark.django_db
def test_reviewer_returns_with_a_comment_then_accepts(client_as, leader, reviewer, plan):
    report = submitted_report(leader, plan)
    client = client_as(reviewer)
    page = text(client.get(f"/bao-cao/{report.pk}/"))
    assert "Trả lại" in page
    assert "Chấp nhận" in page

    no_comment = client.post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "  "})
    assert no_comment.status_code == 400
    assert "ý kiến là bắt buộc" in text(no_comment)
    assert 'id="id_comment_error"' in text(no_comment)
    report.refresh_from_db()
    assert report.status == "submitted"

    client.post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "Bổ sung số liệu mô hình điểm."})
    report.refresh_from_db()
    assert report.status == "returned"
    assert report.review_comment == "Bổ sung số liệu mô hình điểm."
    assert "Bổ sung số liệu mô hình điểm." in text(client_as(leader).get(f"/bao-cao/{report.pk}/"))

    # Accepting a returned report is illegal: the service's message shows, nothing changes.
    refused = client.post(f"/bao-cao/{report.pk}/chap-nhan/", follow=True)
    assert "message-error" in text(refused)
    assert "Chỉ chấp nhận được báo cáo đã gửi" in text(refused)
    report.refresh_from_db()
    assert report.status == "returned"

    report_submit(report=report, by=leader)
    client.post(f"/bao-cao/{report.pk}/chap-nhan/", {"comment": ""})
    report.refresh_from_db()
    assert report.status == "accepted"


@pytest.mark.django_db
def test_units_cannot_review(client_as, leader, plan):
    report = submitted_report(leader, plan)
    assert client_as(leader).post(f"/bao-cao/{report.pk}/chap-nhan/").status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.django_db
def test_another_units_report_is_404(client_as, leader, reporter, other_leader, plan):
    report = submitted_report(other_leader, plan)
    for client in (client_as(leader), client_as(reporter)):
        assert client.get(f"/bao-cao/{report.pk}/").status_code == 404
        assert client.get(f"/bao-cao/{report.pk}/sua/").status_code == 404
        assert client.get(f"/bao-cao/{report.pk}/phien-ban/1/").status_code == 404
        assert client.post(f"/bao-cao/{report.pk}/gui/").status_code == 404
        assert client.post(f"/bao-cao/{report.pk}/tra-lai/", {"comment": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted"
