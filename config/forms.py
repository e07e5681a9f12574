"""Form fields shared by every feature's forms: dates as dd/mm/yyyy, bounded counts."""

import datetime

from django import forms
from django.conf import settings
from django.utils import translation
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


def unit_label(unit) -> str:
    """A unit's name, with the day it ended when it was merged (two units may share a name: the 2024
    Công an tỉnh Tuyên Quang and the one formed on 01/07/2025)."""
    if unit.valid_to is None:
        return unit.name
    return gettext("%(name)s (until %(date)s)") % {"name": unit.name, "date": unit.valid_to.strftime("%d/%m/%Y")}


def add_unit_choice(form, units, *, own_unit_id, wanted=None) -> None:
    """Give ``form`` a ``unit`` field when its user records for a unit other than their own: the units
    they act for under the plan (their own and those it took over, ``units_acting_in_plan``), the one
    of ``?unit=`` (``wanted``) chosen first. No field when the only choice is their own unit."""
    if not units or (len(units) == 1 and units[0].pk == own_unit_id):
        return
    chosen = next((u.pk for u in units if str(u.pk) == str(wanted)), units[0].pk)
    field = forms.TypedChoiceField(
        label=_("Unit that did the work"),
        coerce=int,
        choices=[(u.pk, unit_label(u)) for u in units],
        initial=chosen,
        help_text=_("Your unit took over these units' records: each record says which unit did the work."),
    )
    form.fields = {"unit": field, **form.fields}


def chosen_unit(form, units):
    """The unit picked in ``add_unit_choice``'s field (a valid form), else the only unit, else None
    (the user's own: the service says when their unit owes nothing under the plan)."""
    if "unit" in form.fields:
        return next(u for u in units if u.pk == form.cleaned_data["unit"])
    return units[0] if len(units) == 1 else None


class FilterSelect(forms.Select):
    """A list filter's select, its HTML kept once rendered: the same few dozen options at every
    request (each option two template includes). Kept by everything the HTML depends on (name, value,
    attributes, choices as shown in the active language); only for a value that is one of the choices
    or empty, so what is kept stays bounded."""

    _rendered: dict = {}
    KEPT_AT_MOST = 500

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple((str(v), str(label)) for v, label in self.choices)  # a group: its list as text
        if str(value if value is not None else "") not in {"", *(v for v, _label in choices)}:
            return super().render(name, value, attrs, renderer)
        shown = {**self.attrs, **(attrs or {})}
        key = (
            type(self),
            self.template_name,
            self.option_template_name,
            name,
            repr(value),
            tuple(sorted((k, type(v).__name__, str(v)) for k, v in shown.items())),
            choices,
            translation.get_language(),
            self.is_required,
            self.allow_multiple_selected,
            type(renderer),
        )
        html = self._rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self._rendered) >= self.KEPT_AT_MOST:
                self._rendered.clear()
            self._rendered[key] = html
        return html
