"""Many activities written set-based (tasks/activities/bulk.py, issue 14 goal 1), on SQLite and on
PostgreSQL: what a unit and V03 see afterwards is what a save of each would have left — one history
row per activity with who, when and why, the target groups, the tallies — and a batch is still all
or nothing."""

import unicodedata
from datetime import date

import pytest
from django.utils import timezone

from config.bounds import MAX_ONLINE_REACH
from config.revisions import Conflict
from tasks.activities import bulk
from tasks.activities.models import Activity, ActivityTargetGroup
from tasks.activities.services import RowsInvalid, activities_create_many, activity_create
from tasks.locks.services import figures_lock
from tests.factories import task
from tests.tasks.activities.imports.test_services import good_row, make_xlsx, upload

pytestmark = pytest.mark.django_db


def row(n: int, **extra) -> tuple[dict, list[str]]:
    values = {
        "task": task("3.1" if n % 2 else "3.2"),
        "start_date": date(2024, 1 + n % 11, 1 + n % 27),
        "end_date": date(2024, 1 + n % 11, 28) if n % 3 else None,
        "title": unicodedata.normalize("NFD", f"Tuyên truyền Luật Căn cước số {n}"),
        "description": "Buổi nói chuyện",
        "form": "direct",
        "topics": ["new_laws", "rights"] if n % 2 else [],
        "participants": 10 * n,
        "online_reach": MAX_ONLINE_REACH if n == 7 else 0,
        "budget_vnd": 1_500_000 * n,
        **extra,
    }
    return values, (["public", "workers", "public"] if n % 2 else [])


def test_every_row_is_stored_with_its_history_and_target_groups(reporter, unit, plan):
    before = timezone.now()
    created = activities_create_many(by=reporter, rows=[row(n) for n in range(12)], reason="import")
    assert len(created) == 12 and all(a.pk for a in created)
    assert len({a.pk for a in created}) == 12
    stored = {a.pk: a for a in Activity.objects.filter(pk__in=[a.pk for a in created])}
    for n, activity in enumerate(created):
        values, groups = row(n)
        again = stored[activity.pk]  # the returned activity is the stored one, field by field
        for name in ("task_id", "start_date", "end_date", "title", "topics", "participants", "online_reach"):
            assert getattr(again, name) == getattr(activity, name), name
        assert again.title == unicodedata.normalize("NFC", values["title"])
        assert (again.unit, again.created_by, again.revision) == (unit, reporter, 1)
        assert again.created_at >= before and again.updated_at == again.created_at
        assert sorted(again.target_group_rows.values_list("target_group", flat=True)) == sorted(set(groups))
        record = again.history.get()  # one history row each
        assert (record.history_type, record.history_user, record.history_change_reason) == ("+", reporter, "import")
        assert record.history_date >= before
        assert (record.title, record.topics, record.budget_vnd) == (again.title, again.topics, again.budget_vnd)


def test_an_import_through_the_api_keeps_who_and_why_for_each_row(api_as, reporter, unit, plan):
    rows = [good_row(**{"Tiêu đề": f"Buổi tuyên truyền {n}"}) for n in range(30)]
    response = upload(api_as(reporter), plan, make_xlsx(rows))
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 30
    activities = Activity.objects.filter(unit=unit)
    assert activities.count() == 30
    history = Activity.history.filter(unit=unit)
    assert history.count() == 30
    assert set(history.values_list("history_type", "history_user", "history_change_reason")) == {
        ("+", reporter.pk, "import")
    }
    assert set(history.values_list("id", flat=True)) == set(activities.values_list("id", flat=True))
    groups = ActivityTargetGroup.objects.filter(activity__unit=unit)
    assert sorted(set(groups.values_list("target_group", flat=True))) == ["public", "reintegrating"]
    assert groups.count() == 60


def test_one_bad_row_writes_nothing(reporter, plan):
    rows = [row(n) for n in range(5)] + [row(5, participants=-1)] + [row(n) for n in range(6, 9)]
    with pytest.raises(RowsInvalid) as invalid:
        activities_create_many(by=reporter, rows=rows)
    assert [index for index, _exc in invalid.value.errors] == [5]
    assert Activity.objects.count() == 0
    assert Activity.history.count() == 0
    assert ActivityTargetGroup.objects.count() == 0


def test_a_failure_while_writing_leaves_nothing_half_written(reporter, plan, monkeypatch):
    def broken(pairs):
        raise RuntimeError("the target groups could not be written")

    monkeypatch.setattr(bulk, "_insert_target_groups", broken)
    with pytest.raises(RuntimeError):
        activities_create_many(by=reporter, rows=[row(n) for n in range(6)])
    assert Activity.objects.count() == 0
    assert Activity.history.count() == 0


def test_rows_in_an_accepted_reports_window_are_refused(reporter, unit, plan):
    figures_lock(unit_id=unit.pk, plan=plan, by=None)
    with pytest.raises(RowsInvalid) as invalid:
        activities_create_many(by=reporter, rows=[row(n) for n in range(3)])
    assert len(invalid.value.errors) == 3
    assert all(isinstance(exc, Conflict) for _index, exc in invalid.value.errors)
    assert Activity.objects.count() == 0


def test_single_writes_after_a_bulk_write_get_fresh_ids(reporter, plan):
    created = activities_create_many(by=reporter, rows=[row(n) for n in range(4)])
    single = activity_create(by=reporter, values=row(9)[0], target_groups=["children"])
    assert single.pk not in {a.pk for a in created}
    more = activities_create_many(by=reporter, rows=[row(n) for n in range(2)])
    assert Activity.objects.count() == 7
    assert len({a.pk for a in [*created, single, *more]}) == 7
    assert Activity.history.count() == 7
