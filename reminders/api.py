"""The reminder log in the API: /api/v1/reminders/ (read only).

A unit's leader sees the reminders about their unit sent to its people; a reporter only their own;
reviewers and administrators every one, with the state of the email that carried it (sent,
waiting to retry, failed).
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from accounts.models import User
from accounts.serializers import UnitRefSerializer
from config.filters import DayFilter, IdFilter, TaskCodeFilter, UnitCodeFilter
from reminders.models import Reminder, ReminderEmail, ReminderKind


def reminders_visible(*, user: User):
    qs = Reminder.objects.select_related("email", "unit", "recipient", "obligation__deliverable__task").order_by(
        "-day", "unit_id", "due_date", "obligation_id", "recipient_id"
    )
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units():
        return qs
    if user.is_leader_of(user.unit_id):
        return qs.filter(
            Q(recipient=user)
            | Q(
                unit_id__in=sorted(user.acting_unit_ids()),
                kind__in=[ReminderKind.UPCOMING, ReminderKind.OVERDUE],
                recipient__unit_id=user.unit_id,
            )
        )
    return qs.filter(recipient=user)


class ReminderFilter(django_filters.FilterSet):
    unit = UnitCodeFilter()
    task = TaskCodeFilter(field_name="obligation__deliverable__task")
    recipient = IdFilter(field_name="recipient")
    obligation = IdFilter(field_name="obligation")
    plan = IdFilter(field_name="obligation__deliverable__plan")
    kind = django_filters.ChoiceFilter(choices=ReminderKind.choices)
    status = django_filters.ChoiceFilter(field_name="email__status", choices=ReminderEmail.Status.choices)
    day = DayFilter(field_name="day")
    day_after = DayFilter(field_name="day", lookup_expr="gte", label=_("on or after (YYYY-MM-DD)"))
    day_before = DayFilter(field_name="day", lookup_expr="lte", label=_("on or before (YYYY-MM-DD)"))

    class Meta:
        model = Reminder
        fields = ["plan", "unit", "task", "recipient", "obligation", "kind", "status", "day", "day_after", "day_before"]


class ReminderRecipientSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class ReminderSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    recipient = ReminderRecipientSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    task_code = serializers.CharField(source="obligation.deliverable.code", read_only=True)
    deliverable = serializers.CharField(source="obligation.deliverable.title", read_only=True)
    deadline = serializers.CharField(source="obligation.deliverable.deadline_label", read_only=True)
    email = serializers.IntegerField(source="email_id", read_only=True)
    status = serializers.ChoiceField(source="email.status", choices=ReminderEmail.Status.choices, read_only=True)
    status_display = serializers.CharField(source="email.get_status_display", read_only=True)
    attempts = serializers.IntegerField(source="email.attempts", read_only=True)
    sent_at = serializers.DateTimeField(source="email.sent_at", read_only=True)
    next_attempt_at = serializers.DateTimeField(source="email.next_attempt_at", read_only=True)
    last_error = serializers.CharField(source="email.last_error", read_only=True)

    class Meta:
        model = Reminder
        fields = [
            "id",
            "day",
            "kind",
            "kind_display",
            "stage",
            "due_date",
            "deadline",
            "obligation",
            "task_code",
            "deliverable",
            "unit",
            "recipient",
            "email",
            "status",
            "status_display",
            "attempts",
            "sent_at",
            "next_attempt_at",
            "last_error",
        ]


class ReminderViewSet(viewsets.ReadOnlyModelViewSet):
    """The reminder log: what was sent to whom, and whether it went out."""

    serializer_class = ReminderSerializer
    filterset_class = ReminderFilter

    def get_queryset(self):
        return reminders_visible(user=self.request.user)
