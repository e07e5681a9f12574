"""Celery tasks of the reports app (autodiscovered as ``reports.jobs``): thin, idempotent.

The services never import this module: the API hands ``report_job_queue`` (which sends
``report_job_run``) to ``services.report_job_create`` / ``report_job_remake``, which call it once the
transaction commits.
"""

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from reports import services

log = logging.getLogger(__name__)

# Temporary errors are retried with backoff (pretix's mail_send_task): 10, 30, 60, 300 s.
RETRY_COUNTDOWNS = (10, 30, 60, 300)


@shared_task(bind=True, max_retries=len(RETRY_COUNTDOWNS), acks_late=True)
def report_job_run(self, job_id: int) -> None:
    """Make a report job's file (a job that is not waiting is left alone)."""
    try:
        services.report_job_run(job_id=job_id)
    except services.TEMPORARY_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            # Out of tries: say so on the job rather than leave it waiting for nothing.
            message = _("The database could not be reached after several tries; ask for the report again.")
            services.report_job_fail(job_id=job_id, error=message)
            raise
        countdown = RETRY_COUNTDOWNS[min(self.request.retries, len(RETRY_COUNTDOWNS) - 1)]
        raise self.retry(exc=exc, countdown=countdown) from exc


def report_job_queue(job_id: int) -> None:
    """Queue a job's run (what the API hands to the services). When the broker can't be reached the
    request still succeeds: the job waits in the database and ``report_jobs_requeue`` queues it once
    the broker is back."""
    try:
        report_job_run.delay(job_id)
    except Exception:
        log.warning(
            "report job %s: the broker can't be reached; the periodic requeue will send it", job_id, exc_info=True
        )


@shared_task(name="reports.jobs.report_jobs_requeue")
def report_jobs_requeue() -> int:
    """Every 5 minutes (beat): queue the jobs whose message was lost or whose worker died."""
    return len(services.report_jobs_requeue(queue=report_job_queue))
