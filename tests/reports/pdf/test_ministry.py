"""The PDF (Decree 30 layout, Vietnamese text, embedded fonts) and the XLSX (totals = roll-up)."""

import io
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Unit
from reports.pdf import vn_date_line
from reports.selectors import RollupFilters, plan_rollup
from reports.services import annual_report_pdf, rollup_pdf, rollup_xlsx
from tests.services import unavailable

from .data import fill, report

UNITS = ["v03", "ca01", "ca79", "ca48", "ca02", "ca31", "ca92"]


@pytest.fixture
def filled(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=UNITS)), per_unit=8)
    return plan


def pdf_text(content: bytes) -> str:
    """pdftotext's text (poppler), else pypdf's; NFC, whitespace collapsed."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout
        text = text.decode()
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return unicodedata.normalize("NFC", text)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_date_line_leading_zeros():
    with translation.override("vi"):
        assert vn_date_line("Hà Nội", date(2024, 12, 15)) == "Hà Nội, ngày 15 tháng 12 năm 2024"
        assert vn_date_line("Hà Nội", date(2024, 2, 6)) == "Hà Nội, ngày 06 tháng 02 năm 2024"
        assert vn_date_line("Hà Nội", date(2024, 1, 9)) == "Hà Nội, ngày 09 tháng 01 năm 2024"
        assert vn_date_line("Đà Nẵng", date(2024, 3, 5)) == "Đà Nẵng, ngày 05 tháng 3 năm 2024"
        assert vn_date_line("Hà Nội", date(2024, 10, 10)) == "Hà Nội, ngày 10 tháng 10 năm 2024"


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
    total = r["totals"]
    assert total["participants"] > 0
    assert f"{total['participants']:,}".replace(",", ".") in joined
    assert f"{total['budget_vnd']:,}".replace(",", ".") in joined
    assert f"{r['units']['counted']}/72 đơn vị" in joined
    # Page numbers: none on page 1, centred at the top from page 2.
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 3
    assert reader.pages[1].extract_text().strip().splitlines()[0].strip() == "2"
    # Every font is embedded, and there is only Liberation Serif.
    fonts = fonts_of(content)
    assert fonts and all(embedded for _name, embedded in fonts)
    assert all("LiberationSerif" in name for name, _e in fonts)


def fonts_of(content: bytes) -> list[tuple[str, bool]]:
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


def test_pdf_tools_are_installed_on_ci():
    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        unavailable("poppler-utils (pdftotext, pdffonts) is not installed")


def test_empty_plan_prints(plan):
    text = flat(pdf_text(rollup_pdf(plan=plan, filters=RollupFilters())))
    assert "0/72 đơn vị" in text
    assert "Không có khó khăn, vướng mắc được báo cáo." in text


def test_unit_report_prints_with_the_unit_in_the_header(plan, unit):
    r = report(unit, plan, "draft", difficulties="Thiếu kinh phí in tài liệu.")
    text = flat(pdf_text(annual_report_pdf(report=r)))
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in text
    assert "Kính gửi: Bộ Công an (qua Cục Pháp chế và cải cách hành chính, tư pháp)." in text
    assert "Dự thảo" in text
    assert "Thiếu kinh phí in tài liệu." in text
    assert "GIÁM ĐỐC" in text
    assert "PHỤ LỤC" not in text


def test_xlsx_totals_equal_the_rollup(filled):
    r = plan_rollup(plan=filled)
    wb = load_workbook(io.BytesIO(rollup_xlsx(plan=filled, filters=RollupFilters())))
    assert wb.sheetnames[0] == "Tổng hợp"
    ws = wb["Tổng hợp"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Nhiệm vụ", "Nội dung", "Đơn vị phải thực hiện", "Đơn vị có hoạt động"]
    last = [c.value for c in ws[ws.max_row]]
    assert last[0] == "Tổng cộng"
    t = r["totals"]
    assert last[2:] == [
        t["units_expected"],
        t["units_reporting"],
        t["activities"],
        t["sessions"],
        t["participants"],
        t["copies"],
        t["online_reach"],
        t["budget_vnd"],
    ]
    assert all(isinstance(v, int) for v in last[2:])
    units = wb["Đơn vị"]
    assert units.max_row - 4 == r["units"]["total"]
    areas = wb["Theo địa bàn"]
    assert sum(row[3].value for row in areas.iter_rows(min_row=5)) == t["participants"]


def test_a_submitted_unit_report_prints_the_figures_it_was_sent_with(plan, leader):
    from reports.annual.services import report_create, report_submit
    from tests.factories import ActivityFactory

    ActivityFactory(unit=leader.unit, participants=1234)
    r = report_create(by=leader, plan=plan)
    report_submit(report=r, by=leader)
    ActivityFactory(unit=leader.unit, participants=5000)  # logged after sending: not in the sent report
    r.refresh_from_db()
    text = flat(pdf_text(annual_report_pdf(report=r)))
    assert "1.234 lượt người tham gia" in text
    assert "6.234" not in text and "5.000" not in text
    assert "Dự thảo" not in text
