"""Benchmark: the CPU one request costs in the web process (issue 14 goal 3, "each request's CPU
halved"), endpoint by endpoint, on the load test's data and settings.

    .venv/bin/python bench/bench_requests.py              # prepare, measure, drop the database
    .venv/bin/python bench/bench_requests.py --keep       # keep the database pbgdpl_bench_requests
    .venv/bin/python bench/bench_requests.py --reuse      # measure on the kept database (no prepare)
    .venv/bin/python bench/bench_requests.py --profile /api/v1/activities/   # cProfile of one door
    .venv/bin/python bench/bench_requests.py --reuse --only "reviewer's overview" --runs 20
    .venv/bin/python bench/bench_requests.py --reuse --save DIR   # each answer into DIR, to diff two versions
    .venv/bin/python bench/bench_requests.py --write      # append the figures to bench/RESULTS.md

PostgreSQL (a database of its own), the load test's settings (bench/load/load_settings.py: production's,
every middleware, DEBUG off, PBKDF2) and its data (bench/load/prepare.py: Decision 762 carried into
2026, 5 people per unit, 120 activities per unit, reports started). Each request goes through Django's
test client (the whole middleware stack, the view, the serializer or the template; not gunicorn's HTTP
parsing), signed in as the load test's people are: a reporter with an API token, a reporter and a
reviewer with a page session. For each door: the CPU seconds of this process around the request
(time.process_time; PostgreSQL's own CPU is not in it), its wall time, and its number of queries;
--runs timed runs after one warm-up. The sign-in posts are mostly PBKDF2 (about 0.25 s of a core,
as in production) and are given separately.

Left out: gunicorn and TLS, PostgreSQL's own CPU, the writes (logging an activity, a photo, an import:
bench_import.py and the load test measure them). The machine is shared: CPU seconds stretch with its
load (a busy sibling core), so compare two versions by alternating runs, not one run each. Without
--keep the database and its files are removed at the end.
"""

import cProfile
import io
import os
import pstats
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import ROOT, append_results, arguments, drop_database, print_machine, setup_django, use_database

sys.path.insert(0, str(ROOT / "bench" / "load"))

PG_NAME = "pbgdpl_bench_requests"
# (who, label, path): who is "api" (a reporter's token), "reporter"/"reviewer" (a page session), "anon".
DOORS = [
    ("api", "me", "/api/v1/me/"),
    ("api", "obligations (API)", "/api/v1/obligations/?plan={plan}"),
    ("api", "activities (API)", "/api/v1/activities/?plan={plan}"),
    ("api", "a report (API)", "/api/v1/reports/{report}/"),
    ("reviewer", "roll-up JSON", "/api/v1/plans/{plan}/rollup/"),
    ("reviewer", "reviewer's overview", "/"),
    ("reviewer", "a unit's page (reviewer)", "/don-vi/{unit}/"),
    ("reporter", "a unit's dashboard", "/"),
    ("reporter", "activity list page", "/hoat-dong/"),
    ("anon", "sign-in page", "/dang-nhap/"),
]


def environment() -> None:
    """What the load test's settings read from the environment."""
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("REDIS_URL", "memory://")  # nothing is queued by these requests; no Redis touched


def first_of(data: dict) -> dict:
    """The people the requests are made as, and the ids in the paths."""
    reporter = next(p for p in data["unit_people"] if not p["leader"])  # V03's: the unit that owes the most
    return {
        "plan": data["plan"],
        "unit": reporter["unit"],
        "report": data["reports"][str(reporter["unit"])],
        "reporter": reporter["username"],
        "reviewer": data["reviewers"][0],
        "password": data["password"],
    }


def clients(ids: dict) -> dict:
    from django.test import Client

    def page_client(username):
        client = Client(SERVER_NAME="127.0.0.1")
        response = client.post("/dang-nhap/", {"username": username, "password": ids["password"]})
        assert response.status_code == 302, response.content.decode()[-2000:]
        return client

    api = Client(SERVER_NAME="127.0.0.1")
    response = api.post("/api/v1/auth/token/", {"username": ids["reporter"], "password": ids["password"]})
    assert response.status_code == 200, response.content
    api.defaults["HTTP_AUTHORIZATION"] = f"Token {response.json()['token']}"
    return {
        "api": api,
        "reporter": page_client(ids["reporter"]),
        "reviewer": page_client(ids["reviewer"]),
        "anon": Client(SERVER_NAME="127.0.0.1"),
    }


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """CPU and wall seconds of ``fn()`` over ``runs`` runs after one warm-up."""
    cpu, wall = [], []
    for i in range(runs + 1):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        c1, w1 = time.process_time(), time.perf_counter()
        if i:
            cpu.append(c1 - c0)
            wall.append(w1 - w0)
    return cpu, wall


def door_get(client, path):
    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response

    return get


def sign_ins(ids: dict) -> dict:
    """The two sign-in posts (each a new token or session; PBKDF2 inside)."""
    from django.test import Client

    def token():
        response = Client(SERVER_NAME="127.0.0.1").post(
            "/api/v1/auth/token/", {"username": ids["reporter"], "password": ids["password"]}
        )
        assert response.status_code == 200

    def page():
        client = Client(SERVER_NAME="127.0.0.1")
        client.get("/dang-nhap/")
        response = client.post("/dang-nhap/", {"username": ids["reporter"], "password": ids["password"]})
        assert response.status_code == 302

    return {"POST /api/v1/auth/token/": token, "GET + POST /dang-nhap/": page}


