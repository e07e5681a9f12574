"""A task named in an API body: by its id, or by its code ("3.1", "8.2a") in the plan the request is
about. The plan is, in order: the one the serializer is given (``context["plan"]``: a report's entries
take the report's plan), the plan of the record being changed, then the plan a page would follow
(``?plan=``, the plan the user picked, the plan in force today: plans.selectors.plan_in_force)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from plans.models import Plan, Task
from plans.selectors import default_plan, plan_in_force

TASK_SCHEMA = {
    "oneOf": [{"type": "integer"}, {"type": "string"}],
    "description": gettext_lazy("A task's id (/api/v1/plan-tasks/), or its code in the plan (3.1, 8.2a)."),
}


def plan_of_codes(field: serializers.Field) -> Plan | None:
    """The plan in which ``field`` looks a task's code up (see the module's note); None when there is none."""
    context = field.context
    if context.get("plan") is not None:
        return context["plan"]
    instance = getattr(field.parent, "instance", None)
    if isinstance(getattr(instance, "task", None), Task):
        return instance.task.group.plan
    request = context.get("request")
    if request is not None:
        try:
            return plan_in_force(request=request)
        except Http404:
            return None
    return default_plan()


@extend_schema_field(TASK_SCHEMA)
class TaskField(serializers.PrimaryKeyRelatedField):
    """A PrimaryKeyRelatedField of tasks that takes a task's code too, and says in Vietnamese what it
    wants ("Cần giá trị khóa chính nhưng nhận được str." was all a code got)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Task.objects.select_related("group__plan"))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            raise serializers.ValidationError(self.what_it_takes(), code="incorrect_type")
        text = str(data).strip()
        if text.isascii() and text.isdigit():
            task = self.get_queryset().filter(pk=int(text)).first() if len(text) <= 18 else None
            if task is None:
                raise serializers.ValidationError(
                    _("No task has the id %(id)s (see /api/v1/plan-tasks/).") % {"id": text}, code="does_not_exist"
                )
            return task
        if not text or len(text) > Task._meta.get_field("code").max_length:
            raise serializers.ValidationError(self.what_it_takes(), code="incorrect_type")
        plan = plan_of_codes(self)
        if plan is None:
            raise serializers.ValidationError(
                _("No plan is in force to look the task code “%(code)s” up in: give the task's id.") % {"code": text},
                code="no_plan",
            )
        task = self.get_queryset().filter(group__plan=plan, code__iexact=text).first()
        if task is None:
            message = _(
                "Plan %(plan)s (%(year)s) has no task with the code “%(code)s”; its tasks are listed at "
                "/api/v1/plan-tasks/?group__plan=%(id)s."
            )
            raise serializers.ValidationError(
                message % {"plan": plan.number, "year": plan.year, "code": text, "id": plan.pk}, code="no_such_code"
            )
        return task

    @staticmethod
    def what_it_takes() -> str:
        return _(
            "A task is given by its id (a whole number, see /api/v1/plan-tasks/) or by its code in the plan, "
            "such as “3.1”."
        )
