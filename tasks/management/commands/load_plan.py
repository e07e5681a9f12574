from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.loader import PlanFileError
from tasks.obligations.services import plan_file_load


class Command(BaseCommand):
    help = "Load a plan file (YAML or JSON) and create its obligations. All or nothing; safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            loaded, obligations = plan_file_load(path=file)
        except PlanFileError as exc:
            raise CommandError(
                _("%(file)s: error at %(place)s: %(message)s")
                % {"file": file, "place": exc.place, "message": exc.message}
            ) from exc
        plan = loaded.plan
        self.stdout.write(
            _("Plan %(number)s: %(changes)d changes; obligations: %(created)d created, %(removed)d removed.")
            % {
                "number": plan.number,
                "changes": len(loaded.changed),
                "created": obligations.created,
                "removed": obligations.removed,
            }
        )
