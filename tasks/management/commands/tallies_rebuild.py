from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from tasks.activities import tallies


class Command(BaseCommand):
    help = (
        "Recount the activity tallies that the ministry roll-up reads, from the activities (needed only "
        "after writing activities around the application, with SQL for example). --check only compares."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only report the units and tasks that differ.")

    def handle(self, *args, check=False, **options):
        with transaction.atomic():
            cells = tallies.drift()
            if check:
                if cells:
                    raise CommandError(
                        _("The tallies differ from the activities in %(cells)d (unit, task) pairs.")
                        % {"cells": len(cells)}
                    )
                self.stdout.write(_("The tallies match the activities."))
                return
            tallies.tallies_refresh()
        self.stdout.write(_("Tallies recounted; %(cells)d (unit, task) pairs had differed.") % {"cells": len(cells)})
