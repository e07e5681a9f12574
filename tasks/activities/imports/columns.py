"""The import's columns (what each holds and how it is read), its results and its errors."""

from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

from plans.models import Plan, Task

# The kinds of cell a column holds.
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
    """What an import did: rows created; rows skipped as duplicates (their row numbers in the file);
    rows refused (with ``errors``: then nothing at all was written)."""

    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    duplicate_rows: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def duplicates(self) -> int:
        return len(self.duplicate_rows)

    @property
    def refused(self) -> int:
        """How many rows of the file have at least one error."""
        return len({e.row for e in self.errors if e.row is not None})

    def counts(self) -> dict:
        return {"created": self.created, "duplicates": self.duplicates, "refused": self.refused}


class ImportRefused(Exception):
    """The file as a whole cannot be imported (type, size, rows, headings)."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors[0].message if errors else "")
        self.errors = errors


def heading(column: Column) -> str:
    return str(column.heading)


def plan_tasks(plan: Plan) -> list[Task]:
    return list(Task.objects.filter(group__plan=plan).order_by("group__order", "order"))


def refuse(message: str) -> ImportRefused:
    return ImportRefused([RowError(None, None, message)])
