import calendar
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Partner, Unit


class LegalDocument(models.Model):
    """A document a plan implements, e.g. 1739/QĐ-TTg (the Programme) or 8937/QĐ-BCA-V03."""

    number = models.CharField(_("number"), max_length=60, unique=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    title = models.TextField(_("title"), blank=True)

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["signed_on", "number"]

    def __str__(self):
        return self.number


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Plan.Status.PUBLISHED)

    def visible_to(self, user):
        """The plans ``user`` may see: every published plan; drafts only for reviewers (V03)."""
        if user is not None and user.is_authenticated and user.is_reviewer:
            return self
        return self.published()


class Plan(models.Model):
    """A yearly plan (Kế hoạch), e.g. 762/QĐ-BCA-V03 for 2024.

    A *draft* (a plan carried into a later year, not yet checked by V03) makes no obligations and
    only reviewers see it; *publishing* it expands its deliverables over the units valid on its dates
    (``tasks.obligations.services.plan_publish``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    number = models.CharField(_("number"), max_length=60, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    cloned_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clones",
        help_text=_("The earlier plan this one was carried over from (manage.py clone_plan)."),
    )
    signed_on = models.DateField(_("signed on"))
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.TextField(_("title"))
    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    implements = models.ManyToManyField(LegalDocument, verbose_name=_("implements"), blank=True, related_name="plans")
    coordinator = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating department"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The department that follows the plan and compiles the reports (V03)."),
    )
    report_window_start = models.DateField(_("reporting window start"))
    report_window_end = models.DateField(_("reporting window end"))
    report_window_source = models.TextField(
        _("source of the reporting window"),
        blank=True,
        help_text=_("Where the window comes from, e.g. Decree 09/2019/NĐ-CP (15/12 of the year before to 14/12)."),
    )
    time_zone = models.CharField(_("time zone"), max_length=60, default="Asia/Ho_Chi_Minh")
    date_margin_days = models.PositiveSmallIntegerField(
        _("margin for dates (days)"),
        default=31,
        help_text=_(
            "How many days before and after the plan's year (and its reporting window) a record's date "
            "may fall; dates further out are refused as typing mistakes."
        ),
    )
    source_file = models.CharField(_("source file"), max_length=255, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "number"]

    def __str__(self):
        return self.number

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def period_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def period_end(self) -> date:
        return date(self.year, 12, 31)

    def accepted_dates(self) -> tuple[date, date]:
        """The first and last day a record of this plan may be dated: the plan's year and its reporting
        window, widened by ``date_margin_days`` on each side (config.bounds.day_errors)."""
        return _accepted_dates(
            self.period_start, self.period_end, self.report_window_start, self.report_window_end, self.date_margin_days
        )

    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone or settings.TIME_ZONE)

    def deliverable_of(self, kind: str) -> "Deliverable | None":
        """The plan's first deliverable of ``kind`` (``Deliverable.Kind``), or None."""
        return next((d for d in self.deliverables.all() if d.kind == kind), None)

    def annual_report_deliverable(self) -> "Deliverable | None":
        """The plan's results-report deliverable (section III: every unit reports before 15/12), or
        None when the plan has none. The one lookup of which deliverable is the annual report."""
        return self.deliverable_of(Deliverable.Kind.ANNUAL_REPORT)

    def unit_plan_deliverable(self) -> "Deliverable | None":
        """The deliverable "every unit hands in its own plan" (task 1.1), or None."""
        return self.deliverable_of(Deliverable.Kind.UNIT_PLAN)

    def annual_report_due_at(self) -> datetime:
        """When the units' results reports are due: the report deliverable's deadline; for a plan
        without one, 00:00 on the day after its reporting window ends. The one rule, used by the
        pages, the API, the roll-up and the documents."""
        deliverable = self.annual_report_deliverable()
        if deliverable is not None:
            return deliverable.due_at(self.tzinfo())
        return datetime.combine(self.report_window_end + timedelta(days=1), time(0, 0), tzinfo=self.tzinfo())


