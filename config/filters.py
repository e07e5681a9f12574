"""Filters shared by every list: an id is a whole number within the database's 64-bit integers, so
a number out of range answers 400 in Vietnamese on SQLite and PostgreSQL alike."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    default_error_messages = {
        "invalid": _("An id is a whole number."),
        "min_value": _("An id is a whole number, 1 or more."),
        "max_value": _("This id is out of range."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class IdFilter(django_filters.Filter):
    """Rows whose ``field_name`` is this id."""

    field_class = IdField
