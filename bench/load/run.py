"""Load test on the eve of 15/12 (issue 12 item 8, issue 14 goal 3): Locust against gunicorn (3 sync
workers, the production settings but plain HTTP, bench/load/load_settings.py), PostgreSQL and Redis,
with a Celery worker making the report jobs. Everything on 127.0.0.1.

    .venv/bin/python bench/load/run.py                          # 100 users for 60 s
    .venv/bin/python bench/load/run.py --users 100 --time 300   # the 5-minute run
    .venv/bin/python bench/load/run.py --steps 25,50,100,150 --time 45   # where it starts to give
    .venv/bin/python bench/load/run.py ... --write              # append the figures to bench/RESULTS.md

It creates the database pbgdpl_load (dropped at the end), uses an empty Redis database (13, or the
next empty one below; emptied at the end), prepares the data (bench/load/prepare.py: the registry,
Decision 762 carried into 2026, 5 people per unit, 120 activities per unit, the reports started),
starts the server and the worker, then runs Locust headless (bench/load/locustfile.py) once per
number of users, each for --time seconds, the users arriving over the first 30 s (at most 5 a
second). For each run: requests, failures, throughput, p50/p95/p99 of the writes, the dashboards,
the reads and the sign-ins (PBKDF2, as in production), and what a request costs: the CPU of the
gunicorn workers (and of PostgreSQL's backends) divided by the requests served.

Left out: TLS (a proxy in front would carry it), static files (cached by browsers), the browser's
own work, and email (no reminder scan runs). Locust itself runs on the same 2 cores and takes its
share of them (its CPU is printed).
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from common import ROOT, append_results, drop_database, print_machine, setup_django, use_database  # noqa: E402
from server import Gunicorn, cpu_seconds  # noqa: E402

DB_NAME = "pbgdpl_load"
REDIS_DBS = [13, 12, 11, 10]
BIN = ROOT / ".venv/bin"


def free_redis_db() -> int:
    import redis

    for n in REDIS_DBS:
        if redis.Redis(host="127.0.0.1", port=6379, db=n).dbsize() == 0:
            return n
    raise SystemExit(f"no empty Redis database among {REDIS_DBS}")


def pg_backends() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend connected to the test database (but ours)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [DB_NAME])
        return {pid: cpu_seconds(pid) for (pid,) in cursor.fetchall()}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def run_locust(server: Gunicorn, work: Path, users: int, steady: int, env: dict) -> dict:
    """One Locust run: the users arrive at one a second at most (each signs in: PBKDF2, ~0.5 s of CPU
    here), then ``steady`` seconds with everyone at work. The figures that matter are the steady
    window's (from 10 s after the last arrival to the end): latencies, failures and the CPU of the
    workers and of PostgreSQL per request; the whole run's are given too."""
    summary = work / f"summary-{users}.json"
    rate = max(1.0, users / 100)
    ramp = users / rate
    seconds = round(ramp + 10 + steady)
    command = [
        str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
        "-u", str(users), "-r", str(rate), "-t", f"{seconds}s", "--host", server.url, "--stop-timeout", "10",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**env, "LOAD_SUMMARY": str(summary)},
        stdout=subprocess.DEVNULL,
        stderr=open(work / f"locust-{users}.log", "wb"),  # noqa: SIM115
    )
    window, locust_cpu, loads = {}, 0.0, []
    while process.poll() is None:
        locust_cpu = max(locust_cpu, cpu_seconds(process.pid))
        elapsed = time.monotonic() - started
        if "start" not in window and elapsed >= ramp + 10:
            window["start"] = (time.time(), server.cpu_by_worker(), pg_backends())
        if "start" in window and "end" not in window and elapsed >= seconds:
            window["end"] = (time.time(), server.cpu_by_worker(), pg_backends())
        if "start" in window and "end" not in window:
            loads.append(os.getloadavg()[0])
        time.sleep(0.5)
    requests = json.loads(summary.read_text(encoding="utf-8"))
    (t0, workers0, pg0), (t1, workers1, pg1) = window["start"], window.get("end") or window["start"]
    return {
        "users": users,
        "seconds": time.monotonic() - started,
        "ramp": ramp,
        "window": t1 - t0,
        "all": requests,
        "steady": [r for r in requests if t0 <= r[0] <= t1],
        "locust_cpu": locust_cpu,
        "worker_cpu": sum(cpu - workers0.get(pid, 0.0) for pid, cpu in workers1.items()),
        "pg_cpu": sum(cpu - pg0.get(pid, 0.0) for pid, cpu in pg1.items()),
        "workers_replaced": sorted(workers0) != sorted(workers1),
        "load": statistics.median(loads) if loads else os.getloadavg()[0],
    }


