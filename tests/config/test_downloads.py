"""Files go out under their original name, Vietnamese included (config/downloads.py)."""

from tasks.models import Evidence
from tests.files import PDF, upload


def test_vietnamese_file_name_in_content_disposition(api_as, reporter, activity):
    api_as(reporter).post(
        f"/api/v1/activities/{activity.pk}/evidence/", {"file": upload("Biên bản họp.pdf", PDF)}, format="multipart"
    )
    download = api_as(reporter).get(f"/api/v1/evidence/{Evidence.objects.get().pk}/download/")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in download["Content-Disposition"]
