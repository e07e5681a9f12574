"""The Ministry's report and a unit's own report as Word documents: the Decree 30 frame, Word's
headings, the roll-up's figures in the same tables as the PDF, NFC text, the user's words as text;
laid out by LibreOffice as a word processor would (the pages are kept as PNG to be looked at)."""

import re
import unicodedata

import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pypdf import PdfReader

from accounts.models import Unit
from reports import tables
from reports.rollup import RollupFilters, plan_rollup
from reports.services import annual_report_docx, rollup_docx
from tests.factories import ActivityFactory

from ..data import fill, report, submitted_report
from ..pdf.reading import flat, pdf_text
from .reading import all_text, body_texts, fields, headings, is_nfc, open_docx, out_of_order, table_rows, to_pdf

UNITS = ["v03", "ca01", "ca79", "ca48", "ca02", "ca31", "ca92"]


@pytest.fixture
def filled(plan):
    fill(plan, units=list(Unit.objects.filter(key__in=UNITS)), per_unit=8)
    return plan


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_the_ministry_docx_letterhead_is_a_borderless_two_column_table(filled):
    doc = open_docx(rollup_docx(plan=filled, filters=RollupFilters()))
    head = doc.tables[0]
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    assert [round(c.width.mm) for c in head.rows[0].cells] == [68, 97]
    left, right = (list(cell.paragraphs) for cell in head.rows[0].cells)
    assert [p.text for p in left] == ["BỘ CÔNG AN", "CỤC PHÁP CHẾ VÀ CẢI CÁCH HÀNH CHÍNH, TƯ PHÁP", ""]
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    assert left[1].runs[0].bold and not left[0].runs[0].bold
    assert right[0].runs[0].bold and right[1].runs[0].bold
    # The short rule under the issuer and under the motto: a bottom border, narrower than its column.
    for rule in (left[2], right[2]):
        assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
        assert rule.paragraph_format.left_indent.mm > 5
    number, day = head.rows[1].cells
    assert number.text == "Số: …/BC-V03" and not number.paragraphs[0].runs[0].italic  # upright (Appendix I)
    assert day.text.startswith("Hà Nội, ngày ") and day.paragraphs[0].runs[0].italic
    texts = [p for p in doc.paragraphs if p.text]
    kind, summary = texts[0], texts[1]
    assert kind.text == "BÁO CÁO" and summary.text.startswith("Kết quả thực hiện Kế hoạch")
    for p in (kind, summary):
        assert p.runs[0].bold and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    to = doc.tables[1]  # two recipients: "Kính gửi:" beside them, one a line
    assert [c.text for c in to.rows[0].cells] == ["Kính gửi:", "- Thủ tướng Chính phủ;\n- Lãnh đạo Bộ Công an."]
    sign = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    copies, signer = sign.rows[0].cells
    assert copies.paragraphs[0].runs[0].bold and copies.paragraphs[0].runs[0].italic
    assert "- Lưu: VT, V03." in copies.text
    assert signer.paragraphs[0].text == "CỤC TRƯỞNG"


def test_the_ministry_docx_headings_figures_and_tables(filled):
    doc = open_docx(rollup_docx(plan=filled, filters=RollupFilters()))
    r = plan_rollup(plan=filled)
    found = headings(doc)
    level1 = [text for style, text in found if style == "Heading 1"]
    assert level1 == ["I. KẾT QUẢ THỰC HIỆN", "II. KHÓ KHĂN, VƯỚNG MẮC", "III. ĐỀ XUẤT, KIẾN NGHỊ"]
    level2 = [text for style, text in found if style == "Heading 2"]
    assert level2[0] == "1. Tình hình gửi báo cáo của các đơn vị" and len(level2) == 6
    assert ("Heading 3", f"2.1. {r.groups[0].title}") in found
    text = all_text(doc)
    assert f"{r.units.counted}/{r.units.total} đơn vị" in text
    assert vn(r.totals.participants) in text and vn(r.totals.budget_vnd) in text
    # The results table: its total row is the roll-up's totals, as the PDF prints them.
    with translation.override("vi"):
        results = tables.results_table(r)
        columns, rows = results.printed()
    grid = next(t for t in doc.tables if t.rows[0].cells[0].text == columns[0].label and len(t.columns) == 9)
    printed = table_rows(grid)
    assert printed[0] == [c.label for c in columns]
    t = r.totals
    total = [t.units_expected, t.units_reporting, t.activities, t.sessions, t.participants, t.copies]
    assert printed[-1] == ["Tổng cộng", *[vn(n) for n in total], vn(t.online_reach), vn(t.budget_vnd)]
    assert len(printed) == 1 + len(rows)
    # Captions numbered as in the PDF; the two charts are pictures.
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions[0] == "Biểu đồ 1. Báo cáo theo tình trạng"
    assert "Bảng 1. Kết quả theo nhóm nhiệm vụ và nhiệm vụ" in captions
    assert len(doc.inline_shapes) == 2
    # The annex on a new page: one row per unit, "—" where a unit is not counted.
    annex = next(p for p in doc.paragraphs if p.text == "PHỤ LỤC")
    assert annex.paragraph_format.page_break_before
    units = table_rows(doc.tables[-1])
    assert len(units) == 1 + len(r.unit_reports) and units[-1][1] == "Công an tỉnh Cà Mau"
    assert all(is_nfc(t) for t in body_texts(doc))
    assert fields(doc) == []  # no field in the body (the page number is in the header)
    assert out_of_order(doc.element.body) == []  # as Word's schema orders them


