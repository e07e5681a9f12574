"""PostgreSQL restarted under a running application: gunicorn with the production settings
(tests/server_settings.py) on a PostgreSQL cluster and a redis-server of the test's own
(tests/clusters.py), so that nobody else's database is touched.

- While the database is down, pages and the API answer 503 with a Vietnamese message and
  Retry-After (config/errors.py), and /healthz says why.
- Once it is back, the same gunicorn answers again at once: no restart of the application
  (CONN_HEALTH_CHECKS checks a kept connection before reusing it).
- Writes under way when the database crashes are whole or absent: every activity the API answered
  201 for is there, every activity there has its history record, and the activity tallies equal a
  recount (``tallies.drift()``).
"""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.clusters import PrivatePostgres, PrivateRedis
from tests.services import reachable
from tests.workers import free_port, wait_for

pytestmark = pytest.mark.integration

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
MESSAGE = "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Chưa có gì được lưu; vui lòng thử lại sau ít phút."
PASSWORD = "Mật-khẩu-thử-2024"

SETUP = """
import json
import os
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from importlib import import_module
from accounts.models import Unit, User
from plans.models import Task
call_command("migrate", verbosity=0)
call_command("load_units", verbosity=0)
call_command("load_plan", "plans/data/762-QD-BCA-V03-2024.yaml", verbosity=0)
user = User.objects.create_user(
    "ca01.reporter", password=os.environ["TEST_PASSWORD"], role="reporter", unit=Unit.objects.get(key="ca01")
)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                  "task": Task.objects.filter(code="3.1").values_list("pk", flat=True).first()}))
"""

CHECK = """
import json
from tasks.activities import tallies
from tasks.models import Activity
rows = list(Activity.objects.values_list("pk", "title"))
without_history = [pk for pk, _t in rows if not Activity.history.filter(id=pk, history_type="+").exists()]
print(json.dumps({"titles": [t for _pk, t in rows], "without_history": without_history,
                  "drift": len(tallies.drift())}))
"""


class Server:
    def __init__(self, port: int, token: str = "", cookie: str = ""):
        self.port, self.token, self.cookie = port, token, cookie

    def call(self, method: str, path: str, body: dict | None = None, *, page: bool = False, timeout: float = 30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": "127.0.0.1", "Accept": "text/html" if page else "application/json"}
        if path != "/healthz":  # as the TLS proxy in front says; a load balancer probes gunicorn itself
            headers["X-Forwarded-Proto"] = "https"
        if page:
            headers["Cookie"] = self.cookie
        elif self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("restart")
    postgres = PrivatePostgres()
    redis = PrivateRedis(folder)
    server = None
    try:
        postgres.start()
        redis.start()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.server_settings",
            "DJANGO_SECRET_KEY": "failure-tests-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": postgres.createdb("pbgdpl"),
            "REDIS_URL": redis.url,
            "MEDIA_ROOT": str(folder / "media"),
            "CONN_MAX_AGE": "600",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "PYTHONPATH": str(BASE_DIR),
            "TEST_PASSWORD": PASSWORD,
        }
        setup = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SETUP], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )
        assert setup.returncode == 0, setup.stderr[-3000:]
        made = json.loads(setup.stdout.strip().splitlines()[-1])
        port = free_port()
        log = (folder / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: reachable("127.0.0.1", port, 0.5), 60, what="gunicorn")
        client = Server(port, cookie=made["cookie"])
        status, _h, body = client.call(
            "POST", "/api/v1/auth/token/", {"username": "ca01.reporter", "password": PASSWORD}
        )
        assert status == 200, body
        client.token = json.loads(body)["token"]
        yield {"postgres": postgres, "env": env, "client": client, "task": made["task"], "log": folder / "gunicorn.log"}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        redis.stop()
        postgres.close()


def answers(client: Server, path: str = "/api/v1/me/", **kwargs) -> int:
    return client.call("GET", path, **kwargs)[0]