def describe(r: dict) -> list[str]:
    steady = r["steady"]

    def of(kind=None, rows=steady):
        return [ms for _t, k, ms, _f in rows if k == kind or (kind is None and k != "report job")]

    def failed(kind=None, rows=steady):
        return sum(1 for _t, k, _ms, f in rows if f and (kind is None or k == kind))

    def line(kind: str) -> str:
        values = of(kind)
        if not values:
            return f"{kind}: none"
        return (
            f"{kind} p50 {percentile(values, 50):.0f} / p95 **{percentile(values, 95):.0f}** / "
            f"p99 {percentile(values, 99):.0f} ms ({len(values):,}, {failed(kind)} failed)"
        )

    served = [row for row in steady if row[1] not in ("sign-in", "report job")]
    everything = of(rows=r["all"])
    return [
        f"- **{r['users']} users** (arriving over {r['ramp']:.0f} s, then {r['window']:.0f} s at work; machine load "
        f"average {r['load']:.1f} meanwhile): {len(served):,} requests at work ({len(served) / r['window']:.1f}/s), "
        f"**{failed()} failed**; p50 {percentile(of(), 50):.0f} / p95 **{percentile(of(), 95):.0f}** ms "
        f"(the whole run, arrivals included: {len(everything):,} requests, {failed(rows=r['all'])} failed, "
        f"p95 {percentile(everything, 95):.0f} ms)",
        f"  - {line('write')}; {line('dashboard')}",
        f"  - {line('read')}; {line('sign-in')}; report jobs finished: {len(of('report job', r['all']))}",
        f"  - CPU per request at work: gunicorn workers **{1000 * r['worker_cpu'] / max(len(served), 1):.1f} ms**, "
        f"PostgreSQL {1000 * r['pg_cpu'] / max(len(served), 1):.1f} ms; Locust used {r['locust_cpu']:.0f} CPU-s "
        f"of the {2 * r['seconds']:.0f} the 2 cores had"
        + ("; a worker was replaced during the run" if r["workers_replaced"] else ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--steps", help="comma-separated user counts, one run each (instead of --users)")
    parser.add_argument("--time", type=int, default=60, help="seconds at work per run, after the arrivals (default 60)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--label", default="", help="what this run measures (before/after a change)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database and the files")
    parser.add_argument("--prepare-only", action="store_true", help="prepare the database, keep it, run nothing")
    args = parser.parse_args()
    steps = [int(n) for n in args.steps.split(",")] if args.steps else [args.users]

    print_machine()
    use_database(postgres=True, name=DB_NAME)
    redis_db = free_redis_db()
    work = Path(tempfile.mkdtemp(prefix="pbgdpl-load-"))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "LOAD_DATA": str(work / "data.json"),
    }
    os.environ.update({k: env[k] for k in ("DJANGO_SECRET_KEY", "REDIS_URL")})
    server = worker = None
    results = []
    try:
        setup_django("load_settings")
        from django.db import connections
        from prepare import prepare

        started = time.monotonic()
        data = prepare(work, today=date.today())
        prepared = time.monotonic() - started
        (work / "data.json").write_text(json.dumps(data), encoding="utf-8")
        connections.close_all()
        people = len(data["unit_people"])
        print(f"prepared in {prepared:.0f} s: {data['units']} units, {people} unit people", flush=True)
        if args.prepare_only:
            args.keep = True
            return 0
        log = work / "gunicorn.log"
        server = Gunicorn(workers=args.workers, settings="load_settings", env=env, timeout=120, log=log)
        worker = subprocess.Popen(
            [str(BIN / "celery"), "-A", "config", "worker", "-c", "1", "--loglevel", "WARNING"],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "load_settings"},
            stdout=subprocess.DEVNULL,
            stderr=open(work / "worker.log", "wb"),  # noqa: SIM115
        )
        for users in steps:
            result = run_locust(server, work, users, args.time, env)
            results.append(result)
            print("\n".join(describe(result)), flush=True)
    finally:
        for process in (worker,):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        if server:
            server.stop()
        if not args.keep:
            import redis

            redis.Redis(host="127.0.0.1", port=6379, db=redis_db).flushdb()
            drop_database(postgres=True, name=DB_NAME)
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: database {DB_NAME}, files {work}")

    if args.write and results:
        lines = [
            f"- what: {args.label or 'load test'}; {data['units']} units (34 provinces and the departments of 2026), "
            f"{len(data['unit_people'])} unit people and {len(data['reviewers'])} reviewers; gunicorn {args.workers} "
            "sync workers, PostgreSQL, Redis, 1 Celery worker, Locust; each user waits 1-4 s between actions; "
            f"{args.time} s at work per run after the arrivals",
            *[line for r in results for line in describe(r)],
        ]
        append_results("Load test (bench/load/run.py)", lines)
    return 0 if all(not any(row[3] for row in r["all"]) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
