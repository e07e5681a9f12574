"""Form helpers for a plan's tasks."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plans.models import Plan, Task


def task_choices(plan: Plan) -> list:
    """The plan's leaf tasks grouped under their task group: [(group label, [(id, "3.1. …"), …]), …]."""
    groups: dict = {}
    tasks = Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order")
    for task in tasks:
        label = f"{task.group.number}. {Truncator(task.group.title).chars(70)}"
        groups.setdefault(label, []).append((task.pk, f"{task.code}. {Truncator(task.title).chars(90)}"))
    return [("", _("— choose a task —")), *groups.items()]
