"""Pilot models (mô hình điểm) of tasks 4.1-4.3."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from plans.models import Plan
from tasks.activities.models import TargetGroup


class PilotModel(models.Model):
    """A pilot model (mô hình điểm) of tasks 4.1-4.3; counts toward the "at least one" target."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        RUNNING = "running", _("Running")
        EVALUATED = "evaluated", _("Evaluated")
        REPLICATED = "replicated", _("Replicated")
        STOPPED = "stopped", _("Stopped")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pilot_models")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="pilot_models")
    name = models.CharField(_("name"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    start_date = models.DateField(_("start date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    evaluation = models.TextField(_("evaluation"), blank=True)
    replicated_to = models.TextField(_("replicated to"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pilot model")
        verbose_name_plural = _("pilot models")
        ordering = ["plan", "unit", "start_date", "id"]

    def __str__(self):
        return self.name

    # A model counts toward the task's "at least N models" target once it runs: not while only
    # proposed, nor once stopped. The one definition, used by the API, pages and reports.
    NOT_COUNTING = ("proposed", "stopped")

    @property
    def counts_toward_target(self) -> bool:
        return self.status not in self.NOT_COUNTING
