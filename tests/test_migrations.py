"""The migrations that moved the annual report to reports/ and the reminders to their own app keep
every row: a database at the previous layout, filled through the historical models, migrates
forward to the latest state with the same ids, the same values, the history rows, the tables
renamed and the content types (and so permissions) under the new app labels. And the models have
no change that lacks a migration.

The way of django-test-migrations, with Django's own MigrationExecutor: migrate back to the old
nodes, write with ``executor.loader.project_state(nodes).apps``, migrate to the leaf nodes, read
with today's models. The test runs on whatever database the settings give (SQLite here,
PostgreSQL on CI) and leaves it migrated to the latest state."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as current_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tasks.activities import tallies

pytestmark = pytest.mark.migrations

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# The layout before "one home per feature": the annual report and the reminders lived in tasks.
PREVIOUS = [
    ("accounts", "0001_initial"),
    ("plans", "0002_task_target_training"),
    ("tasks", "0003_activity_tallies"),
    ("reports", "0001_initial"),
]
ABSENT = ["reminders"]  # demo has no models
MOVED = {
    # old model in tasks -> (new app, its table now)
    "AnnualReport": ("reports", "reports_annualreport"),
    "HistoricalAnnualReport": ("reports", "reports_historicalannualreport"),
    "ReportTaskEntry": ("reports", "reports_reporttaskentry"),
    "HistoricalReportTaskEntry": ("reports", "reports_historicalreporttaskentry"),
    "ReportVersion": ("reports", "reports_reportversion"),
    "Reminder": ("reminders", "reminders_reminder"),
    "ReminderEmail": ("reminders", "reminders_reminderemail"),
}


def values(obj) -> dict:
    """Every stored column of a row, by attribute name (``unit_id`` rather than ``unit``)."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def previous_nodes(executor) -> list[tuple[str, str]]:
    """The previous layout, with every other app (auth, contenttypes, admin…) at its latest."""
    graph = executor.loader.graph
    ours = {app for app, _name in PREVIOUS} | set(ABSENT)
    before = {node for target in PREVIOUS for node in graph.forwards_plan(target)}
    others = [node for node in graph.leaf_nodes() if node[0] not in ours]
    for node in others:
        later = [n for n in graph.forwards_plan(node) if n[0] in ours and n not in before]
        assert not later, f"{node} needs {later}, after the previous layout: give its app's node in PREVIOUS"
    return PREVIOUS + others


