"""Who may see and change what. A unit's users see their unit's records and those of the units it
succeeded (``User.acting_unit_ids``); reviewers see every unit."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.models import Unit, User


def visible_to(qs: QuerySet, user: User, unit_field: str = "unit") -> QuerySet:
    """Narrow ``qs`` to what ``user`` may see: everything for reviewers, else the rows of the units
    they act for (their unit and its predecessors: a 2024 record of Hà Giang for a user of Tuyên
    Quang from 2025)."""
    if not user.is_authenticated:
        return qs.none()
    if user.sees_all_units():
        return qs
    if user.unit_id is None:
        return qs.none()
    field = f"{unit_field}_id" if "__" not in unit_field else unit_field
    units = user.acting_unit_ids()
    if len(units) == 1:
        return qs.filter(**{field: user.unit_id})
    return qs.filter(**{f"{field}__in": sorted(units)})


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


def unit_member_required(by: User, unit: Unit | None = None) -> Unit:
    """The unit ``by`` records work for: ``unit`` when given and ``by`` acts for it (their own unit
    or one it succeeded, ``User.is_member_of``), else their own unit. PermissionDenied unless a
    reporter or leader of a unit, or for a unit they do not act for."""
    if not by.is_unit_member:
        raise PermissionDenied(_("Only a unit's reporters and leaders can record its work."))
    if unit is None or unit.pk == by.unit_id:
        return by.unit
    if not by.is_member_of(unit.pk):
        raise PermissionDenied(_("You do not record the work of %(unit)s.") % {"unit": unit.name})
    return unit
