"""Web forms of activities and their evidence files: they parse input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import DATE_ERRORS, DATE_INPUT_FORMATS, DateInput, accepted_files_help, count_field
from plans.forms import task_choices
from plans.models import Plan, Task
from tasks.activities.models import DisseminationForm, TargetGroup, Topic


class ActivityForm(forms.Form):
    task = forms.TypedChoiceField(label=_("Task of the plan"), coerce=int)
    title = forms.CharField(label=_("Name of the activity"), max_length=500)
    start_date = forms.DateField(
        label=_("Date (or first day)"), input_formats=DATE_INPUT_FORMATS, widget=DateInput, error_messages=DATE_ERRORS
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=_("Only for an activity over several days."),
    )
    form = forms.ChoiceField(
        label=_("Form of dissemination"), choices=[("", _("— choose a form —")), *DisseminationForm.choices]
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(
        label=_("Content topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    commune = forms.CharField(label=_("Commune / ward"), max_length=200, required=False)
    district = forms.CharField(label=_("District"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sessions = count_field(_("Sessions"))
    participants = count_field(_("Participants"))
    copies = count_field(_("Copies of materials"))
    online_reach = count_field(_("Online reach"), _("Views or listeners reached online or on air."))
    budget_vnd = count_field(_("Budget spent (VND)"), _("Whole đồng, e.g. 1.500.000."))

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["task"].choices = task_choices(plan)

    def clean_task(self):
        task = Task.objects.filter(group__plan=self.plan, pk=self.cleaned_data["task"]).first()
        if task is None:
            raise forms.ValidationError(_("Choose a task of the plan."))
        return task

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        for name in ("sessions", "participants", "copies", "online_reach", "budget_vnd"):
            if name in data and data[name] is None:
                data[name] = 0
        return data

    def service_values(self) -> tuple[dict, list[str]]:
        """(values, target groups) as services.activity_create takes them."""
        data = dict(self.cleaned_data)
        groups = data.pop("target_groups")
        return data, groups


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Add an evidence file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = accepted_files_help()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("The template filled in (XLSX), or a CSV file in UTF-8 with the same columns."),
        allow_empty_file=True,
    )
