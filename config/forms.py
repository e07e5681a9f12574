"""Form fields shared by every feature's forms: dates as dd/mm/yyyy, bounded counts."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.text import nfc

DATE_INPUT_FORMATS = ["%d/%m/%Y"]


DATE_ERRORS = {"invalid": _("Enter the date as dd/mm/yyyy, for example 05/12/2024.")}


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the same format everywhere, whatever the browser's language."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "size": 10, **(attrs or {})},
            format="%d/%m/%Y",
        )


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
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
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
