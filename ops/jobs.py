"""Celery tasks of the ops app (autodiscovered as ``ops.jobs``; the schedule is in config/celery_app.py)."""

from celery import shared_task

from ops.models import Heartbeat
from ops.services import heartbeat_record


@shared_task(name="ops.jobs.beat_heartbeat", ignore_result=True)
def beat_heartbeat() -> None:
    """Sent by beat every few minutes and run by a worker: /healthz reads how long ago it last ran,
    which says that beat, the broker, a worker and the database all work."""
    heartbeat_record(name=Heartbeat.BEAT)
