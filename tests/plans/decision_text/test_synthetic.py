"""Small decisions written for the test: lettered items, quarter and month deadlines, several dated
lines each with its own responsible party, a missing deadline, an unknown unit, a group with no task,
targets; every problem a warning with its line, never a silent guess."""

from datetime import date

import pytest

from plans.decision_text import DecisionTextError, decision_import
from plans.loader import parse_plan
from tests.plans.decision_text.texts import ONE_TASK, decision, line_of

LETTERED = """1. Tập huấn, bồi dưỡng nguồn nhân lực
1.1. Tổ chức tập huấn cho chủ thể thực hiện Đề án
a) Tập huấn kỹ năng phổ biến pháp luật tại 3 miền Bắc, Trung, Nam.
- Cơ quan thực hiện: Cục Pháp chế và cải cách hành chính, tư pháp.
- Thời gian thực hiện: Quý II/2026.
b) Tổ chức ít nhất 02 lớp tập huấn tại địa phương.
- Cơ quan thực hiện: Công an các đơn vị, địa phương.
- Thời gian thực hiện: trước ngày 30/09/2026.
1.2. Xây dựng tài liệu
- Cơ quan chủ trì: Cục Pháp chế và cải cách hành chính chủ trì, phối hợp với Công an các tỉnh, thành phố
trực thuộc Trung ương
xây dựng tài liệu.
- Cơ quan phối hợp: đề nghị Hội Luật gia Việt Nam và các cơ quan, tổ chức có liên quan phối hợp thực hiện.
- Thời gian thực hiện: trong tháng 3/2026.
"""


def tasks_of(result) -> dict:
    return {t["code"]: t for g in result.data["groups"] for t in g["tasks"]}


def test_lettered_items_with_their_parent_quarter_month_and_targets(db):
    result = decision_import(decision(LETTERED))
    assert result.warnings == []
    tasks = tasks_of(result)
    assert list(tasks) == ["1.1a", "1.1b", "1.2"]
    a, b, docs = tasks["1.1a"], tasks["1.1b"], tasks["1.2"]
    assert a["parent_title"] == b["parent_title"] == "Tổ chức tập huấn cho chủ thể thực hiện Đề án"
    assert a["title"] == "Tập huấn kỹ năng phổ biến pháp luật tại 3 miền Bắc, Trung, Nam."
    assert a["target"] == {"kind": "training_by_region", "count": 3}
    assert a["deliverables"][0]["deadline"] == {"quarter": 2, "year": 2026}
    assert a["deliverables"][0]["responsible"] == ["v03"]
    assert b["target"] == {"kind": "training", "count": 2}
    assert b["deliverables"][0]["deadline"] == {"before": date(2026, 9, 30)}
    assert b["deliverables"][0]["responsible_scope"] == "all_units"
    assert docs["lead"] == ["v03"] and docs["coordinating_scope"] == "all_provinces"
    assert docs["partners"] == ["hoi-luat-gia", "lien-quan"]
    assert docs["deliverables"][0]["deadline"] == {"before": date(2026, 4, 1)}  # “trong tháng 3/2026”
    assert docs["deliverables"][0]["deadline_text"] == "trong tháng 3/2026"
    spec = parse_plan(result.data)
    assert [t.code for g in spec.groups for t in g.tasks] == ["1.1a", "1.1b", "1.2"]
    assert spec.number == "15/QĐ-BCA-V03" and spec.year == 2026 and spec.signed_on == date(2026, 1, 20)
    assert (spec.signer, spec.signer_title) == ("Trung tướng Nguyễn Văn An", "KT. Bộ trưởng - Thứ trưởng")
    assert spec.title == "Kế hoạch thực hiện Đề án “Thử nghiệm” năm 2026"
    assert [d["number"] for d in spec.implements] == ["1739/QĐ-TTg"]
    assert (spec.report_window_start, spec.report_window_end) == (date(2025, 12, 15), date(2026, 12, 14))


SEVERAL_DATES = """1. Ban hành kế hoạch
1.1. Xây dựng Kế hoạch thực hiện Đề án năm 2026
- Cơ quan thực hiện:
+ Cục Pháp chế và cải cách hành chính, tư pháp chủ trì xây dựng Kế hoạch của Bộ Công an.
+ Công an các đơn vị, địa phương xây dựng Kế hoạch của đơn vị, địa phương mình và gửi về Bộ Công an (qua Cục
Pháp chế và cải cách hành chính, tư pháp).
- Thời gian thực hiện:
+ Thời gian ban hành Kế hoạch thực hiện Đề án của Bộ Công an: trước ngày 10/02/2026;
+ Thời gian ban hành Kế hoạch thực hiện Đề án của Công an các đơn vị, địa phương: trước ngày 15 tháng 3 năm 2026.
"""


def test_each_dated_line_with_its_own_responsible_party(db):
    result = decision_import(decision(SEVERAL_DATES))
    assert result.warnings == []
    ministry, units = tasks_of(result)["1.1"]["deliverables"]
    assert (ministry["key"], ministry["kind"], ministry["responsible"]) == ("ministry-plan", "ministry_plan", ["v03"])
    assert ministry["deadline"] == {"before": date(2026, 2, 10)}
    assert (units["key"], units["kind"], units["responsible_scope"]) == ("unit-plan", "unit_plan", "all_units")
    assert units["recipient"] == "v03"
    assert units["deadline"] == {"before": date(2026, 3, 15)}
    assert units["deadline_text"] == "trước ngày 15 tháng 3 năm 2026"


