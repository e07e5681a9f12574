"""API input and output shapes of pilot models (tasks 4.1-4.3)."""

from rest_framework import serializers

from accounts.serializers import UnitRefSerializer
from tasks.pilot_models.models import PilotModel


class PilotModelSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    counts_toward_target = serializers.BooleanField(read_only=True)

    class Meta:
        model = PilotModel
        fields = [
            "id",
            "unit",
            "plan",
            "name",
            "place",
            "target_group",
            "start_date",
            "status",
            "evaluation",
            "replicated_to",
            "counts_toward_target",
            "revision",
            "created_at",
        ]
        read_only_fields = ["id", "unit", "counts_toward_target", "revision", "created_at"]
