"""The shipped text of Decision 762 imports as the shipped plan file: loaded over it, nothing changes
(every group, task, deliverable, unit, partner, deadline, target and obligation), and so do the
texts a user is likely to hold instead (Windows line breaks, NFD, rewrapped, flattened from a web
page with table debris, extra blank lines)."""

import textwrap
import unicodedata

import pytest

from plans.decision_text import decision_import
from plans.loader import parse_plan, read_plan_file
from plans.models import Deliverable, Plan
from tasks.obligations.models import Obligation
from tasks.obligations.services import plan_spec_load
from tests.plans.decision_text.texts import PLAN_762, TEXT_762


def original() -> str:
    return TEXT_762.read_text(encoding="utf-8")


def rewrapped(width: int) -> str:
    """The whole text poured into lines of ``width`` columns: no line break where it was."""
    return textwrap.fill(" ".join(original().split()), width)


def flattened() -> str:
    """Long lines of seven source lines each, joined by “|” cell borders, with border-only lines
    between, as text copied from a table on a web page."""
    lines = original().splitlines()
    chunks = [" | ".join(lines[i : i + 7]) for i in range(0, len(lines), 7)]
    return "\n| |\n".join(chunks)


VARIANTS = {
    "crlf": lambda: original().replace("\n", "\r\n"),
    "cr": lambda: original().replace("\n", "\r"),
    "nfd": lambda: unicodedata.normalize("NFD", original()),
    "rewrapped-60": lambda: rewrapped(60),
    "rewrapped-200": lambda: rewrapped(200),
    "flattened-with-pipes": flattened,
    "extra-blank-lines": lambda: "\n\n  \n".join(original().splitlines()) + "\n\n\n",
    "tabs-and-nbsp": lambda: original().replace(" ", "\u00a0", 40).replace("\n", " \t\n"),
    "bom": lambda: "\ufeff" + original(),
}


def snapshot(plan: Plan) -> dict:
    """Every field of the loaded plan, by natural keys (unit keys, task codes, deliverable keys)."""
    plan = Plan.objects.get(pk=plan.pk)
    skip = {"id", "source_file"}
    tasks = []
    for group in plan.groups.order_by("order"):
        for task in group.tasks.order_by("order"):
            tasks.append(
                {
                    **{f: v for f, v in vars(task).items() if not f.startswith("_") and f not in {"id", "group_id"}},
                    "group": (group.number, group.title, group.order),
                    "lead": sorted(task.lead_units.values_list("key", flat=True)),
                    "coordinating": sorted(task.coordinating_units.values_list("key", flat=True)),
                    "partners": sorted(task.partners.values_list("key", flat=True)),
                }
            )
    deliverables = [
        {
            **{f: v for f, v in vars(d).items() if not f.startswith("_") and f not in {"id", "plan_id", "task_id"}},
            "task": d.task.code if d.task_id else "",
            "recipient": d.recipient.key if d.recipient_id else "",
            "responsible": sorted(d.responsible_units.values_list("key", flat=True)),
        }
        for d in Deliverable.objects.filter(plan=plan).order_by("order")
    ]
    obligations = sorted(
        Obligation.objects.filter(deliverable__plan=plan).values_list("deliverable__key", "unit__key", "status")
    )
    return {
        "plan": {f: v for f, v in vars(plan).items() if not f.startswith("_") and f not in skip},
        "implements": sorted(plan.implements.values_list("number", "signed_on", "title")),
        "tasks": tasks,
        "deliverables": deliverables,
        "obligations": obligations,
    }


def test_importing_the_decision_gives_the_shipped_plan_field_by_field(plan):
    before = snapshot(plan)
    result = decision_import(original())
    assert result.warnings == []
    loaded, obligations = plan_spec_load(spec=parse_plan(result.data), source=plan.source_file)
    assert loaded.changed == []
    assert (obligations.created, obligations.removed) == (0, 0)
    assert snapshot(plan) == before


def test_the_written_file_is_the_shipped_file(db):
    assert decision_import(original()).yaml(source=TEXT_762.name) == PLAN_762.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_same_plan_from_the_texts_a_user_may_hold(db, variant):
    result = decision_import(VARIANTS[variant]())
    assert result.warnings == []
    assert parse_plan(result.data) == read_plan_file(PLAN_762)


def test_what_the_2024_file_missed(db):
    """Issue 10, item 9: 8.2a is V03's with the units concerned, over three regions; V03's own
    compilation for the Prime Minister is a deliverable with its deadline; the reporting window
    has its source."""
    spec = parse_plan(decision_import(original()).data)
    t82a = next(t for g in spec.groups for t in g.tasks if t.code == "8.2a")
    assert (t82a.lead, t82a.lead_scope, t82a.target_kind, t82a.target_count) == (
        ["v03"],
        "units_concerned",
        "training_by_region",
        3,
    )
    assert (t82a.deliverables[0].responsible, t82a.deliverables[0].responsible_scope) == (["v03"], "units_concerned")
    sections = {d.key: (section, d) for section, d in spec.plan_deliverables}
    section, compiled = sections["bao-cao-tong-hop"]
    assert section == "III.3"
    assert compiled.title == "Tổng hợp, báo cáo Thủ tướng Chính phủ, lãnh đạo Bộ Công an"
    assert (compiled.kind, compiled.responsible, compiled.responsible_scope) == ("ministry_report", ["v03"], "")
    assert (compiled.deadline_kind, str(compiled.due_date)) == ("year", "2025-01-01")
    report = sections["bao-cao-ket-qua"][1]
    assert (report.responsible_scope, report.recipient, str(report.due_date)) == ("all_units", "v03", "2024-12-15")
    assert (str(spec.report_window_start), str(spec.report_window_end)) == ("2023-12-15", "2024-12-14")
    assert spec.report_window_source.startswith("Nghị định số 09/2019/NĐ-CP")


def test_the_loaded_plan_has_them_too(plan):
    assert plan.report_window_source.startswith("Nghị định số 09/2019/NĐ-CP")
    compiled = Deliverable.objects.get(plan=plan, key="bao-cao-tong-hop")
    assert [o.unit.key for o in compiled.obligations.all()] == ["v03"]
    training = Deliverable.objects.get(plan=plan, task__code="8.2a")
    assert [o.unit.key for o in training.obligations.all()] == ["v03"]  # the units concerned owe nothing
