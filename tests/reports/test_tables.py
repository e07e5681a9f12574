"""The report's tables, produced once: the PDF, the Word document and the workbook show the same rows."""

import io
from datetime import date

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from reportlab.platypus import Paragraph
from reportlab.platypus import Table as Grid

from accounts.models import Unit
from reports import tables
from reports.document.ministry import MinistryReport, ministry_letterhead
from reports.docx.results_report import results_docx
from reports.pdf.results_report import ResultsPdf
from reports.rollup import RollupFilters, plan_rollup
from reports.xlsx import rollup_workbook

from .data import fill


@pytest.fixture
def filled(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=["v03", "ca01", "ca79", "ca48"])), per_unit=4)
    return plan


def pdf_rows(rollup, plan, title: str) -> list[list[str]]:
    """The rows of the grid captioned ``title`` in the Ministry's PDF, as printed."""
    document = MinistryReport(rollup=rollup, letterhead=ministry_letterhead(plan, date(2024, 12, 20))).document()
    story = ResultsPdf(document).story()
    at = next(i for i, f in enumerate(story) if isinstance(f, Paragraph) and f.getPlainText().endswith(title))
    grid = next(f for f in story[at:] if isinstance(f, Grid))
    # A cell that fits on one line is a plain string; one that wraps, a Paragraph.
    return [[cell if isinstance(cell, str) else cell.getPlainText() for cell in row] for row in grid._cellvalues[1:]]


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def docx_rows(rollup, plan, title: str) -> list[list[str]]:
    """The rows of the table captioned ``title`` in the Ministry's DOCX, as printed."""
    document = MinistryReport(rollup=rollup, letterhead=ministry_letterhead(plan, date(2024, 12, 20))).document()
    doc = Document(io.BytesIO(results_docx(document)))
    body = list(doc.element.body.iterchildren())
    at = next(i for i, e in enumerate(body) if e.tag == qn("w:p") and text_of(e).endswith(title))
    grid = next(e for e in body[at:] if e.tag == qn("w:tbl"))
    rows = grid.findall(qn("w:tr"))[1:]
    return [[text_of(tc) for tc in tr.findall(qn("w:tc"))] for tr in rows]


def xlsx_rows(rollup, sheet: str) -> list[list]:
    ws = load_workbook(io.BytesIO(rollup_workbook(rollup)))[sheet]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=5)]


@pytest.mark.parametrize("unit_key", [None, "ca79", "v03"])
def test_the_deadline_table_has_the_same_rows_in_the_pdf_and_the_workbook(filled, unit_key):
    """One rule: a row per task the units owe something under, then per deliverable outside the
    tasks (III.3, the results report); a task nobody in the roll-up owes is left out of both."""
    unit = Unit.objects.get(key=unit_key) if unit_key else None
    with translation.override("vi"):
        r = plan_rollup(plan=filled, filters=RollupFilters(unit=unit))
        title = tables.deadlines_table(r).title
        printed = pdf_rows(r, filled, title)
        in_word = docx_rows(r, filled, title)
        written = xlsx_rows(r, "Tiến độ")
    assert in_word == printed
    owed = [t.code for t in r.tasks() if sum(vars(t.obligations).values())]
    # Then the plan's own deliverables the units owe (III.3: every unit's report; V03's compilation).
    codes = {t.code for t in r.tasks()}
    plans_own = [d.code for d in r.deliverables if d.code not in codes and sum(vars(d.obligations).values())]
    expected = [*owed, *plans_own]
    assert "III.3" in expected
    assert [row[0] for row in printed] == [row[0] for row in written] == expected
    # The same counts, in the same columns (the workbook adds the task's title).
    assert [row[1:] for row in printed] == [[f"{n:,}".replace(",", ".") for n in row[2:]] for row in written]
    if unit_key == "ca79":
        assert len(owed) < len(r.tasks())  # some tasks are the departments' only: left out of both


def test_tables_cells_are_text_numbers_dates_or_no_value(filled):
    with translation.override("vi"):
        r = plan_rollup(plan=filled)
        for table in tables.report_tables(r):
            assert all(len(row) == len(table.columns) for row in table.rows), table.key
            for row in table.rows:
                assert all(v is None or isinstance(v, str | int | date) for v in row), table.key


def test_the_annex_marks_units_not_counted(filled):
    with translation.override("vi"):
        r = plan_rollup(plan=filled)
        table = tables.units_table(r)
    rows = {row[1]: row for row in table.rows}
    for u in r.unit_reports:
        figures = rows[u.name][5:]
        assert (None in figures) is (not u.counted)


def test_a_group_of_a_single_task_is_one_row_in_the_pdf_the_docx_and_the_workbook(filled):
    """Group 2 holds task 2 only: one row (bold, as a group's), not the group's and its task's alike;
    a group of several tasks keeps its row above theirs."""
    with translation.override("vi"):
        r = plan_rollup(plan=filled)
        table = tables.results_table(r)
        printed = pdf_rows(r, filled, table.title)
        in_word = docx_rows(r, filled, table.title)
        written = xlsx_rows(r, "Tổng hợp")
    single = [g for g in r.groups if len(g.tasks) == 1]
    assert {g.number for g in single} >= {"2", "5", "7", "9", "10"}
    expected = [
        code
        for g in r.groups
        for code in ([g.tasks[0].code] if len(g.tasks) == 1 else [g.number, *[t.code for t in g.tasks]])
    ]
    expected.append("Tổng cộng")
    assert [row[0] for row in printed] == [row[0] for row in in_word] == expected
    assert [row[0] for row in written][: len(expected)] == expected
    assert len(set(map(tuple, printed))) == len(printed)  # no row printed twice
    bold = [table.rows[i][0] for i in sorted(table.bold_rows)]
    assert bold == [g.tasks[0].code if len(g.tasks) == 1 else g.number for g in r.groups] + ["Tổng cộng"]
