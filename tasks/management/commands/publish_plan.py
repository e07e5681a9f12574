"""manage.py publish_plan NUMBER: publish a draft plan, making its obligations."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.models import Plan
from tasks.obligations.services import plan_publish


class Command(BaseCommand):
    help = "Publish a draft plan: it becomes visible to the units and its obligations are made. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("number", metavar="NUMBER")

    def handle(self, *args, number, **options):
        plan = Plan.objects.filter(number=number).first()
        if plan is None:
            raise CommandError(_("No plan numbered %(number)s.") % {"number": number})
        synced = plan_publish(plan=plan)
        self.stdout.write(
            _("Plan %(number)s is published: %(count)d obligations made.")
            % {"number": plan.number, "count": synced.created}
        )
