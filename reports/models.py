import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plans.models import Plan


def report_job_path(instance, filename):
    """Report files are stored under names the server chooses."""
    return f"reports/{instance.plan_id}/{uuid.uuid4().hex}.{instance.format}"


class ReportJob(models.Model):
    """A report of the whole Ministry made in the background: waiting → running → done or failed.

    The finished file is kept and can be downloaded again; ``report_job_remake`` makes it anew from
    the current data. A worker claims a waiting job with a conditional update, so a job runs once.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("report job", "Waiting")
        RUNNING = "running", pgettext_lazy("report job", "Running")
        DONE = "done", pgettext_lazy("report job", "Done")
        FAILED = "failed", pgettext_lazy("report job", "Failed")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="report_jobs")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.PDF)
    options = models.JSONField(_("options"), default=dict, blank=True, help_text=_("Roll-up filters."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=report_job_path, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="reportjob_progress_percent"),
        ]

    def __str__(self):
        return f"{self.plan} · {self.get_format_display()} · {self.get_status_display()}"

    def download_name(self) -> str:
        """An ASCII file name: bao-cao-tong-hop-762-QD-BCA-V03-2024.pdf (.docx, .xlsx)."""
        from django.utils.text import slugify

        from accounts.text import nfc

        number = slugify(nfc(self.plan.number).replace("Đ", "D").replace("đ", "d").replace("/", "-"))
        return f"bao-cao-tong-hop-{number}-{self.plan.year}.{self.format}".replace("--", "-")


from reports.annual.models import AnnualReport, ReportTaskEntry, ReportVersion  # noqa: E402  (registered here)

__all__ = ["AnnualReport", "ReportJob", "ReportTaskEntry", "ReportVersion"]
