"""Uploaded files, hostile until read: size limits, the type read from the content (never the name), a
safe original name."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.text import nfc

EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def safe_filename(name: str) -> str:
    """The user's file name without any directory part, control characters or leading dots."""
    name = nfc(name or "").replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip().lstrip(".")
    return name[:200] or "tep"


def sniff_content_type(upload) -> str | None:
    """The file's type from its content (never its name): one of EVIDENCE_TYPES, or None."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in ("application/zip", "application/x-zip-compressed") or (mime and mime.startswith("application/vnd.")):
        mime = _office_type(upload)
    return mime if mime in EVIDENCE_TYPES else None


def _office_type(upload) -> str | None:
    """DOCX and XLSX are ZIP files: look inside for the part that says which one it is."""
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def check_upload(upload) -> tuple[str, str]:
    """Validate an uploaded file; return (content type, safe original name)."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(size)s MB.") % {"size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError({"file": _("Only PDF, JPEG, PNG, DOCX and XLSX files are accepted.")})
    return content_type, safe_filename(upload.name)
