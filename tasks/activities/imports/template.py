"""The XLSX template a unit downloads: Vietnamese (or English) headings, the plan's tasks and the
allowed values, with validation lists."""

import io
import re
import unicodedata

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from config.spreadsheets import set_cell
from plans.models import Plan
from tasks.activities.imports import limits
from tasks.activities.imports.columns import (
    ACTIVITIES_SHEET,
    COLUMNS,
    COUNT,
    DATE,
    FORM,
    GROUPS,
    TASK,
    TEXT,
    TOPICS,
    VALUES_SHEET,
    heading,
    plan_tasks,
)
from tasks.activities.models import DisseminationForm, TargetGroup, Topic


def activities_template(*, plan: Plan, language: str = "vi") -> bytes:
    """The XLSX template for ``plan``: headings in ``language`` (Vietnamese by default), a second
    sheet with the allowed values, and data validation lists where Excel allows them."""
    with translation.override(language):
        return _template(plan)


BOLD = Font(bold=True)
FILL = PatternFill("solid", fgColor="DDEBF7")


def _template(plan: Plan) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(ACTIVITIES_SHEET)
    ranges = _values_sheet(workbook.create_sheet(str(VALUES_SHEET)), plan_tasks(plan))
    _activities_sheet(sheet)
    _validations(sheet, ranges)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _value_lists(tasks: list) -> list:
    """(first heading, second heading, rows) of each list of allowed values."""
    return [
        (
            pgettext_lazy("import column", "Task code"),
            pgettext_lazy("import sheet", "Task"),
            [(t.code, t.title) for t in tasks],
        ),
        (
            pgettext_lazy("import column", "Form of dissemination"),
            pgettext_lazy("import sheet", "Code"),
            [(str(label), value) for value, label in DisseminationForm.choices],
        ),
        (
            pgettext_lazy("import sheet", "Target group"),
            pgettext_lazy("import sheet", "Code"),
            [(str(label), value) for value, label in TargetGroup.choices],
        ),
        (
            pgettext_lazy("import sheet", "Content topic"),
            pgettext_lazy("import sheet", "Code"),
            [(str(label), value) for value, label in Topic.choices],
        ),
    ]


def _values_sheet(values, tasks: list) -> list[str]:
    """The allowed values, side by side (task codes | task | | form | code | | …); returns the range
    of each list's first column, for the validation lists."""
    ranges = []
    for index, (first, second, rows) in enumerate(_value_lists(tasks)):
        col = 1 + 3 * index
        for offset, title in enumerate((first, second)):
            cell = set_cell(values, 1, col + offset, str(title))
            cell.font, cell.fill = BOLD, FILL
        for row, (a, b) in enumerate(rows, start=2):
            set_cell(values, row, col, a).number_format = "@"
            set_cell(values, row, col + 1, b)
        letter = get_column_letter(col)
        values.column_dimensions[letter].width = 12 if index == 0 else 60
        values.column_dimensions[get_column_letter(col + 1)].width = 60 if index == 0 else 20
        quoted = str(VALUES_SHEET).replace("'", "''")
        ranges.append(f"'{quoted}'!${letter}$2:${letter}${max(2, len(rows) + 1)}")
    values.freeze_panes = "A2"
    return ranges


def _activities_sheet(sheet) -> None:
    """One heading row, then one row per activity."""
    for index, column in enumerate(COLUMNS, start=1):
        cell = set_cell(sheet, 1, index, heading(column))
        cell.font, cell.fill = BOLD, FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.kind in (TASK, DATE, TEXT, FORM, GROUPS, TOPICS):
            dimension.number_format = "@"  # dd/mm/yyyy and 3.1 stay as typed, whatever Excel's locale
        elif column.kind == COUNT:
            dimension.number_format = "#,##0"
    sheet.freeze_panes = "A2"


def _list_rules(ranges: list[str]) -> dict:
    sheet_name = str(VALUES_SHEET)
    error_title = _("Invalid value")
    return {
        "task": DataValidation(
            type="list",
            formula1=ranges[0],
            showErrorMessage=True,
            errorTitle=error_title,
            error=_("Choose a task code from the sheet “%(sheet)s”.") % {"sheet": sheet_name},
        ),
        "form": DataValidation(
            type="list",
            formula1=ranges[1],
            showErrorMessage=True,
            errorTitle=error_title,
            error=_("Choose a form of dissemination from the sheet “%(sheet)s”.") % {"sheet": sheet_name},
        ),
        # Several values are allowed: the list helps with one, and typing "a; b" is not refused.
        "target_groups": DataValidation(type="list", formula1=ranges[2], showErrorMessage=False),
        "topics": DataValidation(type="list", formula1=ranges[3], showErrorMessage=False),
    }


def _validations(sheet, ranges: list[str]) -> None:
    """Excel's own checks on each column, down to the last row an import takes."""
    rules = _list_rules(ranges)
    last = limits.MAX_ROWS + 1
    for index, column in enumerate(COLUMNS, start=1):
        rule = rules.get(column.key)
        if rule is None and column.kind == DATE:
            rule = DataValidation(showInputMessage=True, prompt=_("Write the date as dd/mm/yyyy, e.g. 15/03/2024."))
        elif rule is None and column.kind == COUNT:
            rule = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                showErrorMessage=True,
                errorTitle=_("Invalid value"),
                error=_("A whole number, zero or more."),
            )
        if rule is None:
            continue
        if column.kind in (GROUPS, TOPICS):
            rule.showInputMessage, rule.prompt = True, _("Several values: separate them with “;”.")
        letter = get_column_letter(index)
        rule.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(rule)


def template_filename(plan: Plan) -> str:
    """An ASCII file name for the template of ``plan``, e.g. mau-nhap-hoat-dong-762-QD-BCA-V03.xlsx."""
    text = plan.number.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return f"mau-nhap-hoat-dong-{slug or plan.pk}.xlsx"
