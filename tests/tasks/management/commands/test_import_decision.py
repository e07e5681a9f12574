"""import_decision: the decision's text to the plan file; --load loads it unless warnings are left;
bad input named with its line and nothing written."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plans.models import Plan
from tasks.obligations.models import Obligation
from tests.plans.decision_text.test_synthetic import NO_DEADLINE
from tests.plans.decision_text.texts import PLAN_762, TEXT_762, decision, line_of


def test_the_shipped_decision_gives_the_shipped_plan_file(db, tmp_path):
    out = tmp_path / "p.yaml"
    call_command("import_decision", str(TEXT_762), out=str(out), verbosity=0)
    assert out.read_text(encoding="utf-8") == PLAN_762.read_text(encoding="utf-8")


def test_without_out_the_plan_file_goes_to_standard_output(db, capsys):
    call_command("import_decision", str(TEXT_762))
    assert capsys.readouterr().out == PLAN_762.read_text(encoding="utf-8")


def test_load_makes_the_plan_and_its_obligations(db, tmp_path):
    source = tmp_path / "15.txt"
    source.write_text(decision(), encoding="utf-8")
    call_command("import_decision", str(source), load=True, verbosity=0)
    plan = Plan.objects.get(number="15/QĐ-BCA-V03")
    assert plan.year == 2026 and plan.source_file == "15.txt"
    units = set(
        Obligation.objects.filter(deliverable__plan=plan, deliverable__key="bao-cao-ket-qua").values_list(
            "unit__key", flat=True
        )
    )
    assert "ca01-2025" in units and "ca01" not in units  # the units valid in 2026


def test_load_refuses_a_plan_with_warnings_unless_accepted(db, tmp_path, capsys):
    source = tmp_path / "warn.txt"
    text = decision(
        NO_DEADLINE.replace("2. Nhóm không có nhiệm vụ nào\n", "").replace(
            "Cục Không Tồn Tại chủ trì, phối hợp với", "Cục Pháp chế chủ trì, phối hợp với"
        )
    )
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "warn.yaml"
    with pytest.raises(CommandError, match="cảnh báo"):
        call_command("import_decision", str(source), load=True, out=str(out))
    assert not Plan.objects.filter(number="15/QĐ-BCA-V03").exists()
    stderr = capsys.readouterr().err
    assert f"Dòng {line_of(text, '1. Tổ chức phổ biến')}: Nhiệm vụ 1 không ghi thời gian thực hiện" in stderr
    assert "# [!] Dòng" in out.read_text(encoding="utf-8")  # the file to correct is still written
    call_command("import_decision", str(source), load=True, accept_warnings=True, verbosity=0)
    assert Plan.objects.filter(number="15/QĐ-BCA-V03").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Văn bản trống"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "tệp nhị phân"),
        ("Thông báo lịch họp.\nKhông có gì.".encode(), "không phải văn bản quyết định"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(db, tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    plans = Plan.objects.count()
    with pytest.raises(CommandError) as err:
        call_command("import_decision", str(source), load=True, out=str(tmp_path / "bad.yaml"))
    assert message in str(err.value) and "Dòng 1" in str(err.value)
    assert Plan.objects.count() == plans
    assert not (tmp_path / "bad.yaml").exists()


def test_a_missing_file_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="không đọc được tệp"):
        call_command("import_decision", str(Path(tmp_path) / "none.txt"))
