from django.contrib import admin, messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, Partner, Unit, User
from accounts.tokens import sign_ins_end
from accounts.two_factor import second_step_remove

# Users' authenticators are reset from the user list (below), not edited: django-otp's own admin pages
# show secrets and speak only English.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "area", "valid_from", "valid_to"]
    list_filter = ["kind", "area"]
    search_fields = ["name", "code", "key", "province_name"]
    filter_horizontal = ["predecessors"]
    readonly_fields = ["key"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name"]


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    """Django's form, its "password-based authentication" help text translated: Django joins it to an
    English warning when the module is imported, so it was always shown in English."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        auth_forms.SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = AdminPasswordChangeForm
    list_display = ["username", "email", "unit", "role", "is_active"]
    list_filter = ["role", "is_active", "unit__kind"]
    list_select_related = ["unit"]
    search_fields = ["username", "email", "first_name", "last_name", "unit__name"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Unit and role"), {"fields": ("unit", "role", "reminder_mode", "overdue_summary")}),
    )
    actions = ["reset_second_step", "end_sign_ins"]

    @admin.action(description=_("Reset two-step sign-in (lost phone): the user sets it up again"))
    def reset_second_step(self, request, queryset):
        for user in queryset:
            second_step_remove(user=user)
            sign_ins_end(user=user)
        self.message_user(request, _("Two-step sign-in reset for %(count)s users.") % {"count": len(queryset)})

    @admin.action(description=_("Sign out everywhere (revoke tokens, end sessions)"))
    def end_sign_ins(self, request, queryset):
        for user in queryset:
            sign_ins_end(user=user)
        self.message_user(request, _("Signed out everywhere: %(count)s users.") % {"count": len(queryset)})


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: who signed in with one, when, until when; an administrator can revoke them."""

    list_display = ["prefix", "user", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "prefix"]
    readonly_fields = ["user", "prefix", "user_agent", "created_at", "last_used_at", "expires_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        self.message_user(request, _("Tokens revoked: %(count)s.") % {"count": count}, messages.SUCCESS)
