"""Reading a PDF back as a user's tools do: its text (poppler's pdftotext, else pypdf) and its fonts."""

import io
import shutil
import subprocess
import unicodedata

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """pdftotext's text (poppler), else pypdf's; NFC; a form feed between pages either way."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout
        text = text.decode()
    else:
        text = "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)  # pages as pdftotext
    return unicodedata.normalize("NFC", text)


def flat(text: str) -> str:
    """Whitespace collapsed (a sentence may wrap anywhere)."""
    return " ".join(text.split())


def fonts_of(content: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font of the file: pdffonts' list, else pypdf's."""
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=False)
        if out.returncode == 0:
            rows = out.stdout.decode().splitlines()[2:]
            return [(row.split()[0], row.split()[-5] == "yes") for row in rows if row.strip()]
    found = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc else {}
            found[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return list(found.items())
