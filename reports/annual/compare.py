"""What changed between two sent versions of a unit's report: the text (the general difficulties and
proposals, each task's results) and the figures (per task and in total), side by side."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reports.annual.models import ReportVersion

FIGURES = (
    ("activities", _("Activities")),
    ("sessions", _("Sessions")),
    ("participants", _("Participants")),
    ("copies", _("Copies")),
    ("online_reach", _("Online reach")),
    ("budget_vnd", _("Budget (VND)")),
)


@dataclass
class TextChange:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old.strip() != self.new.strip()


@dataclass
class FigureChange:
    task: str  # a task code, or "" for the total
    field: str
    label: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old


def _results(version: ReportVersion) -> dict[str, str]:
    return {e.get("task"): e.get("results") or "" for e in version.content.get("entries") or []}


def text_changes(old: ReportVersion, new: ReportVersion, titles: dict[str, str]) -> list[TextChange]:
    """Every text of the report in both versions (changed or not), tasks in plan order."""
    changes = [
        TextChange(
            str(_("Difficulties and obstacles")),
            old.content.get("difficulties") or "",
            new.content.get("difficulties") or "",
        ),
        TextChange(
            str(_("Proposals and recommendations")),
            old.content.get("proposals") or "",
            new.content.get("proposals") or "",
        ),
    ]
    before, after = _results(old), _results(new)
    for code in [c for c in titles if c in before or c in after]:
        label = _("Results of task %(code)s") % {"code": code}
        changes.append(TextChange(f"{label}: {titles[code]}", before.get(code, ""), after.get(code, "")))
    return changes


def figure_changes(old: ReportVersion, new: ReportVersion, order: list[str]) -> list[FigureChange]:
    """The figures that differ between the versions, per task (plan order) then the total."""
    changes = []
    old_tasks, new_tasks = old.figures.get("tasks") or {}, new.figures.get("tasks") or {}
    for code in [c for c in order if c in old_tasks or c in new_tasks] + [""]:
        before = old.figures.get("totals") or {} if code == "" else old_tasks.get(code, {})
        after = new.figures.get("totals") or {} if code == "" else new_tasks.get(code, {})
        for field, label in FIGURES:
            a, b = int(before.get(field) or 0), int(after.get(field) or 0)
            if a != b:
                changes.append(FigureChange(code, field, str(label), a, b))
    return changes
