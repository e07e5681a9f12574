"""Spreadsheet import of activities (issue 3, item 7): the XLSX template and the import itself.

Units keep Excel tallies; they download a template with Vietnamese headings, fill one row per
activity and send it back as XLSX or CSV (UTF-8). The import is all or nothing: every bad cell is
reported by its row number and column heading, and nothing is written unless every row is valid.
The cross-field rules are ``tasks.services.activity_check``'s; the unit is always the user's own.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from accounts.models import User
from accounts.permissions import unit_member_required
from accounts.text import name_key, nfc
from plans.models import Plan, Task
from tasks.activities.models import Activity, DisseminationForm, TargetGroup, Topic
from tasks.activities.services import RowsInvalid, activities_create_many, activity_check

MAX_BYTES = getattr(settings, "ACTIVITY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
MAX_ROWS = getattr(settings, "ACTIVITY_IMPORT_MAX_ROWS", 20_000)
# A ZIP of a few MB can inflate to gigabytes; a real 20,000-row workbook stays far below this.
MAX_UNCOMPRESSED_BYTES = 25 * MAX_BYTES
BATCH_SIZE = 500

TEXT, DATE, TASK, FORM, GROUPS, TOPICS, COUNT = "text", "date", "task", "form", "groups", "topics", "count"


@dataclass(frozen=True)
class Column:
    key: str  # the Activity field, or "target_groups"
    heading: object  # lazy, translated
    kind: str
    required: bool = False
    width: int = 18


COLUMNS = (
    Column("task", pgettext_lazy("import column", "Task code"), TASK, required=True, width=12),
    Column("start_date", pgettext_lazy("import column", "Start date"), DATE, required=True, width=14),
    Column("end_date", pgettext_lazy("import column", "End date"), DATE, width=14),
    Column("title", pgettext_lazy("import column", "Title"), TEXT, required=True, width=40),
    Column("description", pgettext_lazy("import column", "Description"), TEXT, width=40),
    Column("form", pgettext_lazy("import column", "Form of dissemination"), FORM, required=True, width=34),
    Column("target_groups", pgettext_lazy("import column", "Target groups"), GROUPS, width=34),
    Column("topics", pgettext_lazy("import column", "Content topics"), TOPICS, width=34),
    Column("commune", pgettext_lazy("import column", "Commune / ward"), TEXT),
    Column("district", pgettext_lazy("import column", "District"), TEXT),
    Column("sessions", pgettext_lazy("import column", "Sessions"), COUNT, width=10),
    Column("participants", pgettext_lazy("import column", "Participants"), COUNT, width=14),
    Column("copies", pgettext_lazy("import column", "Copies of materials"), COUNT, width=14),
    Column("online_reach", pgettext_lazy("import column", "Online reach"), COUNT, width=16),
    Column("budget_vnd", pgettext_lazy("import column", "Budget (VND)"), COUNT, width=16),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
ACTIVITIES_SHEET = pgettext_lazy("import sheet", "Activities")
VALUES_SHEET = pgettext_lazy("import sheet", "Allowed values")
LANGUAGES = ("vi", "en")


# --- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row (None for the whole file), the column heading, a message."""

    row: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRefused(Exception):
    """The file as a whole cannot be imported (type, size, rows, headings)."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors[0].message if errors else "")
        self.errors = errors


def _heading(column: Column) -> str:
    return str(column.heading)


# --- The template -------------------------------------------------------------------------------


def plan_tasks(plan: Plan) -> list[Task]:
    return list(Task.objects.filter(group__plan=plan).order_by("group__order", "order"))


def activities_template(*, plan: Plan, language: str = "vi") -> bytes:
    """The XLSX template for ``plan``: headings in ``language`` (Vietnamese by default), a second
    sheet with the allowed values, and data validation lists where Excel allows them."""
    with translation.override(language):
        return _template(plan)


def _template(plan: Plan) -> bytes:
    tasks = plan_tasks(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(ACTIVITIES_SHEET)
    values = workbook.create_sheet(str(VALUES_SHEET))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    last = MAX_ROWS + 1

    # Allowed values: task codes | task | | form | code | | target group | code | | topic | code
    lists = [
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
    ranges = []
    for index, (first, second, rows) in enumerate(lists):
        col = 1 + 3 * index
        for offset, heading in enumerate((first, second)):
            cell = values.cell(row=1, column=col + offset, value=str(heading))
            cell.font, cell.fill = bold, fill
        for row, (a, b) in enumerate(rows, start=2):
            values.cell(row=row, column=col, value=a).number_format = "@"
            values.cell(row=row, column=col + 1, value=b)
        letter = get_column_letter(col)
        values.column_dimensions[letter].width = 12 if index == 0 else 60
        values.column_dimensions[get_column_letter(col + 1)].width = 60 if index == 0 else 20
        quoted = str(VALUES_SHEET).replace("'", "''")
        ranges.append(f"'{quoted}'!${letter}$2:${letter}${max(2, len(rows) + 1)}")
    values.freeze_panes = "A2"

    # The activities sheet: one heading row, then one row per activity.
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=_heading(column))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.kind in (TASK, DATE, TEXT, FORM, GROUPS, TOPICS):
            dimension.number_format = "@"  # dd/mm/yyyy and 3.1 stay as typed, whatever Excel's locale
        elif column.kind == COUNT:
            dimension.number_format = "#,##0"
    sheet.freeze_panes = "A2"

    sheet_name = str(VALUES_SHEET)
    error_title = _("Invalid value")
    rules = {
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
    date_prompt = _("Write the date as dd/mm/yyyy, e.g. 15/03/2024.")
    multi_prompt = _("Several values: separate them with “;”.")
    count_prompt = _("A whole number, zero or more.")
    for index, column in enumerate(COLUMNS, start=1):
        rule = rules.get(column.key)
        if rule is None and column.kind == DATE:
            rule = DataValidation(showInputMessage=True, prompt=date_prompt)
        elif rule is None and column.kind == COUNT:
            rule = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                showErrorMessage=True,
                errorTitle=error_title,
                error=count_prompt,
            )
        if rule is None:
            continue
        if column.kind in (GROUPS, TOPICS):
            rule.showInputMessage, rule.prompt = True, multi_prompt
        letter = get_column_letter(index)
        rule.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(rule)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_filename(plan: Plan) -> str:
    """An ASCII file name for the template of ``plan``, e.g. mau-nhap-hoat-dong-762-QD-BCA-V03.xlsx."""
    text = plan.number.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return f"mau-nhap-hoat-dong-{slug or plan.pk}.xlsx"


# --- Reading the file ---------------------------------------------------------------------------


def _refuse(message: str) -> ImportRefused:
    return ImportRefused([RowError(None, None, message)])


def read_rows(upload) -> Iterator[tuple[int, list]]:
    """Yield (row number, cell values) of the uploaded XLSX or CSV, after checking its type from
    its content (never its name) and its size."""
    size = upload.size
    if size > MAX_BYTES:
        raise _refuse(_("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)})
    if size == 0:
        raise _refuse(_("The file is empty."))
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_rows(upload)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(_("Old Excel files (.xls) cannot be imported: save the file as .xlsx (Excel Workbook) first."))
    if filetype.guess(head) is not None:
        raise _refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported."))
    return _csv_rows(upload)


def _xlsx_rows(upload) -> Iterator[tuple[int, list]]:
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported.")) from None
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported."))
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(_("The workbook is too large once uncompressed."))
    upload.seek(0)
    try:
        # calamine (Rust) reads a workbook ten times faster than openpyxl; formulas give their values.
        with CalamineWorkbook.from_filelike(upload) as workbook:
            sheet = _activities_sheet(workbook)
            rows = sheet.to_python(skip_empty_area=False) if sheet is not None else []
    except Exception:  # calamine raises many kinds on a damaged workbook
        raise _refuse(_("The workbook cannot be read; open it in Excel and save it again.")) from None
    # Numbered from the sheet's first row; an empty cell is None, as in a CSV row.
    return ((number, [None if v == "" else v for v in row]) for number, row in enumerate(rows, start=1))


def _activities_sheet(workbook):
    """The sheet named as the template's (in any language), else the first one."""
    titles = {name_key(str(ACTIVITIES_SHEET))}
    for language in LANGUAGES:
        with translation.override(language):
            titles.add(name_key(str(ACTIVITIES_SHEET)))
    names = workbook.sheet_names
    name = next((n for n in names if name_key(n) in titles), names[0] if names else None)
    return workbook.get_sheet_by_name(name) if name is not None else None


