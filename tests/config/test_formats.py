"""Dates shown and accepted as dd/mm/yyyy; thousands grouped with "." (config/formats/)."""

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
