"""The one email a day per person: a row per reminder, and the message in plain text and HTML.

Written in ``settings.LANGUAGE_CODE`` (Vietnamese) whatever language is active. A row's deadline
state is ``Obligation.deadline_state`` at 00:00 of the email's day, and its day count
(``DigestRow.days_text``: "còn 7 ngày", "quá hạn 284 ngày") is the one the command's dry run prints.
Reviewers' overdue summary lists units in Vietnamese alphabetical order.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import ngettext

from accounts.text import vietnamese_sort_key
from reminders.models import Reminder, ReminderEmail, ReminderKind
from reminders.scan import start_of
from tasks.obligations.models import DeadlineState, Obligation

__all__ = ["DigestRow", "digest_row", "reminder_message"]


@dataclass
class DigestRow:
    obligation_id: int
    unit: str
    code: str
    task_title: str
    deliverable: str
    deadline: str
    state: str
    overdue: bool
    days_left: int
    days_late: int
    url: str

    @property
    def days_text(self) -> str:
        """ "quá hạn 284 ngày" once overdue (the due date itself counts as the first day late),
        "còn 7 ngày" before."""
        if self.overdue:
            return ngettext("%(counter)s day late", "%(counter)s days late", self.days_late) % {
                "counter": self.days_late
            }
        return ngettext("%(counter)s day left", "%(counter)s days left", self.days_left) % {"counter": self.days_left}


def digest_row(obligation: Obligation, *, day: date) -> DigestRow:
    """What the email says about ``obligation`` on ``day`` (its unit, deliverable and deadline
    loaded with it)."""
    deliverable = obligation.deliverable
    state = obligation.deadline_state(start_of(day, deliverable.plan.tzinfo()))
    overdue = state == DeadlineState.OVERDUE
    return DigestRow(
        obligation_id=obligation.pk,
        unit=obligation.unit.name,
        code=deliverable.code,
        task_title=deliverable.task.title if deliverable.task_id else "",
        deliverable=deliverable.title,
        deadline=deliverable.deadline_label(),
        state=str(DeadlineState(state).label),
        overdue=overdue,
        days_left=max((deliverable.due_date - day).days, 0),
        days_late=(day - deliverable.due_date).days + 1 if overdue else 0,
        url=settings.SITE_URL + reverse("pages:unit", args=[obligation.unit_id]) + f"#nghia-vu-{obligation.pk}",
    )


def _subject(*, day: date, own: int, summary: int, units: int) -> str:
    day_text = formats.date_format(day, "d/m/Y")
    if own:
        return ngettext(
            "[PBGDPL] Deadline reminder of %(date)s: %(count)d item to do",
            "[PBGDPL] Deadline reminder of %(date)s: %(count)d items to do",
            own,
        ) % {"date": day_text, "count": own}
    return ngettext(
        "[PBGDPL] Overdue summary of %(date)s: %(count)d item at %(units)d unit(s)",
        "[PBGDPL] Overdue summary of %(date)s: %(count)d items at %(units)d unit(s)",
        summary,
    ) % {"date": day_text, "count": summary, "units": units}


def reminder_message(*, email: ReminderEmail, items: list[Reminder], to: str) -> EmailMultiAlternatives:
    """The digest of ``email.recipient`` for ``email.day``, in Vietnamese, plain text and HTML.

    ``items`` are loaded with their obligation's unit, deliverable, task and plan.
    """
    with translation.override(settings.LANGUAGE_CODE):
        rows = {kind: [] for kind in ReminderKind.values}
        order = sorted(
            items,
            key=lambda r: (
                r.obligation.deliverable.due_date,
                vietnamese_sort_key(r.obligation.unit.name),
                r.obligation_id,
            ),
        )
        for item in order:
            rows[item.kind].append(digest_row(item.obligation, day=email.day))
        summary: dict[str, list[DigestRow]] = {}
        for row in sorted(rows[ReminderKind.OVERDUE_SUMMARY], key=lambda r: vietnamese_sort_key(r.unit)):
            summary.setdefault(row.unit, []).append(row)
        own = rows[ReminderKind.UPCOMING] + rows[ReminderKind.OVERDUE]
        subject = _subject(
            day=email.day, own=len(own), summary=len(rows[ReminderKind.OVERDUE_SUMMARY]), units=len(summary)
        )
        recipient = email.recipient
        context = {
            "recipient_name": recipient.get_full_name() or recipient.username,
            "unit": recipient.unit.name if recipient.unit_id else "",
            "day": email.day,
            "upcoming": rows[ReminderKind.UPCOMING],
            "overdue": rows[ReminderKind.OVERDUE],
            "summary": list(summary.items()),
            "summary_count": len(rows[ReminderKind.OVERDUE_SUMMARY]),
            "site_url": settings.SITE_URL,
            "subject": subject,
        }
        text = (
            re.sub(r"\n{3,}", "\n\n", render_to_string("reminders/email/reminder_digest.txt", context)).strip() + "\n"
        )
        html = render_to_string("reminders/email/reminder_digest.html", context)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            # The same id on every attempt, so that a mail system can recognise a copy.
            "Message-ID": f"<reminder-{email.pk}.{email.day:%Y%m%d}@{domain}>",
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
