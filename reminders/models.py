"""The reminder log: what each person was reminded of, and the one email a day that carried it.

Exactly once is kept by the database, not by luck (healthchecks' ``sendalerts``):

- ``Reminder`` is unique on (obligation, recipient, kind, due date, stage), so the same reminder
  can't be recorded, and so sent, twice, however many scans run at the same time;
- ``ReminderEmail`` is unique on (recipient, day): one digest per person per day;
- a worker sends an email only after claiming it with a conditional UPDATE that changes one row
  (see ``reminders.delivery.reminder_email_deliver``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from tasks.obligations.models import Obligation

__all__ = ["Reminder", "ReminderEmail", "ReminderKind"]


class ReminderKind(models.TextChoices):
    UPCOMING = "upcoming", _("Deadline approaching")
    OVERDUE = "overdue", _("Overdue")
    OVERDUE_SUMMARY = "overdue_summary", _("Overdue summary for reviewers")


class ReminderEmail(models.Model):
    """One email to one person for one day, listing all of that person's reminders of the day.

    pending → sending → sent; a temporary SMTP error sends it to "waiting to retry" with
    ``next_attempt_at`` (the periodic retry scan picks it up), a permanent one to "failed".
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Waiting to retry")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Not needed any more")

    recipient = models.ForeignKey(  # indexed by reminderemail_one_per_day (recipient first)
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminder_emails",
        db_index=False,
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    to_address = models.CharField(_("sent to address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt at"),
        null=True,
        blank=True,
        help_text=_("When the retry scan sends it (again) if it has not been sent by then."),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        ordering = ["-day", "recipient_id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="reminderemail_one_per_day")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="reminderemail_due")]

    def __str__(self):
        return f"{self.recipient} · {self.day:%d/%m/%Y}"


class Reminder(models.Model):
    """One reminder about one obligation for one person, sent at most once.

    ``stage`` says which reminder it is: for "deadline approaching", the offset in days before the
    due date (14, 7, 3, 1); for the overdue kinds, the number of days after the due date at which
    the repeat falls (0, 7, 14…).
    """

    obligation = models.ForeignKey(  # indexed by reminder_sent_once (obligation first)
        Obligation, verbose_name=_("obligation"), on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    email = models.ForeignKey(ReminderEmail, verbose_name=_("email"), on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField(_("due date"))
    stage = models.SmallIntegerField(_("stage (days)"))
    day = models.DateField(_("day"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-day", "unit_id", "due_date", "obligation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "recipient", "kind", "due_date", "stage"], name="reminder_sent_once"
            )
        ]
        indexes = [models.Index(fields=["due_date", "stage"], name="reminder_due_stage")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.obligation_id} → {self.recipient_id}"
