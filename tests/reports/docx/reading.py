"""Reading a DOCX back as a user's tools do: python-docx for its structure, LibreOffice (headless)
to lay it out as a word processor would, poppler's pdftoppm to look at the pages."""

import io
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.oxml.ns import qn

from tests.services import unavailable

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(content: bytes):
    assert content[:2] == b"PK"
    return Document(io.BytesIO(content))


def body_texts(doc) -> list[str]:
    """Every paragraph of the body, tables included (a cell's paragraphs in order)."""
    texts = []
    for element in doc.element.body.iter(f"{W}p"):
        texts.append("".join(t.text or "" for t in element.iter(f"{W}t")))
    return texts


def all_text(doc) -> str:
    return " ".join(" ".join(body_texts(doc)).split())


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def is_nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


def fields(doc) -> list[str]:
    """Every field code anywhere in the body (complex and simple fields)."""
    codes = ["".join(t.text or "" for t in doc.element.body.iter(qn("w:instrText")))]
    codes += [f.get(qn("w:instr")) for f in doc.element.body.iter(qn("w:fldSimple"))]
    return [c for c in codes if c]


def to_pdf(content: bytes, name: str) -> tuple[Path, list[Path]]:
    """The document laid out by LibreOffice (headless) as PDF, and each page as PNG (pdftoppm),
    kept under var/test-artifacts/docx/ to be looked at. Required on CI; skipped elsewhere."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        unavailable("LibreOffice is not installed (Debian package libreoffice-writer-nogui)")
    if not shutil.which("pdftoppm"):
        unavailable("poppler-utils (pdftoppm) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}*"):
        old.unlink()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{name}.docx"
        source.write_bytes(content)
        # A profile of its own: another LibreOffice running on the machine does not block this one.
        profile = f"-env:UserInstallation=file://{work}/profile"
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", work, str(source)]
        subprocess.run(command, capture_output=True, check=True, timeout=180)
        pdf = ARTIFACTS / f"{name}.pdf"
        shutil.copy(Path(work) / f"{name}.pdf", pdf)
    (ARTIFACTS / f"{name}.docx").write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / name)], check=True, timeout=120)
    return pdf, sorted(ARTIFACTS.glob(f"{name}-*.png"))


# The order Word's schema gives the children of the properties we write (Word refuses a file
# whose elements are out of order; LibreOffice would not say so).
SCHEMA_ORDER = {
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
}  # fmt: skip


def out_of_order(element) -> list[str]:
    """Properties elements under ``element`` whose children are not in the schema's order."""
    wrong = []
    for name, order in SCHEMA_ORDER.items():
        for props in element.iter(qn(f"w:{name}")):
            tags = [child.tag.split("}")[1] for child in props]
            positions = [order.index(t) for t in tags]
            if positions != sorted(positions):
                wrong.append(f"{name}: {tags}")
    return wrong
