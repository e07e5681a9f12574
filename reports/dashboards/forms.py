"""Web forms of the dashboards (a unit's, and V03's overview of every unit): they parse input; the
service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Area, Unit
from reports.annual.models import AnnualReport

REPORT_FILTER_CHOICES = [
    ("", _("All")),
    ("none", _("Not sent")),
    *AnnualReport.Status.choices,
]


KIND_CHOICES = [
    ("", _("All")),
    (Unit.Kind.DEPARTMENT, _("Ministry departments")),
    (Unit.Kind.PROVINCE, _("Provincial police")),
]


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Unit"), required=False, max_length=100)
    area = forms.ChoiceField(label=_("Area"), choices=[("", _("All")), *Area.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind of unit"), choices=KIND_CHOICES, required=False)
    status = forms.ChoiceField(label=_("Report status"), choices=REPORT_FILTER_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("name of the unit")})

    def values(self) -> dict:
        """The filters to apply (none when the form is not valid)."""
        return self.cleaned_data if self.is_bound and self.is_valid() else {}
