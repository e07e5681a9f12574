"""Hostile workbooks (tasks/activities/imports/sheet_bounds.py): refused with a Vietnamese message
before the spreadsheet reader allocates for what they declare, and the server keeps answering."""

import io
import re
import resource
import zipfile

import pytest
from openpyxl import Workbook

from tasks.activities.imports.sheet_bounds import SheetSize, sheet_size
from tasks.models import Activity
from tests.tasks.activities.imports.test_services import good_row, make_xlsx, upload


def workbook_with_cell(ref: str) -> bytes:
    book = Workbook()
    book.active[ref] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_with_lying_dimension(ref: str) -> bytes:
    """A cell at ``ref`` in a sheet that declares itself A1:C3: the reader allocates for the cells,
    not for the declaration (python-calamine took 1.3 GB for XFD2000), so the cells are counted too."""
    source, out = io.BytesIO(workbook_with_cell(ref)), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as hostile:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, replaced = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C3"/>', data)
                assert replaced == 1
            hostile.writestr(info, data)
    return out.getvalue()


def workbook_of_rows(rows: int) -> bytes:
    """A small zipped workbook whose one sheet lists ``rows`` empty rows (a 1,000,000-row file is ~1 MB)."""
    source = io.BytesIO()
    book = Workbook()
    book.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as hostile:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = b"".join(b'<row r="%d"/>' % n for n in range(1, rows + 1))
                empty = rb"<sheetData\s*/>|<sheetData>\s*</sheetData>"
                data = re.sub(empty, b"<sheetData>" + body + b"</sheetData>", data)
                assert body in data
            hostile.writestr(info, data)
    return out.getvalue()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (lambda: workbook_with_cell("XFD1048576"), "vượt quá dòng 21.000"),
        (lambda: workbook_with_cell("XFD2000"), "cột 16.384"),
        (lambda: workbook_of_rows(1_000_000), "vượt quá dòng 21.000"),
        (lambda: workbook_with_lying_dimension("XFD2000"), "cột 16.384"),
        (lambda: workbook_with_lying_dimension("A1048576"), "vượt quá dòng 21.000"),
    ],
    ids=["XFD1048576", "XFD2000", "a-million-rows", "lying-dimension-XFD2000", "lying-dimension-A1048576"],
)
def test_hostile_workbooks_are_refused_before_reading_and_the_server_still_answers(
    api_as, reporter, plan, content, words
):
    client = api_as(reporter)
    hostile = content()
    before = peak_rss_mb()
    response = upload(client, plan, hostile)
    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert words in message
    assert peak_rss_mb() - before < 100  # the grid it declares was never allocated
    assert Activity.objects.count() == 0
    # The server keeps serving: a good file right after imports.
    assert upload(client, plan, make_xlsx([good_row()])).status_code == 201


def test_the_size_is_read_from_references_dimensions_and_unnumbered_cells():
    xml = (
        b'<worksheet><dimension ref="A1:C3"/><sheetData>'
        b'<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>'
        b"<row><c/><c/><c/><c/></row></sheetData></worksheet>"
    )
    assert sheet_size(io.BytesIO(xml)) == SheetSize(rows=3, columns=4, cells=6)


def test_a_tag_split_across_chunks_is_still_counted(monkeypatch):
    from tasks.activities.imports import sheet_bounds

    monkeypatch.setattr(sheet_bounds, "CHUNK", 7)
    xml = b"<sheetData>" + b"".join(b'<row r="%d"><c r="B%d"/></row>' % (n, n) for n in range(1, 50)) + b"</sheetData>"
    assert sheet_size(io.BytesIO(xml)) == SheetSize(rows=49, columns=2, cells=49)


@pytest.mark.parametrize(
    "body",
    [
        # as spreadsheet programs write it: every row and cell with its reference (the fast path)
        b"".join(b'<row r="%d"><c r="A%d" t="s"><v>1</v></c><c r="O%d"/></row>' % (n, n, n) for n in range(1, 9)),
        # a cell far down a row, and one far right, in the middle of plain ones
        b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B7000"><v>1</v></c><c r="AZ2"/></row>',
        # unnumbered rows and cells, formulas and inline strings mixed with numbered ones
        b'<row r="3"><c r="C3"><f>1+1</f><v>2</v></c><c/><c t="inlineStr"><is><t>x</t></is></c></row><row><c/></row>'
        b'<row r="9"><c r="A9"/><c/><c/></row>',
    ],
    ids=["plain", "far-cells", "unnumbered"],
)
@pytest.mark.parametrize("chunk", [7, 50, 1 << 16])
def test_the_fast_path_counts_what_the_tag_by_tag_reading_counts(monkeypatch, body, chunk):
    from tasks.activities.imports import sheet_bounds

    xml = b'<worksheet><dimension ref="A1:B2"/><sheetData>' + body + b"</sheetData></worksheet>"
    monkeypatch.setattr(sheet_bounds, "CHUNK", chunk)
    fast = sheet_size(io.BytesIO(xml))
    monkeypatch.setattr(sheet_bounds, "_referenced", lambda *args: None)
    assert fast == sheet_size(io.BytesIO(xml))


def test_plain_cells_take_the_fast_path():
    from tasks.activities.imports.sheet_bounds import _referenced

    plain = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>1</v></c><c r="O%d"/></row>' % (n, n, n) for n in range(1, 4))
    size = SheetSize()
    assert _referenced(plain, size, 0, 0) == (3, 15)
    assert size == SheetSize(rows=3, columns=15, cells=6)
    assert _referenced(plain + b"<c/>", SheetSize(), 0, 0) is None  # an unnumbered cell: tag by tag
