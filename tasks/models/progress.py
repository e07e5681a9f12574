import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Area, Unit
from plans.models import Deliverable, Plan, Task


class DeadlineState(models.TextChoices):
    NOT_YET_DUE = "not_yet_due", _("Not yet due")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


def compute_deadline_state(
    *, due_at: datetime, completed_at: datetime | None, at: datetime, due_soon_days: int | None = None
) -> str:
    """The one deadline rule, shared by the API, pages, reminders and reports.

    - completed before ``due_at`` → done on time; completed at or after it → done late (frozen:
      the state of a completed item never changes with ``at``);
    - not completed: at or after ``due_at`` → overdue; within ``due_soon_days`` before it → due
      soon; otherwise not yet due.
    """
    if completed_at is not None:
        return DeadlineState.DONE_ON_TIME if completed_at < due_at else DeadlineState.DONE_LATE
    if at >= due_at:
        return DeadlineState.OVERDUE
    days = settings.DUE_SOON_DAYS if due_soon_days is None else due_soon_days
    if at >= due_at - timedelta(days=days):
        return DeadlineState.DUE_SOON
    return DeadlineState.NOT_YET_DUE


class Obligation(models.Model):
    """One deliverable owed by one unit (created by ``load_plan``)."""

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.PROTECT, related_name="obligations"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="obligations")
    status = models.CharField(
        _("status"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["deliverable__due_date", "deliverable_id", "unit__kind", "unit__province_code", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "unit"], name="obligation_unique_unit"),
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False)
                | (~Q(status="completed") & Q(completed_at__isnull=True)),
                name="obligation_completed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.deliverable} — {self.unit}"

    @property
    def due_at(self) -> datetime:
        return self.deliverable.due_at(self.deliverable.plan.tzinfo())

    def deadline_state(self, at: datetime) -> str:
        """The deadline state at instant ``at`` (see ``compute_deadline_state``); frozen once done."""
        return compute_deadline_state(due_at=self.due_at, completed_at=self.completed_at, at=at)


class DisseminationForm(models.TextChoices):
    """Forms of dissemination named in task 3.1."""

    DIRECT = "direct", _("Direct dissemination session")
    CONSULTATION = "consultation", _("Legal consultation")
    CONTEST = "contest", _("Legal knowledge contest")
    COMMUNITY = "community", _("Integrated in community, cultural or sports activities")
    MASS_MEDIA = "mass_media", _("Mass media")
    ONLINE = "online", _("Websites, social networks, mobile apps (incl. VNeID)")
    LEAFLETS = "leaflets", _("Leaflets and documents")
    BOOKCASE = "bookcase", _("Legal bookcase")
    TRAINING = "training", _("Training course")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    """Target groups (đối tượng) named in task 3.2, plus the general public and officers."""

    CHILDREN = "children", _("Children")
    STREET_YOUTH = "street_youth", _("Street children and youth")
    WORKERS = "workers", _("Workers in enterprises")
    ETHNIC_MINORITIES = "ethnic_minorities", _("Ethnic minorities")
    MOUNTAIN = "mountain", _("People in mountain areas")
    REINTEGRATING = "reintegrating", _("People reintegrating after serving sentences")
    PUBLIC = "public", _("General public")
    OFFICERS = "officers", _("Police officers")


class Topic(models.TextChoices):
    """The six content topics of task 3.1."""

    RIGHTS = "rights", _("Citizens' rights and obligations")
    NEW_LAWS = "new_laws", _("New legislation on security and order")
    POLICY_COMMUNICATION = "policy_communication", _("Policy communication while drafting legislation")
    RESPECT_FOR_LAW = "respect_for_law", _("Respect for the law, good examples")
    REINTEGRATION = "reintegration", _("Examples of reintegration after wrongdoing")
    CRIME_SITUATION = "crime_situation", _("Local crime situation and the public's role")


def evidence_path(instance, filename):
    """Evidence is stored under a name the server chooses; the user's name is kept in the row."""
    return f"evidence/{instance.activity.unit_id}/{uuid.uuid4().hex}"


