"""Spreadsheet import of activities: the template, XLSX and CSV, every kind of bad row, all or nothing."""

import csv
import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tasks.activities.imports import limits
from tasks.activities.imports.cells import choice_lookup, parse_count, parse_date, parse_multi
from tasks.activities.imports.services import activities_import
from tasks.models import Activity, ActivityTargetGroup, Obligation, ProgressStatus, Topic

TEMPLATE_URL = "/api/v1/activities/import-template/"
IMPORT_URL = "/api/v1/activities/import/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = [
    "Mã nhiệm vụ",
    "Ngày bắt đầu",
    "Ngày kết thúc",
    "Tiêu đề",
    "Mô tả",
    "Hình thức",
    "Đối tượng",
    "Nội dung",
    "Xã/phường",
    "Quận/huyện",
    "Số buổi",
    "Số người tham dự",
    "Số bản tài liệu",
    "Lượt tiếp cận trực tuyến",
    "Kinh phí (đồng)",
]


def good_row(**changes):
    row = {
        "Mã nhiệm vụ": "3.1",
        "Ngày bắt đầu": "15/03/2024",
        "Ngày kết thúc": "16/03/2024",
        "Tiêu đề": "Tuyên truyền Luật Căn cước tại phường Hàng Bạc",
        "Mô tả": "Buổi nói chuyện chuyên đề",
        "Hình thức": "Tuyên truyền, phổ biến trực tiếp",
        "Đối tượng": "Quần chúng nhân dân; Người tái hoà nhập cộng đồng",
        "Nội dung": "Văn bản pháp luật mới về an ninh, trật tự",
        "Xã/phường": "Phường Hàng Bạc",
        "Quận/huyện": "Quận Hoàn Kiếm",
        "Số buổi": "2",
        "Số người tham dự": "1.250",
        "Số bản tài liệu": "300",
        "Lượt tiếp cận trực tuyến": "0",
        "Kinh phí (đồng)": "1.500.000",
    }
    row.update(changes)
    return [row[h] for h in HEADINGS]


def template(api, plan) -> bytes:
    response = api.get(TEMPLATE_URL, {"plan": plan.pk})
    assert response.status_code == 200, response.content
    return response.content


