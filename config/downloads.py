"""Serving a stored file (evidence, a unit's plan) to a user already allowed to see it."""

from pathlib import PurePath

from django.http import FileResponse, Http404

from config.uploads import EVIDENCE_TYPES

# Extensions that name each type we serve; the first is the one given when the name's own doesn't fit.
EXTENSIONS = {
    content_type: [extension, *({"jpg": ["jpeg"]}.get(extension, []))]
    for content_type, extension in EVIDENCE_TYPES.items()
}


def download_name(name: str, content_type: str) -> str:
    """``name`` with an extension that matches ``content_type``, the type read from the file's content:
    a PNG uploaded as poly.html goes out as poly.png, a PDF named "bien-ban" as bien-ban.pdf. A name
    whose extension already fits is kept as it is (photo.JPEG stays photo.JPEG)."""
    allowed = EXTENSIONS.get(content_type)
    if not allowed:
        return name
    path = PurePath(name or "tep")
    if path.suffix[1:].lower() in allowed:
        return path.name
    stem = path.stem if path.suffix and path.stem else path.name
    return f"{stem.rstrip('.') or 'tep'}.{allowed[0]}"


def file_download(field, *, name: str, content_type: str) -> FileResponse:
    """The file as an attachment (Content-Disposition, RFC 6266) under the user's original name, with
    the extension of the type read from its content (the record keeps the name as it was uploaded);
    404 if the file is missing from storage."""
    try:
        handle = field.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=download_name(name, content_type), content_type=content_type
    )
