"""A unit's annual results report (báo cáo kết quả): its text, per-task entries and the frozen
versions it was submitted as."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from plans.models import Plan, Task
from tasks.obligations.models import ProgressStatus


class AnnualReport(models.Model):
    """A unit's annual results report (báo cáo kết quả) for a plan: one per unit and plan.

    draft → submitted → returned → submitted → … → accepted. Each submission freezes a
    ReportVersion with the figures of that moment; whether the report was on time is judged by
    the first submission.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="annual_reports")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="annual_reports")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["plan", "unit__kind", "unit__province_code", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "plan"], name="annualreport_one_per_plan")]

    def __str__(self):
        return f"{self.plan} — {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReportTaskEntry(models.Model):
    """Per task of the plan: status and narrative results, difficulties and proposals."""

    report = models.ForeignKey(AnnualReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="entries")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="report_entries")
    status = models.CharField(
        _("status"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report entry")
        verbose_name_plural = _("report entries")
        ordering = ["report", "task__group__order", "task__order"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="reportentry_unique_task")]

    def __str__(self):
        return f"{self.report} · {self.task.code}"


class ReportVersion(models.Model):
    """A submitted version of an annual report, frozen: its text and figures never change."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    window_start = models.DateField(_("reporting window start"))
    window_end = models.DateField(_("reporting window end"))
    content = models.JSONField(_("content"))
    figures = models.JSONField(_("figures"))

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique_number")]

    def __str__(self):
        return f"{self.report} v{self.number}"
