"""Forms of the decision import page: the decision's text (a .txt file or pasted), then the plan file
written from it (YAML, which the reviewer may correct). Bounded; they only parse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.uploads import safe_filename
from plans.decision_text import DecisionTextError, decode
from plans.decision_text.reading import MAX_BYTES

MAX_TEXT_CHARS = 300_000  # Decision 762 is 33.000 characters
MAX_PLAN_CHARS = 600_000  # its plan file is 40.000


class DecisionTextForm(forms.Form):
    file = forms.FileField(
        label=_("The decision's text file (.txt, UTF-8)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    text = forms.CharField(
        label=_("Or paste its text"),
        required=False,
        strip=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_("From the first line (“BỘ CÔNG AN … Số: …”) to the end of the plan."),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    {"file": _("The file is larger than %(size)s kB.") % {"size": MAX_BYTES // 1000}}
                )
            try:
                text = decode(upload.read(MAX_BYTES + 1))
            except DecisionTextError as exc:
                raise forms.ValidationError({"file": exc.where()}) from exc
            cleaned["name"] = safe_filename(upload.name)
        else:
            cleaned["name"] = ""
        if not text.strip():
            raise forms.ValidationError(_("Choose the decision's text file or paste its text."))
        if len(text) > MAX_TEXT_CHARS:
            raise forms.ValidationError(
                _("The text is longer than %(count)s characters.") % {"count": f"{MAX_TEXT_CHARS:,}".replace(",", ".")}
            )
        cleaned["decision"] = text
        return cleaned


class PlanFileForm(forms.Form):
    """The plan file as YAML, with the decision's text it was read from (to show each warning beside
    its line) and the name of the file it came in."""

    decision = forms.CharField(required=False, strip=False, max_length=MAX_TEXT_CHARS, widget=forms.HiddenInput)
    name = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    plan = forms.CharField(
        label=_("The plan file (YAML)"),
        strip=False,
        max_length=MAX_PLAN_CHARS,
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "class": "code-text"}),
        help_text=_(
            "Correct what is wrong here, then check again. Delete a warning's line (“# [!] …”) once it is dealt with."
        ),
    )
    accept_warnings = forms.BooleanField(
        label=_("Publish even though warnings are left"),
        required=False,
    )

    def clean_name(self):
        return safe_filename(self.cleaned_data.get("name") or "") if self.cleaned_data.get("name") else ""
