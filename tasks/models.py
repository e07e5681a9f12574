"""The models of the tasks app, each defined in its feature's package (obligations, activities, the
unit's own plan, pilot models, training courses); imported here so Django registers them."""

from tasks.activities.models import (
    Activity,
    ActivityTally,
    ActivityTargetGroup,
    DisseminationForm,
    Evidence,
    TargetGroup,
    TargetGroupTally,
    Topic,
)
from tasks.locks.models import FiguresLock
from tasks.obligations.models import DeadlineState, Obligation, ProgressStatus, compute_deadline_state
from tasks.pilot_models.models import PilotModel
from tasks.training.models import TrainingCourse
from tasks.unit_plans.models import UnitPlan

__all__ = [
    "Activity",
    "ActivityTally",
    "ActivityTargetGroup",
    "DeadlineState",
    "DisseminationForm",
    "Evidence",
    "FiguresLock",
    "Obligation",
    "PilotModel",
    "ProgressStatus",
    "TargetGroup",
    "TargetGroupTally",
    "Topic",
    "TrainingCourse",
    "UnitPlan",
    "compute_deadline_state",
]
