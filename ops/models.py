"""What operations need to keep: when each periodic job last ran (read by /healthz)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Heartbeat"]


class Heartbeat(models.Model):
    """The first and the last time a periodic job ran: ``beat`` (beat's tick, run by a worker every
    few minutes) and ``reminder_scan`` (the daily reminder scan). One row per job, updated in place."""

    BEAT = "beat"
    REMINDER_SCAN = "reminder_scan"

    name = models.CharField(_("job"), max_length=50, unique=True)
    first_at = models.DateTimeField(_("first run"))
    last_at = models.DateTimeField(_("last run"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        ordering = ["name"]

    def __str__(self):
        return self.name
