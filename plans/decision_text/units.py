"""Matching the names a decision writes to the unit registry, the partners and the phrases that
mean a set of units ("Công an các đơn vị, địa phương").

Names are compared word by word on ``accounts.text.name_key`` (NFC, case-folded, Hoà = Hòa),
across line breaks and commas. A name cut short (“Cục Pháp chế và cải cách hành chính” for “Cục
Pháp chế và cải cách hành chính, tư pháp”) matches when at least four words begin exactly one name.
What looks like a name and matches nothing is reported, never guessed.
"""

from dataclasses import dataclass, field
from datetime import date

from accounts.text import name_key
from plans.decision_text.reading import TOKEN, Token
from plans.models import Scope

UNIT, PARTNER, SCOPE = "unit", "partner", "scope"


def keys_of(words: str) -> set[str]:
    """The name keys of space-separated words (a list written as one string)."""
    return {name_key(w) for w in words.split()}


MIN_PREFIX_WORDS = 4

# Phrases that are not names in the registry but mean a set of units or the bodies concerned.
PHRASES = [
    (SCOPE, Scope.ALL_UNITS, "Công an các đơn vị, địa phương"),
    (SCOPE, Scope.UNITS_CONCERNED, "Công an các đơn vị, địa phương liên quan"),
    (SCOPE, Scope.UNITS_CONCERNED, "Công an các đơn vị, địa phương có liên quan"),
    (SCOPE, Scope.ALL_PROVINCES, "Công an các tỉnh, thành phố trực thuộc Trung ương"),
    (SCOPE, Scope.ALL_PROVINCES, "Công an các tỉnh, thành phố"),
    (SCOPE, Scope.ALL_PROVINCES, "Công an các địa phương"),
    (SCOPE, Scope.ALL_DEPARTMENTS, "các đơn vị thuộc cơ quan Bộ"),
    (SCOPE, Scope.ALL_DEPARTMENTS, "các đơn vị trực thuộc cơ quan Bộ"),
    (SCOPE, Scope.ALL_DEPARTMENTS, "các đơn vị thuộc Bộ"),
    (PARTNER, "lien-quan", "các cơ quan, đơn vị, tổ chức liên quan"),
    (PARTNER, "lien-quan", "các cơ quan, đơn vị, tổ chức có liên quan"),
    (PARTNER, "lien-quan", "các cơ quan, tổ chức có liên quan"),
    (PARTNER, "lien-quan", "các cơ quan, đơn vị liên quan"),
    (PARTNER, "lien-quan", "các cơ quan, đơn vị có liên quan"),
    (PARTNER, "lien-quan", "tổ chức, cá nhân có liên quan"),
    (PARTNER, "lien-quan", "các cơ quan, đơn vị chức năng"),
]
# Which scope takes in which units (by Unit.kind) and which scopes.
COVERS = {
    Scope.ALL_UNITS: {"department", "province"},
    Scope.ALL_DEPARTMENTS: {"department"},
    Scope.ALL_PROVINCES: {"province"},
}
SKIPPED_INSIDE_NAMES = {",", "-", "–", "—"}
SEPARATORS = {",", ";", "và", "với", "cùng", "-", "–", "+", "/", "•"}
# The first word of an organisation's name: a capitalised one that matches nothing is reported.
NAME_HEADS = keys_of(
    "Cục Bộ Văn Công Học Trường Viện Tổng Sở Ủy Uỷ Hội Liên Đoàn Ban Báo Tạp Bệnh Phòng Đài Tòa Toà "
    "Mặt Trung Thông Tòa Nhà"
)
# Lower-case words that end a name nobody knows: the verbs that follow a subject.
STOP_WORDS = keys_of(
    "chủ phối tích xây tổ thực tiến căn có là tham hướng triển bảo lựa nghiên đề gửi báo và thuộc "
    "theo để trong tại cho của"
)


@dataclass(frozen=True)
class Entry:
    kind: str  # UNIT, PARTNER or SCOPE
    key: str
    name: str
    unit_kind: str = ""  # Unit.Kind for units: ministry, department, province


@dataclass(frozen=True)
class Found:
    entry: Entry
    start: int  # token index
    end: int  # token index after the name
    cut_short: bool = False


