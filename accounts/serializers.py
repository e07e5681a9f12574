from rest_framework import serializers

from accounts.models import Partner, Unit, User


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "key", "code", "name"]


class UnitSerializer(serializers.ModelSerializer):
    predecessors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    successors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "key",
            "kind",
            "code",
            "name",
            "short_name",
            "parent",
            "province_code",
            "province_name",
            "area",
            "region",
            "valid_from",
            "valid_to",
            "predecessors",
            "successors",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["id", "key", "name"]


class MeSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "unit",
            "reminder_mode",
            "overdue_summary",
        ]
        read_only_fields = ["id", "username", "role", "unit"]
