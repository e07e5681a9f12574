"""Form fields shared by every feature's forms: dates as dd/mm/yyyy, bounded counts."""

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.text import nfc
from config.dates import DateUnreadable, parse_day

DATE_INPUT_FORMATS = ["%d/%m/%Y"]


DATE_ERRORS = {"invalid": _("Enter the date as dd/mm/yyyy, for example 05/12/2024.")}


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the same format everywhere, whatever the browser's language. The
    phone's keyboard is the ordinary one (a digits-only keypad has no "/"); the page's script adds a
    native date picker beside it (config/static/pages/app.js)."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "placeholder": _("dd/mm/yyyy"),
                "inputmode": "text",
                "autocomplete": "off",
                "size": 10,
                "class": "date-input",
                "data-picker-label": _("Pick the date on a calendar"),
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


class DayFirstDateField(forms.DateField):
    """A date typed day first (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or sent by a date
    picker (yyyy-mm-dd); a day that does not exist (31/11/2024) is named as such (config.dates)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_day(str(value))
        except DateUnreadable as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


COUNT_ERRORS = {"invalid": _("Enter a whole number."), "min_value": _("The value must be zero or more.")}


def count_field(label, help_text=""):
    """A whole number, zero or more, typed with "." for thousands; its upper limit is the model's."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        error_messages=COUNT_ERRORS,
        required=False,
        initial=0,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 12}),
    )


def date_field(label, *, required=True, help_text=""):
    return DayFirstDateField(
        label=label,
        required=required,
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=help_text,
    )


def nfc_values(data: dict) -> dict:
    """The cleaned values with every text in NFC, as everything stored is."""
    return {k: nfc(v) if isinstance(v, str) else v for k, v in data.items()}


def accepted_files_help() -> str:
    """What an evidence or plan file may be, with the size limit of the settings."""
    return gettext("PDF, JPEG, PNG, DOCX or XLSX, %(size)s MB at most.") % {
        "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
    }
