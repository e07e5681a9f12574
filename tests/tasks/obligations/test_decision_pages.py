"""/ke-hoach/nhap/: V03 uploads or pastes a decision's text, reads the plan beside the text with each
warning at its line, corrects the plan file, checks it again and publishes it; bad input leaves the
database as it was."""

import re

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import Deliverable, Plan
from tasks.obligations.decision_forms import MAX_TEXT_CHARS
from tasks.obligations.models import Obligation
from tests.pages import csrf_post, text
from tests.plans.decision_text.test_synthetic import NO_DEADLINE
from tests.plans.decision_text.texts import TEXT_762, decision, line_of

URL = "/ke-hoach/nhap/"
UNKNOWN = decision(NO_DEADLINE.replace("2. Nhóm không có nhiệm vụ nào\n", ""))


def review(client, body: str):
    """Paste ``body``; returns the review page and the plan file it offers."""
    page = csrf_post(client, URL, {"text": body})
    plan_file = re.search(r'<textarea name="plan"[^>]*>\n?(.*?)</textarea>', text(page), re.S)
    from html import unescape

    return page, unescape(plan_file.group(1)) if plan_file else ""


def test_only_reviewers_import_a_plan(client_as, reporter, reviewer):
    assert client_as(reporter).get(URL).status_code == 403
    page = client_as(reviewer).get(URL)
    assert page.status_code == 200
    assert "Nhập kế hoạch từ quyết định" in text(page)
    assert 'href="/ke-hoach/nhap/"' in text(page)  # in the reviewer's menu
    assert 'href="/ke-hoach/nhap/"' not in text(client_as(reporter).get("/"))


def test_the_uploaded_decision_beside_the_plan_read_from_it(csrf_client_as, reviewer, plan):
    client = csrf_client_as(reviewer)
    upload = SimpleUploadedFile("762.txt", TEXT_762.read_bytes(), content_type="text/plain")
    page = csrf_post(client, URL, {"file": upload})
    assert page.status_code == 200
    body = text(page)
    assert 'id="dong-318"' in body  # every line of the text, numbered
    assert "has-warning" not in body
    assert "Kế hoạch thực hiện Đề án “Nâng cao hiệu quả" in body
    assert "Tổng hợp, báo cáo Thủ tướng Chính phủ, lãnh đạo Bộ Công an" in body
    assert "Nghị định số 09/2019/NĐ-CP" in body
    assert "06/02/2024 · KT. Bộ trưởng - Thứ trưởng Thượng tướng Lê Quốc Hùng" in body
    assert "15/12/2023 – 14/12/2024" in body
    assert "trước ngày 07/02/2024" in body and "Quý IV/2024" in body


def test_publishing_it_again_updates_the_plan_in_place(csrf_client_as, reviewer, plan):
    client = csrf_client_as(reviewer)
    obligations = set(Obligation.objects.filter(deliverable__plan=plan).values_list("pk", flat=True))
    _page, plan_file = review(client, TEXT_762.read_text(encoding="utf-8"))
    data = yaml.safe_load(plan_file)
    data["groups"][0]["tasks"][1]["deliverables"][0]["title"] = "Sơ kết 03 năm"
    edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    check = csrf_post(client, URL, {"step": "check", "plan": edited, "decision": ""})
    assert check.status_code == 200
    assert "Đã kiểm tra: có thể công bố kế hoạch" in text(check)
    assert Deliverable.objects.get(plan=plan, key="nv-1-2").title != "Sơ kết 03 năm"  # a check writes nothing
    done = csrf_post(client, URL, {"step": "publish", "plan": edited, "decision": ""})
    assert done.status_code == 302 and done["Location"] == f"/ke-hoach/{plan.pk}/"
    assert Deliverable.objects.get(plan=plan, key="nv-1-2").title == "Sơ kết 03 năm"
    assert set(Obligation.objects.filter(deliverable__plan=plan).values_list("pk", flat=True)) == obligations


def test_warnings_at_their_lines_and_publishing_refused_until_dealt_with(csrf_client_as, reviewer):
    client = csrf_client_as(reviewer)
    page, plan_file = review(client, UNKNOWN)
    body = text(page)
    line = line_of(UNKNOWN, "- Cơ quan thực hiện: Cục Không")
    item = re.search(rf'<li value="{line}" id="dong-{line}" class="has-warning">(.*?)</li>', body, re.S)
    assert item and "“Cục Không Tồn Tại”" in item.group(1)
    assert "# [!] Dòng" in plan_file
    refused = csrf_post(client, URL, {"step": "publish", "plan": plan_file, "decision": UNKNOWN})
    assert refused.status_code == 400
    assert "cảnh báo" in text(refused)
    assert not Plan.objects.filter(number="15/QĐ-BCA-V03").exists()
    # The reviewer names the lead and the deadline and deletes the warnings' lines.
    data = yaml.safe_load(plan_file)  # comments, and so the warnings' lines, are gone
    task = data["groups"][1]["tasks"][0]
    task["lead"], task["deliverables"][0]["responsible"] = ["v03"], ["v03"]
    fixed = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    done = csrf_post(client, URL, {"step": "publish", "plan": fixed, "decision": UNKNOWN})
    assert done.status_code == 302, re.findall(r'class="form-errors".*?</div>', text(done), re.S)
    plan = Plan.objects.get(number="15/QĐ-BCA-V03")
    assert list(plan.groups.values_list("number", flat=True)) == ["1", "3"]  # “2.” is missing: a warning too
    assert Obligation.objects.filter(deliverable__plan=plan, unit__key="v03").exists()


def test_an_edited_plan_file_naming_an_unknown_unit_is_refused_with_its_place(csrf_client_as, reviewer):
    client = csrf_client_as(reviewer)
    _page, plan_file = review(client, decision())
    broken = plan_file.replace("coordinator: v03", "coordinator: khong-co")
    page = csrf_post(client, URL, {"step": "check", "plan": broken, "decision": decision()})
    assert page.status_code == 400
    assert "khong-co" in text(page)
    page = csrf_post(client, URL, {"step": "publish", "plan": "plan: [", "decision": decision()})
    assert page.status_code == 400 and "YAML" in text(page)
    assert not Plan.objects.filter(number="15/QĐ-BCA-V03").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"file": SimpleUploadedFile("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="text/plain")},
            "Dòng 3: Tệp là tệp nhị phân",
        ),
        ({"text": "Giấy mời họp"}, "không phải văn bản quyết định"),
        ({"text": "x" * (MAX_TEXT_CHARS + 1)}, "300000"),
        ({}, "Hãy chọn tệp văn bản"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_written(csrf_client_as, reviewer, data, message):
    plans = Plan.objects.count()
    page = csrf_post(csrf_client_as(reviewer), URL, data)
    assert page.status_code == 400
    assert message in text(page).replace(".", "")
    assert Plan.objects.count() == plans
