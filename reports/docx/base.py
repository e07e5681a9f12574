"""The one small base of every DOCX report: a python-docx document set up as Decree 30 asks and as
Word understands it.

- A4, margins top and bottom 20 mm, left 30 mm, right 15 mm (``reports.document.frame``);
- Times New Roman (the font an official's computer has; the PDF embeds the metric-compatible
  Liberation Serif), 14 pt body, justified, first line indented 1.27 cm, 6 pt between paragraphs,
  line spacing 1.15; the language Vietnamese;
- "Heading 1" to "Heading 3" restyled (black Times New Roman, bold; level 3 bold italic), so that
  the navigation pane and a table of contents find the numbered headings;
- the page number (a PAGE field) centred in the header, from page 2 (a different first page);
- text as plain runs: NFC, without the characters XML refuses; never a field code or a hyperlink.
"""

import io
import re

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from reportlab.pdfbase import pdfmetrics

from reports.document import frame
from reports.document.text import cell_text, nfc
from reports.pdf.base import BOLD, BOLD_ITALIC, FONT, ITALIC, register_fonts
from reports.tables import CENTER, NUMBER
from reports.tables import Table as DataTable

FONT_NAME = "Times New Roman"
BODY_PT = 14
CELL_PT = 10  # as the PDF's tables
CELL_MARGIN_TWIPS = 57  # 1 mm each side (Word's default is 1.9 mm)
BLACK = RGBColor(0, 0, 0)
# Characters XML 1.0 cannot hold (what a user pasted may carry them): dropped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ALIGN = {NUMBER: WD_ALIGN_PARAGRAPH.RIGHT, CENTER: WD_ALIGN_PARAGRAPH.CENTER}
HEAD_FILL = "EEEEEE"
# What follows in the schema's order (Word refuses a file whose elements are out of order).
TBL_PR_TAIL = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
TC_PR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
# (style, size, bold, italic, first-line indent, space before, space after) of the report's own styles
HEADINGS = {
    "Heading 1": (BODY_PT, True, False, 0, 6, 6),
    "Heading 2": (BODY_PT, True, False, 1.27, 6, 6),
    "Heading 3": (BODY_PT, True, True, 1.27, 3, 3),
}
# Liberation Serif has Times New Roman's metrics: it measures what Word will lay out.
MEASURE_FONT = {(False, False): FONT, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}


def plain(text) -> str:
    """Text for a run: NFC, line ends as "\\n", without characters XML refuses."""
    return NOT_XML.sub("", nfc(text).replace("\r\n", "\n").replace("\r", "\n"))


