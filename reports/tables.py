"""The tables of the Ministry's report, each produced once from the roll-up (in the spirit of pretix's
``ListExporter.iterate_list``): a title, a header and rows of cells. The PDF (``reports.pdf``) and
the workbook (``reports.xlsx``) render the same tables, and so does the Word document (``reports.docx``).

A cell is text, a whole number, a date, or None for "no value" (a unit not counted: "—"). Text
is NFC and goes out as data: the renderers escape it (PDF) and never let it become a formula (XLSX).
Each column says how it is aligned and how wide it is on the A4 page and in the workbook; a column
without a printed width (a task's full title, a model's target group…) is too wide for the page and
appears in the workbook only. Call inside ``translation.override("vi")`` (see ``reports.services``).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from accounts.text import nfc
from reports.rollup import Figures, Rollup
from reports.rollup.results import TaskResult
from tasks.models import DeadlineState

TEXT, NUMBER, CENTER = "text", "number", "center"
Cell = str | int | date | None

# The deadline table's columns, in the order of a task's life: done, late, then what is still open.
DEADLINE_STATES = (
    DeadlineState.DONE_ON_TIME,
    DeadlineState.DONE_LATE,
    DeadlineState.OVERDUE,
    DeadlineState.DUE_SOON,
    DeadlineState.NOT_YET_DUE,
)


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = NUMBER
    pdf_mm: float | None = None  # width on the page; None: in the workbook only
    xlsx_width: int = 12


@dataclass
class Table:
    key: str
    title: str
    sheet: str  # the workbook's sheet (tables of the same sheet follow one another)
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)  # indexes in ``rows`` (group and total rows)
    note: str = ""  # a sentence under the table

    @property
    def header(self) -> list[str]:
        return [c.label for c in self.columns]

    def html_rows(self) -> list[dict]:
        """The rows for a page (reports/_table.html): each cell with whether it is a number."""
        numbers = [c.kind == NUMBER for c in self.columns]
        rows = []
        for i, row in enumerate(self.rows):
            cells = [{"value": value, "number": number} for value, number in zip(row, numbers, strict=True)]
            rows.append({"bold": i in self.bold_rows, "cells": cells})
        return rows

    def printed(self) -> tuple[list[Column], list[list[Cell]]]:
        """The columns and rows that fit the page (the columns with a printed width)."""
        keep = [i for i, c in enumerate(self.columns) if c.pdf_mm]
        return [self.columns[i] for i in keep], [[row[i] for i in keep] for row in self.rows]


def _text(value) -> str:
    return nfc(value or "")


def figure_columns(*, pdf_mm: tuple[float, ...], xlsx: tuple[int, ...]) -> list[Column]:
    labels = [_("Activities"), _("Sessions"), _("Participants"), _("Copies"), _("Online reach"), _("Budget (VND)")]
    return [Column(label, NUMBER, w, x) for label, w, x in zip(labels, pdf_mm, xlsx, strict=True)]


def figure_cells(f: Figures) -> list[int]:
    return [f.activities, f.sessions, f.participants, f.copies, f.online_reach, f.budget_vnd]


def results_table(r: Rollup) -> Table:
    """Per task group (bold) and its tasks, then the total (bold): units expected and reporting, figures.
    A group of a single task is one row (its task's, in bold): the group's row would repeat it."""
    table = Table(
        key="results",
        title=_("Results by task group and task"),
        sheet=_("Summary"),
        columns=[
            Column(_("Task"), CENTER, 15, 8),
            Column(_("Title"), TEXT, None, 60),
            Column(_("Units expected"), NUMBER, 17, 12),
            Column(_("Units reporting"), NUMBER, 17, 12),
            *figure_columns(pdf_mm=(15, 18, 18, 17, 20, 28), xlsx=(12, 12, 14, 14, 16, 18)),
        ],
    )

    def task_row(task: TaskResult) -> list[Cell]:
        return [task.code, _text(task.title), task.units_expected, task.units_reporting, *figure_cells(task.figures)]

    for group in r.groups:
        table.bold_rows.add(len(table.rows))
        if len(group.tasks) == 1:
            table.rows.append(task_row(group.tasks[0]))
            continue
        table.rows.append(
            [
                group.number,
                _text(group.title),
                group.units_expected,
                group.units_reporting,
                *figure_cells(group.figures),
            ]
        )
        table.rows += [task_row(task) for task in group.tasks]
    table.bold_rows.add(len(table.rows))
    t = r.totals
    table.rows.append([_("Total"), "", t.units_expected, t.units_reporting, *figure_cells(t)])
    return table


def deadlines_table(r: Rollup) -> Table:
    """The units' obligations by deadline state. The rule for the rows: one per task under which
    the roll-up's units owe something, in the plan's order, then one per deliverable outside the
    tasks (a section's, e.g. III.3 the results report) that they owe; a row of zeros (nothing owed)
    is left out."""
    table = Table(
        key="deadlines",
        title=_("Obligations by deadline state"),
        sheet=_("Deadlines"),
        columns=[
            Column(_("Task"), CENTER, 25, 8),
            Column(_("Title"), TEXT, None, 60),
            Column(_("Done on time"), NUMBER, 28, 14),
            Column(_("Done late"), NUMBER, 28, 14),
            Column(_("Overdue"), NUMBER, 28, 12),
            Column(_("Due soon"), NUMBER, 28, 12),
            Column(_("Not yet due"), NUMBER, 28, 14),
        ],
    )
    task_codes = {task.code for task in r.tasks()}
    owed = [(task.code, task.title, task.obligations) for task in r.tasks()]
    owed += [(d.code, d.title, d.obligations) for d in r.deliverables if d.code not in task_codes]
    for code, title, states in owed:
        if states.any():
            table.rows.append([code, _text(title), *[states[s] for s in DEADLINE_STATES]])
    return table


def breakdown_table(r: Rollup, key: str) -> Table:
    """Results by area (``by_area``), by target group (``by_target_group``) or by form (``by_form``)."""
    title, sheet, first = {
        "by_area": (_("Results by area"), _("By area"), _("Area")),
        "by_target_group": (_("Results by target group"), _("By target group"), _("Target group")),
        "by_form": (_("Results by form of dissemination"), _("By form"), _("Form")),
    }[key]
    note = _("An activity reaching several target groups is counted under each of them.")
    return Table(
        key=key,
        title=title,
        sheet=sheet,
        columns=[
            Column(first, TEXT, 44, 45),
            *figure_columns(pdf_mm=(15, 18, 19, 17, 22, 30), xlsx=(12, 12, 14, 14, 16, 18)),
        ],
        rows=[[row.label, *figure_cells(row)] for row in getattr(r, key)],
        note=note if key == "by_target_group" else "",
    )


def pilot_models_table(r: Rollup) -> Table:
    """Every pilot model of the counted units, whether it counts toward the target or not."""
    yes_no = {True: _("Yes"), False: _("No")}
    return Table(
        key="pilot_models",
        title=_("Pilot models"),
        sheet=_("Pilot models"),
        columns=[
            Column(_("No."), CENTER, 10, 6),
            Column(_("Unit"), TEXT, 37, 36),
            Column(_("Model"), TEXT, 45, 40),
            Column(_("Place"), TEXT, 30, 24),
            Column(_("Target group"), TEXT, None, 24),
            Column(_("Status"), TEXT, 21, 14),
            Column(_("Started"), CENTER, 22, 12),
            Column(_("Counts toward the target"), CENTER, None, 14),
        ],
        rows=[
            [
                i,
                _text(m.unit),
                _text(m.name),
                _text(m.place),
                m.target_group_label,
                m.status_label,
                m.start_date,
                yes_no[m.counts_toward_target],
            ]
            for i, m in enumerate(r.pilot_models.models, start=1)
        ],
    )


def training_table(r: Rollup) -> Table:
    """Per task with a training target or with courses: the counted courses and participants (the
    workbook's; the PDF says the same in a sentence per task)."""
    return Table(
        key="training",
        title=_("Training courses by task"),
        sheet=_("Training"),
        columns=[
            Column(_("Task"), CENTER, None, 8),
            Column(_("Title"), TEXT, None, 60),
            Column(_("Courses"), NUMBER, None, 12),
            Column(_("Participants"), NUMBER, None, 14),
        ],
        rows=[[item.task, _text(item.title), item.courses, item.participants] for item in r.training],
    )


def training_tables(r: Rollup) -> list[Table]:
    """Per task whose courses are counted by region (a target in the North, Centre and South, as
    8.2a, or some course in a named region): its courses by region and the total."""
    tables = []
    for item in r.training:
        if not item.by_region_target:
            continue
        rows = [[row.label, row.courses, row.participants] for row in item.by_region]
        rows.append([_("Total"), item.courses, item.participants])
        tables.append(
            Table(
                key=f"training-{item.task}",
                title=_("Training courses of task %(code)s by region") % {"code": item.task},
                sheet=_("Training"),
                columns=[
                    Column(_("Region"), TEXT, 60, 24),
                    Column(_("Courses"), NUMBER, 40, 12),
                    Column(_("Participants"), NUMBER, 40, 14),
                ],
                rows=rows,
                bold_rows={len(rows) - 1},
            )
        )
    return tables


def units_table(r: Rollup) -> Table:
    """The annex: per unit, its report's status, whether it was sent on time, its figures when counted."""
    yes_no = {True: _("Yes"), False: _("No"), None: None}
    table = Table(
        key="units",
        title=_("Results of the units"),
        sheet=_("Units"),
        columns=[
            Column(_("No."), CENTER, 9, 6),
            Column(_("Unit"), TEXT, 42, 40),
            Column(_("Area"), TEXT, None, 16),
            Column(_("Report"), TEXT, 27, 24),
            Column(_("On time"), CENTER, 15, 10),
            Column(_("Activities"), NUMBER, 17, 12),
            Column(_("Sessions"), NUMBER, None, 12),
            Column(_("Participants"), NUMBER, 19, 14),
            Column(_("Copies"), NUMBER, None, 14),
            Column(_("Online reach"), NUMBER, None, 16),
            Column(_("Pilot models"), NUMBER, 14, 12),
            Column(_("Budget (VND)"), NUMBER, 22, 18),
        ],
        note=_("“—”: not counted (the unit's report is not accepted)."),
    )
    for i, u in enumerate(r.unit_reports, start=1):
        f = figure_cells(u.figures) if u.figures else [None] * 6
        table.rows.append(
            [i, _text(u.name), u.area_label, u.report_status_label, yes_no[u.on_time], *f[:-1], u.pilot_models, f[-1]]
        )
    return table


def texts_table(r: Rollup) -> Table:
    """The difficulties and proposals of the counted reports, one per row (the workbook's)."""
    table = Table(
        key="texts",
        title=_("Difficulties and proposals"),
        sheet=_("Difficulties and proposals"),
        columns=[
            Column(_("Kind"), TEXT, None, 14),
            Column(_("Task"), CENTER, None, 10),
            Column(_("Unit"), TEXT, None, 36),
            Column(_("Text"), TEXT, None, 90),
        ],
    )
    for label, groups in ((_("Difficulty"), r.difficulties), (_("Proposal"), r.proposals)):
        for group in groups:
            for item in group.items:
                table.rows.append([label, group.task or _("General"), _text(item.unit), _text(item.text)])
    return table


def comparison_table(r: Rollup) -> Table | None:
    """Each unit beside the earlier plan's units it stands for (a province of 2025 beside the
    provinces of 2024 it was formed from), their counted figures summed; None without a comparison."""
    c = r.comparison
    if c is None:
        return None
    now, then = str(r.plan.year), str(c.plan.year)
    table = Table(
        key="comparison",
        title=_("Results compared with plan %(number)s (%(year)s)") % {"number": c.plan.number, "year": then},
        sheet=_("Comparison"),
        columns=[
            Column(_("No."), CENTER, 8, 6),
            Column(_("Unit"), TEXT, 38, 36),
            Column(_("Units of %(year)s") % {"year": then}, TEXT, 44, 48),
            Column(_("Activities %(year)s") % {"year": now}, NUMBER, 18, 14),
            Column(_("Activities %(year)s") % {"year": then}, NUMBER, 18, 14),
            Column(_("Participants %(year)s") % {"year": now}, NUMBER, 20, 16),
            Column(_("Participants %(year)s") % {"year": then}, NUMBER, 20, 16),
            Column(_("Budget (VND) %(year)s") % {"year": now}, NUMBER, None, 18),
            Column(_("Budget (VND) %(year)s") % {"year": then}, NUMBER, None, 18),
        ],
        note=_(
            "A unit formed by the 2025 merger is set beside the units it was formed from, their figures summed. "
            "“—”: nothing counted (no accepted report)."
        ),
    )

    def cells(f: Figures | None) -> tuple:
        return (f.activities, f.participants, f.budget_vnd) if f else (None, None, None)

    for i, row in enumerate(c.rows, start=1):
        a_now, p_now, b_now = cells(row.figures)
        a_then, p_then, b_then = cells(row.earlier_figures)
        names = "; ".join(_text(name) for name in row.earlier_units) or "—"
        table.rows.append([i, _text(row.name), names, a_now, a_then, p_now, p_then, b_now, b_then])
    table.bold_rows.add(len(table.rows))
    t, e = c.totals, c.earlier_totals
    table.rows.append(
        ["", _("Total"), "", t.activities, e.activities, t.participants, e.participants, t.budget_vnd, e.budget_vnd]
    )
    return table


def report_tables(r: Rollup) -> list[Table]:
    """Every table of the report, in the workbook's order."""
    return [
        results_table(r),
        deadlines_table(r),
        *(breakdown_table(r, key) for key in ("by_area", "by_target_group", "by_form")),
        units_table(r),
        pilot_models_table(r),
        *([training_table(r), *training_tables(r)] if r.training else []),
        texts_table(r),
        *([comparison_table(r)] if r.comparison else []),
    ]
