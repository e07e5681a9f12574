"""The roll-up of 2026 beside 2024's, unit by unit across the 2025 merger (reports/rollup/comparison.py),
in the API (``?compare_with=``), the tables (reports/tables.py) and the workbook."""

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from accounts.models import Unit
from plans.models import Task
from reports import tables
from reports.rollup import RollupFilters, plan_rollup
from reports.services import rollup_pdf, rollup_xlsx

from ..data import activity, report
from ..pdf.reading import flat, pdf_text

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def task(plan, code="3.1") -> Task:
    return Task.objects.get(group__plan=plan, code=code)


@pytest.fixture
def years(plan, plan_2026):
    """Hà Giang and Tuyên Quang in 2024 (both accepted), Tuyên Quang in 2026 (accepted); Cao Bằng
    in both years, its 2024 report not accepted."""
    u = {key: Unit.objects.get(key=key) for key in ("ca02", "ca08", "ca08-2025", "ca04", "ca04-2025", "v03")}
    activity(u["ca02"], task(plan), day=date(2024, 4, 2), participants=100, budget_vnd=1_000_000)
    activity(u["ca02"], task(plan, "3.2"), day=date(2024, 9, 9), participants=50)
    activity(u["ca08"], task(plan), day=date(2024, 5, 5), participants=30, budget_vnd=500_000)
    activity(u["ca08"], task(plan), day=date(2023, 12, 1), participants=999)  # before the 2024 window
    activity(u["ca04"], task(plan), day=date(2024, 6, 6), participants=70)
    activity(u["ca08-2025"], task(plan_2026), day=date(2026, 3, 3), participants=400)
    report(u["ca02"], plan, "accepted")
    report(u["ca08"], plan, "accepted")
    report(u["ca04"], plan, "submitted")
    report(u["ca08-2025"], plan_2026, "accepted", first_submitted=datetime(2026, 12, 1, 9, tzinfo=TZ))
    return u


def rows_by_unit(rollup):
    return {row.id: row for row in rollup.comparison.rows}


def test_a_province_of_2026_beside_the_provinces_it_was_formed_from_summed(plan, plan_2026, years):
    r = plan_rollup(plan=plan_2026, filters=RollupFilters(compare_with=plan))
    rows = rows_by_unit(r)
    tq = rows[years["ca08-2025"].pk]
    assert tq.earlier_units == ["Công an tỉnh Hà Giang", "Công an tỉnh Tuyên Quang"]
    assert tq.earlier_counted == 2
    assert (tq.earlier_figures.activities, tq.earlier_figures.participants) == (3, 180)  # 2 + 1, 150 + 30
    assert tq.earlier_figures.budget_vnd == 1_500_000
    assert (tq.figures.activities, tq.figures.participants) == (1, 400)
    cao_bang = rows[years["ca04-2025"].pk]
    assert cao_bang.earlier_units == ["Công an tỉnh Cao Bằng"] and cao_bang.earlier_figures is None  # not accepted
    assert rows[years["v03"].pk].earlier_units == [years["v03"].name]  # a department beside itself
    assert len(rows) == r.units.total
    assert r.comparison.plan.year == 2024 and r.comparison.earlier_totals.participants == 180
    # Submitted reports count on both sides when asked to.
    r = plan_rollup(plan=plan_2026, filters=RollupFilters(compare_with=plan, include_submitted=True))
    assert rows_by_unit(r)[years["ca04-2025"].pk].earlier_figures.participants == 70


def test_the_earlier_roll_up_keeps_the_units_of_its_year(plan, plan_2026, years):
    r = plan_rollup(plan=plan)
    keys = {row.key for row in r.unit_reports}
    assert {"ca02", "ca08"} <= keys and not any(k.endswith("-2025") for k in keys)
    assert r.comparison is None


def test_the_api_compares_on_request(api_as, reviewer, plan, plan_2026, years):
    client = api_as(reviewer)
    url = f"/api/v1/plans/{plan_2026.pk}/rollup/"
    assert client.get(url).json()["comparison"] is None
    data = client.get(f"{url}?compare_with={plan.pk}").json()
    assert data["filters"]["compare_with"] == plan.pk
    row = next(r for r in data["comparison"]["rows"] if r["id"] == years["ca08-2025"].pk)
    assert row["earlier_figures"]["participants"] == 180 and row["figures"]["participants"] == 400
    same = client.get(f"{url}?compare_with={plan_2026.pk}")
    assert same.status_code == 400 and "kế hoạch khác" in same.content.decode()
    assert client.get(f"{url}?compare_with=999999").status_code == 400


