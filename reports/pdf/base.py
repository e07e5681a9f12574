"""PDF reports as Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

``PdfDocument`` is the one small base for every report (as pretix's ``ReportlabExportMixin``): it
registers the shipped Liberation Serif fonts once (Times New Roman metrics, Vietnamese coverage,
SIL Open Font License, see fonts/OFL.txt), builds the story, draws the page number in the page
callback and returns bytes. Every string goes through gettext and ``unicodedata.normalize("NFC")``;
callers render inside ``translation.override("vi")`` and the plan's time zone (see services).

``ResultsReport`` is the results report: the Ministry's roll-up (``ministry_report``) and a unit's
own annual report (``unit_report``) in the same format.
"""

import functools
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics import shapes
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from accounts.models import Unit
from plans.models import Plan

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "LiberationSerif"
# A table used only to place blocks side by side (header, "Kính gửi", signature): no padding.
LAYOUT_TABLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
]
FONT_FILES = {
    FONT: "LiberationSerif-Regular.ttf",
    f"{FONT}-Bold": "LiberationSerif-Bold.ttf",
    f"{FONT}-Italic": "LiberationSerif-Italic.ttf",
    f"{FONT}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
BOLD, ITALIC, BOLD_ITALIC = f"{FONT}-Bold", f"{FONT}-Italic", f"{FONT}-BoldItalic"


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


def nfc(value) -> str:
    return unicodedata.normalize("NFC", str(value)) if value is not None else ""


def markup(value) -> str:
    """Text for a Paragraph: NFC, XML-escaped, line breaks kept."""
    return escape(nfc(value)).replace("\n", "<br/>")


def number(value) -> str:
    """1234567 → 1.234.567 in Vietnamese."""
    return nfc(formats.number_format(value or 0, use_l10n=True, force_grouping=True))


def vn_date_line(place: str, day: date) -> str:
    """ "Hà Nội, ngày 05 tháng 3 năm 2024": Decree 30 writes a leading zero for days below 10 and
    for months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return nfc(
        _("%(place)s, day %(day)s month %(month)s year %(year)s")
        % {"place": place, "day": f"{day.day:02d}", "month": month, "year": day.year}
    )


def short_date(day) -> str:
    return nfc(formats.date_format(day, "d/m/Y")) if day else ""


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


class PdfDocument:
    """The base of every PDF report: A4, Decree 30 margins, fonts, page numbers, bytes out."""

    pagesize = A4
    # Decree 30/2020, Appendix I: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    margin_top = 20 * mm
    margin_bottom = 20 * mm
    margin_left = 30 * mm
    margin_right = 15 * mm
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
        size = self.body_size
        base = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.25, alignment=TA_JUSTIFY)
        return {
            "body": ParagraphStyle("para", parent=base, firstLineIndent=10 * mm, spaceAfter=4),
            "plain": base,
            "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
            "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
            "head-small": ParagraphStyle(
                "head-small", parent=base, fontSize=12.5, leading=15, alignment=TA_CENTER, fontName=FONT
            ),
            "head-small-bold": ParagraphStyle(
                "head-small-bold", parent=base, fontSize=12.5, leading=15, alignment=TA_CENTER, fontName=BOLD
            ),
            "motto": ParagraphStyle(
                "motto", parent=base, fontSize=13.5, leading=16, alignment=TA_CENTER, fontName=BOLD
            ),
            "number": ParagraphStyle("number", parent=base, fontSize=13, leading=16, alignment=TA_CENTER),
            "date": ParagraphStyle("date", parent=base, fontSize=13, leading=16, alignment=TA_CENTER, fontName=ITALIC),
            "doc-kind": ParagraphStyle(
                "doc-kind", parent=base, fontSize=14, leading=18, alignment=TA_CENTER, fontName=BOLD, spaceBefore=14
            ),
            "summary": ParagraphStyle(
                "summary", parent=base, fontSize=14, leading=17, alignment=TA_CENTER, fontName=BOLD
            ),
            "draft": ParagraphStyle("draft", parent=base, fontSize=13, alignment=TA_CENTER, fontName=ITALIC),
            "to": ParagraphStyle("to", parent=base, fontSize=14, leading=18, alignment=TA_LEFT),
            "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, spaceBefore=8, spaceAfter=4, keepWithNext=1),
            "h2": ParagraphStyle(
                "h2", parent=base, fontName=BOLD, firstLineIndent=10 * mm, spaceBefore=4, spaceAfter=3, keepWithNext=1
            ),
            "h3": ParagraphStyle(
                "h3",
                parent=base,
                fontName=BOLD_ITALIC,
                firstLineIndent=10 * mm,
                spaceBefore=2,
                spaceAfter=2,
                keepWithNext=1,
            ),
            "bullet": ParagraphStyle("bullet", parent=base, firstLineIndent=10 * mm, spaceAfter=2),
            "caption": ParagraphStyle(
                "caption",
                parent=base,
                fontName=BOLD,
                fontSize=12,
                leading=15,
                alignment=TA_CENTER,
                spaceBefore=6,
                spaceAfter=3,
                keepWithNext=1,
            ),
            "note": ParagraphStyle("note", parent=base, fontName=ITALIC, fontSize=11, leading=13.5, spaceAfter=4),
            "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=12, alignment=TA_LEFT),
            "cell-num": ParagraphStyle("cell-num", parent=base, fontSize=10, leading=12, alignment=TA_RIGHT),
            "cell-center": ParagraphStyle("cell-center", parent=base, fontSize=10, leading=12, alignment=TA_CENTER),
            "cell-head": ParagraphStyle(
                "cell-head", parent=base, fontName=BOLD, fontSize=10, leading=12, alignment=TA_CENTER
            ),
            "recipients-title": ParagraphStyle(
                "recipients-title", parent=base, fontName=BOLD_ITALIC, fontSize=12, leading=14, alignment=TA_LEFT
            ),
            "recipients": ParagraphStyle("recipients", parent=base, fontSize=11, leading=13, alignment=TA_LEFT),
            "sign-title": ParagraphStyle(
                "sign-title", parent=base, fontName=BOLD, fontSize=13.5, leading=16.5, alignment=TA_CENTER
            ),
            "sign-name": ParagraphStyle("sign-name", parent=base, fontName=BOLD, fontSize=13.5, alignment=TA_CENTER),
        }

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

    # --- tables and charts ---

    def table(
        self,
        header: list[str],
        rows: list[list],
        widths_mm: list[float],
        *,
        numeric_from: int = 1,
        bold_rows: set[int] | frozenset = frozenset(),
        center_cols: set[int] | frozenset = frozenset(),
    ) -> Table:
        """A grid table: header row repeated on each page, numbers right-aligned, text wrapped."""
        data = [[Paragraph(markup(h), self.styles["cell-head"]) for h in header]]
        for i, row in enumerate(rows):
            cells = []
            for j, value in enumerate(row):
                if j in center_cols:
                    style = "cell-center"
                elif (isinstance(value, int) and not isinstance(value, bool)) or (j >= numeric_from and value == "—"):
                    style = "cell-num"
                else:
                    style = "cell"
                text = number(value) if isinstance(value, int) and not isinstance(value, bool) else markup(value or "")
                if isinstance(value, int) and not isinstance(value, bool):
                    text = markup(text)
                cells.append(Paragraph(f"<b>{text}</b>" if i in bold_rows else text, self.styles[style]))
            data.append(cells)
        table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1, hAlign="CENTER")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def bar_chart(self, labels: list[str], values: list[int], *, height_mm: float = 62) -> Drawing:
        width = self.text_width
        height = height_mm * mm
        drawing = Drawing(width, height)
        chart = VerticalBarChart()
        chart.x, chart.y = 22 * mm, 12 * mm
        chart.width, chart.height = width - 30 * mm, height - 20 * mm
        chart.data = [values or [0]]
        chart.categoryAxis.categoryNames = [nfc(v) for v in labels] or [""]
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 10
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.labels.fontSize = 9
        chart.valueAxis.valueMin = 0
        chart.valueAxis.labelTextFormat = lambda v: number(int(v))
        top = max(values or [0])
        chart.valueAxis.valueMax = max(10, int(top * 1.15) + 1)
        chart.bars[0].fillColor = colors.HexColor("#3B5B92")
        chart.barLabelFormat = lambda v: number(int(v))
        chart.barLabels.fontName = FONT
        chart.barLabels.fontSize = 9
        chart.barLabels.nudge = 7
        drawing.add(chart)
        return drawing

    def pie_chart(self, labels: list[str], values: list[int], *, height_mm: float = 45) -> Drawing:
        width = self.text_width
        height = height_mm * mm
        drawing = Drawing(width, height)
        palette = ["#2E7D32", "#F9A825", "#C62828", "#9E9E9E", "#3B5B92", "#6A1B9A"]
        shown = [(label, value) for label, value in zip(labels, values, strict=True) if value]
        if not shown:
            drawing.add(
                String(width / 2, height / 2, nfc(_("No data")), fontName=FONT, fontSize=11, textAnchor="middle")
            )
            return drawing
        pie = Pie()
        size = height - 10 * mm
        pie.x, pie.y = 10 * mm, 5 * mm
        pie.width = pie.height = size
        pie.data = [v for _l, v in shown]
        pie.slices.fontName = FONT
        pie.slices.fontSize = 10
        pie.slices.strokeColor = colors.white
        for i, (label, _v) in enumerate(shown):
            pie.slices[i].fillColor = colors.HexColor(palette[labels.index(label) % len(palette)])
        drawing.add(pie)
        # The legend: a swatch and "label: n" per status.
        x = pie.x + size + 14 * mm
        y = height - 12 * mm
        for label, value in zip(labels, values, strict=True):
            i = labels.index(label)
            drawing.add(Rect(x, y - 1, 8, 8, fillColor=colors.HexColor(palette[i % len(palette)]), strokeColor=None))
            drawing.add(String(x + 12, y, nfc(f"{label}: {number(value)}"), fontName=FONT, fontSize=11))
            y -= 14
        return drawing


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


def unit_heading_name(unit: Unit) -> str:
    return nfc(unit.name).upper()


def signer_title_for(unit: Unit) -> str:
    if unit.kind == Unit.Kind.PROVINCE:
        return pgettext("signature", "DIRECTOR")
    if unit.key == "van-phong-bo":
        return pgettext("signature", "CHIEF OF OFFICE")
    if nfc(unit.name).lower().startswith("cục"):
        return pgettext("signature", "DIRECTOR GENERAL")
    return pgettext("signature", "HEAD OF UNIT")


def document_number(unit: Unit) -> str:
    """ "Số: …/BC-V03": the number is written by hand when the report is registered."""
    if unit.kind == Unit.Kind.DEPARTMENT and unit.code:
        return _("No.: …/BC-%(code)s") % {"code": unit.code}
    return _("No.: …/BC")


def place_of(unit: Unit) -> str:
    """The place in the date line: the province for a provincial unit, Hà Nội for the Ministry."""
    if unit.kind == Unit.Kind.PROVINCE and unit.province_name:
        return unit.province_name
    return _("Hanoi")


def plan_intro(plan: Plan, unit_name: str) -> str:
    return _(
        "Pursuant to Decision No. %(number)s of %(date)s of the Minister of Public Security issuing the "
        "%(title)s, the %(unit)s reports the results as follows:"
    ) % {"number": plan.number, "date": short_date(plan.signed_on), "title": nfc(plan.title), "unit": unit_name}


def ministry_letterhead(plan: Plan, day: date) -> Letterhead:
    coordinator = plan.coordinator or Unit.objects.filter(key="v03").first()
    name = coordinator.name if coordinator else _("Legal Department")
    return Letterhead(
        governing_body=_("MINISTRY OF PUBLIC SECURITY"),
        issuer=name.upper(),
        number=document_number(coordinator) if coordinator else _("No.: …/BC"),
        place=_("Hanoi"),
        day=day,
        summary=_("Results of implementing the %(title)s") % {"title": nfc(plan.title)},
        recipients=[_("The Prime Minister;"), _("The leaders of the Ministry of Public Security.")],
        signer_title=pgettext("signature", "DIRECTOR GENERAL"),
        copies_to=[
            _("As above;"),
            _("The Minister (to report);"),
            _("The Deputy Ministers (to direct);"),
            _("Office of the Government (to report to the Prime Minister);"),
            _("Archived: VT, %(code)s.") % {"code": (coordinator.code if coordinator and coordinator.code else "V03")},
        ],
        intro=plan_intro(plan, name[:1].upper() + name[1:] if name else name),
    )


def unit_letterhead(plan: Plan, unit: Unit, day: date, *, draft: bool) -> Letterhead:
    coordinator = plan.coordinator
    via = coordinator.name if coordinator else _("the Legal Department")
    return Letterhead(
        governing_body=_("MINISTRY OF PUBLIC SECURITY"),
        issuer=unit_heading_name(unit),
        number=document_number(unit),
        place=place_of(unit),
        day=day,
        summary=_("Results of implementing the %(title)s") % {"title": nfc(plan.title)},
        recipients=[_("The Ministry of Public Security (through the %(unit)s).") % {"unit": via}],
        signer_title=signer_title_for(unit),
        copies_to=[_("As above;"), _("Archived: VT.")],
        intro=plan_intro(plan, unit.name),
        draft=draft,
    )


class ResultsReport(PdfDocument):
    """A results report in the Decree 30 format, from a roll-up (``reports.selectors.plan_rollup``).

    ``ministry``: the Ministry's compiled report (report status, breakdowns, annex per unit);
    otherwise a unit's own report, with its narrative per task (``entries``: task code → dict with
    status label and results) and its difficulties and proposals.
    """

    def __init__(self, *, rollup: dict, letterhead: Letterhead, ministry: bool, entries: dict | None = None):
        super().__init__()
        self.rollup = rollup
        self.head = letterhead
        self.ministry = ministry
        self.entries = entries or {}
        self.tables = 0
        self.charts = 0

    def title(self) -> str:
        return _("REPORT") + " — " + self.head.summary

    def author(self) -> str:
        return self.head.issuer

    def chart_caption(self, text: str) -> Paragraph:
        self.charts += 1
        return self.p(_("Chart %(n)s. %(title)s") % {"n": self.charts, "title": text}, "caption")

    def caption(self, text: str) -> list:
        """A numbered caption; starts a new page when less than 35 mm are left for its table."""
        self.tables += 1
        return [
            CondPageBreak(35 * mm),
            self.p(_("Table %(n)s. %(title)s") % {"n": self.tables, "title": text}, "caption"),
        ]

    # --- the frame of the document ---

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
        top = Table(
            [
                [left, right],
                [
                    Paragraph(markup(self.head.number), s["number"]),
                    Paragraph(markup(vn_date_line(self.head.place, self.head.day)), s["date"]),
                ],
            ],
            colWidths=[left_w, right_w],
        )
        top.setStyle(
            TableStyle(
                [
                    *LAYOUT_TABLE,
                    ("TOPPADDING", (0, 1), (-1, 1), 6),
                ]
            )
        )
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
        t.setStyle(
            TableStyle(
                [
                    *LAYOUT_TABLE,
                ]
            )
        )
        return t

    def signature(self) -> list:
        s = self.styles
        copies = [Paragraph(markup(_("Recipients:")), s["recipients-title"])]
        copies += [Paragraph(markup(f"- {c}"), s["recipients"]) for c in self.head.copies_to]
        sign = []
        if self.head.signer_prefix:
            sign.append(Paragraph(markup(self.head.signer_prefix), s["sign-title"]))
        sign += [Paragraph(markup(self.head.signer_title), s["sign-title"]), Spacer(1, 26 * mm)]
        sign.append(Paragraph(markup(self.head.signer_name or " "), s["sign-name"]))
        t = Table([[copies, sign]], colWidths=[self.text_width * 0.5, self.text_width * 0.5])
        t.setStyle(
            TableStyle(
                [
                    *LAYOUT_TABLE,
                ]
            )
        )
        return [Spacer(1, 8), KeepTogether([t])]

    # --- the body ---

    def story(self) -> list:
        r = self.rollup
        story = self.letterhead()
        if self.head.intro:
            story.append(self.p(self.head.intro))
        story.append(self.p(self.basis()))
        story.append(self.p(_("I. RESULTS"), "h1"))
        section = 0
        if self.ministry:
            section += 1
            story += self.report_status(section)
        section += 1
        story += self.results_by_group(section)
        section += 1
        story += self.deadlines(section)
        if self.ministry:
            section += 1
            story += self.breakdowns(section)
        section += 1
        story += self.pilot_models(section)
        if r["training"]:
            section += 1
            story += self.training(section)
        story.append(self.p(_("II. DIFFICULTIES AND OBSTACLES"), "h1"))
        story += self.texts(r["difficulties"], _("No difficulties were reported."))
        story.append(self.p(_("III. PROPOSALS AND RECOMMENDATIONS"), "h1"))
        story += self.texts(r["proposals"], _("No proposals were made."))
        story.append(self.p(_("Above is the report on the results of implementing the plan./.")))
        story += self.signature()
        if self.ministry:
            story += self.annex()
        return story

    def basis(self) -> str:
        r = self.rollup
        window = r["window"]
        values = {
            "counted": r["units"]["counted"],
            "total": r["units"]["total"],
            "start": short_date(window["start"]),
            "end": short_date(window["end"]),
        }
        if not self.ministry:
            return _("Figures cover the activities from %(start)s to %(end)s (the reporting window).") % values
        if r["filters"]["include_submitted"]:
            text = _(
                "Figures are compiled from the reports of %(counted)s of %(total)s units that were accepted or "
                "submitted and not yet accepted, for the activities from %(start)s to %(end)s (the reporting window)."
            )
        else:
            text = _(
                "Figures are compiled from the accepted reports of %(counted)s of %(total)s units, for the "
                "activities from %(start)s to %(end)s (the reporting window)."
            )
        return text % values

    def figures_sentence(self, f: dict) -> str:
        return _(
            "%(activities)s activities: %(sessions)s sessions, %(participants)s participants, %(copies)s copies of "
            "materials, %(online_reach)s online reach, budget %(budget)s VND."
        ) % {
            "activities": number(f["activities"]),
            "sessions": number(f["sessions"]),
            "participants": number(f["participants"]),
            "copies": number(f["copies"]),
            "online_reach": number(f["online_reach"]),
            "budget": number(f["budget_vnd"]),
        }

    def report_status(self, n: int) -> list:
        u = self.rollup["units"]
        status = {row["status"]: row["units"] for row in u["report_status"]}
        timely = {row["state"]: row["units"] for row in u["report_timeliness"]}
        sent = status["accepted"] + status["submitted"] + status["returned"]
        text = _(
            "As of %(date)s, %(sent)s of %(total)s units have sent their report: %(accepted)s accepted, "
            "%(submitted)s submitted and not yet accepted, %(returned)s returned for completion; %(missing)s units "
            "have not sent a report. %(on_time)s reports were sent on time and %(late)s late."
        ) % {
            "date": short_date(self.head.day),
            "sent": sent,
            "total": u["total"],
            "accepted": status["accepted"],
            "submitted": status["submitted"],
            "returned": status["returned"],
            "missing": status["not_submitted"],
            "on_time": timely["done_on_time"],
            "late": timely["done_late"],
        }
        labels = [row["label"] for row in u["report_status"]]
        values = [row["units"] for row in u["report_status"]]
        return [
            self.p(f"{n}. " + _("Reports of the units"), "h2"),
            self.p(text),
            KeepTogether([self.chart_caption(_("Reports by status")), self.pie_chart(labels, values)]),
        ]

    def results_by_group(self, n: int) -> list:
        r = self.rollup
        story = [self.p(f"{n}. " + _("Results of the tasks"), "h2")]
        story.append(self.p(_("In total: ") + self.figures_sentence(r["totals"])))
        for i, group in enumerate(r["groups"], start=1):
            story.append(self.p(f"{n}.{i}. {group['title']}", "h3"))
            for task in group["tasks"]:
                if self.ministry:
                    line = _(
                        "Task %(code)s: units expected %(expected)s, units reporting activities %(reporting)s; "
                    ) % {
                        "code": task["code"],
                        "reporting": task["units_reporting"],
                        "expected": task["units_expected"],
                    }
                else:
                    line = _("Task %(code)s: ") % {"code": task["code"]}
                line += self.figures_sentence(task["figures"])
                story.append(self.p("- " + line, "bullet"))
                entry = self.entries.get(task["code"])
                if entry:
                    if entry.get("status_label"):
                        story.append(self.p(_("Status: %(status)s.") % {"status": entry["status_label"]}, "bullet"))
                    if entry.get("results"):
                        story.append(self.p(entry["results"], "bullet"))
        header = [
            _("Task"),
            _("Units expected"),
            _("Units reporting"),
            _("Activities"),
            _("Sessions"),
            _("Participants"),
            _("Copies"),
            _("Online reach"),
            _("Budget (VND)"),
        ]
        rows, bold = [], set()
        for group in r["groups"]:
            bold.add(len(rows))
            rows.append(self.figure_row(group["number"], group))
            for task in group["tasks"]:
                rows.append(self.figure_row(task["code"], task))
        bold.add(len(rows))
        rows.append(self.figure_row(_("Total"), r["totals"]))
        story += [
            *self.caption(_("Results by task group and task")),
            self.table(header, rows, [15, 17, 17, 15, 18, 18, 17, 20, 28], bold_rows=bold, center_cols={0}),
        ]
        return story

    def figure_row(self, label, item) -> list:
        f = item.get("figures", item)
        return [
            label,
            item["units_expected"],
            item["units_reporting"],
            f["activities"],
            f["sessions"],
            f["participants"],
            f["copies"],
            f["online_reach"],
            f["budget_vnd"],
        ]

    def deadlines(self, n: int) -> list:
        r = self.rollup
        header = [_("Task"), _("Done on time"), _("Done late"), _("Overdue"), _("Due soon"), _("Not yet due")]
        order = ["done_on_time", "done_late", "overdue", "due_soon", "not_yet_due"]
        rows = []
        for group in r["groups"]:
            for task in group["tasks"]:
                if sum(task["obligations"].values()):
                    rows.append([task["code"], *[task["obligations"][s] for s in order]])
        for d in r["deliverables"]:
            if d["code"] and not any(
                d["code"] == g["number"] or d["code"] in [t["code"] for t in g["tasks"]] for g in r["groups"]
            ):
                rows.append([d["code"], *[d["obligations"][s] for s in order]])
        return [
            self.p(f"{n}. " + _("Progress against deadlines"), "h2"),
            self.p(_("Obligations of the units by deadline state on %(date)s.") % {"date": short_date(self.head.day)}),
            *self.caption(_("Obligations by deadline state")),
            self.table(header, rows, [25, 28, 28, 28, 28, 28], center_cols={0}),
        ]

    def breakdown_table(self, rows: list[dict], first: str) -> Table:
        header = [
            first,
            _("Activities"),
            _("Sessions"),
            _("Participants"),
            _("Copies"),
            _("Online reach"),
            _("Budget (VND)"),
        ]
        data = [
            [
                row["label"],
                row["activities"],
                row["sessions"],
                row["participants"],
                row["copies"],
                row["online_reach"],
                row["budget_vnd"],
            ]
            for row in rows
        ]
        return self.table(header, data, [44, 15, 18, 19, 17, 22, 30])

    def breakdowns(self, n: int) -> list:
        r = self.rollup
        story = [self.p(f"{n}. " + _("Results by area, target group and form of dissemination"), "h2")]
        story += [*self.caption(_("Results by area")), self.breakdown_table(r["by_area"], _("Area"))]
        story += [
            KeepTogether(
                [
                    self.chart_caption(_("Participants by area")),
                    self.bar_chart([a["label"] for a in r["by_area"]], [a["participants"] for a in r["by_area"]]),
                ]
            ),
        ]
        story += [
            *self.caption(_("Results by target group")),
            self.breakdown_table(r["by_target_group"], _("Target group")),
        ]
        story.append(self.p(_("An activity reaching several target groups is counted under each of them."), "note"))
        story += [*self.caption(_("Results by form of dissemination")), self.breakdown_table(r["by_form"], _("Form"))]
        return story

    def pilot_models(self, n: int) -> list:
        pm = self.rollup["pilot_models"]
        story = [self.p(f"{n}. " + _("Pilot models (task %(task)s)") % {"task": pm["task"] or "4.1"}, "h2")]
        story.append(
            self.p(
                _(
                    "%(reached)s of %(counted)s counted units have built at least %(target)s pilot model(s) "
                    "(%(expected)s units are expected to); %(models)s models count toward the target."
                )
                % {
                    "reached": pm["units_reached"],
                    "counted": pm["units_counted"],
                    "target": pm["target_per_unit"],
                    "expected": pm["units_expected"],
                    "models": pm["models_counting"],
                }
            )
        )
        if pm["models"]:
            rows = [
                [i, m["unit"], m["name"], m["place"], m["status_label"], short_date(m["start_date"])]
                for i, m in enumerate(pm["models"], start=1)
            ]
            story += [
                *self.caption(_("Pilot models")),
                self.table(
                    [_("No."), _("Unit"), _("Model"), _("Place"), _("Status"), _("Started")],
                    rows,
                    [10, 37, 45, 30, 21, 22],
                    numeric_from=99,
                    center_cols={0, 5},
                ),
            ]
        return story

    def training(self, n: int) -> list:
        story = [self.p(f"{n}. " + _("Training courses (task 8.2)"), "h2")]
        for item in self.rollup["training"]:
            story.append(
                self.p(
                    _("Task %(code)s: %(courses)s courses, %(participants)s participants.")
                    % {
                        "code": item["task"],
                        "courses": number(item["courses"]),
                        "participants": number(item["participants"]),
                    },
                    "bullet",
                )
            )
        for item in self.rollup["training"]:
            if not item["by_region_target"]:
                continue
            rows = [[row["label"], row["courses"], row["participants"]] for row in item["by_region"]]
            rows.append([_("Total"), item["courses"], item["participants"]])
            story += [
                *self.caption(_("Training courses of task %(code)s by region") % {"code": item["task"]}),
                self.table(
                    [_("Region"), _("Courses"), _("Participants")], rows, [60, 40, 40], bold_rows={len(rows) - 1}
                ),
            ]
        return story

    def texts(self, groups: list[dict], empty: str) -> list:
        if not groups:
            return [self.p(empty)]
        story = []
        for i, group in enumerate(groups, start=1):
            if group["task"]:
                heading = _("%(i)s. Task %(code)s") % {"i": i, "code": group["task"]}
            else:
                heading = _("%(i)s. General") % {"i": i}
            story.append(self.p(heading, "h3"))
            for item in group["items"]:
                text = item["text"] if not self.ministry else f"{item['unit']}: {item['text']}"
                story.append(self.p(f"- {text}", "bullet"))
        return story

    def annex(self) -> list:
        r = self.rollup
        s = self.styles
        story = [
            PageBreak(),
            Paragraph(markup(_("ANNEX")), s["doc-kind"]),
            Paragraph(markup(_("Results of the units")), s["summary"]),
            Paragraph(
                markup(
                    _("(Attached to Report %(number)s of %(date)s)")
                    % {"number": self.head.number.replace(_("No.: "), ""), "date": short_date(self.head.day)}
                ),
                s["date"],
            ),
            Spacer(1, 8),
        ]
        header = [
            _("No."),
            _("Unit"),
            _("Report"),
            _("On time"),
            _("Activities"),
            _("Participants"),
            _("Pilot models"),
            _("Budget (VND)"),
        ]
        rows = []
        for i, u in enumerate(r["unit_reports"], start=1):
            f = u["figures"]
            on_time = "—" if u["on_time"] is None else _("Yes") if u["on_time"] else _("No")
            rows.append(
                [
                    i,
                    u["name"],
                    u["report_status_label"],
                    on_time,
                    f["activities"] if f else "—",
                    f["participants"] if f else "—",
                    u["pilot_models"] if u["pilot_models"] is not None else "—",
                    f["budget_vnd"] if f else "—",
                ]
            )
        story.append(self.table(header, rows, [9, 42, 27, 15, 17, 19, 14, 22], numeric_from=4, center_cols={0, 3}))
        story.append(Spacer(1, 4))
        story.append(self.p(_("“—”: not counted (the unit's report is not accepted)."), "note"))
        story.append(CondPageBreak(10 * mm))
        return story
