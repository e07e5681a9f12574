"""Who owes what and what they did. Progress models live in progress.py; the reminder log in
reminders.py."""

from .progress import (
    Activity,
    ActivityTargetGroup,
    AnnualReport,
    DeadlineState,
    DisseminationForm,
    Evidence,
    Obligation,
    PilotModel,
    ReportTaskEntry,
    ReportVersion,
    TargetGroup,
    Topic,
    TrainingCourse,
    UnitPlan,
)
from .reminders import *  # noqa: F403
from .tallies import ActivityTally, TargetGroupTally

__all__ = [
    "Activity",
    "ActivityTally",
    "ActivityTargetGroup",
    "AnnualReport",
    "DeadlineState",
    "DisseminationForm",
    "Evidence",
    "Obligation",
    "PilotModel",
    "ReportTaskEntry",
    "ReportVersion",
    "TargetGroup",
    "TargetGroupTally",
    "Topic",
    "TrainingCourse",
    "UnitPlan",
]
