"""The eve of 15/12: the units' people logging their year while V03 watches (issue 12 item 8, issue 14
goal 3). Run by bench/load/run.py, which prepares the data (LOAD_DATA: a JSON file) and the server.

- ApiUnitUser (most of them): a unit's reporter or leader working through the API, as an app or a
  script does: signs in for a token, reads the unit's obligations and activities, logs activities,
  attaches a photo, now and then imports a 20-row spreadsheet; a leader fills in and sends the
  unit's report once.
- PageUnitUser: a unit's reporter on the web pages: signs in on /dang-nhap/, opens the unit's
  dashboard and the activity list.
- Reviewer: V03 on the web pages: the overview of every unit, a unit's page, the roll-up (JSON).
- ReportJobReviewer (one): asks for the Ministry's report in the background, follows its progress
  until it is done (a Celery worker makes it), asks again 30 s later.

Every person waits 1-4 s between two actions (WAIT_MIN/WAIT_MAX to change it): busier than people
are, on purpose. Requests are named by route ("/api/v1/activities/[id]/evidence/"), so each line of
the results is one door.
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, between, events, task

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text(encoding="utf-8"))
WAIT = between(float(os.environ.get("WAIT_MIN", 1)), float(os.environ.get("WAIT_MAX", 4)))
EVIDENCE = Path(DATA["evidence"]).read_bytes()
WORKBOOKS = [Path(p).read_bytes() for p in DATA["workbooks"]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLAN = DATA["plan"]
TASKS = DATA["tasks"]
FORMS = ["direct", "consultation", "contest", "community", "mass_media", "online", "leaflets", "other"]
GROUPS = ["children", "workers", "ethnic_minorities", "public", "officers"]
JOB_EVERY = 30  # seconds between the end of one report job and the next request

# Each simulated person takes the next real one; API and page users take turns over the same people.
_unit_people = itertools.cycle(DATA["unit_people"])
_reviewers = itertools.cycle(DATA["reviewers"])
_workbooks = itertools.count()


def expect(response, *codes):
    """Mark the request failed unless it answered one of ``codes`` (as people would notice)."""
    if response.status_code not in codes:
        response.failure(f"{response.status_code}: {response.text[:200]}")
        return False
    response.success()
    return True


class ApiUnitUser(HttpUser):
    weight = 70
    wait_time = WAIT

    def on_start(self):
        self.person = next(_unit_people)
        self.mine: list[int] = []
        self.report_sent = False
        with self.client.post(
            "/api/v1/auth/token/",
            data={"username": self.person["username"], "password": DATA["password"]},
            name="/api/v1/auth/token/",
            catch_response=True,
        ) as response:
            if expect(response, 200):
                self.client.headers["Authorization"] = f"Token {response.json()['token']}"

    @task(4)
    def obligations(self):
        with self.client.get(
            f"/api/v1/obligations/?plan={PLAN}", name="/api/v1/obligations/", catch_response=True
        ) as response:
            expect(response, 200)

    @task(4)
    def activities(self):
        with self.client.get(
            f"/api/v1/activities/?plan={PLAN}", name="/api/v1/activities/", catch_response=True
        ) as response:
            expect(response, 200)

    @task(4)
    def log_activity(self):
        body = {
            "task": random.choice(TASKS),
            "start_date": "2026-11-2" + str(random.randint(0, 9)),
            "title": f"Buổi tuyên truyền pháp luật số {random.randrange(10**9)}",
            "form": random.choice(FORMS),
            "commune": "Phường Bến Thành",
            "sessions": random.randint(1, 3),
            "participants": random.randint(10, 300),
            "budget_vnd": 500_000,
            "target_groups": random.sample(GROUPS, 2),
        }
        with self.client.post(
            "/api/v1/activities/", json=body, name="POST /api/v1/activities/", catch_response=True
        ) as response:
            if expect(response, 201):
                self.mine.append(response.json()["id"])

    @task(2)
    def attach_photo(self):
        if not self.mine:
            return
        activity = random.choice(self.mine)
        with self.client.post(
            f"/api/v1/activities/{activity}/evidence/",
            files={"file": ("anh-buoi-tuyen-truyen.png", EVIDENCE, "image/png")},
            name="POST /api/v1/activities/[id]/evidence/",
            catch_response=True,
        ) as response:
            expect(response, 201)

    @task(1)
    def import_spreadsheet(self):
        content = WORKBOOKS[next(_workbooks) % len(WORKBOOKS)]
        with self.client.post(
            "/api/v1/activities/import/",
            data={"plan": PLAN},
            files={"file": ("hoat-dong.xlsx", content, XLSX)},
            name="POST /api/v1/activities/import/",
            catch_response=True,
        ) as response:
            expect(response, 200, 201)  # 200: every row was already there (another person sent the same file)

    @task(1)
    def report(self):
        """A leader fills in the unit's report and sends it, once; the others (and afterwards) read it."""
        report = DATA["reports"][str(self.person["unit"])]
        with self.client.get(
            f"/api/v1/reports/{report}/", name="/api/v1/reports/[id]/", catch_response=True
        ) as response:
            if not expect(response, 200):
                return
            etag, status = response.headers.get("ETag"), response.json()["status"]
        if not self.person["leader"] or self.report_sent or status not in ("draft", "returned"):
            return
        with self.client.patch(
            f"/api/v1/reports/{report}/",
            json={"difficulties": "Kinh phí còn hạn chế.", "proposals": "Đề nghị Bộ cấp thêm tài liệu."},
            headers={"If-Match": etag},
            name="PATCH /api/v1/reports/[id]/",
            catch_response=True,
        ) as response:
            # 412: another leader of the unit changed it first (people do that); nothing is lost.
            if not expect(response, 200, 412):
                return
        with self.client.post(
            f"/api/v1/reports/{report}/submit/", name="POST /api/v1/reports/[id]/submit/", catch_response=True
        ) as response:
            self.report_sent = expect(response, 200, 409)  # 409: already sent by the unit's other leader