class TaskGroup(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="groups")
    number = models.CharField(_("number"), max_length=10)
    title = models.TextField(_("title"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="taskgroup_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.title[:60]}"


class Scope(models.TextChoices):
    """A named set of units that a plan means without listing them, expanded on the plan's dates."""

    NONE = "", _("Only the units listed")
    ALL_UNITS = "all_units", _("Every unit (departments and provincial police)")
    ALL_PROVINCES = "all_provinces", _("Every provincial police unit")
    ALL_DEPARTMENTS = "all_departments", _("Every ministry department")
    UNITS_CONCERNED = "units_concerned", _("The units concerned (chosen by the lead unit; no obligation of their own)")


class Task(models.Model):
    """A leaf task of section II (1.1 … 10): who leads, who coordinates, what it delivers."""

    class Target(models.TextChoices):
        NONE = "", _("None")
        PILOT_MODELS = "pilot_models", _("Pilot models per unit")
        TRAINING = "training", _("Training courses")
        TRAINING_BY_REGION = "training_by_region", _("Training courses in the North, Centre and South")

    group = models.ForeignKey(TaskGroup, verbose_name=_("task group"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=10)
    title = models.TextField(_("title"))
    content = models.TextField(_("content"), blank=True)
    parent_title = models.TextField(_("parent item"), blank=True, help_text=_("e.g. the heading of 8.2 for 8.2a"))
    lead_scope = models.CharField(
        _("also led by"),
        max_length=20,
        choices=Scope.choices,
        blank=True,
        default="",
        help_text=_("“Công an các đơn vị, địa phương”: every department and provincial police unit."),
    )
    lead_units = models.ManyToManyField(Unit, verbose_name=_("lead units"), blank=True, related_name="led_tasks")
    coordinating_scope = models.CharField(
        _("also coordinated by"), max_length=20, choices=Scope.choices, blank=True, default=""
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("coordinating units"), blank=True, related_name="coordinated_tasks"
    )
    partners = models.ManyToManyField(Partner, verbose_name=_("partners"), blank=True, related_name="tasks")
    responsibility_text = models.TextField(_("responsibility as written"), blank=True)
    target_kind = models.CharField(_("target"), max_length=20, choices=Target.choices, blank=True, default="")
    target_count = models.PositiveSmallIntegerField(_("target per unit"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["group__order", "order"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="task_unique_code")]

    def __str__(self):
        return f"{self.code}. {self.title[:80]}"

    @property
    def plan(self) -> Plan:
        return self.group.plan

    @property
    def target_per_unit(self) -> int:
        """How many (pilot models, courses…) each unit must reach: the count the plan writes ("ít nhất
        02 mô hình"), at least one where the task has a target without a number, none without a target.
        The one definition, used by the pages, the API and the reports."""
        if not self.target_kind:
            return 0
        return self.target_count or 1


class Deliverable(models.Model):
    """Something a task must produce, with its own responsible party and deadline.

    The deadline is stored as ``due_date``: the work is due at 00:00 (plan time zone) on that
    day, so "trước ngày 15/12/2024" has due_date 15/12/2024 and a submission on 15/12 is late. A
    window (the whole year, a quarter) is due at 00:00 on the day after it ends.
    """

    class DeadlineKind(models.TextChoices):
        BEFORE = "before", _("Before a date")
        QUARTER = "quarter", _("Within a quarter")
        YEAR = "year", _("Throughout the year")
        YEAR_CONTINUING = "year_continuing", _("Throughout the year and continuing")

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activities")
        MINISTRY_PLAN = "ministry_plan", _("The Ministry's plan")
        UNIT_PLAN = "unit_plan", _("Unit's own plan")
        GUIDANCE = "guidance", _("Guidance documents")
        ANNUAL_REPORT = "annual_report", _("Annual results report")
        MINISTRY_REPORT = "ministry_report", _("The Ministry's compiled report")
        PILOT_MODEL = "pilot_model", _("Pilot models")
        TRAINING = "training", _("Training courses")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="deliverables")
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="deliverables",
        null=True,
        blank=True,
        help_text=_("Blank for a deliverable of the plan as a whole, such as the results report of section III."),
    )
    section = models.CharField(_("section"), max_length=20, blank=True, help_text=_("e.g. III.3"))
    key = models.SlugField(_("key"), max_length=60)
    title = models.TextField(_("title"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTIVITY)
    responsible_scope = models.CharField(
        _("also responsible"), max_length=20, choices=Scope.choices, blank=True, default=""
    )
    responsible_units = models.ManyToManyField(
        Unit, verbose_name=_("responsible units"), blank=True, related_name="deliverables"
    )
    recipient = models.ForeignKey(
        Unit,
        verbose_name=_("sent to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline_kind = models.CharField(_("deadline kind"), max_length=20, choices=DeadlineKind.choices)
    due_date = models.DateField(_("due date"), help_text=_("Due at 00:00 on this day."))
    window_start = models.DateField(_("window start"), null=True, blank=True)
    window_end = models.DateField(_("window end"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="deliverable_unique_key")]

    def __str__(self):
        return f"{self.code} · {self.title[:80]}"

    @property
    def code(self) -> str:
        """The task code (1.1, 8.2a) or the section (III.3) the deliverable belongs to."""
        return self.task.code if self.task_id else self.section

    def due_at(self, tz: ZoneInfo | None = None) -> datetime:
        """The instant the deliverable becomes late: 00:00 on ``due_date`` in the plan's zone."""
        return datetime.combine(self.due_date, time(0, 0), tzinfo=tz or ZoneInfo(settings.TIME_ZONE))

    def deadline_label(self) -> str:
        """The deadline as people say it: "trước ngày 15/12/2024", "Quý IV/2024", "cả năm 2024"."""
        return deadline_label(self.deadline_kind, self.due_date, self.window_start, self.window_end)


QUARTER_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_window(year: int, quarter: int) -> tuple[date, date]:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def deadline_label(kind: str, due_date: date, window_start: date | None, window_end: date | None) -> str:
    """Human wording of a deadline, translated (see Deliverable.deadline_label)."""
    kinds = Deliverable.DeadlineKind
    if kind == kinds.BEFORE:
        return str(_("before %(date)s") % {"date": formats.date_format(due_date, "d/m/Y")})
    start = window_start or date(due_date.year - 1, 1, 1)
    end = window_end or (due_date - timedelta(days=1))
    if kind == kinds.QUARTER:
        quarter = (start.month - 1) // 3 + 1
        return str(
            pgettext_lazy("deadline", "Quarter %(q)s/%(year)s") % {"q": QUARTER_NUMERALS[quarter], "year": start.year}
        )
    if kind == kinds.YEAR_CONTINUING:
        return str(_("throughout %(year)s and the following years") % {"year": end.year})
    return str(_("throughout %(year)s") % {"year": end.year})


@lru_cache(maxsize=256)  # asked twice for each row of a 10,000-row import
def _accepted_dates(period_start: date, period_end: date, window_start, window_end, margin_days: int):
    margin = timedelta(days=margin_days)
    first = min(period_start, window_start or period_start)
    last = max(period_end, window_end or period_end)
    return first - margin, last + margin
