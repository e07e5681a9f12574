"""The reminder log in the admin. Failed emails (a 5xx answer, a bad address, or too many
temporary failures) are listed under the status filter "Failed", with the server's answer."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reminders.delivery import reminder_emails_retry_now
from reminders.models import Reminder, ReminderEmail


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    fields = ["obligation", "unit", "kind", "due_date", "stage"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReminderEmail)
class ReminderEmailAdmin(admin.ModelAdmin):
    list_display = ["day", "recipient", "status", "attempts", "sent_at", "next_attempt_at", "short_error"]
    list_filter = ["status", "day"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "to_address", "last_error"]
    date_hierarchy = "day"
    readonly_fields = [
        "recipient",
        "day",
        "status",
        "to_address",
        "subject",
        "message_id",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "last_error",
        "created_at",
    ]
    fields = readonly_fields
    inlines = [ReminderInline]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:120]

    @admin.action(description=_("Send again (failed or waiting to retry)"))
    def retry_now(self, request, queryset):
        count = reminder_emails_retry_now(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again at the next retry scan.",
                "%(count)d emails will be sent again at the next retry scan.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "unit", "recipient", "obligation", "due_date", "stage", "email_status"]
    list_filter = ["kind", "email__status", "day", "unit__kind"]
    list_select_related = ["unit", "recipient", "email", "obligation__deliverable__task", "obligation__unit"]
    search_fields = ["unit__name", "recipient__username"]
    date_hierarchy = "day"
    raw_id_fields = ["obligation", "unit", "recipient", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("email status"), ordering="email__status")
    def email_status(self, obj):
        return obj.email.get_status_display()
