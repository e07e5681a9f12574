"""Activity tallies: the counts and sums of the activities of each (unit, task) that start in
each month of the plan's reporting window, by form and by target group. The ministry roll-up reads
these rows instead of every activity; ``tasks.tallies`` keeps them in step with the activities, in
the same transaction (see there for how)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from plans.models import Task

from .progress import DisseminationForm, TargetGroup

__all__ = ["ActivityTally", "TargetGroupTally"]


class Tally(models.Model):
    """What is summed: the same figures as the roll-up's (``reports.selectors.FIGURES``)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+")
    # The first day of the month the activities start in (within the plan's reporting window).
    month = models.DateField(_("month"))
    activities = models.PositiveBigIntegerField(_("activities"), default=0)
    sessions = models.PositiveBigIntegerField(_("sessions"), default=0)
    participants = models.PositiveBigIntegerField(_("participants"), default=0)
    copies = models.PositiveBigIntegerField(_("copies of materials"), default=0)
    online_reach = models.PositiveBigIntegerField(_("online reach"), default=0)
    budget_vnd = models.PositiveBigIntegerField(_("budget spent (VND)"), default=0)

    class Meta:
        abstract = True


class ActivityTally(Tally):
    """The activities of a unit for a task started in one month, in one form of dissemination."""

    form = models.CharField(_("form of dissemination"), max_length=20, choices=DisseminationForm.choices)

    class Meta:
        verbose_name = _("activity tally")
        verbose_name_plural = _("activity tallies")
        constraints = [models.UniqueConstraint(fields=["unit", "task", "month", "form"], name="activity_tally_unique")]

    def __str__(self):
        return f"{self.unit_id}/{self.task_id}/{self.month:%m/%Y}/{self.form}: {self.activities}"


class TargetGroupTally(Tally):
    """The activities of a unit for a task started in one month that reached one target group (an
    activity counts once under each of its groups)."""

    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("target-group tally")
        verbose_name_plural = _("target-group tallies")
        constraints = [
            models.UniqueConstraint(fields=["unit", "task", "month", "target_group"], name="target_group_tally_unique")
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.task_id}/{self.month:%m/%Y}/{self.target_group}: {self.activities}"
