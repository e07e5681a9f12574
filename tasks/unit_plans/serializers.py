"""API input and output shapes of the unit's own plan (task 1.1)."""

from django.urls import reverse
from rest_framework import serializers

from accounts.serializers import UnitRefSerializer, taken_over_unit_field
from config.api import DateField
from plans.models import Plan
from tasks.unit_plans.models import UnitPlan


class UnitPlanSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = UnitPlan
        fields = [
            "id",
            "unit",
            "plan",
            "number",
            "signed_on",
            "signer",
            "original_name",
            "content_type",
            "submitted_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return reverse("unitplan-download", args=[obj.pk])


class UnitPlanInputSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    number = serializers.CharField(max_length=60)
    signed_on = DateField()
    signer = serializers.CharField(max_length=200)
    file = serializers.FileField()
    unit = taken_over_unit_field()
