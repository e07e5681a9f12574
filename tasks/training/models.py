"""Training courses of task 8.2."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Area, Unit
from config.bounds import MAX_PARTICIPANTS, AtMost
from plans.models import Task


class TrainingCourse(models.Model):
    """A training course of task 8.2 (8.2a by region Bắc / Trung / Nam, 8.2b at the grassroots)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="training_courses")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="training_courses")
    title = models.CharField(_("title"), max_length=300)
    region = models.CharField(_("region"), max_length=10, choices=Area.choices, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0, validators=[AtMost(MAX_PARTICIPANTS)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-start_date", "id"]

    def __str__(self):
        return self.title
