"""plans.services: a plan file that renames a deliverable's key keeps the deliverable, its
obligations and the work recorded on them (the 2024 file's keys became the import's)."""

import yaml

from plans.loader import parse_plan
from plans.models import Deliverable
from tasks.obligations.models import Obligation, ProgressStatus
from tasks.obligations.services import plan_spec_load
from tests.plans.decision_text.texts import PLAN_762


def test_a_renamed_key_keeps_the_deliverable_and_the_work_on_it(plan):
    deliverable = Deliverable.objects.get(plan=plan, key="nv-1-2")
    obligation = Obligation.objects.get(deliverable=deliverable)
    Obligation.objects.filter(pk=obligation.pk).update(status=ProgressStatus.IN_PROGRESS, note="Đang xây dựng")
    data = yaml.safe_load(PLAN_762.read_text(encoding="utf-8"))
    data["groups"][0]["tasks"][1]["deliverables"][0]["key"] = "so-ket-3-nam"  # the key the 2024 file used
    loaded, synced = plan_spec_load(spec=parse_plan(data), source=plan.source_file)
    deliverable.refresh_from_db()
    assert deliverable.key == "so-ket-3-nam"
    assert loaded.changed == []  # same deliverable, same fields
    assert (synced.created, synced.removed) == (0, 0)
    obligation.refresh_from_db()
    assert (obligation.deliverable_id, obligation.status, obligation.note) == (
        deliverable.pk,
        ProgressStatus.IN_PROGRESS,
        "Đang xây dựng",
    )