def test_the_pdf_and_the_docx_say_the_same(filled):
    """One document, two renderers: every sentence of the DOCX's body is in the PDF."""
    from reports.services import rollup_pdf

    # A sentence may run over a page: the page number at the top of the next is not part of it.
    pdf = flat(re.sub(r"\f\s*\d+\s*\n", "\f", pdf_text(rollup_pdf(plan=filled, filters=RollupFilters()))))
    doc = open_docx(rollup_docx(plan=filled, filters=RollupFilters()))
    sentences = [p.text for p in doc.paragraphs if p.style.name in ("Normal", "Heading 1", "Heading 2", "Note")]
    sentences = [s for s in sentences if s]
    assert len(sentences) > 40
    missing = [s for s in sentences if flat(s) not in pdf]
    assert missing == []


def test_a_unit_report_docx_prints_the_unit_its_words_as_text_and_what_it_sent(plan, leader, unit):
    typed = '=HYPERLINK("http://evil.example/x";"Bấm") thiếu <b>kinh phí</b>'
    nfd = unicodedata.normalize("NFD", "Thiếu tài liệu tiếng dân tộc.")
    ActivityFactory(unit=unit, participants=1234)
    r = report(unit, plan, "draft", difficulties=typed, proposals=nfd)
    doc = open_docx(annual_report_docx(report=r))
    head = doc.tables[0]
    assert head.rows[0].cells[0].text == "BỘ CÔNG AN\nCÔNG AN THÀNH PHỐ HÀ NỘI\n"
    assert head.rows[1].cells[1].text.startswith("Hà Nội, ngày ")
    text = all_text(doc)
    assert "(Dự thảo, chưa được Bộ chấp nhận)" in text
    assert "Kính gửi: Bộ Công an (qua Cục Pháp chế và cải cách hành chính, tư pháp)." in text
    assert f"- {typed}" in [p.text for p in doc.paragraphs]
    assert "- Thiếu tài liệu tiếng dân tộc." in [p.text for p in doc.paragraphs]
    assert fields(doc) == [] and not list(doc.element.body.iter(qn("w:hyperlink")))
    assert all(is_nfc(t) for t in body_texts(doc))
    assert "PHỤ LỤC" not in text and "GIÁM ĐỐC" in text


def test_a_sent_unit_report_docx_prints_the_figures_it_was_sent_with(plan, leader):
    ActivityFactory(unit=leader.unit, participants=1234)
    r = submitted_report(leader, plan)
    ActivityFactory(unit=leader.unit, participants=5000)  # logged after sending: not in the sent report
    r.refresh_from_db()
    text = all_text(open_docx(annual_report_docx(report=r)))
    assert "1.234 lượt người tham gia" in text
    assert "6.234" not in text and "Dự thảo" not in text


def test_libreoffice_lays_out_the_ministry_docx_as_a_decree_30_report(filled):
    """Converted by LibreOffice (headless), as an official's word processor would open it: A4
    pages, the page number from page 2, the figures; the pages are kept as PNG under
    var/test-artifacts/docx/ to be looked at."""
    content = rollup_docx(plan=filled, filters=RollupFilters())
    pdf, pages = to_pdf(content, "bao-cao-tong-hop")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 5 and len(pages) == len(reader.pages)
    width, height = (float(x) * 25.4 / 72 for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    first = reader.pages[0].extract_text()
    assert "BÁO CÁO" in first and not first.strip().startswith("1")  # no number on page 1
    for n in (2, 3):
        assert reader.pages[n - 1].extract_text().strip().splitlines()[0].strip() == str(n)
    text = flat(pdf_text(pdf.read_bytes()))
    r = plan_rollup(plan=filled)
    assert vn(r.totals.participants) in text and "PHỤ LỤC" in text and "Nơi nhận:" in text


def test_an_empty_plan_makes_a_docx_too(plan):
    doc = open_docx(rollup_docx(plan=plan, filters=RollupFilters()))
    text = all_text(doc)
    assert f"0/{plan_rollup(plan=plan).units.total} đơn vị" in text
    assert "Không có khó khăn, vướng mắc được báo cáo." in text
    assert len(doc.inline_shapes) == 2  # a pie of one slice (every unit "not sent") and empty bars
