"""The one small base of every PDF report (as pretix's ``ReportlabExportMixin``).

It registers the shipped Liberation Serif fonts once per process (Times New Roman metrics,
Vietnamese coverage, SIL Open Font License, see reports/fonts/OFL.txt), lays out A4 pages with the
Decree 30 margins and page numbers, builds the story and returns bytes; it renders the report's
tables (``reports.tables``) as grids. Every string goes through gettext and
``unicodedata.normalize("NFC")``; callers render inside ``translation.override("vi")`` and the plan's
time zone (see ``reports.services``).
"""

import functools
import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics import shapes
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from reports.document import frame, text
from reports.document.text import nfc
from reports.tables import CENTER, NUMBER
from reports.tables import Table as DataTable

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "LiberationSerif"
FONT_FILES = {
    FONT: "LiberationSerif-Regular.ttf",
    f"{FONT}-Bold": "LiberationSerif-Bold.ttf",
    f"{FONT}-Italic": "LiberationSerif-Italic.ttf",
    f"{FONT}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
BOLD, ITALIC, BOLD_ITALIC = f"{FONT}-Bold", f"{FONT}-Italic", f"{FONT}-BoldItalic"
# A table used only to place blocks side by side (header, "Kính gửi", signature): no padding.
LAYOUT_TABLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
]
GRID_TABLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


@functools.cache
def register_fonts() -> str:
    """Register the four Liberation Serif faces once per process; they are embedded (subset)."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    # Charts start from reportlab's default state, whose font is Helvetica (not embedded, no
    # Vietnamese): make ours the default so nothing in the file falls back to it.
    shapes.STATE_DEFAULTS["fontName"] = FONT
    return FONT


def markup(value) -> str:
    """Text for a Paragraph: NFC, XML-escaped (what the user typed stays text), line breaks kept."""
    return escape(nfc(value)).replace("\n", "<br/>")


def cell_text(value) -> str:
    """A table cell as Paragraph markup: numbers grouped, dates dd/mm/yyyy, None as "—"."""
    return markup(text.cell_text(value))


def make_styles(size: float) -> dict[str, ParagraphStyle]:
    """The body's paragraph styles: text, headings, captions, notes and table cells."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.25, alignment=TA_JUSTIFY)

    def style(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    cell = {"fontSize": 10, "leading": 12}
    return {
        "body": style("para", firstLineIndent=10 * mm, spaceAfter=4),
        "plain": base,
        "center": style("center", alignment=TA_CENTER),
        "left": style("left", alignment=TA_LEFT),
        "h1": style("h1", fontName=BOLD, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "h2": style("h2", fontName=BOLD, firstLineIndent=10 * mm, spaceBefore=4, spaceAfter=3, keepWithNext=1),
        "h3": style("h3", fontName=BOLD_ITALIC, firstLineIndent=10 * mm, spaceBefore=2, spaceAfter=2, keepWithNext=1),
        "bullet": style("bullet", firstLineIndent=10 * mm, spaceAfter=2),
        "caption": style(
            "caption",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "note": style("note", fontName=ITALIC, fontSize=11, leading=13.5, spaceAfter=4),
        "cell": style("cell", alignment=TA_LEFT, **cell),
        "cell-num": style("cell-num", alignment=TA_RIGHT, **cell),
        "cell-center": style("cell-center", alignment=TA_CENTER, **cell),
        "cell-head": style("cell-head", fontName=BOLD, alignment=TA_CENTER, **cell),
    }


CELL_STYLE = {CENTER: "cell-center", NUMBER: "cell-num"}
# A grid's body cells drawn as plain strings: the "cell" styles' font, size and leading.
CELL_SIZE, CELL_LEADING, CELL_PADDING = 10, 12, 6  # padding: left + right (GRID_TABLE)
CELL_ALIGN = {CENTER: "CENTER", NUMBER: "RIGHT"}
GRID_BODY = [
    ("FONTSIZE", (0, 1), (-1, -1), CELL_SIZE),
    ("LEADING", (0, 1), (-1, -1), CELL_LEADING),
]


class PdfDocument:
    """The base of every PDF report: A4, Decree 30 margins, fonts, page numbers, bytes out."""

    pagesize = A4
    # Decree 30/2020, Appendix I (``reports.document.frame``).
    margin_top = frame.MARGIN_TOP_MM * mm
    margin_bottom = frame.MARGIN_BOTTOM_MM * mm
    margin_left = frame.MARGIN_LEFT_MM * mm
    margin_right = frame.MARGIN_RIGHT_MM * mm
    body_size = 13

    def __init__(self):
        register_fonts()
        self.styles = self.make_styles()

    @property
    def text_width(self) -> float:
        return self.pagesize[0] - self.margin_left - self.margin_right

    def title(self) -> str:
        return ""

    def author(self) -> str:
        return ""

    def story(self) -> list:
        raise NotImplementedError

    def make_styles(self) -> dict[str, ParagraphStyle]:
        return make_styles(self.body_size)

    def p(self, text, style="body") -> Paragraph:
        return Paragraph(markup(text), self.styles[style])

    def on_page(self, canvas, doc):
        """Decree 30: page numbers in the middle of the top margin, from the second page on."""
        if doc.page >= 2:
            canvas.saveState()
            canvas.setFont(FONT, 13)
            canvas.drawCentredString(
                self.margin_left + self.text_width / 2, self.pagesize[1] - self.margin_top / 2 - 4, str(doc.page)
            )
            canvas.restoreState()

    def render(self) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            title=nfc(self.title()),
            author=nfc(self.author()),
            creator="pbgdpl-tracker",
            lang="vi",
            # The canvas starts with our font, so no unembedded Helvetica lands in the file.
            initialFontName=FONT,
            initialFontSize=self.body_size,
        )
        doc.build(self.story(), onFirstPage=self.on_page, onLaterPages=self.on_page)
        return buffer.getvalue()

    def grid(self, table: DataTable) -> Table:
        """A report table (``reports.tables``) as a grid: the columns that fit the page, the header
        repeated on each page, numbers right-aligned, text wrapped, group and total rows bold.

        A cell that fits on one line is a plain string drawn in the cell's font (most of them:
        numbers, codes, dates, short names); only text that must wrap becomes a Paragraph, which
        costs reportlab a markup parse and a line-breaking pass each time the table is laid out."""
        columns, rows = table.printed()
        widths = [c.pdf_mm * mm for c in columns]
        data = [[Paragraph(markup(c.label), self.styles["cell-head"]) for c in columns]]
        commands = [*GRID_TABLE, *GRID_BODY]
        commands += [("ALIGN", (j, 1), (j, -1), CELL_ALIGN.get(c.kind, "LEFT")) for j, c in enumerate(columns)]
        for i, row in enumerate(rows):
            bold = i in table.bold_rows
            if bold:
                commands.append(("FONTNAME", (0, i + 1), (-1, i + 1), BOLD))
            font = BOLD if bold else FONT
            cells = []
            for column, width, value in zip(columns, widths, row, strict=True):
                plain = text.cell_text(value)
                if "\n" in plain or pdfmetrics.stringWidth(plain, font, CELL_SIZE) > width - CELL_PADDING:
                    wrapped = markup(plain)
                    style = self.styles[CELL_STYLE.get(column.kind, "cell")]
                    cells.append(Paragraph(f"<b>{wrapped}</b>" if bold else wrapped, style))
                else:
                    cells.append(plain)
            data.append(cells)
        grid = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
        grid.setStyle(TableStyle(commands))
        return grid
