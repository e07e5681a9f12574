"""Lists that scale (config/lists.py): the sort by a column and its flip, pages whose links keep the
filter and the sort, and the export of what the filter shows, every cell written as data."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from config.lists import MAX_EXPORT_ROWS, Column, ListPage
from tasks.models import Activity
from tests.factories import ActivityFactory

COLUMNS = (
    Column("date", "Ngày", ("start_date",), lambda a: a.start_date),
    Column("title", "Tên", ("title",), lambda a: a.title),
    Column("place", "Nơi", None, lambda a: a.commune),
    Column("people", "Người", ("participants",), lambda a: a.participants, num=True),
)


def listing(query: str = "", **kwargs) -> ListPage:
    request = RequestFactory().get("/hoat-dong/" + (f"?{query}" if query else ""))
    return ListPage(request, queryset=Activity.objects.all(), columns=COLUMNS, default_sort="-date", **kwargs)


@pytest.mark.django_db
def test_the_sort_by_a_column_flips_and_keeps_the_filter():
    for n, day in enumerate((3, 1, 2)):
        ActivityFactory(title=f"Buổi {n}", start_date=date(2024, 5, day), participants=10 * n)
    default = listing("q=Bu%E1%BB%95i")
    assert [a.start_date.day for a in default.page.object_list] == [3, 2, 1]
    headings = {h.column.key: h for h in default.headings}
    assert headings["date"].sorted == "descending"
    assert headings["date"].url == "?q=Bu%E1%BB%95i&sort=date"
    assert headings["title"].url == "?q=Bu%E1%BB%95i&sort=title" and headings["title"].sorted == ""
    assert headings["place"].url is None  # not sortable
    by_people = listing("q=x&sort=-people&page=2")
    assert [a.participants for a in by_people.queryset] == [20, 10, 0]
    assert by_people.query == "q=x&sort=-people"  # the page number is left to the links
    assert by_people.export_query == "q=x&sort=-people&format=xlsx"
    assert listing("sort=place").sort == "-date"  # an unsortable or unknown column: the default
    assert [h.column.key for h in listing(shown=("title", "date")).headings] == ["title", "date"]
    # where the headings are hidden (a phone's cards), the sorts are a select of the filter form
    assert default.sort_options[:2] == [("date", "Ngày ↑", False), ("-date", "Ngày ↓", True)]
    assert "place" not in {value.lstrip("-") for value, _label, _chosen in default.sort_options}


@pytest.mark.django_db
def test_the_export_has_every_row_the_filter_shows_as_data():
    ActivityFactory(title='=HYPERLINK("http://evil")', start_date=date(2024, 5, 1), participants=1250)
    ActivityFactory(title="Buổi hai", start_date=date(2024, 6, 1))
    response = listing("sort=date").export(filename="hoat-dong.xlsx", title="Hoạt động")
    assert response["Content-Disposition"] == 'attachment; filename="hoat-dong.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Ngày", "Tên", "Nơi", "Người")
    assert rows[1][0] == datetime(2024, 5, 1)
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    assert rows[1][1] == '=HYPERLINK("http://evil")' and sheet["B2"].data_type == "s"  # text, not a formula
    assert rows[1][3] == 1250
    assert len(rows) == 3


@pytest.mark.django_db
def test_an_export_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("config.lists.MAX_EXPORT_ROWS", 2)
    ActivityFactory.create_batch(3)
    assert listing().export(filename="x.xlsx", title="x") is None
    assert MAX_EXPORT_ROWS == 20_000
