"""deadlines: the ways decisions write them, in the plan file's forms."""

from datetime import date

import pytest

from plans.decision_text.deadlines import find_deadlines


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("trước ngày 15/12/2024", {"before": date(2024, 12, 15)}),
        ("chậm nhất ngày 15 tháng 12 năm 2024", {"before": date(2024, 12, 15)}),
        ("Quý IV/2024", {"quarter": 4, "year": 2024}),
        ("quý 2 năm 2026", {"quarter": 2, "year": 2026}),
        ("trong tháng 12/2026", {"before": date(2027, 1, 1)}),
        ("6 tháng đầu năm 2025", {"before": date(2025, 7, 1)}),
        ("cả năm 2024", {"year": 2024}),
        ("cả năm 2024 và tiếp tục nhân rộng mô hình vào những năm tiếp theo", {"year": 2024, "continuing": True}),
        ("năm 2025 và những năm tiếp theo", {"year": 2025, "continuing": True}),
    ],
)
def test_each_form(text, spec):
    [deadline] = find_deadlines(text)
    assert deadline.spec == spec


def test_a_day_that_does_not_exist_is_found_but_unreadable():
    [deadline] = find_deadlines("trước ngày 30/02/2024")
    assert not deadline.readable and deadline.text == "trước ngày 30/02/2024"


def test_strict_reading_ignores_a_year_named_in_passing():
    text = "xây dựng Kế hoạch năm 2024 và báo cáo trước ngày 15/12/2024"
    assert [d.text for d in find_deadlines(text, strict=True)] == ["trước ngày 15/12/2024"]
