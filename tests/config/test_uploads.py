"""Uploaded files are checked by their content and stored under a name the server chose (config/uploads.py)."""

import pytest
from django.test.utils import override_settings

from tasks.models import Evidence
from tests.files import ELF, PDF, PNG, docx_bytes, upload


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("bien-ban.pdf", PDF, "application/pdf"),
        ("anh.png", PNG, "image/png"),
        ("bao-cao.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_accepted_files_are_typed_from_content(api_as, reporter, activity, name, content, mime):
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload(name, content)}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert evidence.content_type == mime
    assert evidence.original_name == name
    assert name not in evidence.file.name  # stored under a name the server chose


def test_executable_renamed_pdf_is_refused(api_as, reporter, activity):
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/",
        {"file": upload("bao-cao.pdf", ELF, "application/pdf")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "Chỉ chấp nhận tệp PDF" in str(response.json())
    assert not Evidence.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_oversize_file_is_refused(api_as, reporter, activity):
    big = PDF + b"0" * 2048
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("lon.pdf", big)}, format="multipart"
    )
    assert response.status_code == 400
    assert "lớn hơn" in str(response.json())
    assert not Evidence.objects.exists()


def test_path_in_the_name_is_dropped(api_as, reporter, activity):
    response = api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("../../etc/passwd.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 201
    evidence = Evidence.objects.get()
    assert evidence.original_name == "passwd.pdf"
    assert ".." not in evidence.file.name
    download = api_as(reporter).get(f"/api/v1/evidence/{evidence.pk}/download/")
    assert 'filename="passwd.pdf"' in download["Content-Disposition"]
