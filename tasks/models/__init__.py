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

__all__ = [
    "Activity",
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
    "Topic",
    "TrainingCourse",
    "UnitPlan",
]
