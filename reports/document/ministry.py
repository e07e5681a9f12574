"""The Ministry's results report: the roll-up of every unit (or of the units a filter leaves) with
the units' reports by status, the results by task with the units expected and reporting, the
breakdowns by area, target group and form, and an annex with one row per unit."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit
from plans.models import Plan
from reports import tables
from reports.rollup import TextItem
from reports.rollup.results import TaskResult

from .blocks import BAR, NOTE, PIE, Annex, Block, Grid, Heading, Text
from .frame import Letterhead, document_number, signer_title
from .results import ResultsReport, Section, plan_intro, report_summary
from .text import short_date


def ministry_letterhead(plan: Plan, day: date) -> Letterhead:
    """Issued by the plan's coordinating department (the Legal Department, V03) to the Prime
    Minister and the Ministry's leaders, signed by its head."""
    coordinator = plan.coordinator or Unit.objects.filter(key="v03").first()
    name = coordinator.name if coordinator else _("Legal Department")
    return Letterhead(
        governing_body=_("MINISTRY OF PUBLIC SECURITY"),
        issuer=name.upper(),
        number=document_number(coordinator),
        place=_("Hanoi"),
        day=day,
        summary=report_summary(plan),
        recipients=[_("The Prime Minister;"), _("The leaders of the Ministry of Public Security.")],
        signer_title=signer_title(coordinator),
        copies_to=[
            _("As above;"),
            _("The Minister (to report);"),
            _("The Deputy Ministers (to direct);"),
            _("Office of the Government (to report to the Prime Minister);"),
            _("Archived: VT, %(code)s.") % {"code": (coordinator.code if coordinator and coordinator.code else "V03")},
        ],
        intro=plan_intro(plan, name[:1].upper() + name[1:] if name else name),
    )


class MinistryReport(ResultsReport):
    """The compiled report: every unit's figures that count, its report's status, the annex."""

    def basis(self) -> str:
        r = self.rollup
        values = {
            "counted": r.units.counted,
            "total": r.units.total,
            "start": short_date(r.window.start),
            "end": short_date(r.window.end),
        }
        if r.filters.include_submitted:
            text = _(
                "Figures are compiled from the reports of %(counted)s of %(total)s units that were accepted or "
                "submitted and not yet accepted, for the activities from %(start)s to %(end)s (the reporting window)."
            )
        else:
            text = _(
                "Figures are compiled from the accepted reports of %(counted)s of %(total)s units, for the "
                "activities from %(start)s to %(end)s (the reporting window)."
            )
        return text % values

    def sections(self) -> list[Section]:
        shared = super().sections()
        return [self.report_status, *shared[:2], self.breakdowns, *shared[2:]]

    def task_line(self, task: TaskResult) -> str:
        return _("Task %(code)s: units expected %(expected)s, units reporting activities %(reporting)s; ") % {
            "code": task.code,
            "reporting": task.units_reporting,
            "expected": task.units_expected,
        }

    def text_line(self, item: TextItem) -> str:
        return f"{item.unit}: {item.text}"

    def unit_status_text(self) -> str:
        """A roll-up narrowed to one unit (its own people's): its report's status, not "1 of 1 units"."""
        row = self.rollup.unit_reports[0]
        values = {"date": short_date(self.head.day), "unit": row.name, "status": row.report_status_label.lower()}
        if row.first_submitted_at is None:
            return _("As of %(date)s, %(unit)s has not sent its report (%(status)s).") % values
        values["sent"] = short_date(timezone.localtime(row.first_submitted_at).date())
        timing = _("on time") if row.on_time else _("late")
        return _("As of %(date)s, %(unit)s sent its report on %(sent)s (%(timing)s); its status: %(status)s.") % (
            values | {"timing": timing}
        )

    def report_status(self, n: int) -> list[Block]:
        u = self.rollup.units
        status = {row.status: row.units for row in u.report_status}
        timely = {row.state: row.units for row in u.report_timeliness}
        if self.rollup.filters.unit is not None and len(self.rollup.unit_reports) == 1:
            return [Heading(f"{n}. " + _("The unit's report"), 2), Text(self.unit_status_text())]
        text = _(
            "As of %(date)s, %(sent)s of %(total)s units have sent their report: %(accepted)s accepted, "
            "%(submitted)s submitted and not yet accepted, %(returned)s returned for completion; %(missing)s units "
            "have not sent a report. %(on_time)s reports were sent on time and %(late)s late."
        ) % {
            "date": short_date(self.head.day),
            "sent": status["accepted"] + status["submitted"] + status["returned"],
            "total": u.total,
            "accepted": status["accepted"],
            "submitted": status["submitted"],
            "returned": status["returned"],
            "missing": status["not_submitted"],
            "on_time": timely["done_on_time"],
            "late": timely["done_late"],
        }
        labels = [row.label for row in u.report_status]
        values = [row.units for row in u.report_status]
        return [
            Heading(f"{n}. " + _("Reports of the units"), 2),
            Text(text),
            self.chart(_("Reports by status"), PIE, labels, values),
        ]

    def breakdowns(self, n: int) -> list[Block]:
        r = self.rollup
        areas = [a.label for a in r.by_area], [a.participants for a in r.by_area]
        return [
            Heading(f"{n}. " + _("Results by area, target group and form of dissemination"), 2),
            *self.captioned(tables.breakdown_table(r, "by_area")),
            self.chart(_("Participants by area"), BAR, *areas),
            *self.captioned(tables.breakdown_table(r, "by_target_group")),
            *self.captioned(tables.breakdown_table(r, "by_form")),
        ]

    def annexes(self) -> list[Block]:
        """The annex: one row per unit (``reports.tables.units_table``)."""
        table = tables.units_table(self.rollup)
        attached = _("(Attached to Report %(number)s of %(date)s)") % {
            "number": self.head.number.replace(_("No.: "), ""),
            "date": short_date(self.head.day),
        }
        annexes = [Annex(_("ANNEX"), table.title, attached), Grid(table), Text(table.note, NOTE)]
        comparison = tables.comparison_table(self.rollup)  # with ``compare_with``: each unit beside its past
        if comparison is not None:
            title = _("ANNEX %(number)s") % {"number": "II"}
            annexes += [Annex(title, comparison.title, attached), Grid(comparison), Text(comparison.note, NOTE)]
        return annexes
