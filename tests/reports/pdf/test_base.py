"""The base of every PDF: fonts embedded once, the report's tables as grids, and the tools that read them back."""

import shutil
import subprocess
import unicodedata
from datetime import date

from django.utils import translation
from reportlab.platypus import Paragraph

from reports.pdf.base import BOLD, FONT, PdfDocument, cell_text, register_fonts
from reports.rollup import RollupFilters
from reports.services import rollup_pdf
from reports.tables import CENTER, NUMBER, TEXT, Column, Table
from tests.services import unavailable


def test_pdf_tools_are_installed_and_read_our_pdf(plan):
    """The PDF tests read text with poppler's pdftotext and fonts with pdffonts (pypdf's fallback
    reads less): required on CI, skipped elsewhere when missing. Installed, they read our file:
    its Vietnamese text and its one embedded font family."""
    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        unavailable("poppler-utils (pdftotext, pdffonts) is not installed")
    content = rollup_pdf(plan=plan, filters=RollupFilters())
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in unicodedata.normalize("NFC", text.stdout.decode())
    fonts = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout.decode()
    rows = [row.split() for row in fonts.splitlines()[2:] if row.strip()]
    assert rows and all("LiberationSerif" in row[0] and row[-5] == "yes" for row in rows)


def test_fonts_are_registered_once_per_process():
    assert register_fonts() is register_fonts()
    assert register_fonts.cache_info().currsize == 1


def test_cells_numbers_dates_and_no_value():
    with translation.override("vi"):
        assert cell_text(1234567) == "1.234.567"
        assert cell_text(date(2024, 3, 5)) == "05/03/2024"
        assert cell_text(None) == "—"
        assert cell_text("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_a_grid_prints_the_columns_that_fit_the_page():
    table = Table(
        key="t",
        title="T",
        sheet="T",
        columns=[Column("Mã", CENTER, 20, 8), Column("Tên đầy đủ", TEXT, None, 60), Column("Số", NUMBER, 30, 12)],
        rows=[["1.1", "Một tên rất dài", 1200], ["Tổng", "", None]],
        bold_rows={1},
    )
    with translation.override("vi"):
        grid = PdfDocument().grid(table)
    cells = [[c.text if isinstance(c, Paragraph) else c for c in row] for row in grid._cellvalues]
    assert cells == [["Mã", "Số"], ["1.1", "1.200"], ["Tổng", "—"]]
    fonts = [[style.fontname for style in row] for row in grid._cellStyles[1:]]
    assert fonts == [[FONT, FONT], [BOLD, BOLD]]  # the total row in bold
    assert [style.alignment for style in grid._cellStyles[1]] == ["CENTER", "RIGHT"]
    assert list(grid._colWidths) == [20 * 72 / 25.4, 30 * 72 / 25.4]


def test_a_grid_wraps_only_the_text_too_long_for_its_column():
    """A cell that fits its column is a plain string; a longer one wraps (a Paragraph), its text
    escaped as typed and bold in a bold row."""
    table = Table(
        key="t",
        title="T",
        sheet="T",
        columns=[Column("Đơn vị", TEXT, 30, 30), Column("Số", NUMBER, 20, 8)],
        rows=[["Công an tỉnh Bà Rịa - Vũng Tàu <b>", 5], ["Hà Nội", 7], ["Tổng cộng các đơn vị được tính", 12]],
        bold_rows={2},
    )
    with translation.override("vi"):
        grid = PdfDocument().grid(table)
    long, short, total = (row[0] for row in grid._cellvalues[1:])
    assert isinstance(long, Paragraph) and long.text == "Công an tỉnh Bà Rịa - Vũng Tàu &lt;b&gt;"
    assert short == "Hà Nội"
    assert isinstance(total, Paragraph) and total.text == "<b>Tổng cộng các đơn vị được tính</b>"
    assert [row[1] for row in grid._cellvalues[1:]] == ["5", "7", "12"]
