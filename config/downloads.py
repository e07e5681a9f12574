"""Serving a stored file (evidence, a unit's plan) to a user already allowed to see it."""

from django.http import FileResponse, Http404


def file_download(field, *, name: str, content_type: str) -> FileResponse:
    """The file as an attachment under the user's original name (Content-Disposition, RFC 6266);
    404 if the file is missing from storage."""
    try:
        handle = field.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
