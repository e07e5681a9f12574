"""The web pages of training courses (task 8.2): views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import unit_member_required, visible_to
from config.forms import add_unit_choice, chosen_unit
from config.lists import Column, ListPage, too_many_rows_message
from config.pages import quoted, save_record, unit_filter
from plans.selectors import plan_in_force
from tasks.obligations.selectors import plan_units, units_acting_in_plan
from tasks.training import services
from tasks.training.forms import TrainingCourseForm, TrainingFilterForm
from tasks.training.models import TrainingCourse
from tasks.training.selectors import training_filtered

TRAINING_COLUMNS = (
    Column("start_date", gettext_lazy("Date"), ("start_date",), lambda c: c.start_date),
    Column("unit", gettext_lazy("Unit"), ("unit__kind", "unit__province_code", "unit__name"), lambda c: c.unit.name),
    Column("task", gettext_lazy("Task"), ("task__group__order", "task__order"), lambda c: c.task.code),
    Column("title", gettext_lazy("Course"), ("title",), lambda c: c.title),
    Column("region", gettext_lazy("Region"), ("region",), lambda c: str(c.get_region_display() or "")),
    Column("place", gettext_lazy("Place"), ("place",), lambda c: c.place),
    Column("participants", gettext_lazy("Participants"), ("participants",), lambda c: c.participants, num=True),
)


@login_required
def training_list(request):
    """The plan's training courses: search, filters, sort, pages and the export of what the filter shows."""
    user = request.user
    plan = plan_in_force(request=request)
    sees_all = user.sees_all_units()
    filters = TrainingFilterForm(request.GET or None, plan=plan, units=plan_units(plan=plan) if sees_all else None)
    values = filters.values()
    filter_unit = next((u for u in filters.units if u.pk == values.get("unit")), None) or unit_filter(request)
    if filter_unit and not values.get("unit"):
        values = {**values, "unit": filter_unit.pk}
    qs = visible_to(TrainingCourse.objects.select_related("unit", "task"), user).filter(task__group__plan=plan)
    qs = training_filtered(qs, filters=values)
    shown = [c.key for c in TRAINING_COLUMNS if c.key != "unit" or (sees_all and not filter_unit)]
    listing = ListPage(request, queryset=qs, columns=TRAINING_COLUMNS, default_sort="-start_date", shown=shown)
    if listing.wants_export:
        response = listing.export(filename=f"tap-huan-{plan.year}.xlsx", title=_("Training courses"))
        if response is not None:
            return response
        messages.error(request, too_many_rows_message())
    context = {
        "plan": plan,
        "list": listing,
        "filters": filters,
        "unit": filter_unit if sees_all else user.unit,
        "filter_unit": filter_unit,
        "show_unit": "unit" in shown,
        "participants": qs.aggregate(total=Sum("participants"))["total"] or 0,
        "can_add": user.is_unit_member,
    }
    return render(request, "training/training_list.html", context)


@login_required
def training_form(request, pk: int | None = None):
    """Create (no pk) or edit a training course through services.training_save; 8.2a's region
    rule is the service's, shown next to the field."""
    course = None
    if pk is not None:
        course = get_object_or_404(
            visible_to(TrainingCourse.objects.select_related("unit", "task"), request.user), pk=pk
        )
    unit_member_required(request.user)
    plan = plan_in_force(request=request)
    initial = None
    if course is not None:
        initial = {
            f: getattr(course, f)
            for f in ("revision", "title", "region", "start_date", "end_date", "place", "participants")
        } | {"task": course.task_id}
    form = TrainingCourseForm(request.POST or None, initial=initial, plan=plan)
    units = units_acting_in_plan(user=request.user, plan=plan) if course is None else []
    add_unit_choice(form, units, own_unit_id=request.user.unit_id, wanted=request.GET.get("unit"))
    if request.method == "POST" and form.is_valid():
        saved = save_record(
            form,
            lambda: services.training_save(
                by=request.user,
                values=form.service_values(),
                course=course,
                expected_revision=(form.cleaned_data["revision"] or 0) if course else None,
                unit=chosen_unit(form, units),
            ),
        )
        if saved is not None:
            messages.success(request, _("The training course “%(title)s” was saved.") % {"title": quoted(saved.title)})
            return redirect("pages:trainings")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "training/training_form.html", {"form": form, "plan": plan, "course": course}, status=status)
