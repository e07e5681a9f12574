"""The decision's own facts: its number, the day it was signed, the plan's title and year, who
issued and signed it, and the documents the plan implements."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from plans.decision_text.reading import DecisionTextError, FlatText, TextWarning, capitalise, sentence_case
from plans.decision_text.units import Registry, read_subject

NUMBER = re.compile(r"\bSố\s*:?\s*(\d{1,6}\s*/\s*(?:[0-9A-Za-zĐđ]+\s*-\s*)*[0-9A-Za-zĐđ]+)")
SIGNED = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.I
)
DOC_KINDS = r"Quyết định|Nghị quyết|Chỉ thị|Kế hoạch|Nghị định|Thông tư|Luật|Công văn|Chương trình"
DOC_REF = re.compile(
    rf"({DOC_KINDS})\s+số\s+(\d{{1,6}}/[0-9A-Za-zĐđ/\-]*[0-9A-Za-zĐđ])\s+ngày\s+"
    r"(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)
TITLE_VERBS = re.compile(
    r"\b(?:về việc\s+)?(phê duyệt|ban hành|quy định|hướng dẫn|sửa đổi|triển khai|thực hiện|về)\b", re.I
)
RANKS = re.compile(r"\b(Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|Thiếu tá)\s")
PLAN_YEAR = re.compile(r"năm\s+(\d{4})\s*[.”\"]?\s*$", re.I)


@dataclass
class Header:
    number: str
    signed_on: date
    title: str = ""
    year: int = 0
    signer: str = ""
    signer_title: str = ""
    implements: list[dict] = field(default_factory=list)
    number_line: int = 1


def read_number(flat: FlatText) -> tuple[str, date, int]:
    """“Số: 762/QĐ-BCA-V03 … Hà Nội, ngày 06 tháng 02 năm 2024”: the number and the day signed."""
    m = NUMBER.search(flat.text)
    if m is None:
        raise DecisionTextError(
            _("This is not the text of a plan decision: no number such as “Số: 762/QĐ-BCA-V03” was found at the top."),
            1,
        )
    number, line = re.sub(r"\s+", "", m.group(1)), flat.line_at(m.start())
    # The place and day stand beside the number, before the title and the recitals.
    stop = re.compile(r"QUYẾT ĐỊNH|KẾ HOẠCH|Căn cứ|Điều\s+1").search(flat.text, m.end())
    end = min(m.end() + 300, stop.start() if stop else len(flat.text))
    day_match = SIGNED.search(flat.text, m.end(), end) or SIGNED.search(flat.text, max(0, m.start() - 300), m.start())
    signed = _date(day_match.groups()) if day_match else None
    if signed is None:
        raise DecisionTextError(
            _("The day the decision was signed (“…, ngày 06 tháng 02 năm 2024”) was not found after its number."),
            line,
        )
    return number, signed, line


def _date(groups) -> date | None:
    d, m, y = (groups[0], groups[1], groups[2]) if groups[0] else (groups[3], groups[4], groups[5])
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def read_title(flat: FlatText, plan_start: int, warnings: list) -> str:
    """The plan's title as Article 1 writes it (“Ban hành kèm theo Quyết định này Kế hoạch …”),
    else its heading in capitals, sentence-cased (a warning: the capitals of names are lost)."""
    article = re.search(r"Điều\s+1\s*[.:]\s*(.+?)\s*Điều\s+2\s*[.:]", flat.text[:plan_start])
    if article:
        found = re.search(r"\bKế hoạch\b.+", article.group(1))
        if found:
            return found.group().rstrip(" .;")
    heading = re.search(r"\bKẾ HOẠCH\b(.+?)(?:\(|$)", flat.text[plan_start : plan_start + 1500])
    if heading:
        warnings.append(
            TextWarning(
                flat.line_at(plan_start),
                _("The plan's title was read from its heading in capitals: check its capital letters."),
            )
        )
        return sentence_case("Kế hoạch" + heading.group(1)).strip()
    raise DecisionTextError(_("The plan's title (“Kế hoạch …”) was not found."), flat.line_at(plan_start))


def _signer_name(flat: FlatText, after: int) -> str:
    """The capitalised words after the rank, up to the first word in capitals (the next heading)."""
    words = []
    for token in flat.tokens[flat.token_index(after) :]:
        if not token.is_word or not token.capitalised or (token.upper and len(token.text) > 1) or len(words) == 5:
            break
        words.append(token.text)
    return " ".join(words)


def _roles(titles: list[str]) -> str:
    roles, current = [], []
    for word in titles:
        current.append(word)
        if word == "TRƯỞNG" or len(current) == 4:
            roles.append(sentence_case(" ".join(current)))
            current = []
    if current:
        roles.append(sentence_case(" ".join(current)))
    return " - ".join(roles)


def read_signer(flat: FlatText, plan_start: int) -> tuple[str, str]:
    """“KT. BỘ TRƯỞNG THỨ TRƯỞNG Thượng tướng Lê Quốc Hùng” → (“Thượng tướng Lê Quốc Hùng”,
    “KT. Bộ trưởng - Thứ trưởng”)."""
    m = RANKS.search(flat.text, 0, plan_start + 200)
    if m is None:
        return "", ""
    name = _signer_name(flat, m.end())
    if not name:
        return "", ""
    before = flat.text[max(0, m.start() - 120) : m.start()].split()
    titles: list[str] = []
    while before and before[-1].isupper() and before[-1].isalpha():
        titles.insert(0, before.pop())
    prefix = before[-1] if before and re.fullmatch(r"(KT|TL|TM|TUQ|Q)\.", before[-1]) else ""
    return f"{m.group(1)} {name}", f"{prefix} {_roles(titles)}".strip()


def _doc_title(flat: FlatText, start: int, end: int) -> str:
    """The title of a document cited as “… ngày … của Thủ tướng Chính phủ phê duyệt Đề án …”."""
    text = flat.text[start:end]
    verb = TITLE_VERBS.search(text)
    if verb is None:
        return ""
    title = text[verb.start(1) :].strip(" ;.,")
    return capitalise(title)


def _refs(flat: FlatText, start: int, end: int) -> list[tuple[str, date | None, int]]:
    out = []
    for m in DOC_REF.finditer(flat.text, start, end):
        out.append((m.group(2), _date(m.groups()[2:]), m.end()))
    return out


def read_implements(flat: FlatText, plan_start: int, plan_body: int, own_number: str) -> list[dict]:
    """The documents the plan says it carries out (“Thực hiện Quyết định số 1739/QĐ-TTg … và
    Quyết định số 8937/QĐ-BCA-V03 …”), each with its title as the decision's recitals
    (“Căn cứ …;”) give it."""
    titles = {}
    for recital in re.finditer(r"Căn cứ\s+(.+?)(?:;|\.\s|$)", flat.text[:plan_start]):
        for number, _day, after in _refs(flat, recital.start(1), recital.end(1)):
            titles.setdefault(number, _doc_title(flat, after, recital.end(1)))
    opening = re.search(r"\bThực hiện\b", flat.text[plan_start:plan_body])
    cited = _refs(flat, plan_start + opening.start(), plan_body) if opening else []
    if not cited:
        cited = [(n, d, a) for n, d, a in _refs(flat, 0, plan_start) if not n.endswith(("NĐ-CP", "QH13", "QH14"))]
    out, seen = [], {own_number}
    for number, day, after in cited:
        if number in seen:
            continue
        seen.add(number)
        title = titles.get(number) or _doc_title(flat, after, min(plan_body, after + 400)).split(" (")[0]
        out.append({"number": number, "signed_on": day, "title": title})
    return out


def read_issuer(registry: Registry, flat: FlatText) -> str:
    """The body at the top left of the decision (“BỘ CÔNG AN”)."""
    names = read_subject(registry, flat, 0, min(len(flat.tokens), 12))
    return names.units[0] if names.units else ""


def read_header(flat: FlatText, plan_start: int, plan_body: int, warnings: list) -> Header:
    number, signed, line = read_number(flat)
    header = Header(number=number, signed_on=signed, number_line=line)
    header.title = read_title(flat, plan_start, warnings)
    year = PLAN_YEAR.search(header.title)
    header.year = int(year.group(1)) if year else signed.year
    if not year:
        warnings.append(
            TextWarning(
                line,
                _("The plan's year is not in its title; the year it was signed (%(year)d) is used.")
                % {"year": signed.year},
            )
        )
    header.signer, header.signer_title = read_signer(flat, plan_start)
    if not header.signer:
        warnings.append(TextWarning(flat.line_at(plan_start), _("The signer (rank and name) was not found.")))
    header.implements = read_implements(flat, plan_start, plan_body, number)
    return header