def words_of(name: str) -> tuple[str, ...]:
    return tuple(name_key(m.group()) for m in TOKEN.finditer(name) if m.group()[0].isalnum())


class Registry:
    """Every name a plan may write, by its words: units, partners and the PHRASES."""

    def __init__(self, entries: list[Entry]):
        self.full: dict[tuple, list[Entry]] = {}
        self.paths: dict[tuple, set[Entry]] = {}
        for entry in [*entries, *(Entry(kind, str(key), name) for kind, key, name in PHRASES)]:
            words = words_of(entry.name)
            if not words:
                continue
            self.full.setdefault(words, []).append(entry)
            for n in range(1, len(words) + 1):
                self.paths.setdefault(words[:n], set()).add(entry)
        self.unit_kinds = {e.key: e.unit_kind for e in entries if e.kind == UNIT}

    @classmethod
    def from_database(cls, *, year: int) -> "Registry":
        """The units valid at some time in ``year`` (a name two units share goes to the one valid at
        the end of the year), their short names, and the partners."""
        from accounts.models import Partner, Unit

        start, end = date(year, 1, 1), date(year, 12, 31)
        units = sorted(
            Unit.objects.valid_between(start, end),
            key=lambda u: (u.valid_to is None or u.valid_to >= end, u.valid_from or start),
            reverse=True,
        )
        entries, seen = [], set()
        for unit in units:
            for name in {unit.name, unit.short_name} - {""}:
                if name_key(name) not in seen and len(words_of(name)) > 1:
                    seen.add(name_key(name))
                    entries.append(Entry(UNIT, unit.key, name, unit.kind))
        entries += [Entry(PARTNER, p.key, p.name) for p in Partner.objects.all()]
        return cls(entries)

    def match(self, tokens: list[Token], i: int, end: int) -> Found | None:
        """The longest name that starts at token ``i``; else a name cut short, when at least
        MIN_PREFIX_WORDS words begin exactly one name of the registry (units and partners)."""
        words: tuple = ()
        best, deepest, j = None, None, i
        while j < end:
            token = tokens[j]
            if token.text in SKIPPED_INSIDE_NAMES and words:
                j += 1
                continue
            if not token.is_word or (*words, token.key) not in self.paths:
                break
            words = (*words, token.key)
            j += 1
            deepest = (words, j)
            if words in self.full:
                best = Found(self.full[words][0], i, j)
        if deepest and len(deepest[0]) >= MIN_PREFIX_WORDS and (best is None or deepest[1] > best.end):
            # Words that go on beyond a full name (“Cục Pháp chế” and “… và cải cách hành chính”)
            # into exactly one longer name: that name, cut short.
            below = {e for e in self.paths[deepest[0]] if e.kind != SCOPE}
            if len({(e.kind, e.key) for e in below}) == 1:
                return Found(next(iter(below)), i, deepest[1], cut_short=True)
        return best

    def covered(self, unit_key: str, scope: str) -> bool:
        """Is the unit one of those ``scope`` takes in (a department under "every unit")?"""
        return self.unit_kinds.get(unit_key, "") in COVERS.get(scope, set())


@dataclass
class Names:
    """The names found in a stretch of text, in the order written, with those nobody knows."""

    units: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    unknown: list[tuple[str, int]] = field(default_factory=list)  # (as written, offset)
    end: int = 0  # the token index where reading stopped

    def add(self, entry: Entry) -> None:
        bucket = {UNIT: self.units, PARTNER: self.partners, SCOPE: self.scopes}[entry.kind]
        if entry.key not in bucket:
            bucket.append(entry.key)

    def extend(self, other: "Names") -> None:
        for kind, keys in ((UNIT, other.units), (SCOPE, other.scopes), (PARTNER, other.partners)):
            for key in keys:
                self.add(Entry(kind, key, ""))
        self.unknown += other.unknown

    def __bool__(self) -> bool:
        return bool(self.units or self.scopes or self.partners or self.unknown)


def combined_scope(scopes: list[str]) -> str:
    """One scope for several: every unit, or both departments and provinces, is every unit."""
    found = set(scopes)
    if Scope.ALL_UNITS in found or {Scope.ALL_DEPARTMENTS, Scope.ALL_PROVINCES} <= found:
        return Scope.ALL_UNITS
    for scope in (Scope.ALL_PROVINCES, Scope.ALL_DEPARTMENTS, Scope.UNITS_CONCERNED):
        if scope in found:
            return scope
    return ""


