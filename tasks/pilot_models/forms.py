"""Web forms of pilot models (tasks 4.1-4.3): they parse input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
        return nfc_values({k: v for k, v in self.cleaned_data.items() if k != "revision"})
