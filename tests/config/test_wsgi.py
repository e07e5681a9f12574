"""What a web worker does when it loads the application, before its first request."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
import config.wsgi
print(gc.get_freeze_count(), "tasks.activities.api" in sys.modules, "reports.dashboards.pages" in sys.modules)
"""


def test_the_views_are_imported_and_start_up_is_frozen_out_of_the_collector():
    """The first request does not pay for importing every view, and the garbage collector's full
    collections do not walk the objects start-up made."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    frozen, api_loaded, pages_loaded = out.stdout.split()
    assert int(frozen) > 100_000, out.stdout
    assert api_loaded == pages_loaded == "True"
