"""The plan's outline: its parts (I. MỤC ĐÍCH…, II. NỘI DUNG…, III. TỔ CHỨC THỰC HIỆN), the numbered
task groups and tasks of part II (1., 1.1., a), b)), and in each task its title, its content and
its labelled paragraphs (Cơ quan thực hiện / chủ trì, Cơ quan phối hợp, Thời gian thực hiện).

Markers are found in the flattened text, wherever the lines broke: an item is its number (the one
expected next: 1.1 after 1., 1.2 after 1.1) followed by a capitalised word.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.translation import gettext as _

from accounts.text import name_key
from plans.decision_text.reading import DecisionTextError, FlatText, TextWarning
from plans.decision_text.units import Registry, keys_of

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
SECTION = re.compile(r"(?<![\w.])(VIII|VII|VI|IV|V|III|II|I)\.\s+")
LETTERS = "abcdđeghiklmnopqrstuvxy"
NOT_AN_ITEM = keys_of("Điều khoản điểm mục Mục số tại lục Quý quý")
LEAD, COORDINATING, TIME = "lead", "coordinating", "time"
LABEL = re.compile(
    r"(?:^|(?<=[\s.;:]))(?:[-–+•*]\s*)?"
    r"(?:(?:cơ quan|đơn vị)(?:\s*,\s*(?:cơ quan|đơn vị))?\s+(?P<role>chủ trì|thực hiện|phối hợp)(?:\s+thực hiện)?"
    r"|(?P<time>thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành|triển khai))?)\s*:",
    re.I,
)
# Capitalised words that are names, not the start of a sentence, even when a text uses them once.
PROPER = keys_of(
    "Bộ Cục Công Đề Kế Quyết Nghị Luật Nhà Nhân Đảng Chính Thủ Ủy Uỷ Hội Đoàn Trung Việt Mặt Liên Văn "
    "Học Viện Sở Ban Quốc Tổng Báo Đài Cảnh Tòa Chương Chỉ Thông Hiến Tủ Ngày Cổng Bắc Nam Tây Đông "
    "Hà Hồ Huế Đà Sài Pháp Tư Nhà"
)
# Words after which a name belongs to the sentence (“của Công an các đơn vị, địa phương”).
LINKS = keys_of(
    "của giữa với cho tại thuộc và hoặc trong qua về đến từ là các những đối bởi do theo gồm như hợp "
    "trì nghị giao cùng tới ở lẫn mọi vào trên dưới sau trước để nhằm giúp"
)


@dataclass
class Section:
    value: int
    heading: str
    start: int
    body: int
    end: int = 0


@dataclass
class Item:
    code: str
    start: int  # the marker
    body: int  # just after it
    end: int
    children: list["Item"] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # LEAD, COORDINATING or TIME
    start: int  # just after the label's colon
    end: int
    label_start: int


@dataclass
class Leaf:
    """What a task's paragraph says, split up: title, content and labelled blocks."""

    title: str
    content: str
    blocks: list[Block]
    head_start: int


def _capitals(flat: FlatText, offset: int) -> tuple[str, int]:
    """The run of words in capitals from ``offset`` (a part's heading) and where it ends."""
    words, end = [], offset
    for token in flat.tokens[flat.token_index(offset) :]:
        if token.upper:
            words.append(token.text)
            end = token.end
        elif token.text not in (",", "-", "–"):
            break
    return " ".join(words), end


def find_sections(flat: FlatText) -> list[Section]:
    found: list[Section] = []
    for m in SECTION.finditer(flat.text):
        value = ROMAN[m.group(1)]
        if value != len(found) + 1:
            continue
        heading, end = _capitals(flat, m.end())
        if len(heading.split()) >= 2:
            found.append(Section(value, heading, m.start(), end))
    for here, after in pairwise(found):
        here.end = after.start
    if found:
        found[-1].end = len(flat.text)
    return found


def plan_start(flat: FlatText, before: int) -> int:
    """Where the plan itself begins: its heading “KẾ HOẠCH …” (not “BAN HÀNH KẾ HOẠCH”, the decision's
    own title), else its first part."""
    starts = [
        m.start()
        for m in re.finditer(r"\bKẾ\s+HOẠCH\b", flat.text[:before])
        if not re.search(r"BAN\s+HÀNH\s*$", flat.text[max(0, m.start() - 12) : m.start()])
    ]
    return starts[-1] if starts else before


def parts(flat: FlatText) -> tuple[Section, Section | None, int]:
    """The part that lists the tasks (“NỘI DUNG…”, “NHIỆM VỤ…”) and the part that organises the
    work (“TỔ CHỨC THỰC HIỆN”)."""
    sections = find_sections(flat)
    tasks = next((s for s in sections if re.search(r"nội dung|nhiệm vụ", name_key(s.heading))), None)
    if tasks is None and len(sections) >= 2:
        tasks = sections[1]
    if tasks is None:
        raise DecisionTextError(
            _(
                "This is not the text of a plan decision: no part listing its tasks (“II. NỘI DUNG, TIẾN ĐỘ "
                "TRIỂN KHAI”) was found."
            ),
            flat.line_at(0),
        )
    organised = next((s for s in sections if "tổ chức thực hiện" in name_key(s.heading)), None)
    if organised is None:
        organised = next((s for s in sections if s.value == tasks.value + 1), None)
    return tasks, organised, sections[0].start


