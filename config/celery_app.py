"""The Celery app. Reads CELERY_* settings; the whole periodic schedule is declared here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("pbgdpl")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Celery modules are named for what they do (tasks/jobs.py, reports/jobs.py), never tasks.py.
app.autodiscover_tasks(related_name="jobs")

# The one place the periodic schedule is declared (times in CELERY_TIMEZONE, Asia/Ho_Chi_Minh).
app.conf.beat_schedule = {
    "daily-reminder-scan": {
        "task": "reminders.jobs.reminder_scan",
        "schedule": crontab(hour=7, minute=30),
    },
    "users-follow-successors": {
        "task": "accounts.jobs.users_follow_successors_daily",
        "schedule": crontab(hour=0, minute=10),
    },
    "retry-due-reminders": {
        "task": "reminders.jobs.reminder_retry_due",
        "schedule": crontab(minute="*/5"),
    },
    # /healthz reads how long ago this last ran (beat, the broker, a worker and the database at once).
    "beat-heartbeat": {
        "task": "ops.jobs.beat_heartbeat",
        "schedule": 60.0,
    },
    # Report jobs queued while the broker was down, or whose worker died, are queued again.
    "requeue-report-jobs": {
        "task": "reports.jobs.report_jobs_requeue",
        "schedule": crontab(minute="*/5"),
    },
}
