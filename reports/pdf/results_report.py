"""A results report (báo cáo kết quả) in the Decree 30 frame, from a roll-up: the body the Ministry's
report (``ministry``) and a unit's own report (``unit_report``) share.

I. Results: numbered sections (each document lists its own), II. Difficulties, III. Proposals,
the closing sentence and the signature block, then any annex. The tables are the report's
(``reports.tables``), numbered as they come; so are the charts.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph

from plans.models import Plan
from reports import tables
from reports.rollup import Figures, Rollup, TextGroup, TextItem
from reports.rollup.results import TaskResult

from .base import nfc, number, short_date
from .decree30 import Decree30Document, Letterhead

Section = Callable[[int], list]


def plan_intro(plan: Plan, unit_name: str) -> str:
    return _(
        "Pursuant to Decision No. %(number)s of %(date)s of the Minister of Public Security issuing the "
        "%(title)s, the %(unit)s reports the results as follows:"
    ) % {"number": plan.number, "date": short_date(plan.signed_on), "title": nfc(plan.title), "unit": unit_name}


def report_summary(plan: Plan) -> str:
    """The summary under "BÁO CÁO": what the report is about."""
    return _("Results of implementing the %(title)s") % {"title": nfc(plan.title)}


class ResultsReport(Decree30Document):
    """The shared body; a document says which sections it has (``sections``), how it opens
    (``basis``), how it words a task's line and a difficulty, and what follows the signature."""

    def __init__(self, *, rollup: Rollup, letterhead: Letterhead):
        super().__init__(letterhead=letterhead)
        self.rollup = rollup
        self.tables = 0
        self.charts = 0

    def title(self) -> str:
        return _("REPORT") + " — " + self.head.summary

    def author(self) -> str:
        return self.head.issuer

    # --- what each document says its own way ---

    def basis(self) -> str:
        """The sentence saying what the figures cover."""
        raise NotImplementedError

    def sections(self) -> list[Section]:
        """The numbered sections of part I, in order."""
        return [self.results_by_group, self.deadlines, self.pilot_models] + (
            [self.training] if self.rollup.training else []
        )

    def task_line(self, task: TaskResult) -> str:
        """A task's line in the results, before its figures."""
        return _("Task %(code)s: ") % {"code": task.code}

    def task_details(self, task: TaskResult) -> list:
        """What follows a task's line (a unit's own account of it)."""
        return []

    def text_line(self, item: TextItem) -> str:
        """A difficulty or a proposal as listed."""
        return item.text

    def annexes(self) -> list:
        return []

    # --- the body ---

    def story(self) -> list:
        r = self.rollup
        story = self.letterhead()
        if self.head.intro:
            story.append(self.p(self.head.intro))
        story.append(self.p(self.basis()))
        story.append(self.p(_("I. RESULTS"), "h1"))
        for n, section in enumerate(self.sections(), start=1):
            story += section(n)
        story.append(self.p(_("II. DIFFICULTIES AND OBSTACLES"), "h1"))
        story += self.texts(r.difficulties, _("No difficulties were reported."))
        story.append(self.p(_("III. PROPOSALS AND RECOMMENDATIONS"), "h1"))
        story += self.texts(r.proposals, _("No proposals were made."))
        story.append(self.p(_("Above is the report on the results of implementing the plan./.")))
        story += self.signature()
        return story + self.annexes()

    def chart_caption(self, text: str) -> Paragraph:
        self.charts += 1
        return self.p(_("Chart %(n)s. %(title)s") % {"n": self.charts, "title": text}, "caption")

    def caption(self, text: str) -> list:
        """A numbered caption; starts a new page when less than 35 mm are left for its table."""
        self.tables += 1
        return [
            CondPageBreak(35 * mm),
            self.p(_("Table %(n)s. %(title)s") % {"n": self.tables, "title": text}, "caption"),
        ]

    def captioned(self, table: tables.Table) -> list:
        """A report table with its numbered caption, and its note when it has one."""
        story = [*self.caption(table.title), self.grid(table)]
        if table.note:
            story.append(self.p(table.note, "note"))
        return story

    def figures_sentence(self, f: Figures) -> str:
        return _(
            "%(activities)s activities: %(sessions)s sessions, %(participants)s participants, %(copies)s copies of "
            "materials, %(online_reach)s online reach, budget %(budget)s VND."
        ) % {
            "activities": number(f.activities),
            "sessions": number(f.sessions),
            "participants": number(f.participants),
            "copies": number(f.copies),
            "online_reach": number(f.online_reach),
            "budget": number(f.budget_vnd),
        }

    def results_by_group(self, n: int) -> list:
        r = self.rollup
        story = [self.p(f"{n}. " + _("Results of the tasks"), "h2")]
        story.append(self.p(_("In total: ") + self.figures_sentence(r.totals)))
        for i, group in enumerate(r.groups, start=1):
            story.append(self.p(f"{n}.{i}. {group.title}", "h3"))
            for task in group.tasks:
                story.append(self.p("- " + self.task_line(task) + self.figures_sentence(task.figures), "bullet"))
                story += self.task_details(task)
        return story + self.captioned(tables.results_table(r))

    def deadlines(self, n: int) -> list:
        return [
            self.p(f"{n}. " + _("Progress against deadlines"), "h2"),
            self.p(_("Obligations of the units by deadline state on %(date)s.") % {"date": short_date(self.head.day)}),
            *self.captioned(tables.deadlines_table(self.rollup)),
        ]

    def pilot_models(self, n: int) -> list:
        pm = self.rollup.pilot_models
        story = [self.p(f"{n}. " + _("Pilot models (task %(task)s)") % {"task": pm.task or "4.1"}, "h2")]
        story.append(
            self.p(
                _(
                    "%(reached)s of %(counted)s counted units have built at least %(target)s pilot model(s) "
                    "(%(expected)s units are expected to); %(models)s models count toward the target."
                )
                % {
                    "reached": pm.units_reached,
                    "counted": pm.units_counted,
                    "target": pm.target_per_unit,
                    "expected": pm.units_expected,
                    "models": pm.models_counting,
                }
            )
        )
        if pm.models:
            story += self.captioned(tables.pilot_models_table(self.rollup))
        return story

    def training(self, n: int) -> list:
        story = [self.p(f"{n}. " + _("Training courses (task 8.2)"), "h2")]
        for item in self.rollup.training:
            line = _("Task %(code)s: %(courses)s courses, %(participants)s participants.") % {
                "code": item.task,
                "courses": number(item.courses),
                "participants": number(item.participants),
            }
            story.append(self.p(line, "bullet"))
        for table in tables.training_tables(self.rollup):
            story += self.captioned(table)
        return story

    def texts(self, groups: list[TextGroup], empty: str) -> list:
        if not groups:
            return [self.p(empty)]
        story = []
        for i, group in enumerate(groups, start=1):
            if group.task:
                heading = _("%(i)s. Task %(code)s") % {"i": i, "code": group.task}
            else:
                heading = _("%(i)s. General") % {"i": i}
            story.append(self.p(heading, "h3"))
            story += [self.p(f"- {self.text_line(item)}", "bullet") for item in group.items]
        return story
