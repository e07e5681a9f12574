"""The Ministry's report (Decree 30 layout, Vietnamese text, embedded fonts, the roll-up's figures)."""

import io
import re

import pytest
from pypdf import PdfReader

from accounts.models import Unit
from reports.rollup import RollupFilters, plan_rollup
from reports.services import rollup_pdf
from tests.registry import UNITS_2024

from ..data import fill
from .reading import flat, fonts_of, pdf_text

UNITS = ["v03", "ca01", "ca79", "ca48", "ca02", "ca31", "ca92"]


@pytest.fixture
def filled(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=UNITS)), per_unit=8)
    return plan


def test_ministry_pdf_header_figures_and_embedded_fonts(filled):
    content = rollup_pdf(plan=filled, filters=RollupFilters())
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    lines = [line.strip() for line in text.splitlines()]
    joined = flat(text)
    for expected in (
        "BỘ CÔNG AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BC-V03",
        "BÁO CÁO",
        "Kính gửi:",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "CỤC TRƯỞNG",
        "PHỤ LỤC",
        "Công an tỉnh Cà Mau",
    ):
        assert expected in joined, expected
    assert "CỤC PHÁP CHẾ VÀ CẢI CÁCH" in joined and "HÀNH CHÍNH, TƯ PHÁP" in joined
    assert any(line.startswith("BỘ CÔNG AN") for line in lines)
    assert "Hà Nội, ngày " in joined and " tháng " in joined
    # The figures of the roll-up, written the Vietnamese way (1.234.567).
    r = plan_rollup(plan=filled)
    assert r.totals.participants > 0
    assert f"{r.totals.participants:,}".replace(",", ".") in joined
    assert f"{r.totals.budget_vnd:,}".replace(",", ".") in joined
    assert f"{r.units.counted}/{UNITS_2024} đơn vị" in joined
    # Page numbers: none on page 1, centred at the top from page 2.
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 3
    assert reader.pages[1].extract_text().strip().splitlines()[0].strip() == "2"
    # Every font is embedded, and there is only Liberation Serif.
    fonts = fonts_of(content)
    assert fonts and all(embedded for _name, embedded in fonts)
    assert all("LiberationSerif" in name for name, _e in fonts)


def test_empty_plan_prints(plan):
    text = flat(pdf_text(rollup_pdf(plan=plan, filters=RollupFilters())))
    assert f"0/{UNITS_2024} đơn vị" in text
    assert "Không có khó khăn, vướng mắc được báo cáo." in text


def test_the_signer_is_the_coordinating_departments_head(plan):
    """The signer's title is the registry's (V03: Cục trưởng), not a guess from the unit's name."""
    v03 = Unit.objects.get(key="v03")
    v03.signer_title = "Q. Cục trưởng"
    v03.save()
    text = flat(pdf_text(rollup_pdf(plan=plan, filters=RollupFilters())))
    assert "Q. CỤC TRƯỞNG" in text


def test_a_unit_users_rollup_has_their_unit_in_the_header_and_the_annex(filled):
    unit = Unit.objects.get(key="ca79")
    text = flat(pdf_text(rollup_pdf(plan=filled, filters=RollupFilters(unit=unit))))
    assert "CÔNG AN THÀNH PHỐ HỒ CHÍ" in text  # the issuer, in capitals (on two lines)
    assert "Hồ Chí Minh, ngày " in text and "Hà Nội, ngày" not in text
    assert "GIÁM ĐỐC" in text
    assert "PHỤ LỤC" in text and "Công an tỉnh Cà Mau" not in text
    # Its report's status in words of the unit, not "có 0/1 đơn vị đã gửi báo cáo".
    assert "1. Báo cáo của đơn vị" in text and "đơn vị đã gửi báo cáo, trong đó" not in text
    assert re.search(r"Tính đến ngày \d\d/\d\d/\d{4}, Công an thành phố Hồ Chí Minh (đã gửi|chưa gửi) báo cáo", text)


def test_the_tasks_without_activity_share_one_sentence(filled):
    """Not a sentence of zeros per task: one sentence names the tasks no counted unit did anything
    for, and only the tasks with activity have their line."""
    text = flat(pdf_text(rollup_pdf(plan=filled, filters=RollupFilters())))
    r = plan_rollup(plan=filled)
    idle = [t.code for t in r.tasks() if not t.figures.activities]
    busy = [t for t in r.tasks() if t.figures.activities]
    assert len(idle) > 1 and busy
    assert text.count("chưa có hoạt động được ghi nhận") == 1
    assert f"Các nhiệm vụ {', '.join(idle)} chưa có hoạt động được ghi nhận." in text
    assert "số đơn vị có hoạt động 0;" not in text
    assert not re.search(r"(?<![\d.])0 hoạt động", text)
    for t in busy:
        assert f"Nhiệm vụ {t.code}: số đơn vị phải thực hiện {t.units_expected}," in text
