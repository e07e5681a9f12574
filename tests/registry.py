"""What the shipped unit registry holds (accounts/data), for tests that count units."""

from pathlib import Path

import yaml

MINISTRY_FILE = Path(__file__).resolve().parents[1] / "accounts" / "data" / "ministry.yaml"
DEPARTMENTS = len(yaml.safe_load(MINISTRY_FILE.read_text(encoding="utf-8"))["departments"])
UNITS_2024 = 63 + DEPARTMENTS  # every department (none ended before 2025 in the file) and the 63 provinces
UNITS_2026 = 34 + DEPARTMENTS
