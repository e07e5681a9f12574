"""``{% activity_row %}`` (tasks/templatetags/activity_rows.py) writes exactly what the template it
replaced wrote (activity_row_reference.html, kept here as the reference): dates, a unit's short
name, the place, escaping, numbers with the thousands separator, in Vietnamese and English."""

from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from accounts.models import Unit
from tasks.templatetags.activity_rows import activity_row
from tests.factories import ActivityFactory

REFERENCE = Template((Path(__file__).parent / "activity_row_reference.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_row_as_the_template_wrote_it(db, language):
    hanoi = Unit.objects.get(key="ca01")
    hanoi.short_name = "CA <Hà Nội>"
    hanoi.save()
    activities = [
        ActivityFactory(),
        ActivityFactory(end_date=date(2024, 5, 12), commune="Phường A & B", district='Quận "1"', participants=12345),
        ActivityFactory(end_date=date(2024, 5, 10), district="Quận 3", title="<b>Hội thi</b> & 'tọa đàm'"),
        ActivityFactory(commune="Xã C", sessions=1000, form="online", unit=Unit.objects.get(key="v03")),
    ]
    with translation.override(language):
        for activity in activities:
            for show_unit in (True, False, ""):
                expected = REFERENCE.render(Context({"a": activity, "show_unit": show_unit}))
                assert activity_row(Context(), activity, show_unit) == expected
