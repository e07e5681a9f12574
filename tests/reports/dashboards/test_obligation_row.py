"""``{% obligation_row %}`` (reports/templatetags/obligation_rows.py) writes exactly what the
template it replaced wrote (obligation_row_reference.html, kept here as the reference): for the
unit's own people (the progress form, the links to log an activity, a unit taken over) and for a
reviewer, completed and open obligations, targets, thousands of participants, in Vietnamese and English."""

from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation

from reports.dashboards.selectors import unit_deadline_groups
from reports.templatetags.obligation_rows import obligation_row
from tasks.models import Obligation
from tasks.obligations.models import ProgressStatus
from tests.factories import ActivityFactory, PilotModelFactory
from tests.reports.data import TZ

pytestmark = pytest.mark.django_db
DAY = datetime(2024, 12, 10, 9, 0, tzinfo=TZ)
REFERENCE = Template((Path(__file__).parent / "obligation_row_reference.html").read_text(encoding="utf-8"))


@time_machine.travel(DAY, tick=False)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_row_as_the_template_wrote_it(unit, plan, language):
    ActivityFactory(participants=12345)
    ActivityFactory(participants=50)
    PilotModelFactory(status="running")
    owed = Obligation.objects.filter(unit=unit, deliverable__plan=plan).order_by("pk")
    for obligation in owed[:3]:  # done: the date under the status, no form
        obligation.status, obligation.completed_at = ProgressStatus.COMPLETED, datetime(2024, 3, 1, 23, 30, tzinfo=TZ)
        obligation.save()
    owed.filter(pk=owed[3].pk).update(status=ProgressStatus.IN_PROGRESS)
    rows = [row for group in unit_deadline_groups(unit=unit, plan=plan, at=DAY) for row in group.rows]
    assert len(rows) > 10
    contexts = [
        {"can_update": True, "taken_over": "", "csrf_token": "t0k&n"},
        {"can_update": True, "taken_over": "unit=7&plan=1", "csrf_token": "t0k"},
        {"can_update": False, "taken_over": "", "csrf_token": "t0k"},
        {"can_update": True, "taken_over": ""},  # no token in the context
    ]
    written = []
    with translation.override(language):
        for values in contexts:
            values |= {"unit": unit, "status_choices": ProgressStatus.choices}
            for row in rows:
                expected = REFERENCE.render(Context({**values, "row": row}))
                assert obligation_row(Context({**values, "row": row}), row) == expected
                written.append(expected)
    every = "".join(written)
    for shown in ("status-form", "t0k&amp;n", "<br><small>01/03/2024</small>", "&amp;unit=7&amp;plan=1", "<progress"):
        assert shown in every
    assert "12.395" if language == "vi" else "12,395"  # 12,345 + 50 in every
