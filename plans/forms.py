"""Form helpers for a plan's tasks, and the form that carries a plan into a later year."""

import functools

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.forms import date_field
from plans.cloning import leap_days
from plans.models import Plan, Task


@functools.lru_cache(maxsize=2048)
def shortened(text: str, length: int, language: str | None) -> str:
    """``Truncator(text).chars(length)``, kept: the same task titles at every request of a list's
    filter (the ellipsis is translated, hence the language in the key)."""
    return Truncator(text).chars(length)


def task_choices(plan: Plan) -> list:
    """The plan's leaf tasks grouped under their task group: [(group label, [(id, "3.1. …"), …]), …]."""
    groups: dict = {}
    tasks = Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order")
    for task in tasks:
        label = f"{task.group.number}. {shortened(task.group.title, 70, get_language())}"
        groups.setdefault(label, []).append((task.pk, f"{task.code}. {shortened(task.title, 90, get_language())}"))
    return [("", _("— choose a task —")), *groups.items()]


class PlanCloneForm(forms.Form):
    """Carry a plan into a later year (``plans.cloning.plan_clone`` checks the values)."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "autocomplete": "off"}),
    )
    number = forms.CharField(label=_("Number of the new plan"), max_length=60)
    signed_on = date_field(_("Signed on"))
    title = forms.CharField(
        label=_("Title of the new plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave blank to keep the old title with its year moved."),
    )
    leap_day = date_field(
        _("Date for 29/02"),
        required=False,
        help_text=_("The plan has a deadline on 29/02, which the new year lacks: blank moves it to 28/02."),
    )

    def __init__(self, *args, source: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.leap_days = leap_days(source)
        if not self.leap_days:
            del self.fields["leap_day"]
        if not self.is_bound:
            self.initial.setdefault("year", max(source.year + 1, timezone.localdate().year))

    def confirmed(self) -> dict:
        day = self.cleaned_data.get("leap_day")
        return dict.fromkeys(self.leap_days, day) if day else {}