def _csv_rows(upload) -> Iterator[tuple[int, list]]:
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8 (Comma delimited)”.")) from None
    if "\x00" in text:
        raise _refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        yield from enumerate(reader, start=1)
    except csv.Error:
        raise _refuse(_("Only XLSX workbooks and CSV files (UTF-8) can be imported.")) from None


# --- Reading one cell ---------------------------------------------------------------------------


class CellError(Exception):
    pass


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value) -> str:
    """The cell as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{int(value)}" if value.is_integer() else repr(value)
    return nfc(str(value)).strip()


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?")


def parse_date(value) -> date:
    """dd/mm/yyyy (also with "-" or "."), an ISO date, or a date cell of the workbook."""
    found = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        found = from_excel(value)  # a date cell whose format was lost: Excel's day number
        found = found.date() if isinstance(found, datetime) else found
    elif isinstance(value, str):
        text = value.strip()
        match = _DMY.fullmatch(text)
        try:
            if match:
                found = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            elif match := _ISO.fullmatch(text):
                found = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            found = None
    if not isinstance(found, date) or not 2000 <= found.year <= 2100:
        raise CellError(_("“%(value)s” is not a date: write it as dd/mm/yyyy.") % {"value": _shown(value)})
    return found


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_count(value, *, maximum: int) -> int:
    """A whole number, zero or more. Vietnamese users type "1.500.000": "." groups thousands."""
    if _blank(value):
        return 0
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        text = "".join(value.split()).replace("\u00a0", "")
        sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text)
        if digits.isdigit() and digits.isascii():
            number = sign * int(digits)
        elif _GROUPED.fullmatch(digits):
            number = sign * int(digits.replace(".", ""))
    if number is None:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": _shown(value)})
    if number < 0:
        raise CellError(_("The number must not be negative."))
    if number > maximum:
        raise CellError(_("The number is too large: at most %(max)s.") % {"max": f"{maximum:,}".replace(",", ".")})
    return number


def choice_lookup(choices) -> dict[str, str]:
    """Every way a user may write a choice (its code, its Vietnamese or English label) → its code."""
    lookup = {}
    for value, label in choices.choices:
        lookup[name_key(value)] = value
        for language in LANGUAGES:
            with translation.override(language):
                lookup[name_key(str(label))] = value
    return lookup


def parse_multi(value, lookup: dict[str, str]) -> tuple[list[str], list[str]]:
    """Values separated by ";" (or line breaks) → (codes, unknown parts). A label that itself holds
    a ";" is matched by trying the longest run of parts first."""
    parts = [p.strip() for p in re.split(r"[;\n]", _text(value))]
    parts = [p for p in parts if p]
    codes, unknown, i = [], [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            code = lookup.get(name_key("; ".join(parts[i:j])))
            if code is not None:
                if code not in codes:
                    codes.append(code)
                i = j
                break
        else:
            unknown.append(parts[i])
            i += 1
    return codes, unknown


# --- The import ---------------------------------------------------------------------------------


class _Parser:
    """Turns spreadsheet rows into activity values for one plan, collecting every error."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.tasks = {name_key(t.code): t for t in plan_tasks(plan)}
        self.forms = choice_lookup(DisseminationForm)
        self.groups = choice_lookup(TargetGroup)
        self.topics = choice_lookup(Topic)
        self.headings = {}
        for column in COLUMNS:
            self.headings[name_key(column.key)] = column
            for language in LANGUAGES:
                with translation.override(language):
                    self.headings[name_key(_heading(column))] = column
        self.max_length = {f.name: f.max_length for f in Activity._meta.get_fields() if getattr(f, "max_length", None)}
        # The limits are the model's (config.bounds): the same as the form's and the API's.
        self.maximum = {
            f.name: min(v.limit_value for v in f.validators if isinstance(v, MaxValueValidator))
            for f in Activity._meta.concrete_fields
            if any(isinstance(v, MaxValueValidator) for v in f.validators)
        }
        self.sheet = str(VALUES_SHEET)

    def header(self, number: int, cells: list) -> tuple[dict[int, Column], list[RowError]]:
        positions, errors, seen = {}, [], set()
        for index, cell in enumerate(cells):
            if _blank(cell):
                continue
            column = self.headings.get(name_key(_text(cell)))
            if column is None:
                errors.append(RowError(number, _text(cell), _("Unknown column: use the headings of the template.")))
            elif column.key in seen:
                errors.append(RowError(number, _heading(column), _("This column appears twice.")))
            else:
                seen.add(column.key)
                positions[index] = column
        for column in COLUMNS:
            if column.required and column.key not in seen:
                errors.append(RowError(number, _heading(column), _("This column is missing.")))
        return positions, errors

    def row(self, number: int, cells: list, positions: dict[int, Column]):
        values, groups, errors = {}, [], []
        for index, column in positions.items():
            value = cells[index] if index < len(cells) else None
            try:
                parsed = self.cell(column, value)
            except CellError as error:
                errors.append(RowError(number, _heading(column), str(error)))
                continue
            if column.key == "target_groups":
                groups = parsed
            elif parsed is not None:
                values[column.key] = parsed
        try:
            activity_check(values=values)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = COLUMN_BY_KEY.get(key)
                errors.extend(RowError(number, _heading(column) if column else None, m) for m in messages)
        return values, groups, errors

    def cell(self, column: Column, value):
        if _blank(value):
            if column.required:
                raise CellError(_("This cell must not be empty."))
            return [] if column.kind in (GROUPS, TOPICS) else (None if column.kind == DATE else self.empty(column))
        kind = column.kind
        if kind == TASK:
            task = self.tasks.get(name_key(_text(value)))
            if task is None:
                raise CellError(
                    _("Unknown task code “%(value)s”: the plan %(plan)s has no such task.")
                    % {"value": _shown(value), "plan": self.plan.number}
                )
            return task
        if kind == DATE:
            return parse_date(value)
        if kind == TEXT:
            text = _text(value)
            limit = self.max_length.get(column.key)
            if limit and len(text) > limit:
                raise CellError(
                    _("At most %(max)d characters (this cell has %(count)d).") % {"max": limit, "count": len(text)}
                )
            return text
        if kind == FORM:
            code = self.forms.get(name_key(_text(value)))
            if code is None:
                raise CellError(
                    _("Unknown form of dissemination “%(value)s”; see the sheet “%(sheet)s”.")
                    % {"value": _shown(value), "sheet": self.sheet}
                )
            return code
        if kind in (GROUPS, TOPICS):
            codes, unknown = parse_multi(value, self.groups if kind == GROUPS else self.topics)
            if unknown:
                message = (
                    _("Unknown target group “%(value)s”; see the sheet “%(sheet)s”.")
                    if kind == GROUPS
                    else _("Unknown content topic “%(value)s”; see the sheet “%(sheet)s”.")
                )
                raise CellError(message % {"value": "; ".join(unknown), "sheet": self.sheet})
            return codes
        return parse_count(value, maximum=self.maximum[column.key])

    @staticmethod
    def empty(column: Column):
        return 0 if column.kind == COUNT else ""


