"""manage.py send_reminders [--as-of YYYY-MM-DD] [--dry-run]: the daily reminder scan by hand."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats
from django.utils.translation import gettext as _

from reminders.delivery import reminder_email_deliver
from reminders.digest import digest_row
from reminders.models import ReminderEmail, ReminderKind
from reminders.scan import ScanResult, local_today, reminders_scan


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property, not gettext_lazy: argparse needs a str, translated when the parser is built.
        return _(
            "Run the deadline reminder scan now and send the emails from this process "
            "(the same scan Celery beat runs at 07:30). Running it again sends nothing twice."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", dest="as_of", metavar="YYYY-MM-DD", help=_("the day to scan for (default: today)")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("print who would get what, record and send nothing")
        )

    def handle(self, *args, as_of=None, dry_run=False, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else local_today()
        except ValueError:
            raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": as_of}) from None
        result = reminders_scan(day=day, dry_run=dry_run)
        if dry_run:
            self.print_plan(result)
            return
        counts = dict.fromkeys(ReminderEmail.Status.values, 0)
        for email_id in result.email_ids:
            delivery = reminder_email_deliver(email_id=email_id)
            counts[delivery.status] = counts.get(delivery.status, 0) + 1
        self.stdout.write(
            _(
                "Reminders for %(date)s: %(items)d new reminders; %(sent)d emails sent, %(retry)d waiting to "
                "retry, %(failed)d failed."
            )
            % {
                "date": formats.date_format(day, "d/m/Y"),
                "items": result.item_count,
                "sent": counts[ReminderEmail.Status.SENT],
                "retry": counts[ReminderEmail.Status.RETRY],
                "failed": counts[ReminderEmail.Status.FAILED],
            }
        )

    def print_plan(self, result: ScanResult) -> None:
        """Who would get what: each reminder with its kind and the day count its email would show."""
        for recipient_id, items in result.planned.items():
            user = result.recipients[recipient_id]
            self.stdout.write(f"{user.username} <{user.email}>: {len(items)}")
            for item in items:
                row = digest_row(item.obligation, day=result.day)
                kind = ReminderKind(item.kind).label
                self.stdout.write(f"  - {row.unit} · {row.code} · {row.deadline} · {kind} · {row.days_text}")
        self.stdout.write(
            _("Dry run for %(date)s: %(emails)d emails with %(items)d reminders would be sent.")
            % {
                "date": formats.date_format(result.day, "d/m/Y"),
                "emails": len(result.planned),
                "items": result.item_count,
            }
        )
