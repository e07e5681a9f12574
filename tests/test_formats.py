"""Dates shown and accepted as dd/mm/yyyy; thousands grouped with "."."""

from datetime import date

from django import forms
from django.utils import formats, translation


def test_day_first_input_is_read_day_first():
    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("05/12/2024") == date(2024, 12, 5)


def test_dates_and_numbers_are_shown_the_vietnamese_way():
    with translation.override("vi"):
        assert formats.date_format(date(2024, 2, 7), "SHORT_DATE_FORMAT") == "07/02/2024"
        assert formats.number_format(1234567, use_l10n=True, force_grouping=True) == "1.234.567"


def test_admin_is_in_vietnamese(client, db):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("root", password="x-Pass-123"))
    html = client.get("/admin/").content.decode()
    assert "Kế hoạch" in html and "Đơn vị và người dùng" in html
    html = client.get("/admin/plans/deliverable/").content.decode()
    assert "Thời hạn" in html or "thời hạn" in html


def test_pages_are_vietnamese_even_for_an_english_browser(client, db):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("root2", password="x-Pass-123"))
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đơn vị và người dùng" in html
    client.cookies["django_language"] = "en"
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Units and users" in html