def activities_parse(*, plan: Plan, upload) -> tuple[list[tuple[dict, list[str]]], list[int], list[RowError]]:
    """Read and check every row of ``upload``: (values and target groups per row, their row numbers
    in the file, errors)."""
    parser = _Parser(plan)
    rows, numbers, errors, positions = [], [], [], None
    for number, cells in read_rows(upload):
        if all(_blank(c) for c in cells):
            continue
        if positions is None:
            positions, header_errors = parser.header(number, cells)
            if header_errors:
                raise ImportRefused(header_errors)
            continue
        if len(rows) >= MAX_ROWS:
            raise _refuse(
                _("The file has more than %(max)s rows of activities; split it into several files.")
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        values, groups, row_errors = parser.row(number, cells, positions)
        errors.extend(row_errors)
        rows.append((values, groups))
        numbers.append(number)
    if not rows and not errors:
        raise _refuse(_("The file has no activities."))
    return rows, numbers, errors


def row_errors(number: int, exc: ValidationError) -> list[RowError]:
    """A service's ValidationError about one row, as the import's row errors (column headings by field)."""
    fields = getattr(exc, "error_dict", {None: exc.error_list})
    return [
        RowError(row=number, column=_heading(COLUMN_BY_KEY[f]) if f in COLUMN_BY_KEY else None, message=m)
        for f, errors in fields.items()
        for m in ValidationError(errors).messages
    ]


def activities_import(*, by: User, plan: Plan, upload) -> ImportResult:
    """Import the activities of an XLSX or CSV file into the user's own unit for ``plan``: all or
    nothing. Returns the number created, or every error (row, column heading, message) and
    writes nothing. Raises PermissionDenied unless the user is a unit's reporter or leader."""
    unit_member_required(by)
    try:
        rows, numbers, errors = activities_parse(plan=plan, upload=upload)
    except ImportRefused as refused:
        return ImportResult(errors=refused.errors)
    if errors:
        return ImportResult(errors=errors)
    try:
        created = activities_create_many(by=by, rows=rows, reason="import", batch_size=BATCH_SIZE)
    except RowsInvalid as invalid:  # the parser bounds every cell already: this is the service's second word
        return ImportResult(errors=[e for index, exc in invalid.errors for e in row_errors(numbers[index], exc)])
    return ImportResult(created=len(created))
