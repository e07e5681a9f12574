"""The API of training courses (task 8.2) (/api/v1/)."""

import django_filters

from config.api_revisions import UnitRecordViewSet
from config.filters import IdFilter, TaskCodeFilter, UnitCodeFilter
from tasks.training import services
from tasks.training.models import TrainingCourse
from tasks.training.serializers import TrainingCourseSerializer


def _save_training(*, by, values, current=None, expected_revision=None, unit=None):
    return services.training_save(by=by, values=values, course=current, expected_revision=expected_revision, unit=unit)


def _delete_training(obj, *, by, expected_revision):
    services.training_delete(course=obj, by=by, expected_revision=expected_revision)


class TrainingCourseFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="task__group__plan")
    task = TaskCodeFilter()
    unit = UnitCodeFilter()

    class Meta:
        model = TrainingCourse
        fields = ["plan", "task", "unit", "region"]


class TrainingCourseViewSet(UnitRecordViewSet):
    """Training courses of task 8.2 (8.2a by region)."""

    serializer_class = TrainingCourseSerializer
    queryset = TrainingCourse.objects.select_related("unit")
    filterset_class = TrainingCourseFilter
    save_service = staticmethod(_save_training)
    delete_service = staticmethod(_delete_training)
