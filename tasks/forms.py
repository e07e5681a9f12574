"""Forms of the web pages. They check input and turn it into the values a service takes; they
never save anything themselves (the views call tasks.services)."""

from django import forms
from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from accounts.text import nfc
from plans.models import Plan, Task

from .models import AnnualReport, DisseminationForm, PilotModel, TargetGroup, Topic
from .models.progress import ProgressStatus

DATE_INPUT_FORMATS = ["%d/%m/%Y"]
DATE_ERRORS = {"invalid": _("Enter the date as dd/mm/yyyy, for example 05/12/2024.")}


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the same format everywhere, whatever the browser's language."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "size": 10, **(attrs or {})},
            format="%d/%m/%Y",
        )


def count_field(label, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=False,
        initial=0,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 12}),
    )


def task_choices(plan: Plan) -> list:
    """The plan's leaf tasks grouped under their task group: [(group label, [(id, "3.1. …"), …]), …]."""
    groups: dict = {}
    tasks = Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order")
    for task in tasks:
        label = f"{task.group.number}. {Truncator(task.group.title).chars(70)}"
        groups.setdefault(label, []).append((task.pk, f"{task.code}. {Truncator(task.title).chars(90)}"))
    return [("", _("— choose a task —")), *groups.items()]


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


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the unit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class ReportForm(forms.Form):
    """The report's text: difficulties, proposals and, per task, the status and the results."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    difficulties = forms.CharField(
        label=_("Difficulties and obstacles"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    proposals = forms.CharField(
        label=_("Proposals and recommendations"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, report: AnnualReport, **kwargs):
        entries = {e.task_id: e for e in report.entries.all()}
        self.existing = set(entries)
        initial = {"revision": report.revision, "difficulties": report.difficulties, "proposals": report.proposals}
        self.tasks = list(
            Task.objects.filter(group__plan_id=report.plan_id).select_related("group").order_by("group__order", "order")
        )
        for task in self.tasks:
            entry = entries.get(task.pk)
            initial[f"status_{task.pk}"] = entry.status if entry else ProgressStatus.NOT_STARTED
            initial[f"results_{task.pk}"] = entry.results if entry else ""
        super().__init__(*args, initial=initial, **kwargs)
        for task in self.tasks:
            self.fields[f"status_{task.pk}"] = forms.ChoiceField(
                label=_("Status of task %(code)s") % {"code": task.code}, choices=ProgressStatus.choices
            )
            self.fields[f"results_{task.pk}"] = forms.CharField(
                label=_("Results of task %(code)s") % {"code": task.code},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def task_rows(self):
        """(task, status field, results field) for the template."""
        return [(t, self[f"status_{t.pk}"], self[f"results_{t.pk}"]) for t in self.tasks]

    def service_values(self) -> tuple[dict, list[dict]]:
        data = self.cleaned_data
        values = {"difficulties": data["difficulties"], "proposals": data["proposals"]}
        entries = [
            {"task": t, "status": data[f"status_{t.pk}"], "results": data[f"results_{t.pk}"]}
            for t in self.tasks
            if t.pk in self.existing or data[f"results_{t.pk}"] or data[f"status_{t.pk}"] != ProgressStatus.NOT_STARTED
        ]
        return values, entries


REPORT_FILTER_CHOICES = [
    ("", _("All")),
    ("none", _("Not sent")),
    *AnnualReport.Status.choices,
]


class OverviewFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=[("", _("All")), *Area.choices], required=False)
    status = forms.ChoiceField(label=_("Report status"), choices=REPORT_FILTER_CHOICES, required=False)


# --- The unit's own plan, pilot models, training courses, files ---------------------------------


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=help_text,
    )


def nfc_values(data: dict) -> dict:
    """The cleaned values with every text in NFC, as everything stored is."""
    return {k: nfc(v) if isinstance(v, str) else v for k, v in data.items()}


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
        return nfc_values({k: v for k, v in self.cleaned_data.items() if k != "revision"})


def training_tasks(plan: Plan):
    return Task.objects.filter(
        group__plan=plan, target_kind__in=(Task.Target.TRAINING, Task.Target.TRAINING_BY_REGION)
    ).order_by("group__order", "order")


def accepted_files_help() -> str:
    """What an evidence or plan file may be, with the size limit of the settings."""
    return gettext("PDF, JPEG, PNG, DOCX or XLSX, %(size)s MB at most.") % {
        "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
    }


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
