"""Dates as people type them (config/dates.py) and the one rule on a record's date (config/bounds.py
day_errors): inside the plan's year and margin, not in the future for what was done."""

from datetime import date

import pytest
import time_machine

from config.bounds import day_errors
from config.dates import DateUnreadable, parse_day


@pytest.mark.parametrize(
    "typed", ["05/12/2024", "5/12/2024", "05-12-2024", "05.12.2024", "5.12.2024", " 05 / 12 / 2024 ", "2024-12-05"]
)
def test_every_way_of_writing_a_day_reads_day_first(typed):
    assert parse_day(typed) == date(2024, 12, 5)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/11/2024", "Không có ngày 31/11/2024: tháng 11/2024 có 30 ngày."),
        ("29/02/2023", "Không có ngày 29/02/2023: tháng 02/2023 có 28 ngày."),
        ("12/13/2024", "Không có ngày 12/13/2024: một năm chỉ có 12 tháng."),
        ("2024/12/05", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/12/2024."),
        ("05/12/24", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/12/2024."),
        ("hôm qua", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/12/2024."),
    ],
)
def test_a_wrong_day_says_what_is_wrong(typed, message):
    with pytest.raises(DateUnreadable) as caught:
        parse_day(typed)
    assert str(caught.value) == message


def test_29_february_of_a_leap_year_exists():
    assert parse_day("29/02/2024") == date(2024, 2, 29)


@pytest.mark.django_db
@time_machine.travel(date(2024, 6, 1))
def test_a_records_day_is_within_the_plan_and_not_in_the_future_when_done(plan):
    assert plan.accepted_dates() == (date(2023, 11, 14), date(2025, 1, 31))
    assert day_errors(date(2024, 5, 31), plan=plan, done=True) == []
    assert day_errors(date(2023, 12, 20), plan=plan, done=True) == []  # the reporting window starts in 2023
    assert day_errors(date(2024, 6, 2), plan=plan, done=False) == []  # planned: may be ahead
    assert day_errors(date(2024, 6, 2), plan=plan, done=True) == [
        "Ngày 02/06/2024 chưa đến (hôm nay là 01/06/2024): chỉ ghi nhận việc đã làm, với ngày đã làm."
    ]
    (message,) = day_errors(date(2031, 3, 5), plan=plan, done=False)
    assert message.startswith("Ngày 05/03/2031 nằm ngoài thời gian của Kế hoạch 762/QĐ-BCA-V03 (năm 2024)")
    assert "từ 14/11/2023 đến 31/01/2025" in message
    plan.date_margin_days = 0
    assert day_errors(date(2025, 1, 1), plan=plan, done=False)


@pytest.mark.django_db
@time_machine.travel(date(2024, 2, 10))
def test_the_unit_plan_training_and_pilot_models_keep_the_rule(leader, plan):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tasks.pilot_models.services import pilot_model_save
    from tasks.training.services import training_save
    from tasks.unit_plans.services import unit_plan_submit
    from tests.factories import task
    from tests.files import PDF

    with pytest.raises(ValidationError) as signed:
        unit_plan_submit(
            by=leader,
            plan=plan,
            number="1/KH",
            signed_on=date(2024, 2, 20),
            signer="A",
            upload=SimpleUploadedFile("k.pdf", PDF),
        )
    assert "signed_on" in signed.value.message_dict
    with pytest.raises(ValidationError) as held:
        training_save(by=leader, values={"task": task("8.2b"), "title": "Lớp", "start_date": date(2024, 3, 1)})
    assert "start_date" in held.value.message_dict
    with pytest.raises(ValidationError) as started:
        pilot_model_save(
            by=leader,
            values={"plan": plan, "name": "Mô hình", "target_group": "public", "start_date": date(2030, 3, 1)},
        )
    assert "start_date" in started.value.message_dict
    # a pilot model may be proposed ahead of its start
    assert pilot_model_save(
        by=leader, values={"plan": plan, "name": "Mô hình", "target_group": "public", "start_date": date(2024, 3, 1)}
    ).pk