def fill_previous_layout(old) -> dict[tuple[str, str], list]:
    """One of everything the move touched, written with the historical models of ``old``; returns
    the rows written, by (app label, model name) at the previous layout."""
    Unit = old.get_model("accounts", "Unit")
    User = old.get_model("accounts", "User")
    Plan = old.get_model("plans", "Plan")
    TaskGroup = old.get_model("plans", "TaskGroup")
    Task = old.get_model("plans", "Task")
    Deliverable = old.get_model("plans", "Deliverable")
    Obligation = old.get_model("tasks", "Obligation")
    Activity = old.get_model("tasks", "Activity")
    ActivityTargetGroup = old.get_model("tasks", "ActivityTargetGroup")
    ActivityTally = old.get_model("tasks", "ActivityTally")
    TargetGroupTally = old.get_model("tasks", "TargetGroupTally")
    AnnualReport = old.get_model("tasks", "AnnualReport")
    HistoricalAnnualReport = old.get_model("tasks", "HistoricalAnnualReport")
    ReportTaskEntry = old.get_model("tasks", "ReportTaskEntry")
    HistoricalReportTaskEntry = old.get_model("tasks", "HistoricalReportTaskEntry")
    ReportVersion = old.get_model("tasks", "ReportVersion")
    ReminderEmail = old.get_model("tasks", "ReminderEmail")
    Reminder = old.get_model("tasks", "Reminder")
    ReportJob = old.get_model("reports", "ReportJob")

    rows: dict[tuple[str, str], list] = {}

    def keep(app, obj):
        rows.setdefault((app, obj.__class__.__name__), []).append(obj)
        return obj

    hanoi = keep("accounts", Unit.objects.create(key="mig-ha-noi", kind="province", name="Công an Hà Nội (thử)"))
    v03 = keep("accounts", Unit.objects.create(key="mig-v03", kind="department", name="Cục Pháp chế (thử)", code="V03"))
    leader = keep(
        "accounts",
        User.objects.create(username="mig.leader", password="!", role="leader", unit=hanoi, email="ld@example.test"),
    )
    reviewer = keep("accounts", User.objects.create(username="mig.reviewer", password="!", role="reviewer", unit=v03))
    plan = keep(
        "plans",
        Plan.objects.create(
            number="MIG/QĐ-BCA-V03",
            signed_on=date(2024, 1, 20),
            year=2024,
            title="Kế hoạch phổ biến, giáo dục pháp luật năm 2024 (thử)",
            report_window_start=date(2023, 12, 15),
            report_window_end=date(2024, 12, 14),
        ),
    )
    group = keep("plans", TaskGroup.objects.create(plan=plan, number="3", title="Tuyên truyền", order=3))
    task = keep("plans", Task.objects.create(group=group, code="3.1", title="Phổ biến trực tiếp", order=1))
    report_due = keep(
        "plans",
        Deliverable.objects.create(
            plan=plan,
            task=None,
            section="III.3",
            key="mig-bao-cao-ket-qua",
            title="Báo cáo kết quả",
            kind="annual_report",
            deadline_kind="before",
            due_date=date(2024, 12, 15),
        ),
    )
    submitted = datetime(2024, 12, 10, 9, 0, tzinfo=TZ)
    obligation = keep(
        "tasks",
        Obligation.objects.create(
            deliverable=report_due, unit=hanoi, status="completed", completed_at=submitted, revision=2
        ),
    )
    activity = keep(
        "tasks",
        Activity.objects.create(
            unit=hanoi,
            task=task,
            start_date=date(2024, 5, 10),
            title="Tuyên truyền Luật Căn cước tại phường Hàng Bạc",
            form="direct",
            topics=["new_laws"],
            sessions=2,
            participants=180,
            copies=300,
            budget_vnd=2_500_000,
            created_by=leader,
        ),
    )
    keep("tasks", ActivityTargetGroup.objects.create(activity=activity, target_group="public"))
    figures = {"activities": 1, "sessions": 2, "participants": 180, "copies": 300, "online_reach": 0}
    figures["budget_vnd"] = 2_500_000
    may = date(2024, 5, 1)
    keep("tasks", ActivityTally.objects.create(unit=hanoi, task=task, month=may, form="direct", **figures))
    keep("tasks", TargetGroupTally.objects.create(unit=hanoi, task=task, month=may, target_group="public", **figures))

    report = keep(
        "tasks",
        AnnualReport.objects.create(
            unit=hanoi,
            plan=plan,
            status="accepted",
            difficulties="Kinh phí còn hạn chế.",
            proposals="Bổ sung tài liệu song ngữ.",
            first_submitted_at=submitted,
            submitted_at=submitted,
            reviewed_at=datetime(2024, 12, 12, 14, 0, tzinfo=TZ),
            reviewed_by=reviewer,
            review_comment="Đạt yêu cầu.",
            revision=3,
        ),
    )
    entry = keep(
        "tasks",
        ReportTaskEntry.objects.create(report=report, task=task, status="completed", results="Tổ chức 2 buổi."),
    )
    keep(
        "tasks",
        ReportVersion.objects.create(
            report=report,
            number=1,
            submitted_at=submitted,
            submitted_by=leader,
            window_start=plan.report_window_start,
            window_end=plan.report_window_end,
            content={"difficulties": "Kinh phí còn hạn chế.", "entries": [{"task": "3.1", "results": "2 buổi."}]},
            figures={"totals": {"participants": 180}},
        ),
    )
    for history_type, status, user, when in (
        ("+", "draft", leader, datetime(2024, 12, 1, 8, 0, tzinfo=TZ)),
        ("~", "submitted", leader, submitted),
        ("~", "accepted", reviewer, report.reviewed_at),
    ):
        keep(
            "tasks",
            HistoricalAnnualReport.objects.create(
                id=report.pk,
                unit=hanoi,
                plan=plan,
                status=status,
                revision=1 + len(rows.get(("tasks", "HistoricalAnnualReport"), [])),
                history_type=history_type,
                history_date=when,
                history_user=user,
                created_at=report.created_at,
            ),
        )
    keep(
        "tasks",
        HistoricalReportTaskEntry.objects.create(
            id=entry.pk,
            report=report,
            task=task,
            status="completed",
            results="Tổ chức 2 buổi.",
            history_type="+",
            history_date=datetime(2024, 12, 2, 8, 0, tzinfo=TZ),
            history_user=leader,
        ),
    )
    email = keep(
        "tasks",
        ReminderEmail.objects.create(
            recipient=leader,
            day=date(2024, 12, 8),
            status="sent",
            to_address="ld@example.test",
            subject="[PBGDPL] Sắp đến hạn: báo cáo kết quả",
            message_id="<mig-1@example.test>",
            attempts=1,
            created_at=datetime(2024, 12, 8, 7, 30, tzinfo=TZ),
            sent_at=datetime(2024, 12, 8, 7, 31, tzinfo=TZ),
        ),
    )
    keep(
        "tasks",
        Reminder.objects.create(
            kind="upcoming",
            due_date=report_due.due_date,
            stage=7,
            day=date(2024, 12, 8),
            created_at=datetime(2024, 12, 8, 7, 30, tzinfo=TZ),
            obligation=obligation,
            recipient=leader,
            unit=hanoi,
            email=email,
        ),
    )
    keep("reports", ReportJob.objects.create(plan=plan, format="pdf", options={"area": "bac"}, created_by=reviewer))
    return rows


