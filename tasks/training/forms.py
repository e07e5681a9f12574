"""Web forms of training courses (task 8.2): they parse input; the service checks the rules."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from config.forms import count_field, date_field, nfc_values
from plans.models import Plan, Task


class TrainingCourseForm(forms.Form):
    """A training course of task 8.2 (8.2a needs the region; the service says so)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    task = forms.TypedChoiceField(label=_("Task of the plan"), coerce=int)
    title = forms.CharField(label=_("Name of the course"), max_length=300)
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("— no region —")), *Area.choices],
        required=False,
        help_text=_("Required for 8.2a (courses in the North, Centre and South)."),
    )
    start_date = date_field(_("Start date"))
    end_date = date_field(_("Last day"), required=False, help_text=_("Only for a course over several days."))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    participants = count_field(_("Participants"))

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["task"].choices = [
            ("", _("— choose a task —")),
            *((t.pk, f"{t.code}. {Truncator(t.title).chars(90)}") for t in training_tasks(plan)),
        ]

    def clean_task(self):
        task = training_tasks(self.plan).filter(pk=self.cleaned_data["task"]).first()
        if task is None:
            raise forms.ValidationError(_("Choose a task of the plan."))
        return task

    def clean_participants(self):
        return self.cleaned_data.get("participants") or 0

    def service_values(self) -> dict:
        return nfc_values({k: v for k, v in self.cleaned_data.items() if k not in ("revision", "unit")})


def training_tasks(plan: Plan):
    return Task.objects.filter(
        group__plan=plan, target_kind__in=(Task.Target.TRAINING, Task.Target.TRAINING_BY_REGION)
    ).order_by("group__order", "order")


class TrainingFilterForm(forms.Form):
    """The training course list's search and filters (all optional)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    task = forms.TypedChoiceField(label=_("Task"), coerce=int, required=False, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All")), *Area.choices])
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, plan: Plan, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("name or place")})
        self.fields["task"].choices = [("", _("All")), *((t.pk, t.code) for t in training_tasks(plan))]
        self.units = list(units or [])
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [("", _("All")), *((u.pk, u.short_name or u.name) for u in self.units)]

    def values(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}
