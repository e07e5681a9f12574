"""Who may see and change what. A unit's users see only their unit; reviewers see every unit."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.models import Unit, User


def visible_to(qs: QuerySet, user: User, unit_field: str = "unit") -> QuerySet:
    """Narrow ``qs`` to what ``user`` may see: everything for reviewers, else their unit's rows."""
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units():
        return qs
    if user.unit_id is None:
        return qs.none()
    return qs.filter(**{f"{unit_field}_id" if "__" not in unit_field else unit_field: user.unit_id})


class IsUnitMember(BasePermission):
    """Writes need a user who belongs to a unit (reporter or leader); reads need only a login."""

    def has_permission(self, request, view):
        user = request.user
        if not user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return True
        return user.is_unit_member


class IsReviewer(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user.is_authenticated and request.user.is_reviewer)


def unit_member_required(by: User) -> Unit:
    """The unit ``by`` records work for; PermissionDenied unless a reporter or leader of a unit."""
    if not by.is_unit_member:
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    return by.unit
