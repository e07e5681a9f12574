from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import ApiToken, Partner, Unit, User


def taken_over_unit_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    """The optional ``unit`` of what a unit's people record: their own unit by default, or a unit it
    took over (the services check that the user acts for it and that it owes under the plan)."""
    return serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(),
        required=False,
        help_text=_("A unit your unit took over (a province merged into yours); default: your own unit."),
        **kwargs,
    )


class TakenOverUnitSerializer(serializers.Serializer):
    unit = taken_over_unit_field()


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "key", "code", "name"]

    def to_representation(self, unit) -> dict:
        return unit_ref(unit)


def unit_ref(unit: Unit) -> dict:
    """UnitRefSerializer's fields, written out (config/api_rows.py)."""
    return {"id": unit.pk, "key": str(unit.key), "code": str(unit.code), "name": str(unit.name)}


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


class SignInSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username"), max_length=150)
    password = serializers.CharField(
        label=_("Password"), max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )
    otp = serializers.CharField(
        label=_("Two-step sign-in code"),
        max_length=32,
        required=False,
        allow_blank=True,
        help_text=_(
            "For accounts with two-step sign-in: the six digits the authenticator app shows, or a recovery code."
        ),
    )


class SignedInSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as “Authorization: Token <token>”; it is shown only once."))
    expires_at = serializers.DateTimeField()


class ApiTokenSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField(help_text=_("The token this request was made with."))

    class Meta:
        model = ApiToken
        fields = ["id", "prefix", "user_agent", "created_at", "last_used_at", "expires_at", "current"]
        read_only_fields = fields

    def get_current(self, token) -> bool:
        used = getattr(self.context.get("request"), "auth", None)
        return isinstance(used, ApiToken) and used.pk == token.pk
