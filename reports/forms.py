"""Web forms of the Ministry's report: they parse input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Area, Unit
from config.forms import date_field
from reports.models import ReportJob


class ReportJobForm(forms.Form):
    """What V03 asks for: the formats, and the roll-up's filters (reports/services.filters_from_options)."""

    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=ReportJob.Format.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ReportJob.Format.PDF, ReportJob.Format.XLSX],
    )
    area = forms.ChoiceField(label=_("Area"), choices=[("", _("All")), *Area.choices], required=False)
    kind = forms.ChoiceField(
        label=_("Kind of unit"),
        choices=[
            ("", _("All")),
            (Unit.Kind.DEPARTMENT, _("Ministry departments")),
            (Unit.Kind.PROVINCE, _("Provincial police")),
        ],
        required=False,
    )
    date_from = date_field(
        _("Activities from"), required=False, help_text=_("Blank: from the start of the reporting window.")
    )
    date_to = date_field(_("Activities to"), required=False, help_text=_("Blank: to the end of the reporting window."))
    include_submitted = forms.BooleanField(
        label=_("Count submitted reports not yet accepted as well"),
        required=False,
        help_text=_("By default only the reports V03 accepted count."),
    )
    compare_with = forms.TypedChoiceField(
        label=_("Compare with an earlier plan"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Each unit beside the units of that plan it stands for: a province formed in 2025 beside the "
            "provinces it was formed from, their figures summed."
        ),
    )

    def __init__(self, *args, earlier_plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compare_with"].choices = [
            ("", _("No comparison")),
            *((p.pk, f"{p.number} ({p.year})") for p in earlier_plans),
        ]
        if earlier_plans:
            self.fields["compare_with"].initial = earlier_plans[-1].pk  # the earliest: before the merger

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the date window is before its start."))
        return data

    def options(self) -> dict:
        """The job's options as JSON (dates in ISO), without the blank ones."""
        data = self.cleaned_data
        options = {
            "area": data["area"],
            "kind": data["kind"],
            "date_from": data["date_from"].isoformat() if data["date_from"] else "",
            "date_to": data["date_to"].isoformat() if data["date_to"] else "",
            "include_submitted": data["include_submitted"],
            "compare_with": data.get("compare_with"),
        }
        return {k: v for k, v in options.items() if v not in ("", None, False)}