def test_part_iii_report_and_what_v03_does_with_it(db):
    sections = decision_import(decision()).data["sections"]
    [section] = sections
    assert section["section"] == "III.2"
    report, compiled = section["deliverables"]
    assert report["title"].startswith("Báo cáo kết quả thực hiện Kế hoạch gửi về Bộ Công an (qua Cục Pháp chế")
    assert (report["kind"], report["responsible_scope"], report["recipient"]) == ("annual_report", "all_units", "v03")
    assert report["deadline"] == {"before": date(2026, 12, 15)}
    assert (compiled["title"], compiled["responsible"]) == ("Tổng hợp, báo cáo Thủ tướng Chính phủ", ["v03"])
    assert compiled["deadline"] == {"year": 2026}


NO_DEADLINE = """1. Tổ chức phổ biến pháp luật
- Cơ quan thực hiện: Công an các đơn vị, địa phương.
2. Nhóm không có nhiệm vụ nào
3. Rà soát văn bản
- Cơ quan thực hiện: Cục Không Tồn Tại chủ trì, phối hợp với Công an các đơn vị, địa phương.
- Thời gian thực hiện: thường xuyên.
"""


def test_missing_deadline_unknown_unit_and_empty_group_are_warnings_with_their_lines(db):
    text = decision(NO_DEADLINE)
    result = decision_import(text)
    found = {(w.line, w.code): w.message for w in result.warnings}
    assert "Nhiệm vụ 1 không ghi thời gian thực hiện" in found[(line_of(text, "1. Tổ chức phổ biến"), "1")]
    assert "Nhóm 2 không có nhiệm vụ nào" in found[(line_of(text, "2. Nhóm không"), "2")]
    assert "“Cục Không Tồn Tại”" in found[(line_of(text, "- Cơ quan thực hiện: Cục Không"), "3")]
    assert "Không đọc được thời hạn “thường xuyên”" in found[(line_of(text, "- Thời gian thực hiện: thường"), "3")]
    assert "không ghi cơ quan thực hiện" in found[(line_of(text, "3. Rà soát"), "3")]
    # What was guessed is said: the whole year stands in for the missing deadline.
    tasks = tasks_of(result)
    assert tasks["1"]["deliverables"][0]["deadline"] == {"year": 2026}
    assert tasks["3"]["lead"] == [] and tasks["3"]["coordinating_scope"] == "all_units"
    assert f"# [!] Dòng {line_of(text, '2. Nhóm không')}: Nhóm 2 không có nhiệm vụ nào" in result.yaml()


def test_a_name_cut_short_broken_across_lines_in_nfd_with_old_tone_marks(db):
    import unicodedata

    body = """1. Phổ biến pháp luật
- Cơ quan thực hiện: Cục Pháp chế và
cải cách hành chính chủ trì, phối hợp với CÔNG AN TỈNH KHÁNH HOÀ, Văn phòng
Bộ.
- Thời gian thực hiện: cả năm 2026.
"""
    result = decision_import(unicodedata.normalize("NFD", decision(body)))
    assert result.warnings == []
    task = tasks_of(result)["1"]
    assert task["lead"] == ["v03"]
    assert task["coordinating"] == ["ca56-2025", "van-phong-bo"]


def test_a_target_the_file_cannot_hold_is_a_warning(db):
    body = ONE_TASK.replace("địa phương.\n", "địa phương tổ chức ít nhất 02 cuộc thi.\n", 1)
    text = decision(body)
    [warning] = decision_import(text).warnings
    assert warning.line == line_of(text, "1. Tổ chức")
    assert "“ít nhất 02 cuộc thi”" in warning.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Biên bản họp giao ban tuần.\nKhông có gì khác.", 1, "không phải văn bản quyết định ban hành kế hoạch"),
        (
            decision().replace("II. NỘI DUNG, TIẾN ĐỘ TRIỂN KHAI", "Nội dung"),
            None,
            "không thấy phần nội dung, nhiệm vụ",
        ),
        (decision("Không có mục nào được đánh số.\n"), None, "không có nhóm nhiệm vụ nào được đánh số"),
        (decision().replace("Hà Nội, ngày 20 tháng 01 năm 2026", "Hà Nội"), 7, "Không thấy ngày ký"),
        ("   \n\n\t\n", 1, "Văn bản trống"),
    ],
)
def test_what_is_not_a_plan_decision_names_the_line(db, text, line, message):
    with pytest.raises(DecisionTextError) as err:
        decision_import(text)
    assert message in err.value.message
    if line is not None:
        assert err.value.line == line
    assert err.value.line >= 1


def test_thousands_of_warnings_are_not_all_listed(db):
    body = "1. Phối hợp\n- Cơ quan thực hiện: Công an các đơn vị, địa phương.\n- Cơ quan phối hợp: "
    body += ", ".join(f"Hội Không Có {n}" for n in range(300)) + ".\n- Thời gian thực hiện: cả năm 2026.\n"
    warnings = decision_import(decision(body)).warnings
    assert len(warnings) == 201
    assert warnings[-1].message == "Còn 100 cảnh báo khác chưa liệt kê: hãy sửa các cảnh báo ở trên trước."
