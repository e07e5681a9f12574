"""The load test's data, written into its own database before the server starts: the unit registry,
Decision 762 carried into 2026 (its dates two years on, so that it is owed by the units of 2026: the
34 provinces and the departments), five people per unit (a leader and four reporters), three
reviewers at V03, a year's worth of activities so far, each unit's report started (a few sent, so
that the reviewers have something to look at), and the files the simulated people upload.
Returns what the locustfile needs as a JSON-able dict."""

import io
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

PASSWORD = "Load-Test-2026!"  # every simulated person's
PLAN_NUMBER = "THU-TAI-762/2026"
PLAN_FILE = Path(__file__).resolve().parents[2] / "plans/data/762-QD-BCA-V03-2024.yaml"
ACTIVITIES_PER_UNIT = 120
REPORTERS_PER_UNIT = 4
REVIEWERS = 3
SENT_REPORTS = 10
WORKBOOKS = 40  # 20-row files; a unit uploads a new one each time


def plan_2026(out: Path) -> Path:
    """Decision 762's plan file with every date and year moved two years on, under a test number."""

    def later(day: date) -> date:
        try:
            return day.replace(year=day.year + 2)
        except ValueError:  # 29/02
            return day.replace(year=day.year + 2, day=28)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, date):
                    node[key] = later(value)
                elif key == "year" and isinstance(value, int):
                    node[key] = value + 2
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    walk(data)
    data["plan"]["number"] = PLAN_NUMBER
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def people(units) -> dict:
    """Five people per unit and three reviewers, all with one PBKDF2 hash of PASSWORD (made once:
    the hash is what production stores; each sign-in then costs what it costs in production)."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Unit, User

    hashed = make_password(PASSWORD)
    rows, out = [], {"unit_people": [], "reviewers": []}
    for unit in units:
        rows.append(User(username=f"tt.{unit.key}.lanhdao", role=User.Role.LEADER, unit=unit, password=hashed))
        out["unit_people"].append({"username": rows[-1].username, "unit": unit.pk, "leader": True})
        for k in range(REPORTERS_PER_UNIT):
            rows.append(User(username=f"tt.{unit.key}.cb{k + 1}", role=User.Role.REPORTER, unit=unit, password=hashed))
            out["unit_people"].append({"username": rows[-1].username, "unit": unit.pk, "leader": False})
    v03 = Unit.objects.get(key="v03")
    for k in range(REVIEWERS):
        rows.append(User(username=f"tt.v03.chuyenvien{k + 1}", role=User.Role.REVIEWER, unit=v03, password=hashed))
        out["reviewers"].append(rows[-1].username)
    for user in rows:
        user.email = f"{user.username}@example.test"
    User.objects.bulk_create(rows)
    return out


def activity_values(rng: random.Random, tasks: list, day: date, n: int) -> tuple[dict, list[str]]:
    from tasks.models import DisseminationForm, TargetGroup

    return (
        {
            "task": rng.choice(tasks),
            "start_date": day,
            "title": f"Tuyên truyền pháp luật tại khu dân cư số {n}",
            "form": rng.choice(DisseminationForm.values),
            "commune": "Phường Bến Nghé",
            "sessions": rng.randint(1, 4),
            "participants": rng.randint(20, 400),
            "budget_vnd": rng.randint(0, 40) * 250_000,
        },
        rng.sample(TargetGroup.values, 2),
    )


def records(plan, units, leaders: dict, today: date) -> dict:
    """Each unit: ACTIVITIES_PER_UNIT activities between the window's start and yesterday, its
    report started; SENT_REPORTS of them sent. Through the services, as the application writes them."""
    from plans.models import Task
    from reports.annual.services import report_create, report_submit
    from tasks.activities.services import activities_create_many

    rng = random.Random(2026)
    tasks = list(Task.objects.filter(group__plan=plan, target_kind=""))
    first, last = plan.report_window_start, min(today - timedelta(days=1), plan.report_window_end)
    span = max((last - first).days, 1)
    reports = {}
    for i, unit in enumerate(units):
        leader = leaders[unit.pk]
        rows = [
            activity_values(rng, tasks, first + timedelta(days=rng.randrange(span)), n)
            for n in range(ACTIVITIES_PER_UNIT)
        ]
        activities_create_many(by=leader, rows=rows, reason="load test")
        report = report_create(by=leader, plan=plan)
        if i < SENT_REPORTS:
            report_submit(report=report, by=leader)
        reports[unit.pk] = report.pk
    return {"reports": reports, "tasks": [t.pk for t in tasks]}


def evidence_png() -> bytes:
    """A small photo of an event (PNG, 64×48)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def import_workbook(plan, rows: int, variant: int) -> bytes:
    """The import template with ``rows`` activities, as a unit fills it; each variant's titles are
    its own, so that a unit importing another variant gets new activities, not duplicates."""
    from django.utils import translation
    from openpyxl import load_workbook

    from tasks.activities.imports.template import activities_template
    from tasks.models import DisseminationForm, TargetGroup

    with translation.override("vi"):
        forms = [str(label) for _v, label in DisseminationForm.choices]
        groups = [str(label) for _v, label in TargetGroup.choices]
    workbook = load_workbook(io.BytesIO(activities_template(plan=plan)))
    sheet = workbook.worksheets[0]
    for i in range(rows):
        day = plan.report_window_start + timedelta(days=30 + i)
        sheet.append(
            [
                "3.1",
                day.strftime("%d/%m/%Y"),
                None,
                f"Tuyên truyền Luật Căn cước tại tổ dân phố {variant}-{i + 1}",
                "",
                forms[i % len(forms)],
                groups[i % len(groups)],
                None,
                "Phường 1",
                None,
                "1",
                str(50 + i),
                None,
                None,
                "500.000",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def prepare(work: Path, *, today: date) -> dict:
    """Everything above, into the database Django is set up on; the files under ``work``."""
    from django.core.management import call_command

    from accounts.models import Unit, User
    from plans.models import Plan

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_units", verbosity=0)
    call_command("load_plan", str(plan_2026(work / "plan-2026.yaml")), verbosity=0)
    plan = Plan.objects.get(number=PLAN_NUMBER)
    units = list(Unit.objects.filter(obligations__deliverable__plan=plan).distinct().order_by("pk"))
    data = people(units)
    leaders = {u.unit_id: u for u in User.objects.filter(role=User.Role.LEADER, username__startswith="tt.")}
    data.update(records(plan, units, leaders, today))
    (work / "evidence.png").write_bytes(evidence_png())
    workbooks = []
    for variant in range(WORKBOOKS):
        workbooks.append(str(work / f"import-{variant}.xlsx"))
        Path(workbooks[-1]).write_bytes(import_workbook(plan, 20, variant))
    data.update(
        plan=plan.pk,
        password=PASSWORD,
        units=len(units),
        evidence=str(work / "evidence.png"),
        workbooks=workbooks,
    )
    return data
