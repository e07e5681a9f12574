"""A results report (báo cáo kết quả) in the Decree 30 frame, from a roll-up: the body the Ministry's
report (``ministry``) and a unit's own report (``unit_report``) share.

I. Results: numbered sections (each document lists its own), II. Difficulties, III. Proposals,
the closing sentence; the signature block follows the body, then any annex. The tables are the
report's (``reports.tables``), numbered as they come; so are the charts.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from plans.models import Plan
from reports import tables
from reports.rollup import Figures, Rollup, TextGroup, TextItem
from reports.rollup.results import PilotModels, TaskResult

from .blocks import BULLET, NOTE, Block, Chart, Grid, Heading, ReportDocument, Text
from .frame import Letterhead
from .text import nfc, number, short_date

Section = Callable[[int], list[Block]]


def plan_intro(plan: Plan, unit_name: str) -> str:
    return _(
        "Pursuant to Decision No. %(number)s of %(date)s of the Minister of Public Security issuing the "
        "%(title)s, the %(unit)s reports the results as follows:"
    ) % {"number": plan.number, "date": short_date(plan.signed_on), "title": nfc(plan.title), "unit": unit_name}


def report_summary(plan: Plan) -> str:
    """The summary under "BÁO CÁO": what the report is about."""
    return _("Results of implementing the %(title)s") % {"title": nfc(plan.title)}


class ResultsReport:
    """The shared body; a document says which sections it has (``sections``), how it opens
    (``basis``), how it words a task's line and a difficulty, and what follows the signature."""

    def __init__(self, *, rollup: Rollup, letterhead: Letterhead):
        self.rollup = rollup
        self.head = letterhead
        self.tables = 0
        self.charts = 0

    def document(self) -> ReportDocument:
        """The report as blocks, tables and charts numbered from 1."""
        self.tables = self.charts = 0
        return ReportDocument(
            head=self.head, title=self.title(), author=self.head.issuer, body=self.body(), annexes=self.annexes()
        )

    def title(self) -> str:
        return _("REPORT") + " — " + self.head.summary

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

    def task_details(self, task: TaskResult) -> list[Block]:
        """What follows a task's line (a unit's own account of it)."""
        return []

    def text_line(self, item: TextItem) -> str:
        """A difficulty or a proposal as listed."""
        return item.text

    def annexes(self) -> list[Block]:
        return []

    # --- the body ---

    def body(self) -> list[Block]:
        r = self.rollup
        body: list[Block] = [Text(self.head.intro)] if self.head.intro else []
        body.append(Text(self.basis()))
        body.append(Heading(_("I. RESULTS"), 1))
        for n, section in enumerate(self.sections(), start=1):
            body += section(n)
        body.append(Heading(_("II. DIFFICULTIES AND OBSTACLES"), 1))
        body += self.texts(r.difficulties, _("No difficulties were reported."))
        body.append(Heading(_("III. PROPOSALS AND RECOMMENDATIONS"), 1))
        body += self.texts(r.proposals, _("No proposals were made."))
        body.append(Text(_("Above is the report on the results of implementing the plan./.")))
        return body

    def chart(self, title: str, kind: str, labels: list[str], values: list[int]) -> Chart:
        self.charts += 1
        caption = _("Chart %(n)s. %(title)s") % {"n": self.charts, "title": title}
        return Chart(caption, kind, tuple(labels), tuple(values))

    def captioned(self, table: tables.Table) -> list[Block]:
        """A report table with its numbered caption, and its note when it has one."""
        self.tables += 1
        caption = _("Table %(n)s. %(title)s") % {"n": self.tables, "title": table.title}
        return [Grid(table, caption)] + ([Text(table.note, NOTE)] if table.note else [])

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

    def results_by_group(self, n: int) -> list[Block]:
        """The total, one sentence naming the tasks without activity (and with nothing else to say),
        then per task group that has more to say, its tasks' lines (a group of idle tasks only is left
        to that sentence), then the table."""
        r = self.rollup
        blocks: list[Block] = [Heading(f"{n}. " + _("Results of the tasks"), 2)]
        blocks.append(Text(_("In total: ") + self.figures_sentence(r.totals)))
        idle = [task.code for task in r.tasks() if not task.figures.activities and not self.task_details(task)]
        if idle:
            blocks.append(Text(self.idle_sentence(idle)))
        i = 0
        for group in r.groups:
            shown = [task for task in group.tasks if task.code not in idle]
            if not shown:
                continue
            i += 1
            blocks.append(Heading(f"{n}.{i}. {group.title}", 3))
            for task in shown:
                blocks.append(Text("- " + self.task_results(task), BULLET))
                blocks += self.task_details(task)
        return blocks + self.captioned(tables.results_table(r))

    def task_results(self, task: TaskResult) -> str:
        """A task's line and its figures; a task without activity says so (no sentence of zeros)."""
        if not task.figures.activities:
            return _("Task %(code)s: ") % {"code": task.code} + _("no activity recorded.")
        return self.task_line(task) + self.figures_sentence(task.figures)

    def idle_sentence(self, codes: list[str]) -> str:
        """One sentence for every task without activity."""
        if len(codes) == 1:
            return _("Task %(code)s has no activity recorded.") % {"code": codes[0]}
        return _("Tasks %(codes)s have no activity recorded.") % {"codes": ", ".join(codes)}

    def deadlines(self, n: int) -> list[Block]:
        return [
            Heading(f"{n}. " + _("Progress against deadlines"), 2),
            Text(_("Obligations of the units by deadline state on %(date)s.") % {"date": short_date(self.head.day)}),
            *self.captioned(tables.deadlines_table(self.rollup)),
        ]

    def pilot_models(self, n: int) -> list[Block]:
        pm = self.rollup.pilot_models
        blocks: list[Block] = [Heading(f"{n}. " + _("Pilot models (task %(task)s)") % {"task": pm.task or "4.1"}, 2)]
        blocks.append(Text(self.pilot_sentence(pm)))
        if pm.models:
            blocks += self.captioned(tables.pilot_models_table(self.rollup))
        return blocks

    def pilot_sentence(self, pm: PilotModels) -> str:
        """The units that reached task 4.1's target, of those counted (a unit's report words it its own way)."""
        return _(
            "%(reached)s of %(counted)s counted units have built at least %(target)s pilot model(s) "
            "(%(expected)s units are expected to); %(models)s models count toward the target."
        ) % {
            "reached": pm.units_reached,
            "counted": pm.units_counted,
            "target": pm.target_per_unit,
            "expected": pm.units_expected,
            "models": pm.models_counting,
        }

    def training(self, n: int) -> list[Block]:
        blocks: list[Block] = [Heading(f"{n}. " + _("Training courses (task 8.2)"), 2)]
        for item in self.rollup.training:
            line = _("Task %(code)s: %(courses)s courses, %(participants)s participants.") % {
                "code": item.task,
                "courses": number(item.courses),
                "participants": number(item.participants),
            }
            blocks.append(Text(line, BULLET))
        for table in tables.training_tables(self.rollup):
            blocks += self.captioned(table)
        return blocks

    def texts(self, groups: list[TextGroup], empty: str) -> list[Block]:
        if not groups:
            return [Text(empty)]
        blocks: list[Block] = []
        for i, group in enumerate(groups, start=1):
            if group.task:
                heading = _("%(i)s. Task %(code)s") % {"i": i, "code": group.task}
            else:
                heading = _("%(i)s. General") % {"i": i}
            blocks.append(Heading(heading, 3))
            blocks += [Text(f"- {self.text_line(item)}", BULLET) for item in group.items]
        return blocks
