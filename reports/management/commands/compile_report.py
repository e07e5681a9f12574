"""manage.py compile_report PLAN_NUMBER --out FILE.pdf (.docx, .xlsx): the Ministry's report from the command line.

It records a report job and runs it here (no worker needed), then copies the file to --out.
"""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.models import Plan
from reports.models import ReportJob
from reports.services import report_job_run

# By the output file's extension; any other is a PDF.
FORMATS = {".docx": ReportJob.Format.DOCX, ".xlsx": ReportJob.Format.XLSX}


class Command(BaseCommand):
    help = "Compile the Ministry's results report of a plan into a PDF, DOCX (Word) or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("plan_number", help="e.g. 762/QĐ-BCA-V03")
        parser.add_argument("--out", required=True, help="output file (.pdf, .docx or .xlsx)")
        parser.add_argument("--include-submitted", action="store_true", help="also count submitted reports")
        parser.add_argument("--area", choices=["bac", "trung", "nam"])
        parser.add_argument("--kind", choices=["department", "province"])
        parser.add_argument("--date-from", help="YYYY-MM-DD")
        parser.add_argument("--date-to", help="YYYY-MM-DD")

    def handle(self, *args, plan_number, out, **options):
        plan = Plan.objects.filter(number=plan_number).first()
        if plan is None:
            raise CommandError(_("No plan numbered %(number)s.") % {"number": plan_number})
        out_path = Path(out)
        fmt = FORMATS.get(out_path.suffix.lower(), ReportJob.Format.PDF)
        job_options = {
            "area": options.get("area"),
            "kind": options.get("kind"),
            "date_from": options.get("date_from"),
            "date_to": options.get("date_to"),
            "include_submitted": options.get("include_submitted"),
        }
        job_options = {k: v for k, v in job_options.items() if v}
        job = ReportJob.objects.create(plan=plan, format=fmt, options=job_options)
        job = report_job_run(job_id=job.pk)
        if job is None or job.status != ReportJob.Status.DONE:
            raise CommandError(_("The report could not be made: %(error)s") % {"error": job.error if job else "?"})
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with job.file.open("rb") as src, out_path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        self.stdout.write(_("Written %(path)s (%(size)s bytes).") % {"path": out_path, "size": job.size})