def test_a_restart_between_requests_goes_unnoticed(stack):
    """Both gunicorn workers keep a connection (CONN_MAX_AGE); PostgreSQL restarts while nobody asks;
    the next requests are answered at once, by the same processes."""
    client, postgres = stack["client"], stack["postgres"]
    assert [answers(client) for _ in range(12)] == [200] * 12
    assert answers(client, "/", page=True) == 200
    postgres.restart("fast")
    assert [answers(client) for _ in range(12)] == [200] * 12
    assert answers(client, "/", page=True) == 200


def test_while_the_database_is_down_everything_answers_503_in_vietnamese(stack):
    client, postgres = stack["client"], stack["postgres"]
    postgres.stop("fast")
    try:
        status, headers, body = client.call("GET", "/api/v1/me/")
        assert (status, headers.get("Retry-After"), json.loads(body)) == (503, "30", {"detail": MESSAGE})
        status, _h, body = client.call("POST", "/api/v1/activities/", {"task": stack["task"], "title": "X"})
        assert (status, json.loads(body)) == (503, {"detail": MESSAGE})
        status, headers, page = client.call("GET", "/", page=True)
        assert status == 503 and headers["Content-Type"].startswith("text/html") and headers["Retry-After"] == "30"
        assert "Tạm thời gián đoạn" in page and MESSAGE in page and "Traceback" not in page
        status, _h, body = client.call("GET", "/healthz")
        health = json.loads(body)
        assert status == 503 and health["checks"]["database"] == {
            "ok": False,
            "error": "Không kết nối được cơ sở dữ liệu.",
        }
        assert health["checks"]["broker"] == {"ok": True}
    finally:
        postgres.start()
    # Back, without restarting the application.
    assert answers(client) == 200
    assert answers(client, "/", page=True) == 200


def test_writes_during_a_crash_are_whole_or_absent(stack):
    """Four clients log activities while PostgreSQL crashes (pg_ctl stop -m immediate) and comes back."""
    client, postgres = stack["client"], stack["postgres"]
    results, lock, stop = [], threading.Lock(), threading.Event()

    def writer(n: int):
        i = 0
        while not stop.is_set():
            i += 1
            title = f"Tuyên truyền {n}-{i}"
            body = {
                "task": stack["task"],
                "start_date": "2024-05-10",
                "title": title,
                "form": "direct",
                "participants": 10,
                "sessions": 1,
                "budget_vnd": 1000,
            }
            try:
                status, _h, text = client.call("POST", "/api/v1/activities/", body, timeout=60)
            except OSError as exc:  # the server itself must never drop a request
                status, text = -1, repr(exc)
            with lock:
                results.append((title, status, text))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(2)
    postgres.stop("immediate")
    time.sleep(2)
    postgres.start()
    time.sleep(3)
    stop.set()
    for t in threads:
        t.join(timeout=60)

    statuses = [status for _t, status, _b in results]
    assert set(statuses) <= {201, 503}, [r for r in results if r[1] not in (201, 503)][:3]
    assert statuses.count(503) >= 1 and statuses.count(201) >= 2, statuses
    assert all(json.loads(text) == {"detail": MESSAGE} for _t, status, text in results if status == 503)
    last = max(i for i, status in enumerate(statuses) if status == 503)
    assert 201 in statuses[last:], "the writes did not come back after the restart"

    check = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CHECK],
        cwd=BASE_DIR,
        env=stack["env"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr[-3000:]
    stored = json.loads(check.stdout.strip().splitlines()[-1])
    created = {title for title, status, _b in results if status == 201}
    assert created <= set(stored["titles"])  # everything answered 201 is there…
    assert stored["without_history"] == []  # …and everything there is whole: its history,
    assert stored["drift"] == 0  # and the tallies counted from the activities
    assert len(stored["titles"]) == len(set(stored["titles"]))
