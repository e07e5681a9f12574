"""The home page (a unit's dashboard, the reviewers' overview) and a unit's page (reports/dashboards/pages.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Unit, User
from reports.annual.services import report_return
from tasks.models import Obligation
from tests.conftest import make_user
from tests.factories import ActivityFactory
from tests.pages import text
from tests.reports.data import submitted_report

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


pytestmark = pytest.mark.usefixtures("media")


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
def test_navigation_and_dashboard_link_the_new_pages(csrf_client_as, reporter, reviewer, unit):
    nav = text(csrf_client_as(reporter).get("/"))
    for url, label in [
        ("/ke-hoach-don-vi/", "Kế hoạch đơn vị"),
        ("/mo-hinh-diem/", "Mô hình điểm"),
        ("/tap-huan/", "Lớp tập huấn"),
        ("/hoat-dong/nhap-tu-tep/", "Nhập từ tệp"),
    ]:
        assert f'href="{url}"' in nav
        assert label in nav
    assert "Kế hoạch của đơn vị (1.1)" in nav
    assert "Chưa đạt chỉ tiêu" in nav

    unit_page = text(csrf_client_as(reviewer).get(f"/don-vi/{unit.pk}/"))
    assert f'href="/don-vi/{unit.pk}/ke-hoach-don-vi/"' in unit_page
    assert f'href="/mo-hinh-diem/?unit={unit.pk}"' in unit_page
    assert f'href="/tap-huan/?unit={unit.pk}"' in unit_page
    assert 'href="/ke-hoach-don-vi/"' not in unit_page  # the unit's own menu is not the reviewer's


def test_a_reminders_link_opens_the_obligation_on_the_unit_page(client, leader, other_leader, unit):

    obligation = Obligation.objects.get(unit=unit, deliverable__key="bao-cao-ket-qua")
    client.force_login(leader)
    response = client.get(f"/don-vi/{unit.pk}/")
    assert response.status_code == 200
    assert f'id="nghia-vu-{obligation.pk}"' in response.content.decode()
    client.force_login(other_leader)
    assert client.get(f"/don-vi/{unit.pk}/").status_code == 404


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
    # the session and the user (2), the plan and its deliverables (2), the matrix (units, tasks,
    # reports, obligations, three sums of the tallies: 7), the review queue's count (1), the user's
    # unit for the header (1), and what the session may save (3)
    assert many_queries <= 16


@pytest.mark.django_db
@time_machine.travel(datetime(2024, 6, 10, 9, 0, tzinfo=HCM), tick=False)
def test_each_progress_form_posts_its_own_obligation_with_the_pages_token(csrf_client_as, reporter, plan):
    """The rows' forms carry one token made for the page and each its own obligation's address;
    the token the page carries is accepted."""
    import re

    client = csrf_client_as(reporter)
    page = client.get("/").content.decode()
    actions = re.findall(r'<form method="post" action="(/nghia-vu/(\d+)/trang-thai/)"', page)
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    owed = set(Obligation.objects.filter(unit=reporter.unit, completed_at=None).values_list("pk", flat=True))
    assert len(actions) >= 10
    assert {int(pk) for _url, pk in actions} <= owed
    assert len({pk for _url, pk in actions}) == len(actions)
    assert len(tokens) == 1
    url, pk = actions[3]
    response = client.post(url, {"status": "in_progress", "csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert Obligation.objects.get(pk=pk).status == "in_progress"


@pytest.mark.django_db
def test_unit_dashboard_query_count_does_not_grow_with_its_records(client_as, reporter, plan):
    from tests.factories import PilotModelFactory, TrainingCourseFactory

    client = client_as(reporter)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/")
        assert response.status_code == 200
        return len(ctx)

    few = queries()
    ActivityFactory.create_batch(12, unit=reporter.unit)
    PilotModelFactory.create_batch(3, unit=reporter.unit, plan=plan)
    TrainingCourseFactory.create_batch(3, unit=reporter.unit)
    assert queries() == few
    # the session and the user, the plan and its deliverables, the units the user acts for (2), the
    # pilot models, the targeted tasks, the activities by task, the courses, the obligations, the
    # report, the unit's plan, the latest activities
    assert few <= 14
