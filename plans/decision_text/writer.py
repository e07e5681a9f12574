"""The plan file written from the decision: deliverable keys, the YAML text with its description
and, as comments, every warning with its line (a reviewer deletes a warning's line once it is dealt
with; ``WARNING_MARK`` finds those left)."""

import re
import unicodedata
from datetime import date

import yaml

from plans.decision_text.reading import TextWarning
from plans.models import Deliverable

WARNING_MARK = "# [!]"
# The deliverables every plan has once, by a name other code and people know them by.
KIND_KEYS = {
    Deliverable.Kind.MINISTRY_PLAN: "ministry-plan",
    Deliverable.Kind.UNIT_PLAN: "unit-plan",
    Deliverable.Kind.GUIDANCE: "guidance",
    Deliverable.Kind.ANNUAL_REPORT: "bao-cao-ket-qua",
    Deliverable.Kind.MINISTRY_REPORT: "bao-cao-tong-hop",
}

FORMAT = """\
# Load with `manage.py load_plan FILE` (all or nothing; loading again updates the plan in place).
# Written from the decision's text by `manage.py import_decision FILE.txt`: its titles, contents and
# deadlines are the decision's own words.
#
# plan: number, signed_on, year, title, issuer and coordinator (unit keys), signer, signer_title,
#   time_zone, report_window {start, end, source} (the window the results count, with where it comes
#   from: Decree 09/2019/NĐ-CP unless the decision states its own), implements [{number, signed_on, title}].
# groups: [{number, title, tasks}]; a task: code (1.1, 2, 8.2a), title, parent_title (8.2 for 8.2a),
#   content, responsibility_text (its "Cơ quan …" and "Thời gian …" paragraphs as written), lead and
#   lead_scope, coordinating and coordinating_scope, partners, target, deliverables.
# sections: [{section: III.3, deliverables}]: what part III asks of the plan as a whole.
# A deliverable: key, title, kind, responsible and responsible_scope, recipient, deadline, deadline_text.
#
# Units are named by their registry key (accounts/data/ministry.yaml; provincial police: caNN); partners
# (bodies outside the Ministry, who never log in) by their key in accounts/data/ministry.yaml.
# Scopes: all_units = "Công an các đơn vị, địa phương" (every department and provincial police unit valid
# on the deliverable's dates), all_provinces, all_departments; units_concerned = "Công an các đơn vị, địa
# phương liên quan" (the units the lead involves: they owe nothing of their own).
# Kinds: activity, ministry_plan, unit_plan (each unit hands in its plan), guidance, annual_report (each
# unit's results report), ministry_report (V03 compiles them), pilot_model, training.
# Targets: {kind: pilot_models, count: N} ("ít nhất 0N mô hình"), {kind: training}, {kind:
# training_by_region, count: 3} ("tại 3 miền Bắc, Trung, Nam").
# Deadlines: {before: D} = due at 00:00 Asia/Ho_Chi_Minh on D (a submission on D is late);
# {quarter: Q, year: Y}; {year: Y} (the whole year, due at 00:00 on 1 January after it);
# {year: Y, continuing: true} ("… và những năm tiếp theo").
# Keys: ministry-plan, unit-plan, guidance (task 1.1's three), bao-cao-ket-qua (the units' results report,
# III.3), bao-cao-tong-hop (V03 compiles the reports for the Prime Minister and the Ministry's leaders: the
# decision gives it no date of its own, so it is due by the end of the plan's year); the others
# nv-<task code>, then -2, -3… where a task has several.
"""


def _slug(code: str) -> str:
    text = unicodedata.normalize("NFKD", code.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", text.decode().lower()).strip("-") or "x"


def _keyed(deliverable: dict, key: str) -> dict:
    return {"key": key, **{k: v for k, v in deliverable.items() if k != "key"}}


def assign_keys(data: dict) -> None:
    """Give every deliverable its key: the KIND_KEYS name for the first of those kinds, else
    ``nv-<task code>`` (``nv-8-2a``), or the section's (``iii-3``), numbered when a task has several."""
    used: set[str] = set()

    def key_for(deliverable: dict, base: str) -> str:
        special = KIND_KEYS.get(deliverable["kind"])
        if special and special not in used:
            used.add(special)
            return special
        key, n = base, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        return key

    for group in data["groups"]:
        for task in group["tasks"]:
            task["deliverables"] = [_keyed(d, key_for(d, f"nv-{_slug(task['code'])}")) for d in task["deliverables"]]
    for section in data.get("sections", []):
        section["deliverables"] = [_keyed(d, key_for(d, _slug(section["section"]))) for d in section["deliverables"]]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _text(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)
_Dumper.add_multi_representer(str, _text)
_Dumper.add_representer(
    date, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat(), style="'")
)


def plan_yaml(data: dict, warnings: list[TextWarning], *, source: str = "") -> str:
    """The plan file: what it is, its format, the warnings left to deal with, then the plan."""
    plan = data["plan"]
    lines = [
        f"# Plan {plan['number']} ({plan['signed_on']:%d/%m/%Y}), year {plan['year']}"
        + (f", read from {source}." if source else ".")
    ]
    if warnings:
        lines.append("# Warnings: correct the plan below, then delete each warning's line.")
        lines += [f"{WARNING_MARK} {' '.join(w.where().split())}" for w in warnings]
        lines.append("#")
    lines.append(FORMAT.rstrip("\n"))
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    return "\n".join(lines) + "\n" + body


def warnings_left(text: str) -> list[str]:
    """The warning lines a reviewer has not deleted yet."""
    return [line[len(WARNING_MARK) :].strip() for line in text.splitlines() if line.startswith(WARNING_MARK)]
