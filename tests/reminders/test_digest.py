"""reminders/digest.py: one email per person per day, in Vietnamese, with the deadline state and
day count of each item, and the reviewers' summary in Vietnamese order."""

import unicodedata
from datetime import date
from email import message_from_string

import pytest
import time_machine
from django.core import mail

from accounts.text import vietnamese_sort_key
from reminders.delivery import reminder_email_deliver
from reminders.models import ReminderEmail, ReminderKind
from tests.reminders.helpers import Status, at, complete, report_obligation, scan_on, unit_plan_obligation

# --- one email per person per day, in Vietnamese --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "kind", "stage", "state_text", "days_text"),
    [
        (date(2024, 12, 1), "upcoming", 14, "Chưa đến hạn", "còn 14 ngày"),
        (date(2024, 12, 8), "upcoming", 7, "Sắp đến hạn", "còn 7 ngày"),
        (date(2024, 12, 12), "upcoming", 3, "Sắp đến hạn", "còn 3 ngày"),
        (date(2024, 12, 14), "upcoming", 1, "Sắp đến hạn", "còn 1 ngày"),
        (date(2024, 12, 15), "overdue", 0, "Quá hạn", "quá hạn 1 ngày"),
        (date(2024, 12, 22), "overdue", 7, "Quá hạn", "quá hạn 8 ngày"),
    ],
)
def test_each_offset_on_its_day_with_the_email_text(leader, day, kind, stage, state_text, days_text):
    complete(unit_plan_obligation(leader.unit))
    report = report_obligation(leader.unit)
    result = scan_on(day)
    mine = [(p.obligation.pk, p.kind, p.stage) for p in result.planned[leader.pk]]
    assert (report.pk, kind, stage) in mine
    assert scan_on(day).planned.get(leader.pk) is None  # the same day again: nothing new
    with time_machine.travel(at(day), tick=False):
        assert reminder_email_deliver(email_id=result.email_ids[0]).status == Status.SENT
    [message] = [m for m in mail.outbox if m.to == [leader.email]]
    body = message.body
    assert "Báo cáo kết quả thực hiện Kế hoạch" in body
    assert "trước ngày 15/12/2024" in body
    assert f"{state_text}, {days_text}" in body
    assert f"http://127.0.0.1:8000/don-vi/{report.unit_id}/#nghia-vu-{report.pk}" in body


@pytest.mark.django_db
def test_one_digest_per_recipient_per_day_listing_every_item(leader):
    result = scan_on(date(2024, 12, 8))
    assert len(result.planned[leader.pk]) == 2  # 1.1 overdue, III.3 in 7 days
    assert ReminderEmail.objects.filter(recipient=leader).count() == 1
    reminder_email_deliver(email_id=result.email_ids[0])
    [message] = mail.outbox
    assert message.to == ["ca01.leader@example.test"]
    assert message.subject == "[PBGDPL] Nhắc hạn ngày 08/12/2024: 2 nội dung cần thực hiện"
    assert "Công an thành phố Hà Nội" in message.body
    assert "SẮP ĐẾN HẠN" in message.body and "QUÁ HẠN" in message.body
    assert "1.1 Xây dựng Kế hoạch thực hiện Đề án năm 2024" in message.body
    assert "Quá hạn, quá hạn 284 ngày" in message.body
    assert "Thư này được gửi tự động" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="vi">' in html
    assert "trước ngày 15/12/2024" in html and "còn 7 ngày" in html
    parsed = message_from_string(message.message().as_string())
    assert parsed["Message-ID"] == f"<reminder-{result.email_ids[0]}.20241208@bocongan.gov.vn>"
    assert parsed["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_reviewers_get_one_overdue_summary_grouped_by_unit(leader, reviewer):
    result = scan_on(date(2024, 12, 15))  # III.3 of every unit overdue from today
    items = result.planned[reviewer.pk]
    assert {p.kind for p in items} == {ReminderKind.OVERDUE_SUMMARY}
    assert len({p.obligation.unit_id for p in items}) > 60
    assert ReminderEmail.objects.filter(recipient=reviewer).count() == 1
    email = ReminderEmail.objects.get(recipient=reviewer)
    reminder_email_deliver(email_id=email.pk)
    [message] = [m for m in mail.outbox if m.to == [reviewer.email]]
    assert message.subject.startswith("[PBGDPL] Tổng hợp quá hạn ngày 15/12/2024: ")
    assert "Công an thành phố Hà Nội (" in message.body and "Công an tỉnh Cà Mau (" in message.body
    assert "Tổng hợp các nội dung quá hạn của Kế hoạch ngày 15/12/2024 theo đơn vị" in message.body
    # the summary follows the overdue repeats: nothing new the next day
    assert scan_on(date(2024, 12, 16)).planned.get(reviewer.pk) is None


# --- the Vietnamese order --------------------------------------------------------------------


def test_vietnamese_sort_key_orders_letters_then_tones_not_code_points():
    names = ["Bình Thuận", "Cao Bằng", "Bắc Giang", "Đà Nẵng", "Bình Định", "Cà Mau", "Bạc Liêu", "Điện Biên"]
    assert sorted(names) != sorted(names, key=vietnamese_sort_key)  # code points put "Bình" before "Bạc"
    assert sorted(names, key=vietnamese_sort_key) == [
        "Bạc Liêu",
        "Bắc Giang",
        "Bình Định",
        "Bình Thuận",
        "Cà Mau",  # the space comes before any letter
        "Cao Bằng",
        "Đà Nẵng",  # đ is a letter after d
        "Điện Biên",
    ]
    tones = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(tones, key=vietnamese_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["ưa", "ua", "ăn", "ân", "an"], key=vietnamese_sort_key) == ["an", "ăn", "ân", "ua", "ưa"]


def test_vietnamese_sort_key_ignores_case_normalisation_and_tone_placement():
    assert vietnamese_sort_key("HÒA BÌNH")[:2] == vietnamese_sort_key("hoà bình")[:2]
    decomposed = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    assert vietnamese_sort_key(decomposed) == vietnamese_sort_key("Thừa Thiên Huế")
    assert sorted(["Quận Ba", "Quận 3", ""], key=vietnamese_sort_key) == ["", "Quận 3", "Quận Ba"]


@pytest.mark.django_db
def test_reviewers_summary_lists_units_in_vietnamese_order(reviewer):
    result = scan_on(date(2024, 12, 15))  # III.3 of every unit overdue from today
    reminder_email_deliver(email_id=result.email_ids[0])
    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    provinces = ["Bạc Liêu", "Bắc Giang", "Bình Định", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Điện Biên"]
    cities = ["Cần Thơ", "Đà Nẵng", "Hà Nội", "Hải Phòng", "Hồ Chí Minh"]
    for text in (message.body, html):
        in_provinces = [text.index(f"Công an tỉnh {name} (") for name in provinces]
        in_cities = [text.index(f"Công an thành phố {name} (") for name in cities]
        assert in_provinces == sorted(in_provinces)
        assert in_cities == sorted(in_cities)
        assert in_cities[-1] < in_provinces[0]  # "thành phố" before "tỉnh": h comes before i
