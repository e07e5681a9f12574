"""Web forms of a unit's annual results report (write, submit, return, accept, versions): they parse
input; the service checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import Task
from reports.annual.models import AnnualReport
from tasks.obligations.models import ProgressStatus


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the unit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # required to return a report, and bounded: the service says so, as in the API
    )


class ReportForm(forms.Form):
    """The report's text: difficulties, proposals and, per task, the results. A task's status is its
    progress as the obligations record it (shown, not typed)."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    difficulties = forms.CharField(
        label=_("Difficulties and obstacles"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    proposals = forms.CharField(
        label=_("Proposals and recommendations"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, report: AnnualReport, progress: dict[int, str] | None = None, **kwargs):
        entries = {e.task_id: e for e in report.entries.all()}
        self.progress = progress or {}
        self.existing = set(entries)
        initial = {"revision": report.revision, "difficulties": report.difficulties, "proposals": report.proposals}
        self.tasks = list(
            Task.objects.filter(group__plan_id=report.plan_id).select_related("group").order_by("group__order", "order")
        )
        for task in self.tasks:
            entry = entries.get(task.pk)
            initial[f"results_{task.pk}"] = entry.results if entry else ""
        super().__init__(*args, initial=initial, **kwargs)
        for task in self.tasks:
            self.fields[f"results_{task.pk}"] = forms.CharField(
                label=_("Results of task %(code)s") % {"code": task.code},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def task_rows(self):
        """(task, its progress as a label, results field) for the template."""
        label = dict(ProgressStatus.choices)
        return [
            (t, label[self.progress.get(t.pk, ProgressStatus.NOT_STARTED)], self[f"results_{t.pk}"]) for t in self.tasks
        ]

    def service_values(self) -> tuple[dict, list[dict]]:
        data = self.cleaned_data
        values = {"difficulties": data["difficulties"], "proposals": data["proposals"]}
        entries = [
            {"task": t, "results": data[f"results_{t.pk}"]}
            for t in self.tasks
            if t.pk in self.existing or data[f"results_{t.pk}"]
        ]
        return values, entries
