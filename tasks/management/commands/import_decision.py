"""manage.py import_decision FILE.txt [--out PLAN.yaml] [--load] [--accept-warnings]: read a plan
decision's plain text into the plan file that load_plan takes; with --load, load it too."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.decision_text import DecisionTextError, decision_import, decode
from plans.decision_text.reading import MAX_BYTES
from plans.loader import PlanFileError, parse_plan
from tasks.obligations.services import plan_spec_load


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CommandError(_("%(file)s: cannot read the file: %(error)s") % {"file": path, "error": exc}) from exc


def _write(path: Path, text: str) -> None:
    """Write the whole file or nothing (a temporary file renamed into place)."""
    directory = path.resolve().parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = (
        "Read the plain text of a plan decision (as ../shared/plan/762-QD-BCA-V03-2024.txt) into a plan file "
        "for load_plan. Warnings name their line; --load loads the plan and makes its obligations, and refuses "
        "a plan with warnings unless --accept-warnings."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the decision's text (.txt, UTF-8)")
        parser.add_argument("--out", type=Path, help="write the plan file here (default: standard output)")
        parser.add_argument("--load", action="store_true", help="load the plan and make its obligations")
        parser.add_argument("--accept-warnings", action="store_true", help="load even with warnings left")

    def handle(self, *args, file: Path, out: Path | None, load: bool, accept_warnings: bool, **options):
        file, out = Path(file), Path(out) if out else None
        try:
            result = decision_import(decode(_read(file)))
        except DecisionTextError as exc:
            raise CommandError(f"{file}: {exc.where()}") from exc
        for warning in result.warnings:
            self.stderr.write(f"{file}: {warning.where()}")
        text = result.yaml(source=file.name)
        if out is not None:
            _write(out, text)
        elif not load:
            self.stdout.write(text, ending="")
        if load:
            self._load(file, result, accept_warnings)

    def _load(self, file: Path, result, accept_warnings: bool) -> None:
        if result.warnings and not accept_warnings:
            raise CommandError(
                _(
                    "%(file)s: %(count)d warning(s) left, nothing was loaded. Correct the text (or the plan file "
                    "and load it with load_plan), or load anyway with --accept-warnings."
                )
                % {"file": file, "count": len(result.warnings)}
            )
        try:
            loaded, obligations = plan_spec_load(spec=parse_plan(result.data), source=file.name)
        except PlanFileError as exc:
            raise CommandError(
                _("%(file)s: error at %(place)s: %(message)s")
                % {"file": file, "place": exc.place, "message": exc.message}
            ) from exc
        self.stdout.write(
            _("Plan %(number)s: %(changes)d changes; obligations: %(created)d created, %(removed)d removed.")
            % {
                "number": loaded.plan.number,
                "changes": len(loaded.changed),
                "created": obligations.created,
                "removed": obligations.removed,
            }
        )
