"""Run every benchmark (`make bench`): the import and the reminder scan on SQLite and PostgreSQL,
the roll-up on PostgreSQL. Pass --write to append the figures to bench/RESULTS.md."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["bench_import.py"],
    ["bench_import.py", "--postgres"],
    ["bench_reminders.py"],
    ["bench_reminders.py", "--postgres"],
    ["bench_rollup.py"],
    ["bench_pages.py"],
    ["bench_pages.py", "--postgres"],
]


def main() -> int:
    extra = sys.argv[1:]
    failed = 0
    for script, *args in RUNS:
        print(f"== {script} {' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *args, *extra], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
