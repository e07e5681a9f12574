"""The roll-up of a plan: what the units did and where they stand, computed in the database.

What the roll-up counts
-----------------------
- **Units of the roll-up**: the units the plan expects (``tasks.obligations.selectors.plan_units``)
  and those that wrote an annual report for it all the same, narrowed by area, unit kind and unit.
  A unit's own users only ever get their own unit.
- **Counted units**: a unit's figures count only when its annual report for the plan is
  *accepted*. With ``include_submitted`` the units whose report is *submitted* (not yet accepted)
  count too and are marked so. Draft, returned and missing reports never count.
- **Counted activities**: activities of counted units, for a task of the plan, whose *start date*
  lies in the plan's reporting window (Decree 09/2019: ``report_window_start`` to
  ``report_window_end``), narrowed by ``date_from`` / ``date_to`` when given. Training courses the
  same way; pilot models of the plan count whatever their date, when their status counts toward the
  target (not proposed, not stopped) — as the figures frozen into the units' reports.
- **Obligations** (deadline states) cover every unit of the roll-up whatever its report: they are
  the tracker's own record of who is late, each in its state at ``at`` (``Obligation.deadline_state``).
  A unit's report is judged by its annual-report obligation (``Plan.annual_report_deliverable``),
  which its first submission completes.
- The breakdown by target group counts an activity once under each of its target groups, so it
  does not add up to the total; the breakdowns by area and by form do.
- Difficulties and proposals come from the counted reports.

The work is done by a fixed number of queries (about a dozen) whatever the number of units,
activities and reports; each step is a module:

- ``filters``: what to roll up (``RollupFilters``) and the date window it leaves;
- ``units``: the units, their reports, which count, each report's status and deadline state;
- ``obligations``: the units' obligations by deliverable and deadline state;
- ``figures``: the activities' figures from the monthly tallies and the activities, grouped three
  ways (by unit and task, by form, by target group); ``breakdowns`` adds them up;
- ``groups``, ``pilot``, ``training``, ``texts``: the parts of the answer;
- ``comparison``: with ``compare_with``, each unit beside the earlier plan's units it stands for
  (a province of 2025 beside the provinces of 2024 it was formed from, summed);
- ``build``: ``plan_rollup``, the steps in order; ``results``: the typed answer (``Rollup``) and
  its JSON (``rollup_json``).
"""

from tasks.activities.tallies import FIGURES

from .build import plan_rollup
from .filters import RollupFilters
from .frozen import with_frozen_figures
from .results import Comparison, ComparisonRow, Figures, Rollup, StateCounts, TextGroup, TextItem, rollup_json

__all__ = [
    "FIGURES",
    "Comparison",
    "ComparisonRow",
    "Figures",
    "Rollup",
    "RollupFilters",
    "StateCounts",
    "TextGroup",
    "TextItem",
    "plan_rollup",
    "rollup_json",
    "with_frozen_figures",
]
