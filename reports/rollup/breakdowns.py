"""The counted figures by task, unit and area, and the breakdowns by target group and by form.

The breakdowns by area and by form add up to the total; the one by target group counts an activity
once under each of its target groups, so it does not.
"""

from dataclasses import dataclass, field

from accounts.models import Area, Unit
from tasks.models import DisseminationForm, TargetGroup

from .figures import ActivityFigures
from .results import AreaRow, Figures, FormRow, TargetGroupRow
from .units import area_label


@dataclass
class Sums:
    """The (unit, task) figures added up per task, per unit and in total; ``reporting``: the
    (task id, unit id) pairs with at least one activity."""

    per_task: dict[int, Figures] = field(default_factory=dict)
    per_unit: dict[int, Figures] = field(default_factory=dict)
    total: Figures = field(default_factory=Figures)
    reporting: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def of(cls, figures: ActivityFigures) -> "Sums":
        out = cls()
        for (unit_id, task_id), row in figures.by_unit_task.items():
            out.per_task.setdefault(task_id, Figures()).add(row)
            out.per_unit.setdefault(unit_id, Figures()).add(row)
            out.total.add(row)
            if row.activities:
                out.reporting.add((task_id, unit_id))
        return out

    def units_reporting(self) -> int:
        return len({unit for _task, unit in self.reporting})


def by_area(*, units: list[Unit], per_unit: dict[int, Figures]) -> list[AreaRow]:
    """One row per area (North, Centre, South), then the ministry departments (no area) when present."""
    areas = [a.value for a in Area] + ([""] if any(not u.area for u in units) else [])
    rows = []
    for area in areas:
        members = [u for u in units if u.area == area]
        figures = Figures.total(per_unit[u.pk] for u in members if u.pk in per_unit)
        rows.append(AreaRow(area=area, label=area_label(area), units=len(members), **vars(figures)))
    return rows


def by_target_group(figures: ActivityFigures) -> list[TargetGroupRow]:
    """One row per target group, in the choices' order, zeros included."""
    return [
        TargetGroupRow(
            target_group=c.value, label=str(c.label), **vars(figures.by_target_group.get(c.value, Figures()))
        )
        for c in TargetGroup
    ]


def by_form(figures: ActivityFigures) -> list[FormRow]:
    """One row per form of dissemination, in the choices' order, zeros included."""
    return [
        FormRow(form=c.value, label=str(c.label), **vars(figures.by_form.get(c.value, Figures())))
        for c in DisseminationForm
    ]
