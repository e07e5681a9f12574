"""The Decree 30/2020/NĐ-CP frame in Word: the letterhead as a borderless two-column table (the
governing body over the issuer, a short rule under it, and the number on the left; the national
title over the motto, a rule as long as the motto, and the place and date in italics on the
right), "BÁO CÁO" and its summary centred and bold, "Kính gửi", and the signature block beside
"Nơi nhận". What it says is ``reports.document.frame``'s; the sizes are Appendix I's.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from reports.document.frame import (
    ISSUER_RULE_SHARE,
    LETTERHEAD_LEFT_MM,
    SUMMARY_RULE_MM,
    TEXT_WIDTH_MM,
    Letterhead,
    copies_lines,
    frame_words,
    recipient_lines,
)

from .base import BODY_PT, DocxDocument, text_mm

HEAD_PT = 12  # governing body, issuer, national title (Appendix I: 12-13)
MOTTO_PT = 13  # the motto (13-14)
NUMBER_PT = 13
SIGN_ROOM_MM = 26  # room for the signature and the seal


class Decree30Docx(DocxDocument):
    """A Word document in the Decree 30 frame: ``letterhead()`` opens it, ``signature()`` closes the body."""

    def __init__(self, *, letterhead: Letterhead):
        super().__init__()
        self.head = letterhead

    def letterhead(self) -> None:
        head, words = self.head, frame_words()
        left_mm, right_mm = LETTERHEAD_LEFT_MM, TEXT_WIDTH_MM - LETTERHEAD_LEFT_MM
        table = self.layout_table([left_mm, right_mm], rows=2)
        left, right = table.rows[0].cells
        self.paragraph(head.governing_body, "Letterhead", into=left, size=HEAD_PT)
        self.paragraph(head.issuer, "Letterhead", into=left, size=HEAD_PT, bold=True)
        issuer_mm = min(left_mm * ISSUER_RULE_SHARE, text_mm(head.issuer, HEAD_PT, bold=True))
        self.rule(issuer_mm, left_mm, into=left)
        self.paragraph(words.national_title, "Letterhead", into=right, size=HEAD_PT, bold=True)
        self.paragraph(words.motto, "Letterhead", into=right, size=MOTTO_PT, bold=True)
        self.rule(text_mm(words.motto, MOTTO_PT, bold=True), right_mm, into=right)
        number, day = table.rows[1].cells
        self.paragraph(head.number, "Letterhead", into=number, size=NUMBER_PT).paragraph_format.space_before = Pt(6)
        self.paragraph(head.date_line(), "Letterhead", into=day, italic=True).paragraph_format.space_before = Pt(6)
        self.paragraph(words.kind, "Letterhead", bold=True).paragraph_format.space_before = Pt(18)
        self.paragraph(head.summary, "Letterhead", bold=True)
        self.rule(SUMMARY_RULE_MM, TEXT_WIDTH_MM, before=2, after=10)
        if head.draft:
            self.paragraph(words.draft, "Letterhead", italic=True, size=13).paragraph_format.space_after = Pt(6)
        self.recipients_block()

    def recipients_block(self) -> None:
        """ "Kính gửi:" and the recipient on one centred line; several recipients one per line
        beside it, the two columns centred as a block."""
        label, lines = frame_words().to, recipient_lines(self.head)
        if len(lines) == 1:
            paragraph = self.paragraph(f"{label} {lines[0]}", "Letterhead")
            paragraph.paragraph_format.space_after = Pt(12)
            return
        label_mm = text_mm(label, BODY_PT) + 3
        lines_mm = min(max(text_mm(line, BODY_PT) for line in lines) + 2, TEXT_WIDTH_MM - label_mm)
        table = self.layout_table([label_mm, lines_mm], center=True)
        left, right = table.rows[0].cells
        self.paragraph(label, "Letterhead", into=left, align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in lines:
            self.paragraph(line, "Letterhead", into=right, align=WD_ALIGN_PARAGRAPH.LEFT)
        self.paragraph(style="Letterhead").paragraph_format.space_after = Pt(6)

    def signature(self) -> None:
        """ "Nơi nhận:" and the copies on the left; the signer's title, room to sign, the name on the right."""
        head = self.head
        self.paragraph(style="Letterhead")
        half = TEXT_WIDTH_MM / 2
        table = self.layout_table([half, half])
        copies, sign = table.rows[0].cells
        left = WD_ALIGN_PARAGRAPH.LEFT
        self.paragraph(frame_words().copies, "Letterhead", into=copies, align=left, bold=True, italic=True, size=12)
        for line in copies_lines(head):
            self.paragraph(line, "Letterhead", into=copies, align=left, size=11)
        if head.signer_prefix:
            self.paragraph(head.signer_prefix, "Letterhead", into=sign, bold=True)
        self.paragraph(head.signer_title, "Letterhead", into=sign, bold=True)
        name = self.paragraph(head.signer_name, "Letterhead", into=sign, bold=True)
        name.paragraph_format.space_before = Mm(SIGN_ROOM_MM)
