"""What one task of part II asks: who leads it and who coordinates (“Cơ quan thực hiện / chủ trì”,
“Cơ quan phối hợp”, “đề nghị …” to bodies outside the Ministry), what it delivers by when
(“Thời gian thực hiện”, one deliverable per dated line where there are several, each with its own
responsible party), its kind and its counted target (“ít nhất 01 mô hình”, “tại 3 miền Bắc, Trung,
Nam”)."""

import re
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.translation import gettext as _

from accounts.text import name_key
from plans.decision_text.deadlines import Deadline, find_deadlines
from plans.decision_text.reading import FlatText, TextWarning, capitalise, read_text
from plans.decision_text.sections import COORDINATING, LEAD, TIME, Block, Leaf
from plans.decision_text.units import Names, Registry, combined_scope, read_all, read_subject
from plans.models import Deliverable, Scope, Task

PLAN_DOCUMENT = re.compile(r"^(?:ban hành|xây dựng)\s+(?:các\s+)?kế hoạch thực hiện")
GUIDANCE = re.compile(r"văn bản (?:chỉ đạo|hướng dẫn)")
PILOT = re.compile(r"(?:xây dựng|nhân rộng|đánh giá)(?:\s+\S+){0,4}\s+mô hình")
TRAINING = re.compile(r"tập huấn")
AT_LEAST = re.compile(r"ít nhất\s+(\d+|một|hai|ba|bốn|năm)\s+(\w+(?:\s+\w+)?)")
REGIONS = re.compile(r"\b(?:3|ba)\s+miền\b")
WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5}
TIME_WORDS = re.compile(r"^(?:thời gian|thời hạn|tiến độ)\s+(?:(?:thực hiện|hoàn thành)\s+)?", re.I)
UNIT_SCOPES = (Scope.ALL_UNITS, Scope.ALL_PROVINCES, Scope.ALL_DEPARTMENTS)


@dataclass
class Statement:
    """One sentence of “Cơ quan thực hiện”: who leads, with whom, doing what, sent to whom."""

    lead: Names
    coordinating: Names
    action: str
    recipient: str
    start: int


@dataclass
class Due:
    label: str  # “Ban hành Kế hoạch thực hiện Đề án của Bộ Công an”, or "" for the task's one deadline
    deadline: Deadline | None
    text: str
    offset: int


@dataclass
class Context:
    flat: FlatText
    registry: Registry
    year: int
    warnings: list[TextWarning] = field(default_factory=list)

    def warn(self, offset: int, message: str, code: str = "") -> None:
        self.warnings.append(TextWarning(self.flat.line_at(offset), message, code))

    def warn_unknown(self, names: Names, code: str) -> None:
        for text, offset in names.unknown:
            self.warn(
                offset,
                _("No unit or partner in the registry is named “%(name)s”: add it to the registry or correct the name.")
                % {"name": text},
                code,
            )


def recipient(ctx: Context, i: int, stop: int) -> str:
    """“gửi về Bộ Công an (qua Cục Pháp chế …)” → the unit after “qua”, else the one after “gửi về”."""
    tokens = ctx.flat.tokens
    for k in range(i, stop - 1):
        if tokens[k].key == "gửi" and tokens[k + 1].key in ("về", "đến", "tới"):
            for q in range(k + 2, min(k + 14, stop - 1)):
                if tokens[q].text == "(" and tokens[q + 1].key == "qua":
                    through = read_subject(ctx.registry, ctx.flat, q + 2, stop)
                    if through.units:
                        return through.units[0]
            target = read_subject(ctx.registry, ctx.flat, k + 2, stop)
            return target.units[0] if target.units else ""
    return ""


def read_statement(ctx: Context, start: int, end: int) -> Statement:
    flat, tokens = ctx.flat, ctx.flat.tokens
    i, stop = flat.token_index(start), flat.token_index(end)
    lead = read_subject(ctx.registry, flat, i, stop)
    j = lead.end
    if [t.key for t in tokens[j : j + 2]] == ["chủ", "trì"]:
        j += 2
    while j < stop and tokens[j].text == ",":
        j += 1
    coordinating = Names()
    if [t.key for t in tokens[j : j + 2]] == ["phối", "hợp"]:
        coordinating = read_subject(ctx.registry, flat, j + 2, stop)
        j = coordinating.end
    action = flat.slice(tokens[j].start, end).strip(" .;") if j < stop else ""
    return Statement(lead, coordinating, action, recipient(ctx, j, stop), start)


def statements(ctx: Context, block: Block) -> list[Statement]:
    """A lead block's sentences: one per “+” line, else the block itself."""
    text = ctx.flat.text[block.start : block.end]
    cuts = [block.start + m.start() for m in re.finditer(r"(?:^|\s)\+\s", text)]
    bounds = [block.start, *cuts, block.end] if cuts else [block.start, block.end]
    pieces = [(a, b) for a, b in pairwise(bounds) if ctx.flat.text[a:b].strip(" +-.;")]
    return [read_statement(ctx, a, b) for a, b in pieces]


def _due(ctx: Context, start: int, end: int, labelled: bool) -> Due:
    text = ctx.flat.text[start:end].strip(" +-–;.")
    label = ""
    if labelled and ":" in text:
        label, text = (part.strip() for part in text.split(":", 1))
        label = capitalise(TIME_WORDS.sub("", label))
    found = find_deadlines(text)
    deadline = found[-1] if found else None
    if len(found) > 1 and not labelled:
        ctx.warn(start, _("Several deadlines in “%(text)s”: the last one is used.") % {"text": text})
    return Due(label, deadline, text.strip(" .;"), start)


