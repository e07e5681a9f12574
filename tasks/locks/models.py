"""Accepted figures stay accepted: once V03 accepts a unit's annual report for a plan, the unit's
records that the Ministry's roll-up counts for that plan (activities started in the plan's reporting
window, its pilot models and training courses) are locked. Reopening is a recorded act by V03 (who,
when, why), as DHIS2's lock exceptions are; every lock and reopening is kept."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from plans.models import Plan


class FiguresLock(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="figures_locks")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="figures_locks")
    locked_at = models.DateTimeField(_("locked at"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("locked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("figures lock")
        verbose_name_plural = _("figures locks")
        ordering = ["-locked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "plan"], condition=Q(reopened_at__isnull=True), name="figureslock_one_open"
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""), name="figureslock_reopen_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.unit} · {self.plan}"
