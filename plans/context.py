"""The plan picker in every page's header (a template context processor)."""

from plans.selectors import published_plans


def plan_picker(request) -> dict:
    """The published plans a signed-in user can switch between, latest year first (read when the
    page shows the picker, once per request with ``plan_in_force``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"picker_plans": lambda: published_plans(request=request)}
