"""Filters shared by every list: an id is a whole number within the database's 64-bit integers, so
a number out of range answers 400 in Vietnamese on SQLite and PostgreSQL alike; a unit and a task can
also be given by their code (``UnitFilter``, ``TaskFilter``), and a code nothing has answers 400."""

import django_filters
import django_filters.rest_framework
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from config.dates import DateUnreadable, NoSuchDay, parse_day

MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    default_error_messages = {
        "invalid": _("An id is a whole number."),
        "min_value": _("An id is a whole number, 1 or more."),
        "max_value": _("This id is out of range."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class DayField(forms.DateField):
    """A day in a query (yyyy-mm-dd, as the API writes dates): one of the right form whose day does not
    exist (2026-11-31) says so (config.dates), as the API's bodies and the pages do."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            try:
                parse_day(str(value))
            except NoSuchDay as exc:
                raise forms.ValidationError(str(exc), code="invalid") from None
            except DateUnreadable:
                pass
            raise


class DayFilter(django_filters.DateFilter):
    field_class = DayField


class IdFilter(django_filters.Filter):
    """Rows whose ``field_name`` is this id."""

    field_class = IdField


class CodeOrIdField(forms.CharField):
    """A record given by its id (a whole number) or by its code: ``codes`` are the fields a code is
    looked up in (case aside); a code matches every record that has it. Cleans to the ids, or to
    None when the parameter is empty; a code nothing has answers 400."""

    def __init__(self, *, model, codes: tuple[str, ...], unknown: str, **kwargs):
        self.model, self.codes, self.unknown = model, codes, unknown
        super().__init__(max_length=60, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        if value.isascii() and value.isdigit():
            return [IdField(required=False).clean(value)]
        match = Q()
        for field in self.codes:
            match |= Q(**{f"{field}__iexact": value})
        ids = list(self.model._default_manager.filter(match).values_list("pk", flat=True))
        if not ids:
            raise forms.ValidationError(self.unknown, code="unknown", params={"value": value})
        return ids


class CodeOrIdFilter(django_filters.Filter):
    """Rows whose ``field_name`` is this id, or one of the records with this code (``CodeOrIdField``)."""

    field_class = CodeOrIdField

    def filter(self, qs, value):
        if value is None:
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__in": value})


UNIT_HELP = _(
    "The unit: its id, or its code (V03) or key (ca01 for the province of code 01 until the 2025 merger, "
    "ca01-2025 after it). A number alone is read as an id; a code no unit has answers 400."
)
TASK_HELP = _(
    "The task: its id, or its code (3.1, 8.2a): that task in every plan, unless plan is given. A number "
    "alone is read as an id; a code no task has answers 400."
)


@extend_schema_field({"type": "string", "description": UNIT_HELP})
class UnitCodeFilter(CodeOrIdFilter):
    """A unit by id, key (``ca01``, ``ca01-2025``, ``v03``) or code (``V03``)."""

    def __init__(self, field_name: str = "unit", **kwargs):
        from accounts.models import Unit

        unknown = _("No unit has the code or key “%(value)s”.")
        super().__init__(field_name=field_name, model=Unit, codes=("key", "code"), unknown=unknown, **kwargs)


@extend_schema_field({"type": "string", "description": TASK_HELP})
class TaskCodeFilter(CodeOrIdFilter):
    """A task by id or code (``3.1``, ``8.2a``: the task of that code in every plan)."""

    def __init__(self, field_name: str = "task", **kwargs):
        from plans.models import Task

        unknown = _("No task has the code “%(value)s”.")
        super().__init__(field_name=field_name, model=Task, codes=("code",), unknown=unknown, **kwargs)


class FilterSet(django_filters.rest_framework.FilterSet):
    """The API's filter sets: a unit or a task named in ``Meta.fields`` (or a viewset's
    ``filterset_fields``) is taken by id or code."""

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        from accounts.models import Unit
        from plans.models import Task

        target = getattr(field, "related_model", None)
        if lookup_expr in (None, "exact") and target in (Unit, Task):
            return (UnitCodeFilter if target is Unit else TaskCodeFilter)(field_name=field_name)
        return super().filter_for_field(field, field_name, lookup_expr)


class FilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """DRF's django-filter backend, building ``filterset_fields`` on ``FilterSet`` above."""

    filterset_base = FilterSet