def filled_xlsx(content: bytes, rows) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_xlsx(rows, headings=HEADINGS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_csv(rows, headings=HEADINGS, *, bom=True, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def upload(api, plan, content: bytes, name="hoat-dong.xlsx"):
    return api.post(IMPORT_URL, {"plan": plan.pk, "file": SimpleUploadedFile(name, content)}, format="multipart")


# --- The template -------------------------------------------------------------------------------


def test_template_has_vietnamese_headings_allowed_values_and_validation(api_as, reporter, plan):
    response = api_as(reporter).get(TEMPLATE_URL, {"plan": plan.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-hoat-dong-762-QD-BCA-V03.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    activities, values = workbook.worksheets
    assert activities.title == "Hoạt động"
    assert values.title == "Danh mục"
    assert [c.value for c in activities[1]] == HEADINGS
    column_a = [c.value for c in values["A"]][1:]
    assert {"1.1", "3.1", "8.2a", "10"} <= set(column_a)
    labels = {c.value for c in values["D"]} | {c.value for c in values["G"]} | {c.value for c in values["J"]}
    assert {"Tuyên truyền, phổ biến trực tiếp", "Trẻ em", "Quyền, nghĩa vụ của công dân"} <= labels
    ranges = {str(v.sqref): v for v in activities.data_validations.dataValidation}
    assert ranges["A2:A20001"].type == "list"
    assert ranges["F2:F20001"].type == "list"
    assert ranges["K2:K20001"].type == "whole"
    assert activities.max_row == 1  # no example row that would be imported by mistake


def test_template_needs_a_plan_and_a_login(api, api_as, reporter, plan):
    assert api.get(TEMPLATE_URL, {"plan": plan.pk}).status_code == 401
    assert api_as(reporter).get(TEMPLATE_URL).status_code == 400
    assert api_as(reporter).get(TEMPLATE_URL, {"plan": 999999}).status_code == 400


def test_filled_template_imports_into_the_users_unit_with_history(api_as, reporter, unit, plan):
    api = api_as(reporter)
    before = Activity.objects.count()
    rows = [
        good_row(),
        # a date cell of Excel, numbers as numbers, labels in other case and tone placement, a code
        good_row(
            **{
                "Mã nhiệm vụ": 3.2,
                "Ngày bắt đầu": datetime(2024, 4, 2),
                "Ngày kết thúc": None,
                "Tiêu đề": "Phát tờ rơi",
                "Hình thức": "CẤP PHÁT TÀI LIỆU, TỜ RƠI, TỜ GẤP",
                "Đối tượng": "children",
                "Nội dung": "Ý thức tôn trọng, bảo vệ pháp luật; gương người tốt, việc tốt; rights",
                "Số người tham dự": 40,
                "Kinh phí (đồng)": 2500000,
            }
        ),
    ]
    response = upload(api, plan, filled_xlsx(template(api, plan), rows))
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 2, "duplicates": 0, "duplicate_rows": [], "refused": 0}
    assert Activity.objects.count() == before + 2

    first = Activity.objects.get(title="Tuyên truyền Luật Căn cước tại phường Hàng Bạc")
    assert first.unit == unit
    assert first.created_by == reporter
    assert first.task.code == "3.1"
    assert (first.start_date, first.end_date) == (date(2024, 3, 15), date(2024, 3, 16))
    assert first.form == "direct"
    assert first.topics == ["new_laws"]
    assert (first.sessions, first.participants, first.copies, first.budget_vnd) == (2, 1250, 300, 1_500_000)
    assert sorted(first.target_group_rows.values_list("target_group", flat=True)) == ["public", "reintegrating"]

    second = Activity.objects.get(title="Phát tờ rơi")
    assert (second.task.code, second.start_date, second.end_date) == ("3.2", date(2024, 4, 2), None)
    assert second.form == "leaflets"
    assert second.topics == ["respect_for_law", "rights"]
    assert second.budget_vnd == 2_500_000
    assert list(second.target_group_rows.values_list("target_group", flat=True)) == ["children"]

    for activity in (first, second):
        record = activity.history.get()
        assert record.history_type == "+"
        assert record.history_user == reporter
    touched = Obligation.objects.filter(unit=unit, deliverable__task__code__in=["3.1", "3.2"])
    assert touched.exists()
    assert set(touched.values_list("status", flat=True)) == {ProgressStatus.IN_PROGRESS}


def test_empty_template_is_refused_with_a_message(api_as, reporter, plan):
    api = api_as(reporter)
    response = upload(api, plan, template(api, plan))
    assert response.status_code == 400
    assert response.json()["errors"] == [{"row": None, "column": None, "message": "Tệp không có hoạt động nào."}]


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom(api_as, leader, unit, plan, bom):
    rows = [good_row(), good_row(**{"Tiêu đề": "Hội nghị tuyên truyền", "Số buổi": ""})]
    response = upload(api_as(leader), plan, make_csv(rows, bom=bom), "hoat-dong.csv")
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 2, "duplicates": 0, "duplicate_rows": [], "refused": 0}
    assert Activity.objects.get(title="Hội nghị tuyên truyền").sessions == 0
    assert set(Activity.objects.values_list("unit", flat=True)) == {unit.pk}


def test_csv_with_semicolons_and_english_headings(api_as, reporter, plan):
    headings = ["Task code", "Start date", "Title", "Form of dissemination", "Participants"]
    rows = [["3.1", "01/02/2024", "Session", "Legal consultation", "12"]]
    response = upload(api_as(reporter), plan, make_csv(rows, headings, delimiter=";"), "a.csv")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(title="Session")
    assert (activity.form, activity.participants, activity.description) == ("consultation", 12, "")


# --- Bad rows -----------------------------------------------------------------------------------

BAD_ROWS = [
    ({"Mã nhiệm vụ": "99.9"}, "Mã nhiệm vụ", "Mã nhiệm vụ “99.9” không có trong kế hoạch 762/QĐ-BCA-V03."),
    ({"Ngày bắt đầu": "31/02/2024"}, "Ngày bắt đầu", "Không có ngày 31/02/2024: tháng 02/2024 có 29 ngày."),
    (
        {"Ngày bắt đầu": "15/03/2031", "Ngày kết thúc": ""},
        "Ngày bắt đầu",
        "Ngày 15/03/2031 nằm ngoài thời gian của Kế hoạch 762/QĐ-BCA-V03 (năm 2024): chỉ nhận ngày từ "
        "14/11/2023 đến 31/01/2025. Hãy kiểm tra lại năm.",
    ),
    ({"Ngày bắt đầu": "2024/03/15"}, "Ngày bắt đầu", "“2024/03/15” không phải là ngày: hãy ghi theo dạng dd/mm/yyyy."),
    ({"Ngày bắt đầu": ""}, "Ngày bắt đầu", "Ô này không được để trống."),
    ({"Ngày kết thúc": "14/03/2024"}, "Ngày kết thúc", "Ngày kết thúc trước ngày bắt đầu."),
    ({"Số người tham dự": "-5"}, "Số người tham dự", "Số không được âm."),
    ({"Số buổi": "hai"}, "Số buổi", "“hai” không phải là số nguyên."),
    ({"Số buổi": "1,5"}, "Số buổi", "“1,5” không phải là số nguyên."),
    ({"Kinh phí (đồng)": "99999999999999999999"}, "Kinh phí (đồng)", "Số quá lớn: tối đa 1.000.000.000.000."),
    (
        {"Hình thức": "Hát karaoke"},
        "Hình thức",
        "Hình thức tuyên truyền “Hát karaoke” không có trong danh mục; xem trang “Danh mục”.",
    ),
    (
        {"Đối tượng": "Trẻ em; Người cao tuổi"},
        "Đối tượng",
        "Đối tượng “Người cao tuổi” không có trong danh mục; xem trang “Danh mục”.",
    ),
    (
        {"Nội dung": "Phòng cháy"},
        "Nội dung",
        "Nội dung “Phòng cháy” không có trong danh mục; xem trang “Danh mục”.",
    ),
    ({"Tiêu đề": "   "}, "Tiêu đề", "Ô này không được để trống."),
    ({"Tiêu đề": "x" * 501}, "Tiêu đề", "Tối đa 500 ký tự (ô này có 501)."),
]


@pytest.mark.parametrize(("changes", "column", "message"), BAD_ROWS, ids=[m for _c, _col, m in BAD_ROWS])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_bad_row_is_reported_and_nothing_is_imported(api_as, reporter, plan, kind, changes, column, message):
    before = Activity.objects.count(), ActivityTargetGroup.objects.count()
    rows = [good_row(), good_row(), good_row(**changes), good_row()]
    content = make_xlsx(rows) if kind == "xlsx" else make_csv(rows)
    response = upload(api_as(reporter), plan, content, f"a.{kind}")
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == [{"row": 4, "column": column, "message": message}]
    assert response.json()["refused"] == 1
    assert (Activity.objects.count(), ActivityTargetGroup.objects.count()) == before


def test_every_bad_cell_of_every_row_is_reported(api_as, reporter, plan):
    rows = [
        good_row(),
        good_row(**{"Mã nhiệm vụ": "", "Tiêu đề": ""}),
        [None] * len(HEADINGS),  # a blank row is skipped, but keeps its number
        good_row(**{"Ngày bắt đầu": "hôm qua", "Số bản tài liệu": "-1"}),
    ]
    response = upload(api_as(reporter), plan, make_xlsx(rows))
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [
        (3, "Mã nhiệm vụ"),
        (3, "Tiêu đề"),
        (5, "Ngày bắt đầu"),
        (5, "Số bản tài liệu"),
    ]
    assert not Activity.objects.exists()


def test_headings_are_checked(api_as, reporter, plan):
    headings = ["Mã nhiệm vụ", "Tiêu đề", "Ghi chú", "Tiêu đề"]
    response = upload(api_as(reporter), plan, make_xlsx([["3.1", "a", "b", "c"]], headings))
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 1, "column": "Ghi chú", "message": "Cột không có trong mẫu: hãy dùng tiêu đề cột của tệp mẫu."},
        {"row": 1, "column": "Tiêu đề", "message": "Cột này xuất hiện hai lần."},
        {"row": 1, "column": "Ngày bắt đầu", "message": "Thiếu cột này."},
        {"row": 1, "column": "Hình thức", "message": "Thiếu cột này."},
    ]


