"""The loaded Decision 762 checked against the decision's own text file, not a copy of the data."""

from datetime import date
from pathlib import Path

import pytest

from accounts.text import name_key
from plans.models import Deliverable, Plan, Task

# The decision's own text, shipped beside the plan file (a copy of ../shared/plan/…, checked below).
TEXT_FILE = Path(__file__).resolve().parents[2] / "plans" / "data" / "762-QD-BCA-V03-2024.txt"
SHARED_TEXT = Path(__file__).resolve().parents[3] / "shared" / "plan" / "762-QD-BCA-V03-2024.txt"
LEAF_CODES = [
    "1.1",
    "1.2",
    "2",
    "3.1",
    "3.2",
    "4.1",
    "4.2",
    "4.3",
    "5",
    "6.1",
    "6.2",
    "7",
    "8.1",
    "8.2a",
    "8.2b",
    "9",
    "10",
]


def flat(text: str) -> str:
    return name_key(" ".join(text.split()))


@pytest.fixture(scope="module")
def decision():
    return flat(TEXT_FILE.read_text(encoding="utf-8"))


def test_the_shipped_text_is_the_published_one():
    if SHARED_TEXT.exists():
        assert TEXT_FILE.read_bytes() == SHARED_TEXT.read_bytes()
    assert "Số: 762/QĐ-BCA-V03" in TEXT_FILE.read_text(encoding="utf-8")


@pytest.fixture
def tasks(plan):
    return list(Task.objects.filter(group__plan=plan).prefetch_related("lead_units", "deliverables"))


def sections(decision, tasks):
    """Each task's own part of the text: from its title to the next task's title."""
    starts = sorted((decision.index(flat(t.title)), t.code) for t in tasks)
    end = decision.index(flat("III. TỔ CHỨC THỰC HIỆN"))
    out = {}
    for i, (start, code) in enumerate(starts):
        out[code] = decision[start : starts[i + 1][0] if i + 1 < len(starts) else end]
    return out


def test_plan_header(plan):
    assert plan.number == "762/QĐ-BCA-V03"
    assert plan.signed_on == date(2024, 2, 6)
    assert plan.year == 2024
    assert {d.number for d in plan.implements.all()} == {"1739/QĐ-TTg", "8937/QĐ-BCA-V03"}
    assert plan.signer.endswith("Lê Quốc Hùng")


def test_ten_groups_seventeen_leaf_tasks(plan, tasks):
    assert plan.groups.count() == 10
    assert [t.code for t in tasks] == LEAF_CODES


def test_every_title_and_content_is_the_decisions_text(decision, tasks):
    for task in tasks:
        assert flat(task.title) in decision, task.code
        if task.content:
            assert flat(task.content) in decision, task.code
    for group in Plan.objects.get(number="762/QĐ-BCA-V03").groups.all():
        assert flat(group.title) in decision, group.number


def test_every_deadline_is_written_in_the_tasks_section(decision, tasks):
    parts = sections(decision, tasks)
    for task in tasks:
        for d in task.deliverables.all():
            assert flat(d.deadline_text) in parts[task.code], (task.code, d.key)
            if d.deadline_kind == Deliverable.DeadlineKind.BEFORE:
                assert d.due_date.strftime("%d/%m/%Y") in parts[task.code]
            elif d.deadline_kind == Deliverable.DeadlineKind.QUARTER:
                assert "quý iv/2024" in parts[task.code]
            else:
                assert f"cả năm {d.window_end.year}" in parts[task.code]


def test_every_lead_unit_is_named_in_the_tasks_section(decision, tasks):
    parts = sections(decision, tasks)
    for task in tasks:
        assert task.lead_units.exists() or task.lead_scope, task.code
        for unit in task.lead_units.all():
            # The text sometimes shortens V03's name ("Cục Pháp chế và cải cách hành chính chủ trì").
            name = "cục pháp chế và cải cách hành chính" if unit.key == "v03" else name_key(unit.name)
            assert name in parts[task.code], (task.code, unit.name)
        if task.lead_scope == "all_units":
            assert "công an các đơn vị, địa phương" in parts[task.code], task.code
        if task.lead_scope == "all_provinces":
            assert "công an các tỉnh, thành phố trực thuộc trung ương" in parts[task.code], task.code
        if task.lead_scope == "units_concerned":
            assert "công an các đơn vị, địa phương liên quan" in parts[task.code], task.code


def test_examples_the_issue_names(plan):
    t11 = Task.objects.get(group__plan=plan, code="1.1")
    d = {x.key: x for x in t11.deliverables.all()}
    assert [x.due_date for x in t11.deliverables.order_by("order")] == [
        date(2024, 2, 7),
        date(2024, 2, 29),
        date(2025, 1, 1),
    ]
    assert [u.key for u in d["ministry-plan"].responsible_units.all()] == ["v03"]
    assert d["unit-plan"].responsible_scope == "all_units" and d["unit-plan"].recipient.key == "v03"
    assert d["guidance"].deadline_kind == Deliverable.DeadlineKind.YEAR
    q4 = Task.objects.get(group__plan=plan, code="1.2").deliverables.get()
    assert (q4.deadline_kind, q4.window_start, q4.window_end) == ("quarter", date(2024, 10, 1), date(2024, 12, 31))
    t41 = Task.objects.get(group__plan=plan, code="4.1")
    assert (t41.target_kind, t41.target_count) == ("pilot_models", 1)
    assert Task.objects.get(group__plan=plan, code="4.3").deliverables.get().deadline_kind == "year_continuing"
    report = Deliverable.objects.get(plan=plan, key="bao-cao-ket-qua")
    assert (report.section, report.due_date, report.recipient.key) == ("III.3", date(2024, 12, 15), "v03")


def test_results_report_deadline_is_in_section_iii_3(decision):
    part = decision[decision.index(flat("III. TỔ CHỨC THỰC HIỆN")) :]
    assert "trước ngày 15/12/2024" in part


def test_section_iii_3_duties_are_written_there(decision, plan):
    part = decision[decision.index(flat("III. TỔ CHỨC THỰC HIỆN")) :]
    for d in Deliverable.objects.filter(plan=plan, task__isnull=True):
        assert d.section == "III.3"
        assert flat(d.title.removeprefix("Báo cáo kết quả thực hiện Kế hoạch ")) in part, d.key
