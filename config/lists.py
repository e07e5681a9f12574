"""Lists that scale, the same on every list page (activities, units, reports, pilot models, training
courses, reminders): search and filters from a form, a sort by any column, pages whose links keep the
filter and the sort, and an XLSX export of exactly what the filter shows. A page reads a fixed number
of queries whatever the number of rows (the tests count them)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import formats
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.spreadsheets import set_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# An export is a workbook built in memory: beyond this many rows, narrow the filter first.
MAX_EXPORT_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    """One column of a list: its heading, how to sort by it (``order``: fields for ``order_by``,
    None when it cannot be sorted) and its value in the export."""

    key: str
    label: object
    order: tuple[str, ...] | None = None
    export: Callable[[object], object] | None = None
    num: bool = False


@dataclass
class Heading:
    column: Column
    url: str | None  # the address sorting by this column (None: not sortable)
    sorted: str  # "ascending", "descending" or "" (for aria-sort)


class ListPage:
    """One page of a filtered, sorted list, with what its template needs (``headings``, ``page``,
    ``query``: the filter and sort to carry into the pagination links and the export link)."""

    def __init__(self, request, *, queryset, columns, default_sort: str, per_page: int = 25, shown=None):
        self.request = request
        self.columns = {c.key: c for c in columns}
        self.shown = tuple(shown) if shown is not None else tuple(self.columns)  # the page's columns
        sort = request.GET.get("sort", "")
        key = sort.removeprefix("-")
        if key not in self.columns or self.columns[key].order is None:
            sort, key = default_sort, default_sort.removeprefix("-")
        self.sort, self.descending = sort, sort.startswith("-")
        order = list(self.columns[key].order)
        if self.descending:
            order = [f[1:] if f.startswith("-") else f"-{f}" for f in order]
        self.queryset = queryset.order_by(*order, "-pk" if self.descending else "pk")
        self.per_page = per_page

    def kept(self, **changes) -> str:
        """The current query string with ``changes`` (None removes a key)."""
        params = {k: v for k, v in self.request.GET.items() if k not in ("page", "format")}
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
        return urlencode([(k, v) for k, v in params.items() if v not in ("", None)])

    @property
    def query(self) -> str:
        """The filter and sort, for pagination links (``?{{ list.query }}&page=2``)."""
        return self.kept()

    @property
    def export_query(self) -> str:
        return self.kept(format="xlsx")

    @property
    def headings(self) -> list[Heading]:
        current = self.sort.removeprefix("-")
        headings = []
        for column in (self.columns[key] for key in self.shown):
            if column.order is None:
                headings.append(Heading(column, None, ""))
                continue
            is_current = column.key == current
            flip = f"{'' if self.descending else '-'}{column.key}" if is_current else column.key
            state = ("descending" if self.descending else "ascending") if is_current else ""
            headings.append(Heading(column, "?" + self.kept(sort=flip), state))
        return headings

    @property
    def sort_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, chosen) for a select of the sorts: every sortable column, both ways (where the
        headings are hidden, as on a phone's cards)."""
        options = []
        for column in (self.columns[key] for key in self.shown):
            if column.order is not None:
                for value, arrow in ((column.key, "↑"), (f"-{column.key}", "↓")):
                    options.append((value, f"{column.label} {arrow}", value == self.sort))
        return options

    @property
    def page(self):
        if not hasattr(self, "_page"):
            self._page = Paginator(self.queryset, self.per_page).get_page(self.request.GET.get("page"))
        return self._page

    @property
    def wants_export(self) -> bool:
        return self.request.GET.get("format") == "xlsx"

    def export(self, *, filename: str, title: str) -> HttpResponse | None:
        """The filtered, sorted list as an XLSX workbook (every row, not one page); None when it has
        more than MAX_EXPORT_ROWS rows (the page says to narrow the filter)."""
        rows = list(self.queryset[: MAX_EXPORT_ROWS + 1])
        if len(rows) > MAX_EXPORT_ROWS:
            return None
        columns = [c for c in self.columns.values() if c.export is not None]
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title[:31]
        for index, column in enumerate(columns, start=1):
            set_cell(sheet, 1, index, str(column.label)).font = Font(bold=True)
        for number, row in enumerate(rows, start=2):
            for index, column in enumerate(columns, start=1):
                value = column.export(row)
                cell = set_cell(sheet, number, index, value)
                if isinstance(value, datetime):
                    cell.number_format = "HH:MM DD/MM/YYYY"
                elif isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
        buffer = BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response


def narrowed(qs, filters: dict, lookups: dict[str, str]):
    """``qs`` narrowed by each filter of ``filters`` that has a value, through its lookup in
    ``lookups`` (filter name → ORM lookup): the one way every list applies its form's filters."""
    for name, lookup in lookups.items():
        if filters.get(name):
            qs = qs.filter(**{lookup: filters[name]})
    return qs


def too_many_rows_message() -> str:
    return _("The list has more than %(max)s rows: narrow the filter to export it.") % {
        "max": formats.number_format(MAX_EXPORT_ROWS, force_grouping=True)
    }
