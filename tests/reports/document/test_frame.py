"""The Decree 30 frame: the date line, the signer's title and the document number, from the registry."""

from datetime import date

from django.utils import translation

from accounts.models import Unit
from reports.document.frame import document_number, place_of, signer_title, vn_date_line


def test_date_line_leading_zeros():
    with translation.override("vi"):
        assert vn_date_line("Hà Nội", date(2024, 12, 15)) == "Hà Nội, ngày 15 tháng 12 năm 2024"
        assert vn_date_line("Hà Nội", date(2024, 2, 6)) == "Hà Nội, ngày 06 tháng 02 năm 2024"
        assert vn_date_line("Hà Nội", date(2024, 1, 9)) == "Hà Nội, ngày 09 tháng 01 năm 2024"
        assert vn_date_line("Đà Nẵng", date(2024, 3, 5)) == "Đà Nẵng, ngày 05 tháng 3 năm 2024"
        assert vn_date_line("Hà Nội", date(2024, 10, 10)) == "Hà Nội, ngày 10 tháng 10 năm 2024"


def test_signer_title_is_the_units_in_capitals_head_of_unit_when_unknown(db):
    with translation.override("vi"):
        assert signer_title(Unit.objects.get(key="ca01")) == "GIÁM ĐỐC"
        assert signer_title(Unit.objects.get(key="ca01-2025")) == "GIÁM ĐỐC"
        assert signer_title(Unit.objects.get(key="v03")) == "CỤC TRƯỞNG"
        assert signer_title(Unit.objects.get(key="van-phong-bo")) == "CHÁNH VĂN PHÒNG"
        # The ministry itself is not in the registry's signers: the default.
        assert signer_title(Unit.objects.get(key="bo-cong-an")) == "THỦ TRƯỞNG ĐƠN VỊ"
        assert signer_title(None) == "THỦ TRƯỞNG ĐƠN VỊ"
        # Stored decomposed (NFD) or with stray spaces: printed NFC.
        assert signer_title(Unit(signer_title=" Phó Giám đốc phụ trách ".replace("ó", "o\u0301"))) == (
            "PHÓ GIÁM ĐỐC PHỤ TRÁCH"
        )


def test_document_number_and_place(db):
    with translation.override("vi"):
        assert document_number(Unit.objects.get(key="v03")) == "Số: …/BC-V03"
        assert document_number(Unit.objects.get(key="van-phong-bo")) == "Số: …/BC"  # no code known yet
        assert document_number(Unit.objects.get(key="ca01")) == "Số: …/BC"
        assert place_of(Unit.objects.get(key="ca48")) == "Đà Nẵng"
        assert place_of(Unit.objects.get(key="v03")) == "Hà Nội"
