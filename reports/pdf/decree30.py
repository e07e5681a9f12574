"""The Decree 30/2020/NĐ-CP frame drawn with reportlab: the letterhead (governing body and issuer,
national title and motto, number, place and date), the kind of document and its summary, "Kính
gửi", and the signature block with its recipients. What it says is ``reports.document.frame``'s.
"""

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from reports.document.frame import (
    ISSUER_RULE_SHARE,
    LETTERHEAD_LEFT_MM,
    SUMMARY_RULE_MM,
    Letterhead,
    copies_lines,
    frame_words,
    recipient_lines,
)

from .base import BOLD, BOLD_ITALIC, FONT, ITALIC, LAYOUT_TABLE, PdfDocument, markup, nfc


class Rule(Flowable):
    """A thin centred rule under a heading (the lines under the issuer's name and the motto)."""

    def __init__(self, width: float, thickness: float = 0.6, space_before: float = 1, space_after: float = 2):
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self.space_before = space_before
        self.space_after = space_after

    def wrap(self, avail_width, avail_height):
        self.avail_width = avail_width
        return avail_width, self.space_before + self.thickness + self.space_after

    def draw(self):
        x = (self.avail_width - self.rule_width) / 2
        y = self.space_after
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, y, x + self.rule_width, y)


def frame_styles(base: ParagraphStyle) -> dict[str, ParagraphStyle]:
    """The letterhead's and the signature block's styles (sizes of Decree 30, Appendix I)."""

    def style(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "head-small": style("head-small", fontSize=12.5, leading=15, alignment=TA_CENTER, fontName=FONT),
        "head-small-bold": style("head-small-bold", fontSize=12.5, leading=15, alignment=TA_CENTER, fontName=BOLD),
        "motto": style("motto", fontSize=13.5, leading=16, alignment=TA_CENTER, fontName=BOLD),
        "number": style("number", fontSize=13, leading=16, alignment=TA_CENTER),
        "date": style("date", fontSize=13, leading=16, alignment=TA_CENTER, fontName=ITALIC),
        "doc-kind": style("doc-kind", fontSize=14, leading=18, alignment=TA_CENTER, fontName=BOLD, spaceBefore=14),
        "summary": style("summary", fontSize=14, leading=17, alignment=TA_CENTER, fontName=BOLD),
        "draft": style("draft", fontSize=13, alignment=TA_CENTER, fontName=ITALIC),
        "to": style("to", fontSize=14, leading=18, alignment=TA_LEFT),
        "recipients-title": style("recipients-title", fontName=BOLD_ITALIC, fontSize=12, leading=14, alignment=TA_LEFT),
        "recipients": style("recipients", fontSize=11, leading=13, alignment=TA_LEFT),
        "sign-title": style("sign-title", fontName=BOLD, fontSize=13.5, leading=16.5, alignment=TA_CENTER),
        "sign-name": style("sign-name", fontName=BOLD, fontSize=13.5, alignment=TA_CENTER),
    }


class Decree30Document(PdfDocument):
    """A document in the Decree 30 frame: ``letterhead()`` opens the story, ``signature()`` closes it."""

    def __init__(self, *, letterhead: Letterhead):
        super().__init__()
        self.head = letterhead

    def make_styles(self) -> dict[str, ParagraphStyle]:
        styles = super().make_styles()
        return {**styles, **frame_styles(styles["plain"])}

    def letterhead(self) -> list:
        s, words = self.styles, frame_words()
        left_w = LETTERHEAD_LEFT_MM * mm
        right_w = self.text_width - left_w
        issuer = Paragraph(markup(self.head.issuer), s["head-small-bold"])
        issuer_width = min(left_w * ISSUER_RULE_SHARE, pdfmetrics.stringWidth(nfc(self.head.issuer), BOLD, 12.5))
        motto_width = pdfmetrics.stringWidth(words.motto, BOLD, 13.5)
        left = [Paragraph(markup(self.head.governing_body), s["head-small"]), issuer, Rule(issuer_width)]
        right = [
            Paragraph(markup(words.national_title), s["head-small-bold"]),
            Paragraph(markup(words.motto), s["motto"]),
            Rule(motto_width),
        ]
        number_and_date = [
            Paragraph(markup(self.head.number), s["number"]),
            Paragraph(markup(self.head.date_line()), s["date"]),
        ]
        top = Table([[left, right], number_and_date], colWidths=[left_w, right_w])
        top.setStyle(TableStyle([*LAYOUT_TABLE, ("TOPPADDING", (0, 1), (-1, 1), 6)]))
        story = [top, Paragraph(markup(words.kind), s["doc-kind"]), Paragraph(markup(self.head.summary), s["summary"])]
        story.append(Rule(SUMMARY_RULE_MM * mm, space_before=3, space_after=8))
        if self.head.draft:
            story.append(Paragraph(markup(words.draft), s["draft"]))
        story.append(self.recipients_block())
        story.append(Spacer(1, 6))
        return story

    def recipients_block(self):
        """ "Kính gửi:" followed by the recipients, one per line when there are several, centred."""
        s = self.styles
        label = frame_words().to
        lines = recipient_lines(self.head)
        if len(lines) == 1:
            style = ParagraphStyle("to-one", parent=s["to"], alignment=TA_CENTER)
            return Paragraph(f"{markup(label)} {markup(lines[0])}", style)
        label_w = pdfmetrics.stringWidth(label, FONT, 14) + 8
        lines_w = max(pdfmetrics.stringWidth(line, FONT, 14) for line in lines) + 4
        t = Table(
            [[Paragraph(markup(label), s["to"]), [Paragraph(markup(line), s["to"]) for line in lines]]],
            colWidths=[label_w, min(lines_w, self.text_width - label_w)],
            hAlign="CENTER",
        )
        t.setStyle(TableStyle(LAYOUT_TABLE))
        return t

    def signature(self) -> list:
        """ "Nơi nhận:" and the copies on the left; the signer's title, room to sign, the name on the right."""
        s = self.styles
        copies = [Paragraph(markup(frame_words().copies), s["recipients-title"])]
        copies += [Paragraph(markup(line), s["recipients"]) for line in copies_lines(self.head)]
        sign = []
        if self.head.signer_prefix:
            sign.append(Paragraph(markup(self.head.signer_prefix), s["sign-title"]))
        sign += [Paragraph(markup(self.head.signer_title), s["sign-title"]), Spacer(1, 26 * mm)]
        sign.append(Paragraph(markup(self.head.signer_name or " "), s["sign-name"]))
        t = Table([[copies, sign]], colWidths=[self.text_width * 0.5, self.text_width * 0.5])
        t.setStyle(TableStyle(LAYOUT_TABLE))
        return [Spacer(1, 8), KeepTogether([t])]