def page_sign_in(user: HttpUser, username: str) -> bool:
    """Sign in on /dang-nhap/ as a browser does: the form's CSRF token, then the post."""
    with user.client.get("/dang-nhap/", name="/dang-nhap/", catch_response=True) as response:
        if not expect(response, 200):
            return False
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    with user.client.post(
        "/dang-nhap/",
        data={"username": username, "password": DATA["password"], "csrfmiddlewaretoken": token and token.group(1)},
        name="POST /dang-nhap/",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        return expect(response, 302)


class PageUnitUser(HttpUser):
    weight = 24
    wait_time = WAIT

    def on_start(self):
        self.person = next(_unit_people)
        page_sign_in(self, self.person["username"])

    @task(3)
    def dashboard(self):
        with self.client.get("/", name="/ (unit dashboard)", catch_response=True) as response:
            expect(response, 200)

    @task(2)
    def activity_list(self):
        with self.client.get("/hoat-dong/", name="/hoat-dong/", catch_response=True) as response:
            expect(response, 200)


class Reviewer(HttpUser):
    weight = 6
    wait_time = WAIT

    def on_start(self):
        page_sign_in(self, next(_reviewers))

    @task(3)
    def overview(self):
        with self.client.get("/", name="/ (reviewer overview)", catch_response=True) as response:
            expect(response, 200)

    @task(2)
    def rollup(self):
        with self.client.get(
            f"/api/v1/plans/{PLAN}/rollup/", name="/api/v1/plans/[id]/rollup/", catch_response=True
        ) as response:
            expect(response, 200)

    @task(1)
    def unit_page(self):
        unit = random.choice(DATA["unit_people"])["unit"]
        with self.client.get(f"/don-vi/{unit}/", name="/don-vi/[id]/", catch_response=True) as response:
            expect(response, 200)


class ReportJobReviewer(HttpUser):
    """One reviewer asks for the Ministry's PDF in the background and follows it (a worker makes it)."""

    fixed_count = 1
    wait_time = between(2, 3)

    def on_start(self):
        page_sign_in(self, next(_reviewers))
        self.job = None
        self.next_job_at = time.monotonic() + 10
        self.csrf = self.client.cookies.get("csrftoken", "")

    @task
    def job_step(self):
        if self.job is None:
            if time.monotonic() < self.next_job_at:
                return
            with self.client.post(
                "/api/v1/report-jobs/",
                json={"plan": PLAN, "format": "pdf"},
                headers={"X-CSRFToken": self.csrf, "Referer": self.host + "/"},
                name="POST /api/v1/report-jobs/",
                catch_response=True,
            ) as response:
                if expect(response, 202):
                    self.job = response.json()["id"]
            return
        with self.client.get(
            f"/api/v1/report-jobs/{self.job}/", name="/api/v1/report-jobs/[id]/", catch_response=True
        ) as response:
            if expect(response, 200) and response.json()["status"] in ("done", "failed"):
                events.request.fire(
                    request_type="JOB",
                    name=f"report job {response.json()['status']}",
                    response_time=0,
                    response_length=0,
                    exception=None if response.json()["status"] == "done" else RuntimeError("job failed"),
                    context={},
                )
                self.job = None
                self.next_job_at = time.monotonic() + JOB_EVERY


# --- the figures run.py reads: every request's time by kind, written when the test stops -----------

KINDS = {
    "sign-in": ("/api/v1/auth/token/", "POST /dang-nhap/", "/dang-nhap/"),
    "dashboard": ("/ (reviewer overview)", "/ (unit dashboard)"),
}
_requests: list[tuple[float, str, float, bool]] = []  # (when it ended, kind, ms, failed)


def kind_of(request_type: str, name: str) -> str:
    for kind, names in KINDS.items():
        if name in names:
            return kind
    if request_type == "JOB":
        return "report job"
    return "write" if name.startswith(("POST ", "PATCH ")) else "read"


@events.request.add_listener
def _record(request_type, name, response_time, exception, **_kw):
    _requests.append((time.time(), kind_of(request_type, name), response_time, exception is not None))


@events.test_stop.add_listener
def _write_summary(**_kw):
    out = os.environ.get("LOAD_SUMMARY")
    if out:
        Path(out).write_text(json.dumps(_requests), encoding="utf-8")
