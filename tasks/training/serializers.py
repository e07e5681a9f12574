"""API input and output shapes of training courses (task 8.2)."""

from rest_framework import serializers

from accounts.serializers import UnitRefSerializer
from config.api import PlainNumbersMixin
from plans.fields import TaskField
from tasks.training.models import TrainingCourse


class TrainingCourseSerializer(PlainNumbersMixin, serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    task = TaskField()

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "unit",
            "task",
            "title",
            "region",
            "start_date",
            "end_date",
            "place",
            "participants",
            "revision",
            "created_at",
        ]
        read_only_fields = ["id", "unit", "revision", "created_at"]
