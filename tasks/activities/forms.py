"""Web forms of activities and their evidence files: they parse input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from config.forms import FilterSelect, accepted_files_help, count_field, date_field
from plans.forms import task_choices
from plans.models import Plan, Task
from tasks.activities.models import Activity, DisseminationForm, TargetGroup, Topic


class ActivityForm(forms.Form):
    """Log an activity, or correct one: ``revision`` (hidden) is the copy the user opened."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    task = forms.TypedChoiceField(label=_("Task of the plan"), coerce=int)
    title = forms.CharField(label=_("Name of the activity"), max_length=500)
    start_date = date_field(_("Date (or first day)"))
    end_date = date_field(_("Last day"), required=False, help_text=_("Only for an activity over several days."))
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
        """(values, target groups) as services.activity_create and activity_update take them."""
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        groups = data.pop("target_groups")
        return data, groups

    @staticmethod
    def initial_of(activity) -> dict:
        """The form's values for correcting ``activity`` (with the revision it was opened at)."""
        initial = {name: getattr(activity, name) for name in Activity.EDITABLE_FIELDS if name != "task"}
        initial["task"] = activity.task_id
        initial["revision"] = activity.revision
        initial["target_groups"] = [row.target_group for row in activity.target_group_rows.all()]
        return initial


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
    include_duplicates = forms.BooleanField(
        label=_("Import the duplicate rows as well"),
        required=False,
        help_text=_(
            "A row the unit already has (same task, date, name and place) is skipped unless you tick this: "
            "importing the same file twice adds nothing."
        ),
    )


class ActivityFilterForm(forms.Form):
    """The activity list's search and filters (all optional); a reviewer may also narrow to a unit or
    an area."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    task = forms.TypedChoiceField(label=_("Task"), coerce=int, required=False, empty_value=None, widget=FilterSelect)
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    form = forms.ChoiceField(
        label=_("Form"), required=False, choices=[("", _("All")), *DisseminationForm.choices], widget=FilterSelect
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All")), *TargetGroup.choices], widget=FilterSelect
    )
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None, widget=FilterSelect)
    area = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("All")), *Area.choices], widget=FilterSelect
    )

    def __init__(self, *args, plan: Plan, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"placeholder": _("name, description or place"), "type": "search"})
        self.fields["task"].choices = [("", _("All")), *task_choices(plan)[1:]]
        self.units = list(units or [])
        if units is None:
            del self.fields["unit"], self.fields["area"]
        else:
            self.fields["unit"].choices = [("", _("All")), *((u.pk, u.short_name or u.name) for u in self.units)]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def values(self) -> dict:
        """The filters to apply (none when the form is not valid, so a bad filter shows every row)."""
        return self.cleaned_data if self.is_bound and self.is_valid() else {}
