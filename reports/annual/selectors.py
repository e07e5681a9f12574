"""Reads of a unit's annual results report (write, submit, return, accept, versions)."""

from reports.annual.models import AnnualReport


def report_content(*, report: AnnualReport) -> dict:
    """The report's text as it stands: difficulties, proposals and one entry per task."""
    entries = report.entries.select_related("task").order_by("task__group__order", "task__order")
    return {
        "difficulties": report.difficulties,
        "proposals": report.proposals,
        "entries": [
            {
                "task": e.task.code,
                "status": e.status,
                "results": e.results,
                "difficulties": e.difficulties,
                "proposals": e.proposals,
            }
            for e in entries
        ],
    }
