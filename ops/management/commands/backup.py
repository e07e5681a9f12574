from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ops.backup import backup


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump, or SQLite's backup API) and the uploaded files into one dated "
        "archive with a manifest of SHA-256 checksums (default folder: BACKUP_DIR)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=None, help="The folder to write the archive into.")

    def handle(self, *args, out=None, **options):
        try:
            archive = backup(out_dir=Path(out or settings.BACKUP_DIR))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(str(archive))
