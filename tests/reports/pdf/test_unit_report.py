"""A unit's own results report: the unit in the header, its own text, the figures it was sent with."""

import re
from datetime import date

from accounts.models import Unit
from plans.models import Task
from reports.services import annual_report_pdf
from tests.factories import ActivityFactory, PilotModelFactory

from ..data import activity, report, submitted_report
from .reading import flat, pdf_text


def test_unit_report_prints_with_the_unit_in_the_header(plan, unit):
    r = report(unit, plan, "draft", difficulties="Thiếu kinh phí in tài liệu.")
    text = flat(pdf_text(annual_report_pdf(report=r)))
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in text
    assert "Kính gửi: Bộ Công an (qua Cục Pháp chế và cải cách hành chính, tư pháp)." in text
    assert "Dự thảo" in text
    assert "Thiếu kinh phí in tài liệu." in text
    assert "GIÁM ĐỐC" in text
    assert "PHỤ LỤC" not in text


def test_what_the_unit_wrote_is_printed_as_text(plan, unit):
    """Markup-like text is the unit's words, not layout: printed as typed (NFC)."""
    typed = "Thiếu <b>kinh phí</b> & tài liệu <br/> in"
    r = report(unit, plan, "draft", difficulties=typed)
    text = flat(pdf_text(annual_report_pdf(report=r)))
    assert typed in text


def test_a_submitted_unit_report_prints_the_figures_it_was_sent_with(plan, leader):
    ActivityFactory(unit=leader.unit, participants=1234)
    r = submitted_report(leader, plan)
    ActivityFactory(unit=leader.unit, participants=5000)  # logged after sending: not in the sent report
    r.refresh_from_db()
    text = flat(pdf_text(annual_report_pdf(report=r)))
    assert "1.234 lượt người tham gia" in text
    assert "6.234" not in text and "5.000" not in text
    assert "Dự thảo" not in text


def test_the_signer_title_comes_from_the_registry(plan):
    """Văn phòng Bộ is signed by its Chief of Office, a department by its Director General (the
    registry's accounts/data/ministry.yaml); a unit whose signer the registry does not know by
    "Thủ trưởng đơn vị"."""
    office = Unit.objects.get(key="van-phong-bo")
    assert "CHÁNH VĂN PHÒNG" in flat(pdf_text(annual_report_pdf(report=report(office, plan, "draft"))))
    department = Unit.objects.get(key="cuc-hau-can")
    department.signer_title = ""
    department.save()
    text = flat(pdf_text(annual_report_pdf(report=report(department, plan, "draft"))))
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text and "CỤC TRƯỞNG" not in text


def test_the_tasks_without_activity_share_one_sentence(plan, unit):
    """No sentence of zeros per task: the tasks without activity are named in one sentence; a task
    without activity that the unit wrote about keeps its line, saying so, and the unit's words."""
    tasks = {t.code: t for t in Task.objects.filter(group__plan=plan)}
    activity(unit, tasks["3.1"], day=date(2024, 5, 10), participants=120)
    entries = [{"task": tasks["4.1"], "results": "Xây dựng 01 mô hình điểm."}]
    text = flat(pdf_text(annual_report_pdf(report=report(unit, plan, "draft", entries=entries))))
    idle = [code for code in tasks if code not in ("3.1", "4.1")]
    assert f"Các nhiệm vụ {', '.join(idle)} chưa có hoạt động được ghi nhận." in text
    assert text.count("chưa có hoạt động được ghi nhận") == 2
    assert (
        "Nhiệm vụ 4.1: chưa có hoạt động được ghi nhận. Tình trạng: Chưa thực hiện. Xây dựng 01 mô hình điểm." in text
    )
    assert "Nhiệm vụ 3.1: 1 hoạt động:" in text and "120 lượt người tham gia" in text
    assert not re.search(r"(?<![\d.])0 hoạt động", text)


def test_the_pilot_models_sentence_speaks_of_the_unit(plan, unit):
    """The unit's report says what the unit built, not "1/1 counted units" as the Ministry's does."""
    PilotModelFactory(unit=unit, plan=plan, status="running")
    PilotModelFactory(unit=unit, plan=plan, status="proposed")
    text = flat(pdf_text(annual_report_pdf(report=report(unit, plan, "draft"))))
    assert "Đơn vị đã xây dựng 2 mô hình điểm, trong đó 1 mô hình được tính vào chỉ tiêu." in text
    assert "Chỉ tiêu: mỗi đơn vị xây dựng ít nhất 1 mô hình điểm." in text
    assert "đơn vị được tổng hợp" not in text and "1/1" not in text
    other = Unit.objects.get(key="ca79")
    text = flat(pdf_text(annual_report_pdf(report=report(other, plan, "draft"))))
    assert "Đơn vị chưa xây dựng mô hình điểm nào." in text and "đơn vị được tổng hợp" not in text
