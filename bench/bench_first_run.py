"""Benchmark: the first `make run` from a fresh clone, once the dependencies are installed (issue 14
goal 5), then the demo's PDFs on the database it made (goal 4).

    .venv/bin/python bench/bench_first_run.py            # clones HEAD under /tmp, measures, removes it
    .venv/bin/python bench/bench_first_run.py --write    # also append the figures to bench/RESULTS.md

It clones the repository's HEAD (committed work only), points the clone's .venv at this one (the
dependencies installed: `make install` has nothing to do), and times each step of `make setup` as
the Makefile runs them (migrate, load_units, load_plan, seed_demo on the embedded SQLite), then
`make setup` a second time (everything done: it should skip), then `python -m config.run_dev`
(what `make run` starts: runserver, a Celery worker and beat) until /dang-nhap/ answers. Then, on
the demo's database: the Ministry's PDF and a unit's own printed report, through the services
(in-process, 5 runs after a warm-up). Target: serving within 60 s; PDFs < 0.3 s and < 0.2 s.

Left out: creating the virtualenv and installing the locked dependencies (minutes, network-bound,
done once); the first request's own compile of templates.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ROOT, append_results, print_machine
from server import free_port

TARGET_SECONDS = 60
TIMED_MANAGE = """import subprocess, sys, time
started = time.perf_counter()
code = subprocess.call([sys.executable, "manage.py", *sys.argv[1:]], stdout=subprocess.DEVNULL)
with open({log!r}, "a", encoding="utf-8") as out:
    out.write(f"{{sys.argv[1]}} {{time.perf_counter() - started:.2f}}\\n")
sys.exit(code)
"""
PDF_SNIPPET = """
import statistics, time, django
django.setup()
from plans.models import Plan
from reports import services
from reports.annual.models import AnnualReport
from reports.rollup import RollupFilters
plan = Plan.objects.get(number="762/QĐ-BCA-V03")
report = AnnualReport.objects.filter(plan=plan).exclude(status="draft").order_by("pk").first()
for name, make in (("ministry", lambda: services.rollup_pdf(plan=plan, filters=RollupFilters())),
                   ("unit", lambda: services.annual_report_pdf(report=report))):
    make()
    times = []
    for _ in range(5):
        started = time.perf_counter(); make(); times.append(time.perf_counter() - started)
    print(name, *times)
"""


def timed(command: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def serve(clone: Path, env: dict) -> float:
    """Start what `make run` starts and wait for the sign-in page; stop it again."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(clone / ".venv/bin/python"), "-m", "config.run_dev", str(port)],
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=5).status == 200:
                    return time.perf_counter() - started
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("config.run_dev exited") from None
                time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    print_machine()
    work = Path(tempfile.mkdtemp(prefix="pbgdpl-first-run-"))
    clone = work / "clone"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "MEDIA_ROOT")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        head = subprocess.run(
            ["git", "-C", str(clone), "log", "-1", "--format=%h %cs"], capture_output=True, text=True, check=True
        ).stdout.strip()
        (clone / ".venv").symlink_to(ROOT / ".venv")
        os.utime(clone / "requirements.lock", (0, 0))  # older than .venv/bin/.installed: nothing to install
        # `make setup` itself, its manage.py commands timed one by one through MANAGE
        log = work / "phases.log"
        (work / "timed_manage.py").write_text(TIMED_MANAGE.format(log=str(log)), encoding="utf-8")
        manage = f"{clone / '.venv/bin/python'} {work / 'timed_manage.py'}"
        phases = {"make install (nothing to do)": timed(["make", "install"], clone, env)}
        setup = timed(["make", "setup", f"MANAGE={manage}"], clone, env)
        for line in log.read_text(encoding="utf-8").splitlines():
            name, seconds = line.rsplit(" ", 1)
            phases[name] = float(seconds)
        phases["make's own work"] = setup - sum(v for k, v in phases.items() if k != "make install (nothing to do)")
        phases["server answers /dang-nhap/"] = serve(clone, env)
        first = sum(phases.values())
        second_setup = timed(["make", "setup"], clone, env)
        second_serve = serve(clone, env)
        pdf = subprocess.run(
            [str(clone / ".venv/bin/python"), "-c", PDF_SNIPPET],
            cwd=clone,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)

    from common import spread

    pdfs = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in pdf.splitlines() if line.strip()}
    lines = [
        f"- clone of HEAD ({head}); SQLite under the clone's var/; the dependencies already installed",
        "- first run: "
        + ", ".join(f"{name} **{seconds:.1f} s**" for name, seconds in phases.items())
        + f" → serving after **{first:.0f} s** (`make setup` {setup:.0f} s; target {TARGET_SECONDS} s)",
        f"- second run: `make setup` {second_setup:.2f} s (everything done is skipped), serving after "
        f"{second_setup + second_serve:.0f} s",
        f"- the demo's Ministry PDF: **{spread(pdfs['ministry'])}** (target < 0.3 s); a unit's printed report: "
        f"**{spread(pdfs['unit'])}** (target < 0.2 s)",
        "- left out: creating the virtualenv and installing the dependencies",
    ]
    print("\n".join(lines))
    if args.write:
        append_results("First make run and the demo's PDFs (bench/bench_first_run.py)", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
