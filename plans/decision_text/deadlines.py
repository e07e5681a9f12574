"""Deadlines as decisions write them, turned into the plan file's deadline forms.

- “trước ngày 15/12/2024”, “chậm nhất ngày 15 tháng 12 năm 2024” → ``{before: 2024-12-15}``
- “Quý IV/2024”, “quý 4 năm 2024” → ``{quarter: 4, year: 2024}``
- “tháng 3/2024”, “trong tháng 3 năm 2024” → ``{before: 2024-04-01}`` (due when the month is over)
- “6 tháng đầu năm 2024” → ``{before: 2024-07-01}``
- “cả năm 2024”, “năm 2024” → ``{year: 2024}``; “… và những năm tiếp theo” → ``{year: 2024, continuing: true}``
"""

import re
from dataclasses import dataclass
from datetime import date

_DAY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
BEFORE = re.compile(
    rf"(?:trước|chậm nhất(?: là)?|hạn chót|không muộn hơn|hoàn thành trước)(?:\s+ngày)?\s+(?:{_DAY})", re.I
)
QUARTER = re.compile(r"quý\s+(IV|I{1,3}|[1-4])\s*(?:[/\-]\s*|năm\s+)(\d{4})", re.I)
HALF = re.compile(r"(6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})", re.I)
MONTH = re.compile(r"(?<!\d\s)tháng\s+(\d{1,2})\s*(?:[/\-]\s*|năm\s+)(\d{4})", re.I)
YEAR = re.compile(r"(?:(?:cả|trong|suốt|hằng|hàng)\s+)?năm\s+(\d{4})", re.I)
CONTINUING = re.compile(r"(?:những|các)\s+năm\s+(?:tiếp\s+theo|sau)", re.I)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    spec: dict | None  # the plan file's deadline; None when the date does not exist (30/02)
    start: int  # where the phrase is in the text given
    end: int
    text: str

    @property
    def readable(self) -> bool:
        return self.spec is not None


def _day(groups: tuple) -> date | None:
    d, m, y = (groups[0], groups[1], groups[2]) if groups[0] else (groups[3], groups[4], groups[5])
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _next_month(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year + (month == 12), month % 12 + 1, 1)


def _found(text: str, *, strict: bool) -> list[Deadline]:
    out = []
    for m in BEFORE.finditer(text):
        day = _day(m.groups())
        out.append(Deadline({"before": day} if day else None, m.start(), m.end(), m.group()))
    for m in QUARTER.finditer(text):
        spec = {"quarter": ROMAN[m.group(1).upper()], "year": int(m.group(2))}
        out.append(Deadline(spec, m.start(), m.end(), m.group()))
    for m in HALF.finditer(text):
        year = int(m.group(3))
        day = date(year, 7, 1) if m.group(2).lower() == "đầu" else date(year + 1, 1, 1)
        out.append(Deadline({"before": day}, m.start(), m.end(), m.group()))
    for m in MONTH.finditer(text):
        day = _next_month(int(m.group(2)), int(m.group(1)))
        out.append(Deadline({"before": day} if day else None, m.start(), m.end(), m.group()))
    for m in YEAR.finditer(text):
        if strict and not m.group().lower().startswith(("cả", "trong", "suốt")):
            continue
        out.append(Deadline({"year": int(m.group(1))}, m.start(), m.end(), m.group()))
    return out


def find_deadlines(text: str, *, strict: bool = False) -> list[Deadline]:
    """Every deadline phrase in ``text``, in order, none inside another (“trước ngày 15 tháng 12
    năm 2024” is one deadline, not also “năm 2024”). ``strict``: a bare “năm 2024” does not count
    (in running text it names a year, not a deadline)."""
    found = sorted(_found(text, strict=strict), key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Deadline] = []
    for deadline in found:
        if kept and deadline.start < kept[-1].end:
            continue
        kept.append(deadline)
    last = kept[-1] if kept else None
    if last and last.spec and set(last.spec) == {"year"} and CONTINUING.search(text, last.end):
        kept[-1] = Deadline({**last.spec, "continuing": True}, last.start, last.end, last.text)
    return kept
