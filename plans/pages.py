"""The web pages of plans: the list, one plan with its tasks and deadlines, the plan picker, and
V03's button that carries a plan into a later year. Views check input, call one service and render.
(Publishing a draft makes obligations: that page is ``tasks.obligations.pages.plan_publish``.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.pages import add_form_errors
from plans.cloning import plan_clone
from plans.forms import PlanCloneForm
from plans.models import Deliverable, Plan, Task
from plans.selectors import default_plan, plan_in_force


def _plans(user):
    return Plan.objects.visible_to(user)


@login_required
def plan_list(request):
    plans = _plans(request.user).annotate(deliverable_count=Count("deliverables")).order_by("-year", "-signed_on")
    context = {
        "plans": plans,
        "plan": plan_in_force(request=request),
        "in_force": default_plan(),
        "can_clone": request.user.is_reviewer,
    }
    return render(request, "plans/plan_list.html", context)


def _detail(request, plan: Plan, *, clone_form=None, status: int = 200):
    tasks = Task.objects.prefetch_related(
        "lead_units",
        "coordinating_units",
        "partners",
        Prefetch("deliverables", queryset=Deliverable.objects.select_related("recipient").order_by("order")),
    ).order_by("order")
    groups = plan.groups.prefetch_related(Prefetch("tasks", queryset=tasks)).order_by("order")
    reviewer = request.user.is_reviewer
    context = {
        "plan": plan,
        "shown": plan,
        "groups": groups,
        "plan_deliverables": plan.deliverables.filter(task__isnull=True).order_by("order"),
        "source": plan.cloned_from,
        "can_clone": reviewer and plan.is_published,
        "can_publish": reviewer and not plan.is_published,
        "clone_form": (clone_form or PlanCloneForm(source=plan)) if reviewer and plan.is_published else None,
        "chosen": request.user.chosen_plan_id == plan.pk,
    }
    return render(request, "plans/plan_detail.html", context, status=status)


@login_required
def plan_detail(request, pk: int):
    return _detail(request, get_object_or_404(_plans(request.user), pk=pk))


@login_required
@require_POST
def plan_clone_page(request, pk: int):
    """V03 carries a published plan into a later year: a draft, shown next for checking."""
    if not request.user.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers (V03) can carry a plan into a later year."))
    source = get_object_or_404(Plan.objects.published(), pk=pk)
    form = PlanCloneForm(request.POST, source=source)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = plan_clone(
                source=source,
                year=data["year"],
                number=data["number"],
                signed_on=data["signed_on"],
                title=data["title"],
                confirmed=form.confirmed(),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Draft plan %(number)s for %(year)s was made. Check it, then publish it.")
                % {"number": result.plan.number, "year": result.plan.year},
            )
            for warning in result.warnings():
                messages.warning(request, warning)
            return redirect("pages:plan", pk=result.plan.pk)
    return _detail(request, source, clone_form=form, status=400)


def _without_plan(url: str) -> str:
    """``url`` without its ``?plan=`` (the picker's choice must not be overridden by the old one)."""
    path, _sep, query = url.partition("?")
    params = QueryDict(query, mutable=True)
    params.pop("plan", None)
    params.pop("page", None)
    return f"{path}?{params.urlencode()}" if params else path


@login_required
@require_POST
def plan_choose(request):
    """The plan picker: the pages follow the chosen plan for this user from now on. Choosing the
    plan in force today (or nothing) forgets the choice, so that next year's plan is followed when
    it comes."""
    value = request.POST.get("plan", "")
    user = request.user
    plan = None
    if value:
        wanted = Plan.objects.published().filter(pk=value) if value.isdigit() and len(value) < 12 else None
        plan = wanted.first() if wanted is not None else None
        if plan is None:
            messages.error(request, _("Choose one of the published plans."))
            return redirect("pages:plans")
    in_force = default_plan()
    chosen = None if plan is None or (in_force and plan.pk == in_force.pk) else plan
    if user.chosen_plan_id != (chosen.pk if chosen else None):
        user.chosen_plan = chosen
        user.save(update_fields=["chosen_plan"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(_without_plan(target) or "/")
