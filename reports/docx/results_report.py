"""A results report (``reports.document.ReportDocument``) as an editable Word document: the Decree
30 frame around its blocks. Headings in Word's heading styles, paragraphs, captioned tables with a
repeated header row, charts as pictures kept with their captions, annexes on a new page after the
signature."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reports.document.blocks import BAR, Annex, Block, Chart, Grid, Heading, ReportDocument, Text
from reports.document.frame import TEXT_WIDTH_MM
from reports.pdf.base import register_fonts
from reports.pdf.charts import bar_chart, pie_chart

from .frame import Decree30Docx
from .pictures import drawing_png

MM = 72 / 25.4  # points in a millimetre: a chart is drawn as wide as the text
TEXT_STYLES = {"body": "Normal", "bullet": "Normal", "note": "Note"}


class ResultsDocx(Decree30Docx):
    def __init__(self, document: ReportDocument):
        super().__init__(letterhead=document.head)
        self.document = document

    def render(self) -> bytes:
        self.letterhead()
        for block in self.document.body:
            self.add(block)
        self.signature()
        for block in self.document.annexes:
            self.add(block)
        return self.save(title=self.document.title, author=self.document.author)

    def add(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.paragraph(block.text, f"Heading {block.level}")
        elif isinstance(block, Text):
            # A line break of the user's text starts a paragraph: a justified line ended by a
            # manual break would be stretched across the page.
            for line in block.text.splitlines() or [""]:
                self.paragraph(line, TEXT_STYLES[block.style])
        elif isinstance(block, Grid):
            if block.caption:
                self.paragraph(block.caption, "Caption")
            self.grid(block.table)
            self.paragraph(style="Note").paragraph_format.space_after = Pt(0)  # space under the table
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, Annex):
            label = self.paragraph(block.label, "Letterhead", bold=True)
            label.paragraph_format.page_break_before = True
            self.paragraph(block.title, "Letterhead", bold=True)
            self.paragraph(block.attached, "Letterhead", italic=True).paragraph_format.space_after = Pt(8)
        else:
            raise TypeError(f"unknown block {block!r}")

    def chart(self, block: Chart) -> None:
        register_fonts()
        draw = bar_chart if block.kind == BAR else pie_chart
        drawing = draw(TEXT_WIDTH_MM * MM, list(block.labels), list(block.values))
        self.paragraph(block.caption, "Caption")
        picture = self.picture(drawing_png(drawing), TEXT_WIDTH_MM)
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.space_after = Pt(6)


def results_docx(document: ReportDocument) -> bytes:
    """The report's bytes (.docx)."""
    return ResultsDocx(document).render()
