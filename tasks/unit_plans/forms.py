"""Web forms of the unit's own plan (task 1.1): they parse input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.text import nfc
from config.forms import accepted_files_help, date_field


class UnitPlanForm(forms.Form):
    """The unit's own plan (task 1.1) as its leader hands it in."""

    number = forms.CharField(
        label=_("Number of the plan"), max_length=60, help_text=_("As written on the document, e.g. 125/KH-CAHN.")
    )
    signed_on = date_field(_("Signed on"))
    signer = forms.CharField(label=_("Signed by"), max_length=200)
    file = forms.FileField(label=_("File of the signed plan"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = accepted_files_help()

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "number": nfc(data["number"]),
            "signed_on": data["signed_on"],
            "signer": nfc(data["signer"]),
            "upload": data["file"],
        }
