"""Spreadsheet import of activities: units keep Excel tallies; they download a template with
Vietnamese headings (template.py), fill one row per activity and send it back as XLSX or CSV
(reader.py, cells.py, parser.py). The import is all or nothing: every bad cell is reported by its
row number and column heading, and nothing is written unless every row is valid. The activities are
created by ``tasks.activities.services.activities_create_many``, as the form's; the unit is the
user's own, or one it took over (``unit``)."""

from django.core.exceptions import ValidationError

from accounts.models import Unit, User
from accounts.permissions import unit_member_required
from config.collector import collector_paused
from plans.models import Plan
from tasks.activities.imports import limits
from tasks.activities.imports.columns import ImportRefused, ImportResult, RowError
from tasks.activities.imports.parser import activities_parse, row_errors
from tasks.activities.services import RowsInvalid, activities_create_many, duplicate_rows
from tasks.obligations.services import unit_in_plan_check


@collector_paused()  # from the first cell read to the last row written: config/collector.py
def activities_import(
    *, by: User, plan: Plan, upload, include_duplicates: bool = False, unit: Unit | None = None
) -> ImportResult:
    """Import the activities of an XLSX or CSV file into the user's own unit for ``plan``. Rows the
    unit already has (or that repeat an earlier row: same task, date, title and place,
    ``services.duplicate_rows``) are skipped and listed unless ``include_duplicates``, so a file
    imported twice adds nothing. Otherwise all or nothing: every error (row, column heading,
    message) is returned and nothing is written. Raises PermissionDenied unless the user is a
    unit's reporter or leader."""
    unit = unit_member_required(by, unit)
    try:
        unit_in_plan_check(unit=unit, plan_ids=[plan.pk])  # before reading: the file is not the problem
    except ValidationError as refused:
        return ImportResult(errors=[RowError(None, None, m) for m in refused.messages])
    try:
        rows, numbers, errors = activities_parse(plan=plan, upload=upload)
    except ImportRefused as refused:
        return ImportResult(errors=refused.errors)
    duplicates = [] if include_duplicates else duplicate_rows(unit_id=unit.pk, rows=[values for values, _g in rows])
    skipped = set(duplicates)
    result = ImportResult(errors=errors, duplicate_rows=[numbers[i] for i in duplicates])
    if errors:
        return result
    new = [(index, row) for index, row in enumerate(rows) if index not in skipped]
    if not new:
        return result
    try:
        created = activities_create_many(
            by=by, rows=[row for _i, row in new], reason="import", batch_size=limits.BATCH_SIZE, unit=unit
        )
    except RowsInvalid as invalid:  # the parser bounds every cell already: this is the service's second word
        result.errors = [e for index, exc in invalid.errors for e in row_errors(numbers[new[index][0]], exc)]
        return result
    result.created = len(created)
    return result
