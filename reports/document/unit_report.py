"""A unit's own results report: its figures by task with its own account of each task (status,
results), its difficulties and proposals, in the Decree 30 frame with the unit as the issuer."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from accounts.models import Unit
from plans.models import Plan
from reports.rollup import Rollup
from reports.rollup.results import PilotModels, TaskResult

from .blocks import BULLET, Block, Text
from .frame import Letterhead, document_number, heading_name, place_of, signer_title
from .results import ResultsReport, plan_intro, report_summary
from .text import number, short_date


@dataclass
class TaskEntry:
    """The unit's own account of a task in its report."""

    status_label: str = ""
    results: str = ""
    difficulties: str = ""
    proposals: str = ""


def unit_letterhead(plan: Plan, unit: Unit, day: date, *, draft: bool) -> Letterhead:
    """Issued by the unit to the Ministry through the plan's coordinating department, signed by the
    unit's head (``Unit.signer_title``)."""
    coordinator = plan.coordinator
    via = coordinator.name if coordinator else _("the Legal Department")
    return Letterhead(
        governing_body=_("MINISTRY OF PUBLIC SECURITY"),
        issuer=heading_name(unit),
        number=document_number(unit),
        place=place_of(unit),
        day=day,
        summary=report_summary(plan),
        recipients=[_("The Ministry of Public Security (through the %(unit)s).") % {"unit": via}],
        signer_title=signer_title(unit),
        copies_to=[_("As above;"), _("Archived: VT.")],
        intro=plan_intro(plan, unit.name),
        draft=draft,
    )


class UnitReport(ResultsReport):
    """``entries``: the unit's account of each task, by task code."""

    def __init__(self, *, rollup: Rollup, letterhead: Letterhead, entries: dict[str, TaskEntry] | None = None):
        super().__init__(rollup=rollup, letterhead=letterhead)
        self.entries = entries or {}

    def basis(self) -> str:
        window = self.rollup.window
        return _("Figures cover the activities from %(start)s to %(end)s (the reporting window).") % {
            "start": short_date(window.start),
            "end": short_date(window.end),
        }

    def task_details(self, task: TaskResult) -> list[Block]:
        entry = self.entries.get(task.code)
        blocks: list[Block] = []
        if entry and entry.status_label:
            blocks.append(Text(_("Status: %(status)s.") % {"status": entry.status_label}, BULLET))
        if entry and entry.results:
            blocks.append(Text(entry.results, BULLET))
        return blocks

    def pilot_sentence(self, pm: PilotModels) -> str:
        """The unit's own models (not "1/1 units counted"), and the target when the unit owes task 4.1."""
        if pm.models:
            text = _("The unit has built %(models)s pilot model(s), %(counting)s of which count toward the target.") % {
                "models": number(len(pm.models)),
                "counting": number(pm.models_counting),
            }
        else:
            text = _("The unit has not built any pilot model yet.")
        if pm.units_expected:
            target = _("The target is at least %(target)s pilot model(s) per unit.")
            text += " " + target % {"target": pm.target_per_unit}
        return text
