"""A results report (``reports.document.ReportDocument``) as a PDF: the Decree 30 frame around its
blocks. Headings, paragraphs, captioned tables (a new page when less than 35 mm are left for one),
charts kept with their captions, annexes on a new page after the signature."""

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from reports.document.blocks import BAR, Annex, Block, Chart, Grid, Heading, ReportDocument, Text

from .base import markup
from .charts import bar_chart, pie_chart
from .decree30 import Decree30Document

HEADING_STYLES = {1: "h1", 2: "h2", 3: "h3"}


class ResultsPdf(Decree30Document):
    def __init__(self, document: ReportDocument):
        super().__init__(letterhead=document.head)
        self.document = document

    def title(self) -> str:
        return self.document.title

    def author(self) -> str:
        return self.document.author

    def story(self) -> list:
        story = self.letterhead()
        for block in self.document.body:
            story += self.flowables(block)
        story += self.signature()
        for block in self.document.annexes:
            story += self.flowables(block)
        return story

    def flowables(self, block: Block) -> list:
        if isinstance(block, Heading):
            return [self.p(block.text, HEADING_STYLES[block.level])]
        if isinstance(block, Text):
            return [self.p(block.text, block.style)]
        if isinstance(block, Grid):
            if not block.caption:
                return [self.grid(block.table), Spacer(1, 4)]
            return [CondPageBreak(35 * mm), self.p(block.caption, "caption"), self.grid(block.table)]
        if isinstance(block, Chart):
            draw = bar_chart if block.kind == BAR else pie_chart
            return [KeepTogether([self.p(block.caption, "caption"), draw(self.text_width, block.labels, block.values)])]
        if isinstance(block, Annex):
            s = self.styles
            return [
                PageBreak(),
                Paragraph(markup(block.label), s["doc-kind"]),
                Paragraph(markup(block.title), s["summary"]),
                Paragraph(markup(block.attached), s["date"]),
                Spacer(1, 8),
            ]
        raise TypeError(f"unknown block {block!r}")
