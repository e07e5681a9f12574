"""The workbook: the report's tables, totals equal to the roll-up, numbers as numbers, text as text."""

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from accounts.models import Unit
from reports.rollup import RollupFilters, plan_rollup
from reports.services import rollup_xlsx

from .data import fill, report

UNITS = ["v03", "ca01", "ca79", "ca48", "ca02", "ca31", "ca92"]


@pytest.fixture
def filled(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=UNITS)), per_unit=8)
    return plan


def workbook(plan, **filters):
    return load_workbook(io.BytesIO(rollup_xlsx(plan=plan, filters=RollupFilters(**filters))))


def test_xlsx_totals_equal_the_rollup(filled):
    r = plan_rollup(plan=filled)
    wb = workbook(filled)
    assert wb.sheetnames == [
        "Tổng hợp",
        "Tiến độ",
        "Theo địa bàn",
        "Theo đối tượng",
        "Theo hình thức",
        "Đơn vị",
        "Mô hình điểm",
        "Tập huấn",
        "Khó khăn, đề xuất",
    ]
    ws = wb["Tổng hợp"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Nhiệm vụ", "Nội dung", "Đơn vị phải thực hiện", "Đơn vị có hoạt động"]
    last = [c.value for c in ws[ws.max_row]]
    assert last[0] == "Tổng cộng"
    t = r.totals
    assert last[2:] == [
        t.units_expected,
        t.units_reporting,
        t.activities,
        t.sessions,
        t.participants,
        t.copies,
        t.online_reach,
        t.budget_vnd,
    ]
    assert all(isinstance(v, int) for v in last[2:])
    units = wb["Đơn vị"]
    assert units.max_row - 5 == r.units.total  # header on row 4, the note under the rows
    areas = wb["Theo địa bàn"]
    assert sum(row[3].value for row in areas.iter_rows(min_row=5)) == t.participants


def test_training_sheet_lists_every_training_task_then_the_tables_by_region(filled):
    r = plan_rollup(plan=filled)
    ws = workbook(filled)["Tập huấn"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    with translation.override("vi"):
        assert rows[0][0] == gettext("Training courses by task")
    by_task = {row[0]: row[2:4] for row in rows[4 : 4 + len(r.training)]}
    assert by_task == {t.task: [t.courses, t.participants] for t in r.training}
    assert ["Tập huấn nhiệm vụ 8.2a theo miền", None, None, None] in rows


def test_not_counted_cells_say_so_and_text_is_never_a_formula(plan, unit, other_unit):
    """A unit not counted shows "—" as in the PDF; what a unit typed stays text, even "=…" or "-…"."""
    formula = '=HYPERLINK("http://example.test","Bấm vào đây")'
    report(unit, plan, "accepted", difficulties=formula, proposals="- Tăng cường tập huấn.")
    wb = workbook(plan)
    texts = wb["Khó khăn, đề xuất"]
    cells = {row[3].value: row[3] for row in texts.iter_rows(min_row=5)}
    assert cells[formula].data_type == "s" and cells[formula].quotePrefix
    assert cells["- Tăng cường tập huấn."].data_type == "s"
    units = {row[1].value: [c.value for c in row] for row in wb["Đơn vị"].iter_rows(min_row=5, max_col=12)}
    assert units[other_unit.name][3:] == ["Chưa gửi", *["—"] * 8]
    assert isinstance(units[unit.name][5], int)
