"""V03's view of the country (reports/dashboards/overview.py, matrix.py, charts.py, tilemap.py): the
matrix of units × tasks coloured by deadline state, its filters and sorts, the counts, the charts
and the map of the provinces, and the matrix as a workbook."""

from datetime import datetime
from io import BytesIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.models import Unit, User
from reports.annual.services import report_accept
from reports.dashboards.tilemap import tile_positions
from tests.conftest import make_user
from tests.factories import ActivityFactory, task
from tests.pages import text
from tests.reports.data import TZ, submitted_report

pytestmark = pytest.mark.django_db
DURING = datetime(2024, 12, 10, 9, 0, tzinfo=TZ)


def rows(response) -> dict:
    return {r.unit.key: r for r in response.context["rows"]}


@time_machine.travel(DURING, tick=False)
def test_each_cell_is_the_most_urgent_state_of_the_units_obligations_under_the_task(client_as, reviewer, leader, plan):
    ActivityFactory(participants=300)
    submitted_report(leader, plan, at=DURING)
    response = client_as(reviewer).get("/")
    matrix = response.context["matrix"]
    codes = [t.code for t in matrix.tasks]
    assert codes[:3] == ["1.1", "1.2", "2"] and "8.2a" in codes and len(codes) == 17
    hanoi = rows(response)["ca01"]
    cells = dict(zip(codes, hanoi.cells, strict=True))
    assert cells["1.1"].state == "overdue"  # the unit's plan was due before 29/02/2024
    assert cells["3.1"].state == "not_yet_due"  # "cả năm 2024"
    assert cells["8.2a"].state is None  # V03's task: Hà Nội owes nothing under it
    assert (hanoi.report_status, hanoi.report_state) == ("submitted", "done_on_time")
    assert (hanoi.activities, hanoi.participants) == (1, 300)
    page = text(response)
    assert 'class="cell state-overdue" title="Quá hạn"' in page
    assert "Hàng chờ xét duyệt (1 báo cáo)" in page


def test_filters_sorts_and_counts(client_as, reviewer, leader, other_leader, plan):
    ActivityFactory(unit=other_leader.unit, participants=900)
    report_accept(report=submitted_report(other_leader, plan, at=DURING), by=reviewer)
    submitted_report(leader, plan, at=datetime(2024, 12, 15, 8, 0, tzinfo=TZ))  # late
    client = client_as(reviewer)
    assert set(rows(client.get("/", {"kind": "department"}))) == set(
        Unit.objects.filter(kind="department", key__in=rows(client.get("/")).keys()).values_list("key", flat=True)
    )
    assert list(rows(client.get("/", {"q": "hồ chí minh"}))) == ["ca79"]
    assert list(rows(client.get("/", {"status": "accepted"}))) == ["ca79"]
    by_people = list(rows(client.get("/", {"sort": "participants"})))
    assert by_people[0] == "ca79"
    reports_first = list(rows(client.get("/", {"sort": "-report"})))
    assert reports_first[:2] == ["ca79", "ca01"]  # accepted, then submitted
    response = client.get("/", {"sort": "task-1.1", "area": "nam"})
    assert response.context["sort"] == "task-1.1"
    page = text(response)
    assert 'href="?sort=-task-1.1&amp;area=nam"' in page or 'href="?area=nam&amp;sort=-task-1.1"' in page
    counts = {status: n for status, _label, n in response.context["report_counts"]}
    assert counts["accepted"] == 1
    assert response.context["timeliness"]["on_time"] == 1
    everything = client.get("/").context["timeliness"]
    assert (everything["on_time"], everything["late"]) == (1, 1)


def test_charts_and_the_map_are_drawn_on_the_server(client_as, reviewer, leader, plan):
    ActivityFactory(participants=1250)
    submitted_report(leader, plan, at=DURING)
    response = client_as(reviewer).get("/")
    page = text(response)
    assert page.count("<svg") == 4  # three charts and the map, no script, nothing fetched
    assert "Số đơn vị theo tình trạng báo cáo" in page
    assert "1.250" in response.context["area_chart"]["svg"]
    tiles = str(response.context["map"]).count('class="tile ')
    assert tiles == 63  # the 63 provinces of 2024
    assert f'href="/bao-cao/{leader.unit.annual_reports.get().pk}/" class="tile report-submitted"' in page
    assert "<script" not in page.split("</head>")[1]
    assert len([k for k in tile_positions() if k[0] == "2025"]) == 34


def test_the_matrix_as_a_workbook(client_as, reviewer, plan):
    response = client_as(reviewer).get("/", {"area": "trung", "format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Đơn vị", "Địa bàn", "Tình trạng báo cáo", "Hạn gửi báo cáo"]
    assert header[7:10] == ["1.1", "1.2", "2"]
    assert sheet.max_row == 1 + len(rows(client_as(reviewer).get("/", {"area": "trung"})))


def test_the_matrix_reads_a_fixed_number_of_queries(client_as, reviewer, plan):
    client = client_as(reviewer)

    def queries(**params) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/", params)
        assert response.status_code == 200
        return len(ctx), len(response.context["rows"])

    few, few_rows = queries(area="trung", sort="task-3.1")
    for code in ("01", "79", "48", "31", "02"):
        unit = Unit.objects.get(key=f"ca{code}")
        leader = make_user(f"ca{code}.leader", role=User.Role.LEADER, unit=unit)
        ActivityFactory.create_batch(2, unit=unit, task=task("3.2"))
        submitted_report(leader, plan)
    many, many_rows = queries(sort="task-3.1")
    assert many_rows > 3 * few_rows
    assert many == few
