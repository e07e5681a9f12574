"""The list of the units' results reports: search by unit, filters by status, area and kind of unit,
sort by any column, pages that keep the filter, and the export of what the filter shows. A unit's
users see their own unit's reports; V03 sees every unit's."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Area, Unit
from accounts.permissions import visible_to
from config.lists import Column, ListPage, too_many_rows_message
from plans.selectors import plan_in_force
from reports.annual.models import AnnualReport


class ReportFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Unit"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("All")), *AnnualReport.Status.choices]
    )
    area = forms.ChoiceField(
        label=gettext_lazy("Area"), required=False, choices=[("", gettext_lazy("All")), *Area.choices]
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of unit"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            (Unit.Kind.DEPARTMENT, gettext_lazy("Ministry departments")),
            (Unit.Kind.PROVINCE, gettext_lazy("Provincial police")),
        ],
    )

    def values(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}


def _when(value):
    """A moment as the workbook takes it: local time (Vietnam), without a zone."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


REPORT_COLUMNS = (
    Column("unit", gettext_lazy("Unit"), ("unit__kind", "unit__province_code", "unit__name"), lambda r: r.unit.name),
    Column("area", gettext_lazy("Area"), ("unit__area",), lambda r: str(r.unit.get_area_display() or "")),
    Column("status", gettext_lazy("Status"), ("status",), lambda r: str(r.get_status_display())),
    Column("first_sent", gettext_lazy("First sent"), ("first_submitted_at",), lambda r: _when(r.first_submitted_at)),
    Column("last_sent", gettext_lazy("Last sent"), ("submitted_at",), lambda r: _when(r.submitted_at)),
    Column("versions", gettext_lazy("Versions"), ("version_count",), lambda r: r.version_count, num=True),
    Column("reviewed", gettext_lazy("Reviewed"), ("reviewed_at",), lambda r: _when(r.reviewed_at)),
)


@login_required
def report_list(request):
    plan = plan_in_force(request=request)
    filters = ReportFilterForm(request.GET or None)
    values = filters.values()
    qs = visible_to(AnnualReport.objects.filter(plan=plan).select_related("unit"), request.user)
    qs = qs.annotate(version_count=Count("versions"))
    if q := (values.get("q") or "").strip():
        qs = qs.filter(Q(unit__name__icontains=q) | Q(unit__short_name__icontains=q))
    for name, lookup in (("status", "status"), ("area", "unit__area"), ("kind", "unit__kind")):
        if values.get(name):
            qs = qs.filter(**{lookup: values[name]})
    listing = ListPage(request, queryset=qs, columns=REPORT_COLUMNS, default_sort="unit")
    if listing.wants_export:
        response = listing.export(filename=f"bao-cao-ket-qua-{plan.year}.xlsx", title=_("Results reports"))
        if response is not None:
            return response
        messages.error(request, too_many_rows_message())
    context = {"plan": plan, "list": listing, "filters": filters}
    return render(request, "annual/report_list.html", context)
