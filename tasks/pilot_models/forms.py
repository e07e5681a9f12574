"""Web forms of pilot models (tasks 4.1-4.3): they parse input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from config.forms import date_field, nfc_values
from tasks.activities.models import TargetGroup
from tasks.pilot_models.models import PilotModel


class PilotModelForm(forms.Form):
    """A pilot model of tasks 4.1-4.3; ``revision`` (hidden) is the copy the user opened."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name of the model"), max_length=300)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("— choose a target group —")), *TargetGroup.choices]
    )
    start_date = date_field(_("Start date"))
    status = forms.ChoiceField(label=_("Status"), choices=PilotModel.Status.choices, initial=PilotModel.Status.RUNNING)
    evaluation = forms.CharField(
        label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=_("Results so far.")
    )
    replicated_to = forms.CharField(
        label=_("Replicated to"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Where the model was taken up elsewhere."),
    )

    def service_values(self) -> dict:
        return nfc_values({k: v for k, v in self.cleaned_data.items() if k not in ("revision", "unit")})


class PilotModelFilterForm(forms.Form):
    """The pilot model list's search and filters (all optional); a reviewer may also narrow to a
    unit or an area."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *PilotModel.Status.choices])
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All")), *TargetGroup.choices]
    )
    date_from = date_field(_("Started from"), required=False)
    date_to = date_field(_("Started to"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", _("All")), *Area.choices])

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("name, place or evaluation")})
        self.units = list(units or [])
        if units is None:
            del self.fields["unit"], self.fields["area"]
        else:
            self.fields["unit"].choices = [("", _("All")), *((u.pk, u.short_name or u.name) for u in self.units)]

    def values(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}