def measure(by: dict, ids: dict, runs: int, *, sign_in: bool = True) -> list[tuple[str, str, list, list, int, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for who, label, path in DOORS:
        path = path.format(**ids)
        get = door_get(by[who], path)
        cpu, wall = timed(get, runs)
        with CaptureQueriesContext(connection) as ctx:
            size = len(get().content)
        rows.append((label, path, cpu, wall, len(ctx), size))
    for label, fn in sign_ins(ids).items() if sign_in else ():
        cpu, wall = timed(fn, max(3, runs // 2))
        with CaptureQueriesContext(connection) as ctx:
            fn()
        rows.append((label, "", cpu, wall, len(ctx), 0))
    return rows


def profile(by: dict, ids: dict, wanted: str, runs: int) -> None:
    for who, label, path in DOORS:
        if wanted in (label, path, path.format(**ids), f"{who}:{path}"):
            get = door_get(by[who], path.format(**ids))
            get()
            profiler = cProfile.Profile(time.process_time)  # CPU, as the figures: not the waits on PostgreSQL
            profiler.enable()
            for _ in range(runs):
                get()
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(40)
            by_file: dict[str, float] = {}
            for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
                inside = filename.split("site-packages/")[-1].split("/")[:3]  # a library's package and module
                key = "/".join(inside) if "site-packages" in filename else filename
                by_file[key] = by_file.get(key, 0) + tottime
            for key, seconds in sorted(by_file.items(), key=lambda kv: -kv[1])[:25]:
                print(f"{1000 * seconds / runs:8.2f} ms  {key}", file=out)
            print(f"== {label} ({who}) {path}, {runs} runs\n{out.getvalue()}")


def save(by: dict, ids: dict, folder: Path) -> None:
    """Each door's answer, its CSRF tokens (random at each request) blanked."""
    import re

    folder.mkdir(parents=True, exist_ok=True)
    for who, label, path in DOORS:
        body = door_get(by[who], path.format(**ids))().content
        body = re.sub(rb'(name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", body)
        (folder / f"{who}-{re.sub(r'[^a-z]+', '-', label)}.out").write_bytes(body)


def ms(values: list[float]) -> str:
    return (
        f"{1000 * statistics.median(values):.1f} ms "
        f"(min {1000 * min(values):.1f}, max {1000 * max(values):.1f}; {len(values)} runs)"
    )


def main() -> int:
    parser = arguments(__doc__, name=PG_NAME)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure on the kept database")
    parser.add_argument("--profile", help="a door's label or path: print its cProfile instead")
    parser.add_argument("--label", default="", help="what this run measures (before/after)")
    parser.add_argument("--only", help="comma-separated labels of the doors to measure (default: all)")
    parser.add_argument("--save", help="write each door's answer into this folder (to compare two versions)")
    args = parser.parse_args()
    print_machine()
    environment()
    work = Path(tempfile.gettempdir()) / f"{PG_NAME}-files"
    if args.reuse:
        sys.path.insert(0, str(ROOT))
        os.chdir(ROOT)
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
        described = f"PostgreSQL ({PG_NAME}, kept from an earlier run)"
    else:
        described = use_database(postgres=True, name=PG_NAME)
    try:
        setup_django("load_settings")
        import json

        if args.reuse:
            data = json.loads((work / "data.json").read_text(encoding="utf-8"))
        else:
            from prepare import prepare

            work.mkdir(exist_ok=True)
            started = time.monotonic()
            data = prepare(work, today=date.today())
            (work / "data.json").write_text(json.dumps(data), encoding="utf-8")
            data = json.loads(json.dumps(data))  # the ids as the load test reads them
            print(f"prepared in {time.monotonic() - started:.0f} s: {data['units']} units", flush=True)
        import logging

        logging.getLogger("security").setLevel(logging.WARNING)  # a line per sign-in
        ids = first_of(data)
        by = clients(ids)
        if args.profile:
            profile(by, ids, args.profile, args.runs)
            return 0
        if args.save:
            save(by, ids, Path(args.save))
        if args.only:
            DOORS[:] = [door for door in DOORS if door[1] in args.only.split(",")]
        rows = measure(by, ids, args.runs, sign_in=not args.only)
    finally:
        if not (args.keep or args.reuse):
            drop_database(postgres=True, name=PG_NAME)
            shutil.rmtree(work, ignore_errors=True)
    lines = [
        f"- what: {args.label or 'CPU per request'}; database: {described}; {data['units']} units, "
        f"{len(data['unit_people'])} unit people; CPU of this process per request (process_time), wall, queries",
    ]
    for label, path, cpu, wall, queries, size in rows:
        where = f" (`{path}`, {size / 1024:.0f} KB)" if path else ""
        wall_ms = 1000 * statistics.median(wall)
        lines.append(f"- {label}{where}: CPU **{ms(cpu)}**, wall {wall_ms:.1f} ms, {queries} queries")
        print(lines[-1], flush=True)
    if args.write:
        append_results("CPU per request (bench/bench_requests.py)", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
