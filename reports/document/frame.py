"""The frame of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I), whatever
it is rendered to: the letterhead (governing body and issuer, national title and motto, number,
place and date), the kind of document and its summary, "Kính gửi", and the signature block with
its recipients ("Nơi nhận").

What the frame says about a unit comes from the registry (``accounts.models.Unit``): its name, its
code for the document number, its province for the place, its signer's title. The frame's fixed
words are ``frame_words()``; the renderers (``reports.pdf.decree30``, ``reports.docx.frame``) only
lay them out.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Unit

from .text import nfc

# Decree 30/2020, Appendix I, on A4 (210 × 297 mm): top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
PAGE_MM = (210, 297)
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_MM = PAGE_MM[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
# The letterhead's left column (governing body and issuer, the number) on an A4 page with the
# Decree 30 margins (165 mm of text); the right column (national title, motto, date) takes the rest.
LETTERHEAD_LEFT_MM = 68
# The issuer's rule is at most this share of the left column (Decree 30: a third to a half of the name).
ISSUER_RULE_SHARE = 0.45
SUMMARY_RULE_MM = 45  # the rule under the title's summary line


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

    def date_line(self) -> str:
        return vn_date_line(self.place, self.day)


@dataclass(frozen=True)
class FrameWords:
    """The frame's fixed words, in the active language (Vietnamese in a report), NFC."""

    national_title: str
    motto: str
    kind: str
    draft: str
    to: str
    copies: str


def frame_words() -> FrameWords:
    return FrameWords(
        national_title=nfc(_("SOCIALIST REPUBLIC OF VIETNAM")),
        motto=nfc(_("Independence - Freedom - Happiness")),
        kind=nfc(_("REPORT")),
        draft=nfc(_("(Draft, not yet accepted by the Ministry)")),
        to=nfc(_("To:")),
        copies=nfc(_("Recipients:")),
    )


def recipient_lines(head: Letterhead) -> list[str]:
    """What follows "Kính gửi:": the one recipient as it is, several as "- …" lines."""
    if len(head.recipients) == 1:
        return [nfc(head.recipients[0])]
    return [f"- {nfc(r)}" for r in head.recipients]


def copies_lines(head: Letterhead) -> list[str]:
    """The lines under "Nơi nhận:"."""
    return [f"- {nfc(c)}" for c in head.copies_to]


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
