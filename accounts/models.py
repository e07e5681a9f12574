from datetime import date

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.text import nfc


class Area(models.TextChoices):
    NORTH = "bac", _("North")
    CENTRAL = "trung", _("Central")
    SOUTH = "nam", _("South")


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        """Units whose validity period contains ``day`` (open ends count as unbounded)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def valid_between(self, start: date, end: date):
        """Units valid at some point of [start, end]."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )

    def implementing(self):
        """ "Công an các đơn vị, địa phương": ministry departments and provincial police units."""
        return self.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.PROVINCE])


def predecessor_links() -> dict[int, set[int]]:
    """Each successor's direct predecessors' ids, by the successor's id (the merger links). One query."""
    links: dict[int, set[int]] = {}
    rows = Unit.predecessors.through.objects.values_list("from_unit_id", "to_unit_id")
    for successor_id, predecessor_id in rows:
        links.setdefault(successor_id, set()).add(predecessor_id)
    return links


def units_acted_for(unit_ids, *, links: dict[int, set[int]] | None = None) -> dict[int, frozenset[int]]:
    """For each unit id, the units its people act for: the unit itself and its predecessors,
    transitively (a province of 2025 acts for the provinces of 2024 it was formed from, as the
    receiving unit does in administrative succession). One query, or none with ``links``."""
    links = predecessor_links() if links is None else links
    out = {}
    for unit_id in unit_ids:
        seen, todo = {unit_id}, [unit_id]
        while todo:
            for predecessor_id in links.get(todo.pop(), ()):
                if predecessor_id not in seen:
                    seen.add(predecessor_id)
                    todo.append(predecessor_id)
        out[unit_id] = frozenset(seen)
    return out


class Unit(models.Model):
    """A unit of the Ministry: the Ministry itself, a department, or a provincial police unit.

    A unit is identified by its ``key``, never by its code alone: province codes were reused with
    new meanings after the 2025 merger, so every unit carries a validity period.
    """

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Ministry department")
        PROVINCE = "province", _("Provincial police")

    key = models.SlugField(_("key"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    code = models.CharField(_("code"), max_length=10, blank=True, help_text=_("Blank until confirmed."))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province_code = models.CharField(_("province code"), max_length=2, blank=True)
    province_name = models.CharField(_("province"), max_length=100, blank=True)
    area = models.CharField(_("area"), max_length=10, choices=Area.choices, blank=True, db_index=True)
    region = models.CharField(_("socio-economic region"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("predecessors"), symmetrical=False, blank=True, related_name="successors"
    )
    email = models.EmailField(_("email"), blank=True)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=100,
        blank=True,
        help_text=_(
            "The title of whoever signs the unit's reports (Director, Director General…); when blank, the "
            "reports say “Head of unit”."
        ),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "province_code", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="unit_validity_ordered",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.province_name = nfc(self.province_name)
        self.signer_title = nfc(self.signer_title)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def successors_on(self, day: date) -> "list[Unit]":
        """The units that stand for this one on ``day``: itself while it is valid, else its
        successors valid then, followed through later mergers (Hà Giang of 2024 → Tuyên Quang from
        01/07/2025). Empty when it ended without a successor valid on ``day``."""
        found: dict[int, Unit] = {}
        seen, todo = {self.pk}, [self]
        while todo:
            unit = todo.pop(0)
            if unit.is_valid_on(day):
                found.setdefault(unit.pk, unit)
                continue
            for successor in unit.successors.all():
                if successor.pk not in seen:
                    seen.add(successor.pk)
                    todo.append(successor)
        return sorted(found.values(), key=lambda u: (u.kind, u.province_code, u.name, u.pk))


class Partner(models.Model):
    """An organisation outside the Ministry that coordinates (phối hợp) and never logs in."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class User(AbstractUser):
    class Role(models.TextChoices):
        REPORTER = "reporter", _("Unit reporter")
        LEADER = "leader", _("Unit leader")
        REVIEWER = "reviewer", _("Ministry reviewer (V03)")
        ADMIN = "admin", _("Administrator")

    class ReminderMode(models.TextChoices):
        DIGEST = "digest", _("Daily digest")
        NONE = "none", _("No reminders")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    reminder_mode = models.CharField(
        _("reminders"), max_length=10, choices=ReminderMode.choices, default=ReminderMode.DIGEST
    )
    overdue_summary = models.BooleanField(
        _("daily overdue summary"), default=True, help_text=_("For reviewers: one email a day listing overdue items.")
    )
    chosen_plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan shown"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The plan the pages follow for this user (the plan picker); blank: the plan in force today."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_reviewer(self) -> bool:
        return self.role in (self.Role.REVIEWER, self.Role.ADMIN) or self.is_superuser

    @property
    def is_leader(self) -> bool:
        return self.role == self.Role.LEADER

    @property
    def is_unit_member(self) -> bool:
        """A reporter or leader of a unit: the people who record a unit's work (the one rule)."""
        return bool(self.unit_id) and self.role in (self.Role.REPORTER, self.Role.LEADER)

    def acting_unit_ids(self) -> frozenset[int]:
        """The units this user acts for: their unit and its predecessors, transitively (a user of
        Công an tỉnh Tuyên Quang from 2025 acts for the 2024 units of Hà Giang and Tuyên Quang).
        The one rule of "whose records are mine"; read once per user object."""
        if self.unit_id is None:
            return frozenset()
        cached = self.__dict__.get("_acting_unit_ids")
        if cached is None or cached[0] != self.unit_id:
            cached = (self.unit_id, units_acted_for([self.unit_id])[self.unit_id])
            self.__dict__["_acting_unit_ids"] = cached
        return cached[1]

    def is_member_of(self, unit_id: int | None) -> bool:
        """May this user record work for the unit ``unit_id``: one of the reporters or leaders of
        that unit or of its successor (``acting_unit_ids``)."""
        if not self.is_unit_member or unit_id is None:
            return False
        return unit_id == self.unit_id or unit_id in self.acting_unit_ids()

    def is_leader_of(self, unit_id: int | None) -> bool:
        """Is this user the leader of the unit ``unit_id`` (hands in its plan, submits its report)."""
        return self.is_member_of(unit_id) and self.is_leader

    def sees_all_units(self) -> bool:
        return self.is_reviewer


class ApiToken(models.Model):
    """A token for the API, made at one sign-in (accounts/tokens.py). Only a hash of the key is
    stored: the key itself is shown once, in the sign-in's answer. A token stops working when it
    expires or is revoked (sign-out, the user's own revocation, a password change, a deactivation)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("first characters"), max_length=8, editable=False, help_text=_("To tell a user's tokens apart.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    user_agent = models.CharField(_("client"), max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self):
        return f"{self.prefix}…"

    def is_active(self, at=None) -> bool:
        """Neither revoked nor expired at ``at`` (now by default)."""
        return self.revoked_at is None and (at or timezone.now()) < self.expires_at


class UserSession(AbstractBaseSession):
    """A web session, stored with its user so that all of a user's sessions can be ended at once
    (accounts/sessions.py is the session engine)."""

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions")

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("web session")
        verbose_name_plural = _("web sessions")

    @classmethod
    def get_session_store_class(cls):
        from importlib import import_module

        from django.conf import settings

        return import_module(settings.SESSION_ENGINE).SessionStore  # accounts/sessions.py
