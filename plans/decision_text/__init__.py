"""A plan decision's plain text read into the plan file that ``load_plan`` takes.

``decision_import(text)`` reads the number, the day signed, the year, the title, the signer, the
documents the plan implements, part II's task groups and tasks (1., 1.1., a), b)) with their
titles, contents, lead and coordinating units, partners, deliverables, deadlines and targets, and
part III's reporting duty, matching every unit name to the registry. What it cannot read or match is
a ``TextWarning`` with its line; what makes the text unreadable as a plan decision is a
``DecisionTextError``. Nothing here writes to the database.

Modules: ``reading`` (bytes → normal text → words with their lines), ``header``, ``sections`` (the
outline), ``units`` (names → registry), ``deadlines``, ``duties`` (one task's units, deliverables,
kind and target), ``tasks`` (part II), ``organisation`` (part III), ``writer`` (keys, YAML).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plans.decision_text.duties import Context
from plans.decision_text.header import read_header, read_issuer
from plans.decision_text.organisation import read_organisation, report_window
from plans.decision_text.reading import DecisionTextError, TextWarning, decode, read_text
from plans.decision_text.sections import parts, plan_start
from plans.decision_text.tasks import groups_data
from plans.decision_text.units import Registry
from plans.decision_text.writer import WARNING_MARK, assign_keys, plan_yaml, warnings_left

MAX_WARNINGS = 200  # a text that is not what it seems could give thousands

__all__ = [
    "WARNING_MARK",
    "DecisionImport",
    "DecisionTextError",
    "Registry",
    "TextWarning",
    "decision_import",
    "decode",
    "warnings_left",
]


@dataclass
class DecisionImport:
    data: dict  # what the plan file holds (plans.loader.parse_plan reads it)
    warnings: list[TextWarning] = field(default_factory=list)

    def yaml(self, *, source: str = "") -> str:
        return plan_yaml(self.data, self.warnings, source=source)


def decision_import(text: str, *, registry: Callable[[int], Registry] | None = None) -> DecisionImport:
    """Read a plan decision's text. ``registry(year)`` gives the names to match (default: the units
    valid in the plan's year and the partners, from the database). DecisionTextError when the text
    is not a plan decision."""
    flat = read_text(text)
    tasks_part, organised, first_part = parts(flat)
    warnings: list[TextWarning] = []
    begins = plan_start(flat, first_part)
    header = read_header(flat, begins, first_part, warnings)
    names = (registry or (lambda year: Registry.from_database(year=year)))(header.year)
    ctx = Context(flat=flat, registry=names, year=header.year, warnings=warnings)
    groups = groups_data(ctx, tasks_part)
    coordinator, sections = read_organisation(ctx, organised)
    plan = {
        "number": header.number,
        "signed_on": header.signed_on,
        "year": header.year,
        "title": header.title,
        "issuer": read_issuer(names, flat),
        "coordinator": coordinator,
        "signer": header.signer,
        "signer_title": header.signer_title,
        "time_zone": "Asia/Ho_Chi_Minh",
        "report_window": report_window(ctx, header.number, header.year),
        "implements": header.implements,
    }
    data = {"plan": {k: v for k, v in plan.items() if v not in ("", None)}, "groups": groups}
    if sections:
        data["sections"] = sections
    assign_keys(data)
    warnings.sort(key=lambda w: w.line)
    if len(warnings) > MAX_WARNINGS:
        more = len(warnings) - MAX_WARNINGS
        warnings[MAX_WARNINGS:] = [
            TextWarning(
                warnings[MAX_WARNINGS].line,
                _("%(count)d more warnings are not listed: correct the ones above first.") % {"count": more},
            )
        ]
    return DecisionImport(data=data, warnings=warnings)
