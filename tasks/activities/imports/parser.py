"""Checking every row of a file against the columns: values and target groups per row, or errors
naming the row and the column heading."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.text import name_key, nfc
from config.collector import collector_paused
from plans.models import Plan
from tasks.activities.imports import limits
from tasks.activities.imports.cells import (
    CellError,
    blank,
    cell_text,
    choice_lookup,
    parse_count,
    parse_date,
    parse_multi,
    shown,
)
from tasks.activities.imports.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    COUNT,
    DATE,
    FORM,
    GROUPS,
    LANGUAGES,
    TASK,
    TEXT,
    TOPICS,
    VALUES_SHEET,
    Column,
    ImportRefused,
    RowError,
    heading,
    plan_tasks,
    refuse,
)
from tasks.activities.imports.reader import read_rows
from tasks.activities.models import Activity, DisseminationForm, TargetGroup, Topic
from tasks.activities.services import activity_check

_REPEATED = (TASK, DATE, FORM, GROUPS, TOPICS, COUNT)


class RowParser:
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
                    self.headings[name_key(heading(column))] = column
        self.max_length = {f.name: f.max_length for f in Activity._meta.get_fields() if getattr(f, "max_length", None)}
        # The limits are the model's (config.bounds): the same as the form's and the API's.
        self.maximum = {
            f.name: min(v.limit_value for v in f.validators if isinstance(v, MaxValueValidator))
            for f in Activity._meta.concrete_fields
            if any(isinstance(v, MaxValueValidator) for v in f.validators)
        }
        self.sheet = str(VALUES_SHEET)
        self.seen: dict[str, dict] = {}  # column → (type, cell) → (value, error message), see reader()

    def header(self, number: int, cells: list) -> tuple[dict[int, Column], list[RowError]]:
        positions, errors, seen = {}, [], set()
        for index, cell in enumerate(cells):
            if blank(cell):
                continue
            column = self.headings.get(name_key(cell_text(cell)))
            if column is None:
                errors.append(RowError(number, cell_text(cell), _("Unknown column: use the headings of the template.")))
            elif column.key in seen:
                errors.append(RowError(number, heading(column), _("This column appears twice.")))
            else:
                seen.add(column.key)
                positions[index] = column
        for column in COLUMNS:
            if column.required and column.key not in seen:
                errors.append(RowError(number, heading(column), _("This column is missing.")))
        return positions, errors

    def readers(self, positions: dict[int, Column]) -> list[tuple[int, Column, object]]:
        """For each column of the file: (its index, the column, how to read one of its cells)."""
        return [(index, column, self.reader(column)) for index, column in positions.items()]

    def reader(self, column: Column):
        """``read`` for ``column``'s cells, one call per cell. A task code, a date, a form, target
        groups, topics or a count repeat row after row: each distinct cell of a column is read once
        per file. A plain text cell (most of a row) is read without the general path."""
        read = self.read
        if column.kind == TEXT:
            limit = self.max_length.get(column.key)

            def text(value):
                if value.__class__ is str:
                    text = nfc(value).strip()
                    if text and (not limit or len(text) <= limit):
                        return text
                return read(column, value)  # empty, too long, or not text

            return text
        if column.kind not in _REPEATED:
            return lambda value: read(column, value)
        seen = self.seen.setdefault(column.key, {})
        copied = column.kind in (GROUPS, TOPICS)  # lists: each row gets its own

        def repeated(value):
            key = (value.__class__, value)
            if (known := seen.get(key)) is None:
                try:
                    known = (read(column, value), None)
                except CellError as error:
                    known = (None, str(error))
                seen[key] = known
            parsed, message = known
            if message is not None:
                raise CellError(message)
            return list(parsed) if copied else parsed

        return repeated

    def row(self, number: int, cells: list, readers: list):
        values, groups, errors, count = {}, [], [], len(cells)
        for index, column, read in readers:
            try:
                parsed = read(cells[index] if index < count else None)
            except CellError as error:
                errors.append(RowError(number, heading(column), str(error)))
                continue
            if column.key == "target_groups":
                groups = parsed
            elif parsed is not None:
                values[column.key] = parsed
        try:
            activity_check(values=values, plan=self.plan)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = COLUMN_BY_KEY.get(key)
                errors.extend(RowError(number, heading(column) if column else None, m) for m in messages)
        return values, groups, errors

    def read(self, column: Column, value):
        if blank(value):
            if column.required:
                raise CellError(_("This cell must not be empty."))
            return [] if column.kind in (GROUPS, TOPICS) else (None if column.kind == DATE else self.empty(column))
        kind = column.kind
        if kind == TASK:
            task = self.tasks.get(name_key(cell_text(value)))
            if task is None:
                raise CellError(
                    _("Unknown task code “%(value)s”: the plan %(plan)s has no such task.")
                    % {"value": shown(value), "plan": self.plan.number}
                )
            return task
        if kind == DATE:
            return parse_date(value)
        if kind == TEXT:
            text = cell_text(value)
            limit = self.max_length.get(column.key)
            if limit and len(text) > limit:
                raise CellError(
                    _("At most %(max)d characters (this cell has %(count)d).") % {"max": limit, "count": len(text)}
                )
            return text
        if kind == FORM:
            code = self.forms.get(name_key(cell_text(value)))
            if code is None:
                raise CellError(
                    _("Unknown form of dissemination “%(value)s”; see the sheet “%(sheet)s”.")
                    % {"value": shown(value), "sheet": self.sheet}
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
    with collector_paused():
        return _parse(plan, upload)


def _parse(plan: Plan, upload) -> tuple[list[tuple[dict, list[str]]], list[int], list[RowError]]:
    parser = RowParser(plan)
    rows, numbers, errors, readers = [], [], [], None
    for number, cells in read_rows(upload):
        if all(blank(c) for c in cells):
            continue
        if readers is None:
            positions, header_errors = parser.header(number, cells)
            if header_errors:
                raise ImportRefused(header_errors)
            readers = parser.readers(positions)
            continue
        if len(rows) >= limits.MAX_ROWS:
            raise refuse(
                _("The file has more than %(max)s rows of activities; split it into several files.")
                % {"max": f"{limits.MAX_ROWS:,}".replace(",", ".")}
            )
        values, groups, row_errors = parser.row(number, cells, readers)
        errors.extend(row_errors)
        rows.append((values, groups))
        numbers.append(number)
    if not rows and not errors:
        raise refuse(_("The file has no activities."))
    return rows, numbers, errors


def row_errors(number: int, exc: ValidationError) -> list[RowError]:
    """A service's ValidationError about one row, as the import's row errors (column headings by field)."""
    if not isinstance(exc, ValidationError):  # the figures are locked (a Conflict): one message for the row
        exc = ValidationError(str(exc))
    fields = getattr(exc, "error_dict", {None: exc.error_list})
    return [
        RowError(row=number, column=heading(COLUMN_BY_KEY[f]) if f in COLUMN_BY_KEY else None, message=m)
        for f, errors in fields.items()
        for m in ValidationError(errors).messages
    ]
