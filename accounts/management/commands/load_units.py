from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import DATA_DIR, units_load, users_follow_successors


class Command(BaseCommand):
    help = (
        "Load the unit registry: departments, partners, the 63 and the 34 provincial police units; then move "
        "the users of units that have ended to their successors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=DATA_DIR)

    def handle(self, *args, **options):
        result = units_load(data_dir=options["dir"])
        self.stdout.write(
            _("Unit registry: %(created)d created, %(updated)d updated.")
            % {"created": result.created, "updated": result.updated}
        )
        moved = users_follow_successors(on=timezone.localdate())
        if moved:
            self.stdout.write(_("Users moved to the unit that succeeded theirs: %(count)d.") % {"count": moved})
