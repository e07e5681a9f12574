"""What a unit owes: one obligation per (deliverable, unit), and the one deadline rule."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from plans.models import Deliverable


class DeadlineState(models.TextChoices):
    NOT_YET_DUE = "not_yet_due", _("Not yet due")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


def compute_deadline_state(
    *, due_at: datetime, completed_at: datetime | None, at: datetime, due_soon_days: int | None = None
) -> str:
    """The one deadline rule, shared by the API, pages, reminders and reports.

    - completed before ``due_at`` → done on time; completed at or after it → done late (frozen:
      the state of a completed item never changes with ``at``);
    - not completed: at or after ``due_at`` → overdue; within ``due_soon_days`` before it → due
      soon; otherwise not yet due.
    """
    if completed_at is not None:
        return DeadlineState.DONE_ON_TIME if completed_at < due_at else DeadlineState.DONE_LATE
    if at >= due_at:
        return DeadlineState.OVERDUE
    days = settings.DUE_SOON_DAYS if due_soon_days is None else due_soon_days
    if at >= due_at - timedelta(days=days):
        return DeadlineState.DUE_SOON
    return DeadlineState.NOT_YET_DUE


class Obligation(models.Model):
    """One deliverable owed by one unit (created by ``load_plan``)."""

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.PROTECT, related_name="obligations"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="obligations")
    status = models.CharField(
        _("status"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["deliverable__due_date", "deliverable_id", "unit__kind", "unit__province_code", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "unit"], name="obligation_unique_unit"),
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False)
                | (~Q(status="completed") & Q(completed_at__isnull=True)),
                name="obligation_completed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.deliverable} — {self.unit}"

    @property
    def due_at(self) -> datetime:
        return self.deliverable.due_at(self.deliverable.plan.tzinfo())

    def deadline_state(self, at: datetime) -> str:
        """The deadline state at instant ``at`` (see ``compute_deadline_state``); frozen once done."""
        return compute_deadline_state(due_at=self.due_at, completed_at=self.completed_at, at=at)
