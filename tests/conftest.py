from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import Unit, User

PLAN_FILE = str(Path(__file__).resolve().parents[1] / "plans" / "data" / "762-QD-BCA-V03-2024.yaml")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The unit registry and Decision 762, loaded once for the whole session (the real files)."""
    with django_db_blocker.unblock():
        call_command("load_units", verbosity=0)
        call_command("load_plan", PLAN_FILE, verbosity=0)
    yield
    # A live server thread or a worker process may still hold a session on the PostgreSQL test
    # database; end them so that the database can be dropped.
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


@pytest.fixture(autouse=True)
def tallies_in_step(request):
    """After each test that uses the database, the activity tallies equal a recount of the
    activities (tasks/activities/tallies.py): a write that goes around the recount (bulk_create,
    QuerySet.update, SQL without ``tallies.touch``) fails the test that made it. A test that writes
    around the application on purpose and leaves it so opts out with
    ``@pytest.mark.tallies_drift_expected``."""
    uses_database = request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(request.fixturenames)
    if not uses_database or request.node.get_closest_marker("tallies_drift_expected"):
        yield
        return
    # Set the test's database up from here, so that it is torn down (rolled back or flushed) only
    # after the check below.
    request.getfixturevalue("_django_db_helper")
    yield
    from tasks.activities import tallies

    cells = tallies.drift()
    if cells:
        from accounts.models import Unit
        from plans.models import Task

        units = dict(Unit.objects.filter(pk__in={u for u, _t in cells}).values_list("pk", "key"))
        tasks = dict(Task.objects.filter(pk__in={t for _u, t in cells}).values_list("pk", "code"))
        named = sorted(f"{units.get(u, u)} × {tasks.get(t, t)}" for u, t in cells)
        pytest.fail(
            f"the activity tallies are out of step with the activities after this test in {len(cells)} "
            f"(unit, task) cell(s): {', '.join(named)}. A write went around tasks.activities.tallies "
            "(bulk_create, QuerySet.update or SQL without tallies.touch); if the test means it, mark it "
            "@pytest.mark.tallies_drift_expected.",
            pytrace=False,
        )


@pytest.fixture
def plan(db):
    from plans.models import Plan

    return Plan.objects.get(number="762/QĐ-BCA-V03")


@pytest.fixture
def plan_2026(plan):
    """Decision 762 carried into 2026 and published (tests/later_plans.py): two plans loaded."""
    from tests.later_plans import plan_2026 as make

    return make(plan)


@pytest.fixture
def plan_data(transactional_db):
    """For tests whose data other processes read (Celery workers, tests/workers.py): transactional_db
    commits for real and flushes the database after each test, so load what the test needs."""
    call_command("load_units", verbosity=0)
    call_command("load_plan", PLAN_FILE, verbosity=0)


@pytest.fixture
def unit(db):
    return Unit.objects.get(key="ca01")


@pytest.fixture
def other_unit(db):
    return Unit.objects.get(key="ca79")


def make_user(username, *, role, unit=None, password="pw-Test-123"):
    user = User.objects.create_user(
        username=username, password=password, role=role, unit=unit, email=f"{username}@example.test"
    )
    return user


@pytest.fixture
def reporter(unit):
    return make_user("ca01.reporter", role=User.Role.REPORTER, unit=unit)


@pytest.fixture
def leader(unit):
    return make_user("ca01.leader", role=User.Role.LEADER, unit=unit)


@pytest.fixture
def other_reporter(other_unit):
    return make_user("ca79.reporter", role=User.Role.REPORTER, unit=other_unit)


@pytest.fixture
def other_leader(other_unit):
    return make_user("ca79.leader", role=User.Role.LEADER, unit=other_unit)


@pytest.fixture
def reviewer(db):
    return make_user("v03.reviewer", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def api_as(api):
    def login(user):
        api.force_authenticate(user=user)
        return api

    return login


@pytest.fixture
def client_as():
    """A page client logged in as a user (Django's test client, CSRF not checked)."""

    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def csrf_client_as():
    """A page client logged in as a user that checks CSRF tokens as a browser's would
    (post with tests.pages.csrf_post)."""

    def login(user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        return client

    return login


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_sessionfinish(session, exitstatus):
    """On CI nothing may be skipped: a skipped test there is a missing service or tool. Also remove
    what a killed worker may leave of the SQLite test database (its -wal and -shm files)."""
    from django.conf import settings

    from tests.services import on_ci

    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME") or ""
    if test_name and not Path(test_name).exists():
        for leftover in Path(test_name).parent.glob(Path(test_name).name + "-*"):
            leftover.unlink(missing_ok=True)

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if on_ci() and skipped and session.exitstatus == 0:
        reporter.write_line(f"FAIL: {skipped} test(s) skipped on CI", red=True)
        session.exitstatus = 1
