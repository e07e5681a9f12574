"""Reading a decision's text safely: bytes to text (bounded, UTF-8, no binary), one normal form
(NFC, "\\n" line breaks, no table debris), and the text flattened into one line of words that still
knows which line of the file every word came from.

Everything after this module works on the flattened text, so that a text hard-wrapped at 80 or 60
columns, flattened into long lines or copied from a web page gives the same plan: only the words
and their order count, never where the lines break.
"""

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.text import name_key

MAX_BYTES = 1_000_000  # Decision 762 is 35 kB; a plan decision is never near a megabyte
MAX_LINES = 20_000

# Characters a PDF or a web page leaves behind: table borders, non-breaking and zero-width spaces,
# soft hyphens, the byte-order mark.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v|¦│┃]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_RULE = re.compile(r"^[\s\-–—_=*+.~|¦│┃]*$")  # a line that is only a rule: "-------", "|", "+---+"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
TOKEN = re.compile(r"\w+|[^\w\s]")


class DecisionTextError(Exception):
    """The text cannot be read as a plan decision at all: nothing is written."""

    def __init__(self, message: str, line: int | None = None):
        self.message, self.line = message, line
        super().__init__(self.where())

    def where(self) -> str:
        if self.line:
            return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass(frozen=True)
class TextWarning:
    """Something the import could not read or match: shown with its line, never silently guessed."""

    line: int
    message: str
    code: str = ""  # the task or section it concerns ("4.1", "III.3"), when there is one

    def where(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


def decode(data: bytes) -> str:
    """The text of an uploaded or read file: UTF-8 (with or without BOM) or UTF-16 with a BOM.
    DecisionTextError for an empty, oversized or binary file."""
    if len(data) > MAX_BYTES:
        raise DecisionTextError(
            _("The file is larger than %(size)s kB; a plan decision's text is much shorter.")
            % {"size": MAX_BYTES // 1000}
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecisionTextError(_("The file is not readable text (broken UTF-16).")) from exc
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DecisionTextError(_("The file is binary, not text: save the decision as plain text (.txt)."), line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecisionTextError(
            _("The file is not UTF-8 text: save the decision as plain text in UTF-8 (.txt)."), line
        ) from exc


def normalize(text: str) -> list[str]:
    """The text's lines in NFC with every kind of line break (CRLF, CR) read as one. A text with
    control characters is binary: DecisionTextError naming the line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        raise DecisionTextError(_("The text has more than %(count)d lines.") % {"count": MAX_LINES})
    for number, line in enumerate(lines, start=1):
        if _CONTROL.search(line):
            raise DecisionTextError(_("The text holds control characters: it is not a plain text file."), number)
    return lines


@dataclass(frozen=True)
class Token:
    text: str
    key: str  # name_key: case-folded, Hoà = Hòa
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def upper(self) -> bool:
        return self.text.isupper() and any(c.isalpha() for c in self.text)


@dataclass
class FlatText:
    """The decision as one line of words separated by single spaces, with the source line of every
    character (``line_at``) and its tokens (words and punctuation marks)."""

    text: str
    starts: list[int]  # offset in ``text`` where each kept source line begins
    numbers: list[int]  # that source line's number (1-based)
    tokens: list[Token] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        index = bisect_right(self.starts, max(offset, 0)) - 1
        return self.numbers[max(index, 0)] if self.numbers else 1

    def token_index(self, offset: int) -> int:
        """The index of the first token that starts at or after ``offset``."""
        return bisect_right(self.token_starts, offset - 1)

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end].strip()


def flatten(lines: list[str]) -> FlatText:
    """One line of words; a line that ends inside a hyphenated code (“8937/QĐ-” + “BCA-V03”) is
    joined to the next without a space."""
    text, starts, numbers = "", [], []
    for number, line in enumerate(lines, start=1):
        line = " ".join(_SPACES.sub(" ", _INVISIBLE.sub("", line)).split())
        if not line or _RULE.match(line):
            continue
        if text and not (text[-1] == "-" and (text[-2:-1].isalnum() or text[-2:-1] == "_")):
            text += " "
        starts.append(len(text))
        numbers.append(number)
        text += line
    flat = FlatText(text=text, starts=starts, numbers=numbers)
    flat.tokens = [Token(m.group(), name_key(m.group()), m.start(), m.end()) for m in TOKEN.finditer(flat.text)]
    flat.token_starts = [t.start for t in flat.tokens]
    return flat


def read_text(text: str) -> FlatText:
    """Normalise and flatten a decision's text; DecisionTextError when there is nothing to read."""
    flat = flatten(normalize(text))
    if not any(t.is_word for t in flat.tokens):
        raise DecisionTextError(_("The text is empty."), 1)
    return flat


def sentence_case(words: str) -> str:
    """ "BỘ TRƯỞNG" → "Bộ trưởng": for headings and titles written in capitals."""
    lowered = words.lower()
    return lowered[:1].upper() + lowered[1:]


def capitalise(text: str) -> str:
    """The first letter in capitals, the rest as written."""
    text = text.strip()
    return text[:1].upper() + text[1:]
