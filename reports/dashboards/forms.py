"""Web forms of the dashboards (a unit's, and V03's overview of every unit): they parse input; the
service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from reports.annual.models import AnnualReport

REPORT_FILTER_CHOICES = [
    ("", _("All")),
    ("none", _("Not sent")),
    *AnnualReport.Status.choices,
]


class OverviewFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=[("", _("All")), *Area.choices], required=False)
    status = forms.ChoiceField(label=_("Report status"), choices=REPORT_FILTER_CHOICES, required=False)