def content_types_at_the_previous_layout(old) -> dict[str, int]:
    """The moved models' content types as the previous layout had them (under tasks), with their
    permissions; returns their ids by model name."""
    OldContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    ids = {}
    for model, (new_app, _table) in MOVED.items():
        name = model.lower()
        # The reverse of the move is a no-op: a database migrated up and back has them under the new app.
        OldContentType.objects.filter(app_label=new_app, model=name).update(app_label="tasks")
        ct, _created = OldContentType.objects.get_or_create(app_label="tasks", model=name)
        Permission.objects.get_or_create(content_type=ct, codename=f"view_{name}", defaults={"name": f"Xem {name}"})
        ids[model] = ct.pk
    return ids


@pytest.mark.django_db(transaction=True)
def test_the_move_to_reports_and_reminders_keeps_every_row():
    executor = MigrationExecutor(connection)
    try:
        previous = previous_nodes(executor)
        executor.migrate(previous + [(app, None) for app in ABSENT])
        executor.loader.build_graph()  # the applied migrations changed
        old = executor.loader.project_state(previous).apps

        tables = set(connection.introspection.table_names())
        assert {"tasks_annualreport", "tasks_reminder", "tasks_reminderemail"} <= tables
        assert not {table for _app, table in MOVED.values()} & tables

        rows = fill_previous_layout(old)
        content_types = content_types_at_the_previous_layout(old)

        executor.migrate(executor.loader.graph.leaf_nodes())
        executor.loader.build_graph()
        ContentType.objects.clear_cache()

        # The tables carry their new names, and nothing of the old ones is left.
        tables = set(connection.introspection.table_names())
        for model, (_app, table) in MOVED.items():
            assert table in tables, model
            assert f"tasks_{model.lower()}" not in tables, model

        # Every row, read with today's models: same id, same values.
        for (app, model), written in rows.items():
            new_app = MOVED[model][0] if app == "tasks" and model in MOVED else app
            new_model = current_apps.get_model(new_app, model)
            for before in written:
                after = new_model._base_manager.get(pk=before.pk)
                expected = values(before)
                got = {name: value for name, value in values(after).items() if name in expected}
                assert got == expected, f"{new_app}.{model} {before.pk}"

        # The history rows are still those of their records.
        report = current_apps.get_model("reports", "AnnualReport").objects.get(pk=rows["tasks", "AnnualReport"][0].pk)
        assert [h.status for h in report.history.order_by("history_date")] == ["draft", "submitted", "accepted"]
        assert report.history.earliest("history_date").history_user.username == "mig.leader"
        entry = report.entries.get()
        assert entry.history.get().results == "Tổ chức 2 buổi."
        assert report.versions.get().submitted_by.username == "mig.leader"
        reminder = current_apps.get_model("reminders", "Reminder").objects.get()
        assert (reminder.email.message_id, reminder.obligation.unit.key) == ("<mig-1@example.test>", "mig-ha-noi")

        # The content types (and their permissions) moved to the new app labels, with their ids.
        for model, (new_app, _table) in MOVED.items():
            ct = ContentType.objects.get(pk=content_types[model])
            assert (ct.app_label, ct.model) == (new_app, model.lower())
            assert ContentType.objects.get_for_model(current_apps.get_model(new_app, model)).pk == ct.pk
            assert ct.permission_set.filter(codename=f"view_{model.lower()}").exists()
        assert not ContentType.objects.filter(app_label="tasks", model__in=[m.lower() for m in MOVED]).exists()

        # New rows still get fresh ids (the sequences followed their tables), and the foreign keys hold.
        AnnualReport = current_apps.get_model("reports", "AnnualReport")
        v03 = current_apps.get_model("accounts", "Unit").objects.get(key="mig-v03")
        newer = AnnualReport.objects.create(unit=v03, plan=report.plan)
        assert newer.pk > report.pk
        connection.check_constraints()

        # The tallies came along in step with the activities.
        assert tallies.drift() == set()
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()


@pytest.mark.django_db
def test_the_models_have_no_change_without_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