def test_one_table_for_every_renderer_and_a_sheet_in_the_workbook(plan, plan_2026, years):
    r = plan_rollup(plan=plan_2026, filters=RollupFilters(compare_with=plan))
    table = tables.comparison_table(r)
    assert table in tables.report_tables(r) or any(t.key == "comparison" for t in tables.report_tables(r))
    tq = next(row for row in table.rows if row[1] == "Công an tỉnh Tuyên Quang")
    assert tq[2] == "Công an tỉnh Hà Giang; Công an tỉnh Tuyên Quang"
    assert tq[3:7] == [1, 3, 400, 180]
    assert tables.comparison_table(plan_rollup(plan=plan_2026)) is None
    book = load_workbook(BytesIO(rollup_xlsx(plan=plan_2026, filters=RollupFilters(compare_with=plan))))
    sheet = book["So sánh"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(row[1] == "Công an tỉnh Tuyên Quang" and row[4] == 3 for row in values)


def test_the_pdf_sets_it_out_in_an_annex(plan, plan_2026, years):
    text = flat(pdf_text(rollup_pdf(plan=plan_2026, filters=RollupFilters(compare_with=plan))))
    assert "PHỤ LỤC II" in text and "So sánh kết quả với Kế hoạch 762/QĐ-BCA-V03 (năm 2024)" in text
    annex = text[text.index("PHỤ LỤC II") :]
    assert "Hà Giang;" in annex and "Tuyên Quang" in annex
    assert "PHỤ LỤC II" not in flat(pdf_text(rollup_pdf(plan=plan_2026, filters=RollupFilters())))


def test_v03s_report_page_shows_the_comparison_and_asks_for_it_in_the_documents(
    plan, plan_2026, years, reviewer, client_as
):
    client = client_as(reviewer)
    page = client.get(f"/bao-cao-tong-hop/?plan={plan_2026.pk}")
    assert page.status_code == 200
    assert page.context["compared"] == plan  # before the merger, by default
    html = page.content.decode()
    assert "So sánh với kế hoạch trước" in html
    rows = page.context["comparison"].html_rows()
    row = next(r for r in rows if r["cells"][1]["value"] == "Công an tỉnh Tuyên Quang")
    assert row["cells"][2]["value"] == "Công an tỉnh Hà Giang; Công an tỉnh Tuyên Quang"
    assert [c["value"] for c in row["cells"][3:7]] == [1, 3, 400, 180]
    assert "<td>Công an tỉnh Hà Giang; Công an tỉnh Tuyên Quang</td>" in html
    none = client.get(f"/bao-cao-tong-hop/?plan={plan_2026.pk}&so-sanh=0")
    assert none.context["comparison"] is None
    # 2024 has no earlier plan: nothing to compare with.
    assert client.get(f"/bao-cao-tong-hop/?plan={plan.pk}").context["earlier_plans"] == []
    form = page.context["form"]
    assert dict(form.fields["compare_with"].choices)[plan.pk] == "762/QĐ-BCA-V03 (2024)"


def test_a_successor_sees_the_roll_up_of_the_units_it_took_over(api_as, plan, plan_2026, years):
    """Tuyên Quang of 2025 owes nothing under the 2024 plan: its people's 2024 roll-up is that of the
    units it took over (Hà Giang first, or the one named), never an empty one nor another province's."""
    from accounts.models import User
    from tests.conftest import make_user

    client = api_as(make_user("ca08.reporter", role=User.Role.REPORTER, unit=years["ca08-2025"]))
    url = f"/api/v1/plans/{plan.pk}/rollup/"
    default = client.get(url).json()
    assert default["filters"]["unit"] == years["ca02"].pk
    assert default["totals"]["participants"] == 150  # Hà Giang's two activities
    named = client.get(url, {"unit": "ca08"}).json()
    assert named["filters"]["unit"] == years["ca08"].pk and named["totals"]["participants"] == 30
    assert client.get(url, {"unit": "ca04"}).status_code == 403  # Cao Bằng: not taken over
    # Under 2026 the province's own roll-up.
    assert client.get(f"/api/v1/plans/{plan_2026.pk}/rollup/").json()["filters"]["unit"] == years["ca08-2025"].pk
