"""The API of pilot models (tasks 4.1-4.3) (/api/v1/)."""

from config.api_revisions import UnitRecordViewSet
from tasks.pilot_models import services
from tasks.pilot_models.models import PilotModel
from tasks.pilot_models.serializers import PilotModelSerializer


def _save_pilot_model(*, by, values, current=None, expected_revision=None, unit=None):
    return services.pilot_model_save(
        by=by, values=values, pilot_model=current, expected_revision=expected_revision, unit=unit
    )


def _delete_pilot_model(obj, *, by, expected_revision):
    services.pilot_model_delete(pilot_model=obj, by=by, expected_revision=expected_revision)


class PilotModelViewSet(UnitRecordViewSet):
    """Pilot models (mô hình điểm) of tasks 4.1-4.3."""

    serializer_class = PilotModelSerializer
    queryset = PilotModel.objects.select_related("unit")
    filterset_fields = ["plan", "unit", "status", "target_group"]
    save_service = staticmethod(_save_pilot_model)
    delete_service = staticmethod(_delete_pilot_model)
