"""load_plan: idempotent, updates in place, all or nothing on a bad file with the place named."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from accounts.models import Unit
from plans.models import Deliverable, Plan, Task
from tasks.models import Obligation
from tests.conftest import PLAN_FILE
from tests.registry import DEPARTMENTS


def snapshot():
    return (
        list(Plan.objects.values()),
        list(Task.objects.order_by("pk").values()),
        list(Deliverable.objects.order_by("pk").values()),
        list(Obligation.objects.order_by("pk").values_list("pk", "deliverable_id", "unit_id", "status")),
    )


def edited(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(Path(PLAN_FILE).read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / "plan.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


def test_loading_twice_changes_nothing(db):
    before = snapshot()
    call_command("load_plan", PLAN_FILE, verbosity=0)
    assert snapshot() == before


def test_obligations_one_per_deliverable_and_unit_valid_in_2024(plan):
    report = Deliverable.objects.get(plan=plan, key="bao-cao-ket-qua")
    units = Unit.objects.filter(obligations__deliverable=report)
    assert units.filter(kind="province").count() == 63
    assert units.filter(kind="department").count() == DEPARTMENTS
    assert not units.filter(valid_from__gte="2025-07-01").exists()
    assert Obligation.objects.filter(deliverable__key="ministry-plan").get().unit.key == "v03"


def test_edited_file_updates_in_place(db, tmp_path):
    ids = set(Task.objects.values_list("pk", flat=True))

    def change(data):
        data["groups"][0]["tasks"][1]["deliverables"][0]["deadline"] = {"before": "2024-11-30"}
        data["groups"][0]["tasks"][1]["title"] = "Tiêu đề đã sửa"

    call_command("load_plan", str(edited(tmp_path, change)), verbosity=0)
    task = Task.objects.get(code="1.2")
    assert task.title == "Tiêu đề đã sửa"
    assert task.deliverables.get().deadline_kind == "before"
    assert str(task.deliverables.get().due_date) == "2024-11-30"
    assert set(Task.objects.values_list("pk", flat=True)) == ids


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (
            lambda d: d["groups"][2]["tasks"][0]["deliverables"][0].update(deadline={"before": "2024-02-30"}),
            "groups[2].tasks[0].deliverables[0].deadline.before",
        ),
        (lambda d: d["groups"][0]["tasks"][0].pop("title"), "groups[0].tasks[0].title"),
        (lambda d: d["groups"][1]["tasks"][0].update(lead=["khong-ton-tai"]), "units"),
        (
            lambda d: d["groups"][3]["tasks"][0]["deliverables"][0].update(kind="bogus"),
            "groups[3].tasks[0].deliverables[0].kind",
        ),
        (lambda d: d["plan"]["report_window"].update(end="2023-01-01"), "plan.report_window.end"),
    ],
)
def test_bad_file_names_the_place_and_changes_nothing(db, tmp_path, change, place):
    # A valid edit first in the same file: it must not be applied either.
    def both(data):
        data["groups"][0]["title"] = "Đã sửa nhưng không được lưu"
        change(data)

    before = snapshot()
    with pytest.raises(CommandError) as err:
        call_command("load_plan", str(edited(tmp_path, both)), verbosity=0)
    assert place in str(err.value)
    assert snapshot() == before


def test_unparseable_file_is_refused(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.yaml"):
        call_command("load_plan", str(bad), verbosity=0)