# --- Files that are not spreadsheets, limits ----------------------------------------------------


def _zip_without_workbook() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            "Chỉ nhập được tệp Excel .xlsx hoặc tệp CSV (UTF-8).",
        ),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "Chỉ nhập được tệp Excel .xlsx"),
        (_zip_without_workbook(), "Chỉ nhập được tệp Excel .xlsx hoặc tệp CSV (UTF-8)."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "Không nhập được tệp Excel cũ (.xls)"),
        (b"M\xe3 nhi\xeam v\xf2,Ti\xeau \xf0\xea\n3.1,Tuy\xean truy\xea\xecn\n", "Tệp CSV không phải văn bản UTF-8"),
        (b"", "Tệp rỗng."),
    ],
    ids=["pdf", "exe", "zip", "xls", "cp1258-csv", "empty"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(api_as, reporter, plan, content, message):
    response = upload(api_as(reporter), plan, content, "hoat-dong.xlsx")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert len(errors) == 1
    assert errors[0]["row"] is None
    assert errors[0]["message"].startswith(message)
    assert not Activity.objects.exists()


def test_row_limit(api_as, reporter, plan, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    response = upload(api_as(reporter), plan, make_csv([good_row()] * 3), "a.csv")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": None, "column": None, "message": "Tệp có hơn 2 dòng hoạt động; hãy chia thành nhiều tệp."}
    ]
    assert upload(api_as(reporter), plan, make_csv([good_row()] * 2), "a.csv").status_code == 201


def test_size_limit(api_as, reporter, plan, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)
    content = make_csv([good_row(**{"Mô tả": "x" * 2000})] * 600)
    response = upload(api_as(reporter), plan, content, "a.csv")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Tệp lớn hơn 1 MB."


# --- Who may import -------------------------------------------------------------------------------


def test_reviewer_and_anonymous_cannot_import(api, api_as, reviewer, plan):
    content = make_csv([good_row()])
    assert upload(api, plan, content, "a.csv").status_code == 401
    assert upload(api_as(reviewer), plan, content, "a.csv").status_code == 403
    assert not Activity.objects.exists()


def test_service_refuses_a_user_without_a_unit(reviewer, plan):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        activities_import(by=reviewer, plan=plan, upload=SimpleUploadedFile("a.csv", make_csv([good_row()])))


def test_import_needs_plan_and_file(api_as, reporter, plan):
    response = api_as(reporter).post(IMPORT_URL, {"plan": plan.pk}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


def test_both_endpoints_are_in_the_schema(api_as, reporter):
    schema = api_as(reporter).get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "get" in paths["/api/v1/activities/import-template/"]
    assert "post" in paths["/api/v1/activities/import/"]


# --- Reading cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/2024", date(2024, 3, 15)),
        ("5/3/2024", date(2024, 3, 5)),
        ("15.03.2024", date(2024, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        (datetime(2024, 3, 15, 0, 0), date(2024, 3, 15)),
        (45366, date(2024, 3, 15)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.500.000", 1_500_000), ("1 500 000", 1_500_000), ("12", 12), (12.0, 12), (None, 0), ("", 0), (" 7 ", 7)],
)
def test_parse_count(value, expected):
    assert parse_count(value, maximum=10**12) == expected


def test_parse_multi_matches_a_label_that_holds_a_semicolon():
    lookup = choice_lookup(Topic)
    text = "ý thức tôn trọng, bảo vệ pháp luật;gương người tốt, việc tốt ; Quyền, nghĩa vụ của công dân"
    assert parse_multi(text, lookup) == (["respect_for_law", "rights"], [])
    assert parse_multi("rights; bogus", lookup) == (["rights"], ["bogus"])


def test_the_unit_cannot_be_given_in_the_file(api_as, reporter, plan):
    headings = [*HEADINGS, "Đơn vị"]
    response = upload(api_as(reporter), plan, make_xlsx([[*good_row(), "ca79"]], headings))
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 1, "column": "Đơn vị", "message": "Cột không có trong mẫu: hãy dùng tiêu đề cột của tệp mẫu."}
    ]


@given(st.integers(min_value=0, max_value=10**15))
def test_a_number_written_the_vietnamese_way_reads_back(number):
    written = f"{number:,}".replace(",", ".")
    assert parse_count(written, maximum=10**15) == number
