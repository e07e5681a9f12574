"""What a results report is made of, independent of PDF or Word: the renderers (``reports.pdf``,
``reports.docx``) lay out these blocks; they never decide what a report says.

Every text is NFC. A table is one of the report's tables (``reports.tables``) with its numbered
caption; a chart carries its caption and its data (``reports.pdf.charts`` draws it).
"""

from dataclasses import dataclass, field

from reports.tables import Table

from .frame import Letterhead
from .text import nfc

BODY, BULLET, NOTE = "body", "bullet", "note"
BAR, PIE = "bar", "pie"


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 "I. KẾT QUẢ THỰC HIỆN", 2 "1. Kết quả…", 3 "1.1. …"."""

    text: str
    level: int

    def __post_init__(self):
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Text:
    """A paragraph: ``BODY``, ``BULLET`` (a "- " line) or ``NOTE`` (under a table)."""

    text: str
    style: str = BODY

    def __post_init__(self):
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Grid:
    """One of the report's tables, under its numbered caption ("" in an annex, whose title says it)."""

    table: Table
    caption: str = ""

    def __post_init__(self):
        object.__setattr__(self, "caption", nfc(self.caption))


@dataclass(frozen=True)
class Chart:
    """A numbered chart: bars (``BAR``) or a pie (``PIE``) of ``values`` by ``labels``."""

    caption: str
    kind: str
    labels: tuple[str, ...]
    values: tuple[int, ...]

    def __post_init__(self):
        object.__setattr__(self, "caption", nfc(self.caption))
        object.__setattr__(self, "labels", tuple(nfc(label) for label in self.labels))
        object.__setattr__(self, "values", tuple(self.values))


@dataclass(frozen=True)
class Annex:
    """An annex's opening, on a new page: "PHỤ LỤC", its title, and which report it is attached to."""

    label: str
    title: str
    attached: str

    def __post_init__(self):
        for name in ("label", "title", "attached"):
            object.__setattr__(self, name, nfc(getattr(self, name)))


Block = Heading | Text | Grid | Chart | Annex


@dataclass
class ReportDocument:
    """A report ready to render: the letterhead around the body, then the annexes after the
    signature; ``title`` and ``author`` are the file's properties."""

    head: Letterhead
    title: str
    author: str
    body: list[Block] = field(default_factory=list)
    annexes: list[Block] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        return [*self.body, *self.annexes]
