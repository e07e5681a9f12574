"""Cells the application writes are data (config/spreadsheets.py): no formula from what users typed."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from config.spreadsheets import set_cell


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://example.test","bấm")', "+1+2", "-3", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"]
)
def test_text_that_looks_like_a_formula_is_stored_as_text(text):
    book = Workbook()
    set_cell(book.active, 1, 1, text)
    set_cell(book.active, 1, 2, 1234)
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].value.replace("\r", "\n") == text.replace("\r", "\n")  # some XML readers turn CR into LF
    assert sheet["A1"].quotePrefix
    assert sheet["B1"].data_type == "n" and sheet["B1"].value == 1234  # numbers stay numbers
