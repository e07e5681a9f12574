from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Partner, Unit, User


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


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "unit", "role", "is_active"]
    list_filter = ["role", "is_active", "unit__kind"]
    list_select_related = ["unit"]
    search_fields = ["username", "email", "first_name", "last_name", "unit__name"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Unit and role"), {"fields": ("unit", "role", "reminder_mode", "overdue_summary")}),
    )
