"""Spreadsheet import of activities: units keep Excel tallies; they download a template with
Vietnamese headings (template.py), fill one row per activity and send it back as XLSX or CSV
(reader.py, cells.py, parser.py). The import is all or nothing: every bad cell is reported by its
row number and column heading, and nothing is written unless every row is valid. The activities are
created by ``tasks.activities.services.activities_create_many``, as the form's; the unit is always
the user's own."""

from accounts.models import User
from accounts.permissions import unit_member_required
from plans.models import Plan
from tasks.activities.imports import limits
from tasks.activities.imports.columns import ImportRefused, ImportResult
from tasks.activities.imports.parser import activities_parse, row_errors
from tasks.activities.services import RowsInvalid, activities_create_many


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
        created = activities_create_many(by=by, rows=rows, reason="import", batch_size=limits.BATCH_SIZE)
    except RowsInvalid as invalid:  # the parser bounds every cell already: this is the service's second word
        return ImportResult(errors=[e for index, exc in invalid.errors for e in row_errors(numbers[index], exc)])
    return ImportResult(created=len(created))
