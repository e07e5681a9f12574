"""What a unit did for a task: activities, the target groups they reached, their evidence files."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from config.bounds import MAX_BUDGET_VND, MAX_COPIES, MAX_ONLINE_REACH, MAX_PARTICIPANTS, MAX_SESSIONS, AtMost
from plans.models import Task


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

    # No index of its own: activity_unit_task_date (below) starts with it. Each index is upkeep on
    # every write (a 10,000-row import, bench/RESULTS.md).
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="activities", db_index=False
    )
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="activities")
    start_date = models.DateField(_("date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    form = models.CharField(_("form of dissemination"), max_length=20, choices=DisseminationForm.choices)
    topics = models.JSONField(_("content topics"), default=list, blank=True)
    commune = models.CharField(_("commune / ward"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=200, blank=True)
    sessions = models.PositiveIntegerField(_("sessions"), default=0, validators=[AtMost(MAX_SESSIONS)])
    participants = models.PositiveIntegerField(_("participants"), default=0, validators=[AtMost(MAX_PARTICIPANTS)])
    copies = models.PositiveIntegerField(_("copies of materials"), default=0, validators=[AtMost(MAX_COPIES)])
    online_reach = models.PositiveBigIntegerField(_("online reach"), default=0, validators=[AtMost(MAX_ONLINE_REACH)])
    budget_vnd = models.PositiveBigIntegerField(_("budget spent (VND)"), default=0, validators=[AtMost(MAX_BUDGET_VND)])
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
    # The history is read per activity (its id, config/api_revisions.py) and by who changed it: the
    # copied unit, task, author and date columns need no index there.
    history = HistoricalRecords(
        excluded_fields=["updated_at"], no_db_index=["unit", "task", "created_by", "start_date"]
    )

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
        # The (unit, task) it was read with: moving it to another task recounts both (tasks.activities.tallies).
        instance.loaded_cell = (instance.__dict__.get("unit_id"), instance.__dict__.get("task_id"))
        return instance


class ActivityTargetGroup(models.Model):
    """One target group reached by an activity (a row each, so roll-ups can group by it)."""

    # Indexed by activity_target_group_unique (activity first).
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="target_group_rows", db_index=False)
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


# --- Tallies ---------------------------------------------------------------------------------------
# The counts and sums of the activities of each (unit, task) that start in each month of the plan's
# reporting window, by form and by target group. The ministry roll-up reads these rows instead of
# every activity; tasks.activities.tallies keeps them in step with the activities, in the same
# transaction (see there for how).


class Tally(models.Model):
    """What is summed: the same figures as the roll-up's (``tasks.activities.tallies.FIGURES``)."""

    # Indexed by each tally's unique constraint (unit first).
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+", db_index=False)
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+")
    # The first day of the month the activities start in (within the plan's reporting window).
    month = models.DateField(_("month"))
    activities = models.PositiveBigIntegerField(_("activities"), default=0)
    sessions = models.PositiveBigIntegerField(_("sessions"), default=0)
    participants = models.PositiveBigIntegerField(_("participants"), default=0)
    copies = models.PositiveBigIntegerField(_("copies of materials"), default=0)
    online_reach = models.PositiveBigIntegerField(_("online reach"), default=0)
    budget_vnd = models.PositiveBigIntegerField(_("budget spent (VND)"), default=0)

    class Meta:
        abstract = True


class ActivityTally(Tally):
    """The activities of a unit for a task started in one month, in one form of dissemination."""

    form = models.CharField(_("form of dissemination"), max_length=20, choices=DisseminationForm.choices)

    class Meta:
        verbose_name = _("activity tally")
        verbose_name_plural = _("activity tallies")
        constraints = [models.UniqueConstraint(fields=["unit", "task", "month", "form"], name="activity_tally_unique")]

    def __str__(self):
        return f"{self.unit_id}/{self.task_id}/{self.month:%m/%Y}/{self.form}: {self.activities}"


class TargetGroupTally(Tally):
    """The activities of a unit for a task started in one month that reached one target group (an
    activity counts once under each of its groups)."""

    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("target-group tally")
        verbose_name_plural = _("target-group tallies")
        constraints = [
            models.UniqueConstraint(fields=["unit", "task", "month", "target_group"], name="target_group_tally_unique")
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.task_id}/{self.month:%m/%Y}/{self.target_group}: {self.activities}"
