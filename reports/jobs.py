"""Celery tasks of the reports app (autodiscovered as ``reports.jobs``): thin, idempotent.

The services never import this module: the API hands ``report_job_run.delay`` to
``services.report_job_create`` / ``report_job_remake``, which call it once the transaction commits.
"""

from celery import shared_task
from django.utils.translation import gettext as _

from reports import services

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
