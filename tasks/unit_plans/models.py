"""A unit's own implementation plan (task 1.1)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from plans.models import Plan


def unit_plan_path(instance, filename):
    return f"unit-plans/{instance.unit_id}/{uuid.uuid4().hex}"


class UnitPlan(models.Model):
    """A unit's own implementation plan (task 1.1), sent to the Ministry through V03."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="unit_plans")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="unit_plans")
    number = models.CharField(_("number"), max_length=60)
    signed_on = models.DateField(_("signed on"))
    signer = models.CharField(_("signer"), max_length=200)
    file = models.FileField(_("file"), upload_to=unit_plan_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit plan")
        verbose_name_plural = _("unit plans")
        ordering = ["plan", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "plan"], name="unitplan_one_per_plan")]

    def __str__(self):
        return f"{self.number} — {self.unit}"