def dues(ctx: Context, block: Block) -> list[Due]:
    """The deadlines of a “Thời gian thực hiện” block: one per “+” line (each “what: when”), else one."""
    text = ctx.flat.text[block.start : block.end]
    cuts = [block.start + m.start() for m in re.finditer(r"(?:^|\s)\+\s", text)]
    if not cuts and len(find_deadlines(text)) > 1 and text.count(":") > 1:
        cuts = [block.start + m.end() for m in re.finditer(r";", text)][:-1]
    if not cuts:
        return [_due(ctx, block.start, block.end, labelled=False)]
    bounds = [block.start, *cuts, block.end]
    pieces = [(a, b) for a, b in pairwise(bounds) if ctx.flat.text[a:b].strip(" +-.;")]
    return [_due(ctx, a, b, labelled=True) for a, b in pieces]


def _owner(ctx: Context, label: str) -> Names:
    """Whose document a dated line names (“… của Công an các đơn vị, địa phương”), the issuing
    ministry aside (its own plan is drafted by the lead)."""
    if " của " not in label:
        return Names()
    owner_flat = read_text(label.rsplit(" của ", 1)[1])
    names = read_subject(ctx.registry, owner_flat, 0, len(owner_flat.tokens))
    names.units = [u for u in names.units if ctx.registry.unit_kinds.get(u) != "ministry"]
    return names


def _overlap(label: str, statement: Statement) -> int:
    words = set(name_key(label).split())
    return len(words & set(name_key(statement.action).split()))


def responsible_for(ctx: Context, due: Due, dated: list[Due], said: list[Statement]) -> tuple[Names, str]:
    """Who answers for a dated line: the owner it names when one of the lead's sentences is that
    owner's; else the sentence no other line claims that shares most words with it."""
    owners = {id(d): _owner(ctx, d.label) for d in dated}
    own = owners[id(due)]
    for statement in said:
        if own and (set(own.scopes) & set(statement.lead.scopes) or set(own.units) & set(statement.lead.units)):
            return statement.lead, statement.recipient
    claimed = {
        id(s)
        for s in said
        for o in owners.values()
        if o and (set(o.scopes) & set(s.lead.scopes) or set(o.units) & set(s.lead.units))
    }
    free = [s for s in said if id(s) not in claimed] or said
    best = max(free, key=lambda s: _overlap(due.label, s))
    return best.lead, best.recipient


def deliverable_kind(title: str, task_title: str, scope: str) -> str:
    t, task = name_key(title), name_key(task_title)
    if PLAN_DOCUMENT.search(t):
        return Deliverable.Kind.UNIT_PLAN if scope in UNIT_SCOPES else Deliverable.Kind.MINISTRY_PLAN
    if GUIDANCE.search(t):
        return Deliverable.Kind.GUIDANCE
    if TRAINING.search(task):
        return Deliverable.Kind.TRAINING
    if PILOT.search(task):
        return Deliverable.Kind.PILOT_MODEL
    return Deliverable.Kind.ACTIVITY


def target(ctx: Context, text: str, kinds: set[str], offset: int, code: str) -> dict | None:
    """The task's counted target: “ít nhất 01 mô hình” (pilot models per unit), “tại 3 miền Bắc,
    Trung, Nam” (training in the three regions), any training task (courses)."""
    key = name_key(text)
    if REGIONS.search(key) and Deliverable.Kind.TRAINING in kinds:
        return {"kind": Task.Target.TRAINING_BY_REGION, "count": 3}
    at_least = AT_LEAST.search(key)
    if at_least:
        count = WORD_NUMBERS.get(at_least.group(1)) or int(at_least.group(1))
        what = at_least.group(2)
        if what.startswith("mô hình"):
            return {"kind": Task.Target.PILOT_MODELS, "count": count}
        if Deliverable.Kind.TRAINING in kinds and what.split()[0] in ("lớp", "hội", "đợt", "buổi"):
            return {"kind": Task.Target.TRAINING, "count": count}
        ctx.warn(
            offset,
            _("The target “%(text)s” has no field in the plan file; it stays in the task's text only.")
            % {"text": at_least.group()},
            code,
        )
    if Deliverable.Kind.TRAINING in kinds:
        return {"kind": Task.Target.TRAINING}
    return None


def responsible(ctx: Context, names: Names) -> tuple[list[str], str]:
    """The units named and one scope; a unit the scope already takes in is not listed again."""
    scope = combined_scope(names.scopes)
    return [u for u in names.units if not ctx.registry.covered(u, scope)], scope


@dataclass
class TaskParts:
    said: list[Statement]
    coordinating: Names
    dated: list[Due]


def task_parts(ctx: Context, leaf: Leaf) -> TaskParts:
    parts = TaskParts([], Names(), [])
    for block in leaf.blocks:
        if block.kind == LEAD:
            parts.said += statements(ctx, block)
        elif block.kind == COORDINATING:
            i, stop = ctx.flat.token_index(block.start), ctx.flat.token_index(block.end)
            parts.coordinating.extend(read_all(ctx.registry, ctx.flat, i, stop))
        elif block.kind == TIME:
            parts.dated += dues(ctx, block)
    for statement in parts.said:
        parts.coordinating.extend(statement.coordinating)
    return parts