def text_mm(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """How wide ``text`` is in Times New Roman at ``size`` points, in millimetres."""
    register_fonts()
    return pdfmetrics.stringWidth(plain(text), MEASURE_FONT[bold, italic], size) * 25.4 / 72


def set_fonts(rpr) -> None:
    """Times New Roman for every script of a run or style (no theme font left to override it)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT_NAME)


def xml(tag: str, **attrs) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


class DocxDocument:
    """The base of every DOCX report: page, styles, header; paragraphs, runs, tables, pictures; bytes out."""

    def __init__(self):
        self.doc = Document()
        self.style_ids: dict[str, str] = {}
        self.setup_page()
        self.setup_styles()
        self.page_numbers()

    # --- the page and the styles ---

    def setup_page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(frame.PAGE_MM[0]), Mm(frame.PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(frame.MARGIN_TOP_MM), Mm(frame.MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(frame.MARGIN_LEFT_MM), Mm(frame.MARGIN_RIGHT_MM)
        section.header_distance = section.footer_distance = Mm(10)

    def setup_styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for rpr in styles.element.iter(qn("w:rPr")):  # every style: no theme font (Calibri, Cambria) left
            if rpr.find(qn("w:rFonts")) is not None:
                set_fonts(rpr)
        defaults.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
        normal = styles["Normal"]
        self.style_font(normal, BODY_PT)
        fmt = normal.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(1.27)
        fmt.space_before, fmt.space_after = Pt(0), Pt(6)
        fmt.line_spacing = 1.15
        fmt.widow_control = True
        for name, (size, bold, italic, indent, before, after) in HEADINGS.items():
            style = styles[name]
            self.style_font(style, size, bold=bold, italic=italic)
            fmt = style.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(indent)
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
            fmt.keep_with_next = True
        caption = styles["Caption"]
        self.style_font(caption, 13, bold=True)
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.first_line_indent = Cm(0)
        caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(6), Pt(3)
        caption.paragraph_format.keep_with_next = True
        caption.hidden = False
        self.add_style("Note", 12, italic=True, after=6)
        self.add_style("Table Text", CELL_PT, after=0, line=1.0)
        self.add_style("Letterhead", BODY_PT, after=0, line=1.0, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.style_font(styles["Header"], 13)
        styles["Header"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def style_font(self, style, size: float, *, bold: bool = False, italic: bool = False) -> None:
        font = style.font
        font.name = FONT_NAME
        set_fonts(style.element.get_or_add_rPr())
        font.size = Pt(size)
        font.bold, font.italic = bold, italic
        font.color.rgb = BLACK
        color = style.element.rPr.find(qn("w:color"))
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)

    def add_style(self, name: str, size: float, *, italic=False, after=6, line=1.15, align=None):
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        self.style_font(style, size, italic=italic)
        fmt = style.paragraph_format
        fmt.first_line_indent = Cm(0)
        fmt.space_before, fmt.space_after = Pt(0), Pt(after)
        fmt.line_spacing = line
        fmt.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.LEFT
        return style

    def page_numbers(self) -> None:
        """Decree 30: the page number centred in the top margin, from page 2 (the first page's header is empty)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # defined, and empty
        paragraph = section.header.paragraphs[0]
        paragraph.style = self.doc.styles["Header"]
        for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
            run = paragraph.add_run()
            if kind == "instr":
                instr = xml("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            elif kind == "text":
                run.text = text
            else:
                run._r.append(xml("w:fldChar", fldCharType=kind))

    # --- what goes on the page ---

    def paragraph(self, text="", style=None, *, into=None, align=None, bold=None, italic=None, size=None) -> Paragraph:
        """A paragraph of plain text in the document (or ``into`` a table cell), in ``style``."""
        container = into if into is not None else self.doc
        paragraphs = getattr(container, "paragraphs", [])
        if into is not None and len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
            paragraph = paragraphs[0]  # a new cell's own empty paragraph
        else:
            paragraph = container.add_paragraph()
        if style and style != "Normal":
            # The style's id written directly: python-docx's ``paragraph.style = …`` looks the
            # default style up on every call, which made a report of 1.300 cells take seconds.
            paragraph._p.get_or_add_pPr().style = self.style_id(style)
        if align is not None:
            paragraph.alignment = align
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.doc.styles[name].style_id
        return self.style_ids[name]

    def run(self, paragraph: Paragraph, text, *, bold=None, italic=None, size=None):
        """Plain text: whatever it looks like (=HYPERLINK(…), <b>, {PAGE}), it is a text run."""
        run = paragraph.add_run(plain(text))
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return run

    def rule(self, width_mm: float, column_mm: float, *, into=None, before: float = 0, after: float = 0):
        """A short centred rule ``width_mm`` long in a column ``column_mm`` wide: an empty paragraph
        with a bottom border, indented from both sides."""
        paragraph = self.paragraph(style="Letterhead", into=into)
        fmt = paragraph.paragraph_format
        side = max(0.0, (column_mm - width_mm) / 2)
        fmt.left_indent = fmt.right_indent = Mm(side)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        ppr = paragraph._p.get_or_add_pPr()
        borders = xml("w:pBdr")
        borders.append(xml("w:bottom", val="single", sz=6, space=1, color="000000"))
        ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
        mark = xml("w:rPr")
        mark.append(xml("w:sz", val=4))
        ppr.append(mark)
        return paragraph

    def layout_table(self, widths_mm: list[float], rows: int = 1, *, center: bool = False) -> WordTable:
        """A borderless table that only places blocks side by side (letterhead, "Kính gửi", signature)."""
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        tbl_pr = table._tbl.tblPr
        borders = xml("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(xml(f"w:{side}", val="nil"))
        tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", *TBL_PR_TAIL)
        margins = xml("w:tblCellMar")
        for side in ("left", "right"):
            margins.append(xml(f"w:{side}", w=0, type="dxa"))
        tbl_pr.insert_element_before(margins, *TBL_PR_TAIL)
        self.fix_widths(table, widths_mm)
        if center:
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row in table.rows:
            row._tr.get_or_add_trPr().append(xml("w:cantSplit"))
        return table

    def fix_widths(self, table: WordTable, widths_mm: list[float]) -> None:
        table.autofit = False  # a fixed layout: Word keeps the widths
        width = table._tbl.tblPr.find(qn("w:tblW"))
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(Mm(w).twips for w in widths_mm)))
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)

    def grid(self, table: DataTable) -> WordTable:
        """A report table (``reports.tables``): the columns that fit the page, the header row repeated
        on every page, numbers right-aligned and grouped (1.234), group and total rows bold."""
        columns, rows = table.printed()
        grid = self.doc.add_table(rows=1 + len(rows), cols=len(columns))
        grid.style = self.doc.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        margins = xml("w:tblCellMar")
        for side in ("left", "right"):
            margins.append(xml(f"w:{side}", w=CELL_MARGIN_TWIPS, type="dxa"))
        grid._tbl.tblPr.insert_element_before(margins, *TBL_PR_TAIL)
        self.fix_widths(grid, [c.pdf_mm for c in columns])
        head = grid.rows[0]
        head._tr.get_or_add_trPr().append(xml("w:tblHeader"))
        for cell, column in zip(head.cells, columns, strict=True):
            shading = xml("w:shd", val="clear", color="auto", fill=HEAD_FILL)
            cell._tc.get_or_add_tcPr().insert_element_before(shading, *TC_PR_AFTER_SHD)
            self.paragraph(column.label, "Table Text", into=cell, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        for i, (row, values) in enumerate(zip(grid.rows[1:], rows, strict=True)):
            row._tr.get_or_add_trPr().append(xml("w:cantSplit"))
            bold = True if i in table.bold_rows else None
            for cell, column, value in zip(row.cells, columns, values, strict=True):
                align = ALIGN.get(column.kind, WD_ALIGN_PARAGRAPH.LEFT)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                self.paragraph(cell_text(value), "Table Text", into=cell, align=align, bold=bold)
        return grid

    def picture(self, png: bytes, width_mm: float) -> Paragraph:
        paragraph = self.paragraph(style="Letterhead")
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        return paragraph

    def save(self, *, title: str, author: str) -> bytes:
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = plain(title), plain(author), plain(author)
        props.language, props.comments, props.keywords = "vi-VN", "", ""
        props.created = props.modified = timezone.now()
        props.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
