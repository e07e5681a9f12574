"""Files go out under their original name, Vietnamese included, with the extension of the type read from
their content (config/downloads.py)."""

import pytest

from config.downloads import download_name
from tasks.models import Evidence
from tests.files import PDF, PNG, upload


def test_vietnamese_file_name_in_content_disposition(api_as, reporter, activity):
    api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("Biên bản họp.pdf", PDF)}, format="multipart"
    )
    download = api_as(reporter).get(f"/api/v1/evidence/{Evidence.objects.get().pk}/download/")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in download["Content-Disposition"]


def test_a_file_goes_out_with_the_extension_of_its_real_type(api_as, client_as, reporter, activity):
    """A PNG uploaded as poly.html is served as poly.png; the record keeps the name it came with."""
    api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("poly.html", PNG)}, format="multipart"
    )
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type) == ("poly.html", "image/png")
    api = api_as(reporter).get(f"/api/v1/evidence/{evidence.pk}/download/")
    assert api["Content-Disposition"] == 'attachment; filename="poly.png"'
    assert api["Content-Type"] == "image/png"
    assert api["X-Content-Type-Options"] == "nosniff"
    page = client_as(reporter).get(f"/minh-chung/{evidence.pk}/")
    assert page["Content-Disposition"] == 'attachment; filename="poly.png"'


@pytest.mark.parametrize(
    ("name", "content_type", "served"),
    [
        ("poly.html", "image/png", "poly.png"),
        ("Biên bản.pdf", "application/pdf", "Biên bản.pdf"),
        ("anh.JPEG", "image/jpeg", "anh.JPEG"),
        ("anh.jpg.exe", "image/jpeg", "anh.jpg.jpg"),
        ("bao-cao", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "bao-cao.docx"),
        ("so-lieu.xls", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "so-lieu.xlsx"),
        ("tep.", "application/pdf", "tep.pdf"),
    ],
)
def test_download_name(name, content_type, served):
    assert download_name(name, content_type) == served
