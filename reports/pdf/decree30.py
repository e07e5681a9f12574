"""The frame of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I): the
letterhead (governing body and issuer, national title and motto, number, place and date), the
kind of document and its summary, "Kính gửi", and the signature block with its recipients.

What the frame says about a unit comes from the registry (``accounts.models.Unit``): its name, its
code for the document number, its province for the place, its signer's title.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from accounts.models import Unit

from .base import BOLD, BOLD_ITALIC, FONT, ITALIC, LAYOUT_TABLE, PdfDocument, markup, nfc


@dataclass
class Letterhead:
    """What Decree 30 puts around the body: issuer, number, place and date, recipients, signature."""

    governing_body: str
    issuer: str
    number: str
    place: str
    day: date
    summary: str
    recipients: list[str]
    signer_title: str
    signer_name: str = ""
    signer_prefix: str = ""
    copies_to: list[str] = field(default_factory=list)
    intro: str = ""
    draft: bool = False


def vn_date_line(place: str, day: date) -> str:
    """ "Hà Nội, ngày 05 tháng 3 năm 2024": Decree 30 writes a leading zero for days below 10 and
    for months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return nfc(
        _("%(place)s, day %(day)s month %(month)s year %(year)s")
        % {"place": place, "day": f"{day.day:02d}", "month": month, "year": day.year}
    )


def heading_name(unit: Unit) -> str:
    """The issuer's name in the letterhead: in capitals."""
    return nfc(nfc(unit.name).upper())


def signer_title(unit: Unit | None) -> str:
    """The signer's title in the signature block, in capitals: the unit's own (``Unit.signer_title``,
    from the registry: Giám đốc, Cục trưởng…), "Thủ trưởng đơn vị" when the registry does not say."""
    title = unit.signer_title if unit is not None and unit.signer_title.strip() else ""
    return nfc(nfc(title.strip() or pgettext("signature", "HEAD OF UNIT")).upper())


def document_number(unit: Unit | None) -> str:
    """ "Số: …/BC-V03": the number is written by hand when the report is registered; the unit's
    code follows for a ministry department whose code is known."""
    if unit is not None and unit.kind == Unit.Kind.DEPARTMENT and unit.code:
        return _("No.: …/BC-%(code)s") % {"code": unit.code}
    return _("No.: …/BC")


def place_of(unit: Unit) -> str:
    """The place in the date line: the province for a provincial unit, Hà Nội for the Ministry."""
    if unit.kind == Unit.Kind.PROVINCE and unit.province_name:
        return unit.province_name
    return _("Hanoi")


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
        s = self.styles
        left_w, right_w = 68 * mm, self.text_width - 68 * mm
        issuer = Paragraph(markup(self.head.issuer), s["head-small-bold"])
        issuer_width = min(left_w * 0.45, pdfmetrics.stringWidth(nfc(self.head.issuer), BOLD, 12.5))
        motto_text = nfc(_("Independence - Freedom - Happiness"))
        motto_width = pdfmetrics.stringWidth(motto_text, BOLD, 13.5)
        left = [Paragraph(markup(self.head.governing_body), s["head-small"]), issuer, Rule(issuer_width)]
        right = [
            Paragraph(markup(_("SOCIALIST REPUBLIC OF VIETNAM")), s["head-small-bold"]),
            Paragraph(markup(motto_text), s["motto"]),
            Rule(motto_width),
        ]
        number_and_date = [
            Paragraph(markup(self.head.number), s["number"]),
            Paragraph(markup(vn_date_line(self.head.place, self.head.day)), s["date"]),
        ]
        top = Table([[left, right], number_and_date], colWidths=[left_w, right_w])
        top.setStyle(TableStyle([*LAYOUT_TABLE, ("TOPPADDING", (0, 1), (-1, 1), 6)]))
        story = [top, Paragraph(markup(_("REPORT")), s["doc-kind"]), Paragraph(markup(self.head.summary), s["summary"])]
        story.append(Rule(45 * mm, space_before=3, space_after=8))
        if self.head.draft:
            story.append(Paragraph(markup(_("(Draft, not yet accepted by the Ministry)")), s["draft"]))
        story.append(self.recipients_block())
        story.append(Spacer(1, 6))
        return story

    def recipients_block(self):
        """ "Kính gửi:" followed by the recipients, one per line when there are several, centred."""
        s = self.styles
        label = nfc(_("To:"))
        if len(self.head.recipients) == 1:
            style = ParagraphStyle("to-one", parent=s["to"], alignment=TA_CENTER)
            return Paragraph(f"{markup(label)} {markup(self.head.recipients[0])}", style)
        lines = [f"- {nfc(r)}" for r in self.head.recipients]
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
        copies = [Paragraph(markup(_("Recipients:")), s["recipients-title"])]
        copies += [Paragraph(markup(f"- {c}"), s["recipients"]) for c in self.head.copies_to]
        sign = []
        if self.head.signer_prefix:
            sign.append(Paragraph(markup(self.head.signer_prefix), s["sign-title"]))
        sign += [Paragraph(markup(self.head.signer_title), s["sign-title"]), Spacer(1, 26 * mm)]
        sign.append(Paragraph(markup(self.head.signer_name or " "), s["sign-name"]))
        t = Table([[copies, sign]], colWidths=[self.text_width * 0.5, self.text_width * 0.5])
        t.setStyle(TableStyle(LAYOUT_TABLE))
        return [Spacer(1, 8), KeepTogether([t])]
