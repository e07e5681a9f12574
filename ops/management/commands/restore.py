from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.backup import restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive (manage.py backup) into an empty database and an empty media folder; "
        "every checksum is checked before anything is written."
    )
    requires_system_checks = []  # the database is empty until the restore is done

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(_("No such file: %(path)s.") % {"path": archive})
        try:
            manifest = restore(archive=archive)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            _("Restored the backup of %(at)s: the database and %(count)s files.")
            % {"at": manifest["created_at"], "count": len(manifest["files"]) - 1}
        )
