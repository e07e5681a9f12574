"""A unit's roll-up with the figures its report was sent with, in place of today's."""

from tasks.activities.tallies import FIGURES

from .results import Figures, Rollup


def with_frozen_figures(rollup: Rollup, frozen: dict) -> Rollup:
    """Put a submitted version's figures (``reports.annual.selectors.unit_figures``: per task code)
    in place of today's, in the tasks, their groups and the totals of a one-unit roll-up."""
    sent = frozen.get("tasks", {})
    for group in rollup.groups:
        for task in group.tasks:
            task.figures = Figures(**{k: v for k, v in sent.get(task.code, {}).items() if k in FIGURES})
            task.units_reporting = 1 if task.figures.activities else 0
        group.figures = Figures.total(t.figures for t in group.tasks)
        group.units_reporting = 1 if group.figures.activities else 0
    total = Figures.total(g.figures for g in rollup.groups)
    for name in FIGURES:
        setattr(rollup.totals, name, getattr(total, name))
    rollup.totals.units_reporting = 1 if total.activities else 0
    return rollup
