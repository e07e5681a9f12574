"""Carrying Decision 762 (2024) into 2026, across the merger of 01/07/2025 (plans/cloning.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Unit
from plans.cloning import DateShift, leap_days, plan_clone
from plans.models import Deliverable, Plan, Task
from tasks.obligations.models import Obligation
from tasks.obligations.services import plan_publish
from tests.later_plans import NUMBER_2026, plan_2026
from tests.reports.data import report


def deliverable(plan: Plan, key: str) -> Deliverable:
    return Deliverable.objects.get(plan=plan, key=key)


def test_a_draft_with_every_date_moved_and_no_obligation(plan):
    new = plan_2026(plan, publish=False)
    assert (new.status, new.year, new.cloned_from, new.signed_on) == ("draft", 2026, plan, date(2026, 2, 10))
    assert not Obligation.objects.filter(deliverable__plan=new).exists()
    assert (new.report_window_start, new.report_window_end) == (date(2025, 12, 15), date(2026, 12, 14))
    # "trước ngày 15/12/2024" stays on 15/12; "trước ngày 29/02/2024" has no 29/02 in 2026: 28/02.
    report_due = deliverable(new, "bao-cao-ket-qua")
    assert (report_due.due_date, report_due.deadline_text) == (date(2026, 12, 15), "trước ngày 15/12/2026")
    unit_plan = deliverable(new, "unit-plan")
    assert (unit_plan.due_date, unit_plan.deadline_text) == (date(2026, 2, 28), "trước ngày 28/02/2026")
    year_long = deliverable(new, "guidance")
    assert (year_long.window_start, year_long.window_end, year_long.due_date) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2027, 1, 1),
    )
    assert year_long.deadline_label() == "cả năm 2026"
    assert deliverable(new, "nv-1-2").deadline_text == "Quý IV/2026"
    assert new.title.endswith("giai đoạn 2021 - 2027” năm 2026")  # the Programme's years untouched
    task = Task.objects.get(group__plan=new, code="1.1")
    assert "năm 2026" in task.title and "2024" not in task.responsibility_text
    assert new.deliverables.count() == plan.deliverables.count()
    assert Task.objects.filter(group__plan=new).count() == Task.objects.filter(group__plan=plan).count()
    assert new.signer == ""  # who signs the new decision is V03's to fill in


def test_published_it_expects_the_34_provinces_and_the_departments_of_2026(plan):
    new = plan_2026(plan)
    owing = Unit.objects.filter(obligations__deliverable__plan=new).distinct()
    provinces = owing.filter(kind=Unit.Kind.PROVINCE)
    assert provinces.count() == 34
    assert all(u.valid_from == date(2025, 7, 1) for u in provinces)
    departments = Unit.objects.valid_on(date(2026, 12, 14)).filter(kind=Unit.Kind.DEPARTMENT)
    assert set(owing.filter(kind=Unit.Kind.DEPARTMENT)) == set(departments)
    report_due = deliverable(new, "bao-cao-ket-qua")
    assert Obligation.objects.filter(deliverable=report_due).count() == 34 + departments.count()


def test_a_named_unit_that_was_merged_goes_to_its_successor(plan):
    ha_giang, tuyen_quang_2025 = Unit.objects.get(key="ca02"), Unit.objects.get(key="ca08-2025")
    named = deliverable(plan, "nv-8-2a")
    named.responsible_units.add(ha_giang)
    Task.objects.get(group__plan=plan, code="8.2a").lead_units.add(ha_giang)
    result = plan_clone(source=plan, year=2026, number=NUMBER_2026, signed_on=date(2026, 2, 10))
    new = result.plan
    assert set(deliverable(new, "nv-8-2a").responsible_units.values_list("key", flat=True)) == {
        *named.responsible_units.exclude(pk=ha_giang.pk).values_list("key", flat=True),
        "ca08-2025",
    }
    assert tuyen_quang_2025 in Task.objects.get(group__plan=new, code="8.2a").lead_units.all()
    assert result.units_replaced == {ha_giang.name: [tuyen_quang_2025.name]}
    # The earlier plan still names Hà Giang.
    assert ha_giang in named.responsible_units.all()


def test_the_earlier_plan_keeps_its_units_obligations_and_figures(plan):
    hanoi = Unit.objects.get(key="ca01")
    accepted = report(hanoi, plan, "accepted")
    before = {
        "obligations": set(Obligation.objects.filter(deliverable__plan=plan).values_list("pk", "unit_id", "status")),
        "deliverables": list(plan.deliverables.values_list("key", "due_date", "deadline_text")),
        "figures": accepted.versions.get().figures,
        "window": (plan.report_window_start, plan.report_window_end),
    }
    new = plan_2026(plan)
    plan.refresh_from_db()
    accepted.refresh_from_db()
    assert (
        set(Obligation.objects.filter(deliverable__plan=plan).values_list("pk", "unit_id", "status"))
        == (before["obligations"])
    )
    assert list(plan.deliverables.values_list("key", "due_date", "deadline_text")) == before["deliverables"]
    assert accepted.versions.get().figures == before["figures"]
    assert (plan.report_window_start, plan.report_window_end) == before["window"]
    assert not Obligation.objects.filter(deliverable__plan=plan, unit__valid_from=date(2025, 7, 1)).exists()
    assert Obligation.objects.filter(deliverable__plan=new, unit=hanoi).count() == 0  # Hà Nội of 2024 ended


def test_a_confirmed_date_replaces_28_february(plan):
    assert leap_days(plan) == [date(2024, 2, 29)]
    result = plan_clone(
        source=plan,
        year=2026,
        number=NUMBER_2026,
        signed_on=date(2026, 2, 10),
        confirmed={date(2024, 2, 29): date(2026, 3, 2)},
    )
    unit_plan = deliverable(result.plan, "unit-plan")
    assert (unit_plan.due_date, unit_plan.deadline_text) == (date(2026, 3, 2), "trước ngày 02/03/2026")
    assert any("02/03/2026" in warning for warning in result.warnings())


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"year": 2024}, "year"),
        ({"year": 2023}, "year"),
        ({"number": "762/QĐ-BCA-V03"}, "number"),
        ({"number": "  "}, "number"),
        ({"signed_on": date(2030, 1, 1)}, "signed_on"),
        ({"confirmed": {date(2024, 2, 29): date(2031, 3, 1)}}, "dates"),
    ],
)
def test_a_bad_request_is_refused_in_vietnamese_and_writes_nothing(plan, changes, field):
    values = {"source": plan, "year": 2026, "number": NUMBER_2026, "signed_on": date(2026, 2, 10), **changes}
    plans = Plan.objects.count()
    with pytest.raises(ValidationError) as error:
        plan_clone(**values)
    assert field in error.value.message_dict
    assert Plan.objects.count() == plans


def test_publishing_twice_makes_the_obligations_once(plan):
    new = plan_2026(plan)
    count = Obligation.objects.filter(deliverable__plan=new).count()
    assert plan_publish(plan=new).created == 0
    assert Obligation.objects.filter(deliverable__plan=new).count() == count


def test_texts_move_the_plan_year_only():
    shift = DateShift(source_year=2024, years=2)
    text = "trước ngày 29/02/2024; Quý IV/2024; năm 2024; Thông tư 05/2024/TT-BCA; 18/10/2021; 2021 - 2027"
    assert shift.text(text) == (
        "trước ngày 28/02/2026; Quý IV/2026; năm 2026; Thông tư 05/2024/TT-BCA; 18/10/2021; 2021 - 2027"
    )
