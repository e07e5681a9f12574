"""The web pages of training courses (task 8.2): views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import unit_member_required, visible_to
from config.pages import save_record, unit_filter
from plans.selectors import plan_in_force
from tasks.training import services
from tasks.training.forms import TrainingCourseForm
from tasks.training.models import TrainingCourse


@login_required
def training_list(request):
    plan = plan_in_force(request=request)
    qs = visible_to(TrainingCourse.objects.select_related("unit", "task"), request.user).filter(task__group__plan=plan)
    filter_unit = unit_filter(request)
    if filter_unit:
        qs = qs.filter(unit=filter_unit)
    unit = filter_unit if request.user.sees_all_units() else request.user.unit
    courses = list(qs.order_by("-start_date", "id"))
    context = {
        "plan": plan,
        "courses": courses,
        "unit": unit,
        "filter_unit": filter_unit,
        "show_unit": unit is None,
        "participants": sum(c.participants for c in courses),
        "can_add": request.user.is_unit_member,
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
    if request.method == "POST" and form.is_valid():
        saved = save_record(
            form,
            lambda: services.training_save(
                by=request.user,
                values=form.service_values(),
                course=course,
                expected_revision=(form.cleaned_data["revision"] or 0) if course else None,
            ),
        )
        if saved is not None:
            messages.success(request, _("The training course “%(title)s” was saved.") % {"title": saved.title})
            return redirect("pages:trainings")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "training/training_form.html", {"form": form, "plan": plan, "course": course}, status=status)