class Activity(models.Model):
    """Something a unit did for a task: a session, a contest, a broadcast, a leaflet run…"""

    # What a unit fills in (the API, the pages and the spreadsheet import); the unit is never input.
    EDITABLE_FIELDS = (
        "task",
        "start_date",
        "end_date",
        "title",
        "description",
        "form",
        "topics",
        "commune",
        "district",
        "sessions",
        "participants",
        "copies",
        "online_reach",
        "budget_vnd",
    )

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="activities")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="activities")
    start_date = models.DateField(_("date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    form = models.CharField(_("form of dissemination"), max_length=20, choices=DisseminationForm.choices)
    topics = models.JSONField(_("content topics"), default=list, blank=True)
    commune = models.CharField(_("commune / ward"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=200, blank=True)
    sessions = models.PositiveIntegerField(_("sessions"), default=0)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    copies = models.PositiveIntegerField(_("copies of materials"), default=0)
    online_reach = models.PositiveBigIntegerField(_("online reach"), default=0)
    budget_vnd = models.PositiveBigIntegerField(_("budget spent (VND)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["unit", "task", "start_date"], name="activity_unit_task_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_dates_ordered",
            )
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The (unit, task) it was read with: moving it to another task recounts both (tasks.tallies).
        instance.loaded_cell = (instance.__dict__.get("unit_id"), instance.__dict__.get("task_id"))
        return instance


class ActivityTargetGroup(models.Model):
    """One target group reached by an activity (a row each, so roll-ups can group by it)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="target_group_rows")
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("target group of an activity")
        verbose_name_plural = _("target groups of activities")
        constraints = [
            models.UniqueConstraint(fields=["activity", "target_group"], name="activity_target_group_unique")
        ]

    def __str__(self):
        return self.get_target_group_display()


class Evidence(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


def unit_plan_path(instance, filename):
    return f"unit-plans/{instance.unit_id}/{uuid.uuid4().hex}"


class UnitPlan(models.Model):
    """A unit's own implementation plan (task 1.1), sent to the Ministry through V03."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="unit_plans")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="unit_plans")
    number = models.CharField(_("number"), max_length=60)
    signed_on = models.DateField(_("signed on"))
    signer = models.CharField(_("signer"), max_length=200)
    file = models.FileField(_("file"), upload_to=unit_plan_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit plan")
        verbose_name_plural = _("unit plans")
        ordering = ["plan", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "plan"], name="unitplan_one_per_plan")]

    def __str__(self):
        return f"{self.number} — {self.unit}"


class PilotModel(models.Model):
    """A pilot model (mô hình điểm) of tasks 4.1-4.3; counts toward the "at least one" target."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        RUNNING = "running", _("Running")
        EVALUATED = "evaluated", _("Evaluated")
        REPLICATED = "replicated", _("Replicated")
        STOPPED = "stopped", _("Stopped")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pilot_models")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="pilot_models")
    name = models.CharField(_("name"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    start_date = models.DateField(_("start date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    evaluation = models.TextField(_("evaluation"), blank=True)
    replicated_to = models.TextField(_("replicated to"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pilot model")
        verbose_name_plural = _("pilot models")
        ordering = ["plan", "unit", "start_date", "id"]

    def __str__(self):
        return self.name

    # A model counts toward the task's "at least N models" target once it runs: not while only
    # proposed, nor once stopped. The one definition, used by the API, pages and reports.
    NOT_COUNTING = ("proposed", "stopped")

    @property
    def counts_toward_target(self) -> bool:
        return self.status not in self.NOT_COUNTING


class TrainingCourse(models.Model):
    """A training course of task 8.2 (8.2a by region Bắc / Trung / Nam, 8.2b at the grassroots)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="training_courses")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="training_courses")
    title = models.CharField(_("title"), max_length=300)
    region = models.CharField(_("region"), max_length=10, choices=Area.choices, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-start_date", "id"]

    def __str__(self):
        return self.title


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
