"""The reminder log in the web pages: what was sent to whom and when, with search, filters, sort, pages
and the export of what the filter shows. A leader sees the unit's, a reporter their own, V03 all
(the API's scope: reminders.api.reminders_visible)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.forms import date_field
from config.lists import Column, ListPage, narrowed, too_many_rows_message
from reminders.api import reminders_visible
from reminders.models import ReminderEmail, ReminderKind


class ReminderFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", gettext_lazy("All")), *ReminderKind.choices]
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Email"), required=False, choices=[("", gettext_lazy("All")), *ReminderEmail.Status.choices]
    )
    date_from = date_field(gettext_lazy("From"), required=False)
    date_to = date_field(gettext_lazy("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": gettext_lazy("unit, person or task")})

    def values(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}


def _person(user) -> str:
    return user.get_full_name() or user.username


REMINDER_COLUMNS = (
    Column("day", gettext_lazy("Day"), ("day",), lambda r: r.day),
    Column("unit", gettext_lazy("Unit"), ("unit__kind", "unit__province_code", "unit__name"), lambda r: r.unit.name),
    Column(
        "recipient",
        gettext_lazy("Sent to"),
        ("recipient__last_name", "recipient__username"),
        lambda r: _person(r.recipient),
    ),
    Column("kind", gettext_lazy("Kind"), ("kind",), lambda r: str(r.get_kind_display())),
    Column("task", gettext_lazy("Task"), None, lambda r: r.obligation.deliverable.code),
    Column("due_date", gettext_lazy("Due"), ("due_date",), lambda r: r.due_date),
    Column("status", gettext_lazy("Email"), ("email__status",), lambda r: str(r.email.get_status_display())),
)


@login_required
def reminder_list(request):
    filters = ReminderFilterForm(request.GET or None)
    values = filters.values()
    qs = reminders_visible(user=request.user).select_related("obligation__deliverable__task")
    if q := (values.get("q") or "").strip():
        qs = qs.filter(
            Q(unit__name__icontains=q)
            | Q(recipient__username__icontains=q)
            | Q(recipient__last_name__icontains=q)
            | Q(obligation__deliverable__task__code=q)
        )
    qs = narrowed(
        qs,
        values,
        {"kind": "kind", "status": "email__status", "date_from": "day__gte", "date_to": "day__lte"},
    )
    listing = ListPage(request, queryset=qs, columns=REMINDER_COLUMNS, default_sort="-day")
    if listing.wants_export:
        response = listing.export(filename="nhac-han.xlsx", title=_("Reminders"))
        if response is not None:
            return response
        messages.error(request, too_many_rows_message())
    return render(request, "reminders/reminder_list.html", {"list": listing, "filters": filters})