def _closing(tokens: list[Token], i: int, end: int) -> int | None:
    depth = 0
    for j in range(i, end):
        depth += {"(": 1, ")": -1}.get(tokens[j].text, 0)
        if depth == 0:
            return j
    return None


def _through_filler(registry: Registry, tokens: list[Token], i: int, end: int) -> Found | None:
    """“các đơn vị báo chí, phát thanh, truyền hình thuộc Công an các tỉnh, …”, “các cơ quan, đơn
    vị chức năng thuộc Bộ Tư pháp”: the name after “thuộc”, when a few words lead to it."""
    if tokens[i].key not in ("các", "những"):
        return None
    for j in range(i + 1, min(i + 14, end)):
        if tokens[j].text in (";", "(", ")", ".", ":"):
            return None
        if tokens[j].key == "thuộc":
            found = registry.match(tokens, j + 1, end)
            if found and found.entry.unit_kind != "ministry":
                return found
            return None
    return None


def _unknown_extent(tokens: list[Token], i: int, end: int) -> int:
    j = i + 1
    while j < end and j < i + 12:
        token = tokens[j]
        if token.text in (",", ";", "(", ")", ".", ":") or (not token.capitalised and token.key in STOP_WORDS):
            break
        j += 1
    return j


def _looks_like_a_name(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    return token.is_word and token.capitalised and token.key in NAME_HEADS


def _name_or_filler(registry: Registry, tokens: list[Token], i: int, end: int) -> Found | None:
    return _through_filler(registry, tokens, i, end) or registry.match(tokens, i, end)


def _parenthesis(registry, flat, names: Names, i: int, end: int) -> int | None:
    """A parenthesis of names is read (“(Công an các đơn vị, địa phương)”); any other is a note on
    the unit before it (“Văn phòng Bộ (… trên Cổng thông tin điện tử …)”) and is skipped."""
    close = _closing(flat.tokens, i, end)
    if close is None:
        return None
    inner = read_subject(registry, flat, i + 1, close)
    if inner and inner.end == close and not inner.unknown:
        names.extend(inner)
    return close + 1


def read_subject(registry: Registry, flat, i: int, end: int) -> Names:
    """The names that open a sentence or follow “phối hợp với”, up to the first word that is not
    part of one (the verb: “chủ trì”, “xây dựng”, “căn cứ”…)."""
    names, tokens = Names(), flat.tokens
    while i < end:
        token = tokens[i]
        if token.key in SEPARATORS:
            i += 1
            continue
        if token.text == "(":
            after = _parenthesis(registry, flat, names, i, end)
            if after is None:
                break
            i = after
            continue
        found = _name_or_filler(registry, tokens, i, end)
        if found:
            names.add(found.entry)
            i = found.end
            continue
        if _looks_like_a_name(tokens, i):
            j = _unknown_extent(tokens, i, end)
            names.unknown.append((flat.text[token.start : tokens[j - 1].end], token.start))
            i = j
            continue
        break
    names.end = i
    return names


def read_all(registry: Registry, flat, i: int, end: int) -> Names:
    """Every name in a stretch of text (the coordinating bodies: “đề nghị chính quyền các cấp, …,
    Hội Luật gia Việt Nam … tích cực phối hợp thực hiện”), the issuing ministry aside."""
    names, tokens = Names(), flat.tokens
    previous_separates = True
    while i < end:
        found = _name_or_filler(registry, tokens, i, end)
        if found:
            if found.entry.unit_kind != "ministry":
                names.add(found.entry)
            i, previous_separates = found.end, False
            continue
        if previous_separates and _looks_like_a_name(tokens, i):
            j = _unknown_extent(tokens, i, end)
            names.unknown.append((flat.text[tokens[i].start : tokens[j - 1].end], tokens[i].start))
            i, previous_separates = j, False
            continue
        previous_separates = tokens[i].key in SEPARATORS or tokens[i].key in ("nghị", "(")
        i += 1
    names.end = end
    return names