def _marker(flat: FlatText, code: str, start: int, end: int, dot: bool) -> tuple[int, int] | None:
    pattern = re.compile(rf"(?<![\w./,\-]){re.escape(code)}(\.)?\s+")
    for m in pattern.finditer(flat.text, start, end):
        if dot and not m.group(1):
            continue
        after = flat.text[m.end() : m.end() + 2]
        if not after or not (after[0].isupper() or (after[0] in '"“(' and after[1:2].isupper())):
            continue
        before = flat.text[max(0, m.start() - 12) : m.start()].split()
        if before and name_key(before[-1]) in NOT_AN_ITEM:
            continue
        return m.start(), m.end()
    return None


def numbered(flat: FlatText, start: int, end: int, prefix: str, warnings: list) -> list[Item]:
    """The items “<prefix>1.”, “<prefix>2.”… in order; one number missing is skipped with a warning."""
    items: list[Item] = []
    number, pos, dot = 1, start, not prefix
    while True:
        hit = _marker(flat, f"{prefix}{number}", pos, end, dot)
        if hit is None:
            hit = _marker(flat, f"{prefix}{number + 1}", pos, end, dot)
            if hit is None:
                break
            warnings.append(
                TextWarning(flat.line_at(hit[0]), _("Item %(code)s is missing.") % {"code": f"{prefix}{number}"})
            )
            number += 1
        items.append(Item(f"{prefix}{number}", hit[0], hit[1], end))
        pos, number = hit[1], number + 1
    for here, after in pairwise(items):
        here.end = after.start
    return items


def labels(flat: FlatText, start: int, end: int) -> list[Block]:
    blocks = []
    for m in LABEL.finditer(flat.text, start, end):
        role = (m.group("role") or "").lower()
        kind = TIME if m.group("time") else COORDINATING if role == "phối hợp" else LEAD
        blocks.append(Block(kind, m.end(), end, m.start()))
    for here, after in pairwise(blocks):
        here.end = after.label_start
    return blocks


def _letter(flat: FlatText, letter: str, start: int, end: int) -> tuple[int, int] | None:
    for m in re.finditer(rf"(?<![\w(]){letter}\)\s+", flat.text[start:end]):
        after = flat.text[start + m.end() : start + m.end() + 2]
        if after and (after[0].isupper() or (after[0] in '"“(' and after[1:2].isupper())):
            return start + m.start(), start + m.end()
    return None


def lettered(flat: FlatText, item: Item) -> list[Item]:
    """a), b)… of a task (8.2 → 8.2a, 8.2b); “a)” comes before the task's first label."""
    first_label = next(iter(labels(flat, item.body, item.end)), None)
    out: list[Item] = []
    for letter in LETTERS:
        start = out[-1].body if out else item.body
        end = first_label.label_start if (first_label and not out) else item.end
        hit = _letter(flat, letter, start, end)
        if hit is None:
            break
        out.append(Item(f"{item.code}{letter}", hit[0], hit[1], item.end))
    for here, after in pairwise(out):
        here.end = after.start
    return out


def outline(flat: FlatText, section: Section, warnings: list) -> list[Item]:
    """Task groups, each with its tasks (none when the group is itself the task), each with its
    lettered parts."""
    groups = numbered(flat, section.body, section.end, "", warnings)
    for group in groups:
        group.children = numbered(flat, group.body, group.end, f"{group.code}.", warnings)
        for item in group.children or [group]:
            item.children = lettered(flat, item)
    return groups


def proper_words(flat: FlatText) -> set[str]:
    """Words the text capitalises inside sentences more than once: names, not sentence starts."""
    tokens, seen = flat.tokens, Counter()
    for before, token in pairwise(tokens):
        if token.is_word and token.capitalised and before.is_word and before.text[-1].islower():
            seen[token.key] += 1
    return {key for key, count in seen.items() if count > 1} | PROPER


def _sentence_starts(flat: FlatText, registry: Registry, k: int, proper: set[str]) -> bool:
    """Does a new sentence start at token ``k`` although no full stop precedes it? “… đối tượng đặc
    thù Về nội dung, …”; “… giáo dục pháp luật Công an các đơn vị, địa phương tích cực …”."""
    tokens = flat.tokens
    token, before = tokens[k], tokens[k - 1]
    if not (token.is_word and token.capitalised and before.is_word and before.text[-1].islower()):
        return False
    if token.key not in proper:
        following = tokens[k + 1 : k + 3]
        return not (len(following) == 2 and following[0].text == "," and following[1].capitalised)
    found = registry.match(tokens, k, len(tokens))
    return bool(found and not found.cut_short and before.key not in LINKS)


def split_head(flat: FlatText, registry: Registry, start: int, end: int, proper: set[str]) -> tuple[str, str]:
    """A task's title and content: the title ends with its first sentence (“… miền núi. Tập trung…”)
    or where a new sentence starts without a full stop."""
    tokens = flat.tokens
    first, last = flat.token_index(start), flat.token_index(end)
    for k in range(first + 1, last):
        token = tokens[k]
        if token.text in ".!?" and k + 1 < last and tokens[k + 1].is_word and tokens[k + 1].capitalised:
            return flat.slice(start, token.end), flat.slice(token.end, end)
        if _sentence_starts(flat, registry, k, proper):
            return flat.slice(start, token.start), flat.slice(token.start, end)
    return flat.slice(start, end), ""


def read_leaf(flat: FlatText, registry: Registry, item: Item, proper: set[str]) -> Leaf:
    blocks = labels(flat, item.body, item.end)
    head_end = blocks[0].label_start if blocks else item.end
    title, content = split_head(flat, registry, item.body, head_end, proper)
    return Leaf(title=title.strip(" -–+"), content=content.strip(" -–+"), blocks=blocks, head_start=item.body)
