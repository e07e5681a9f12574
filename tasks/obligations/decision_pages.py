"""The page where V03 imports a plan from its decision's text: upload or paste the text, see the plan
read from it beside the text with each warning at its line, correct the plan file (YAML) and check
it again, then publish it (the plan is loaded, or updated in place, and its obligations are made).
Views check input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans.decision_text import DecisionTextError, decision_import, warnings_left
from plans.decision_text.reading import normalize
from plans.decision_text.summary import plan_summary
from plans.loader import PlanFileError, parse_plan, read_plan_data, read_plan_text
from tasks.obligations import services
from tasks.obligations.decision_forms import DecisionTextForm, PlanFileForm

TEMPLATE = "obligations/plan_import.html"


def _reviewer(request) -> None:
    if not request.user.is_reviewer:
        raise PermissionDenied(_("Only the Ministry's reviewers (V03) can import a plan."))


def _lines(text: str, warnings: list, left: list[str] | None) -> list[dict]:
    """The decision's lines, numbered, each with the warnings about it (and whether each is still
    in the plan file, when the file has been edited)."""
    by_line: dict[int, list] = {}
    for warning in warnings:
        done = left is not None and warning.where() not in left
        by_line.setdefault(warning.line, []).append({"message": warning.message, "done": done})
    try:
        lines = normalize(text)
    except DecisionTextError:
        lines = text.splitlines()
    return [{"number": n, "text": line, "warnings": by_line.get(n, [])} for n, line in enumerate(lines, start=1)]


def _review(request, form: PlanFileForm, *, warnings=None, check=None, status=200):
    """The review step: the text with its warnings, the plan read from the file as it stands."""
    data = form.data if form.is_bound else form.initial
    decision, plan_text = data.get("decision", ""), data.get("plan", "")
    data, error = None, None
    try:
        data = read_plan_data(plan_text, name="plan.yaml")
        parse_plan(data)
    except PlanFileError as exc:
        error = f"{exc.place}: {exc.message}"
    if warnings is None:
        try:
            warnings = decision_import(decision).warnings if decision else []
        except DecisionTextError:
            warnings = []
    left = warnings_left(plan_text)
    context = {
        "form": form,
        "step": "review",
        "lines": _lines(decision, warnings, left if form.is_bound else None),
        "left": left,
        "summary": plan_summary(data),
        "plan_error": error,
        "check": check,
    }
    return render(request, TEMPLATE, context, status=status)


@login_required
def plan_import(request):
    """Step 1: the decision's text, uploaded or pasted; read, it opens the review step."""
    _reviewer(request)
    if request.method == "POST" and request.POST.get("step") in ("check", "publish"):
        return _plan_step(request, request.POST["step"])
    form = DecisionTextForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text, name = form.cleaned_data["decision"], form.cleaned_data["name"]
        try:
            result = decision_import(text)
        except DecisionTextError as exc:
            form.add_error(None, exc.where())
        else:
            initial = {"decision": text, "name": name, "plan": result.yaml(source=name)}
            return _review(request, PlanFileForm(initial=initial), warnings=result.warnings)
    context = {"form": form, "step": "text"}
    return render(request, TEMPLATE, context, status=400 if form.errors else 200)


def _plan_step(request, step: str):
    """Check the plan file again, or publish it."""
    form = PlanFileForm(request.POST)
    if not form.is_valid():
        return _review(request, form, status=400)
    try:
        spec = read_plan_text(form.cleaned_data["plan"], name="plan.yaml")
    except PlanFileError:
        return _review(request, form, status=400)
    left = warnings_left(form.cleaned_data["plan"])
    if step == "publish" and left and not form.cleaned_data["accept_warnings"]:
        form.add_error(
            "accept_warnings", _("%(count)d warning(s) left: deal with them, or tick this box.") % {"count": len(left)}
        )
        return _review(request, form, status=400)
    source = form.cleaned_data["name"] or _("text pasted on the import page")
    try:
        if step == "check":
            return _review(request, form, check=services.plan_spec_check(spec=spec))
        loaded, synced = services.plan_spec_load(spec=spec, source=source)
        if not loaded.plan.is_published:
            synced = services.plan_publish(plan=loaded.plan)
    except PlanFileError as exc:
        form.add_error("plan", f"{exc.place}: {exc.message}")
        return _review(request, form, status=400)
    messages.success(
        request,
        _("Plan %(number)s is published: %(changes)d change(s), %(count)d obligation(s) made.")
        % {"number": loaded.plan.number, "changes": len(loaded.changed), "count": synced.created},
    )
    return redirect("pages:plan", pk=loaded.plan.pk)
