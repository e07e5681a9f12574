"""What /healthz checks: the database, the broker, how long ago beat's heartbeat and the daily
reminder scan last ran. Each check answers ok or a short reason; no address, name or error text of
a service goes into the answer (those go to the log)."""

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ops.models import Heartbeat

log = logging.getLogger(__name__)


@dataclass
class Check:
    ok: bool
    error: str = ""
    last_run: str | None = None
    age_seconds: int | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in ("", None) or k == "ok"}


def database_check() -> Check:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.warning("healthz: the database can't be reached", exc_info=True)
        return Check(ok=False, error=_("The database can't be reached."))
    return Check(ok=True)


def broker_check(url: str | None = None) -> Check:
    """Connect to Celery's broker (Redis, or the embedded filesystem broker) within a few seconds."""
    from config.celery_app import app

    try:
        with app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=settings.HEALTHZ_TIMEOUT)
    except Exception:
        log.warning("healthz: the broker can't be reached", exc_info=True)
        return Check(ok=False, error=_("The task broker can't be reached."))
    return Check(ok=True)


def _age(beat: Heartbeat | None, now: datetime) -> dict:
    if beat is None:
        return {}
    return {
        "last_run": timezone.localtime(beat.last_at).isoformat(timespec="seconds"),
        "age_seconds": max(int((now - beat.last_at).total_seconds()), 0),
    }


def heartbeat_checks(now: datetime) -> dict[str, Check]:
    """Beat's heartbeat must be younger than HEALTHZ_BEAT_MAX_AGE; the reminder scan's younger than
    HEALTHZ_REMINDER_SCAN_MAX_AGE, or (before its first run) beat must have run for less than that."""
    try:
        beats = {b.name: b for b in Heartbeat.objects.all()}
    except Exception:
        log.warning("healthz: the heartbeats can't be read", exc_info=True)
        unknown = Check(ok=False, error=_("Unknown: the database can't be reached."))
        return {"beat": unknown, "reminder_scan": unknown}
    beat, scan = beats.get(Heartbeat.BEAT), beats.get(Heartbeat.REMINDER_SCAN)
    beat_max = timedelta(seconds=settings.HEALTHZ_BEAT_MAX_AGE)
    scan_max = timedelta(seconds=settings.HEALTHZ_REMINDER_SCAN_MAX_AGE)
    if beat is None:
        beat_check = Check(ok=False, error=_("Celery beat has never run (or no worker ran its heartbeat)."))
    elif now - beat.last_at > beat_max:
        error = _("Celery beat (or every worker) has not run for %(minutes)s minutes.") % {
            "minutes": int((now - beat.last_at).total_seconds()) // 60
        }
        beat_check = Check(ok=False, error=error, **_age(beat, now))
    else:
        beat_check = Check(ok=True, **_age(beat, now))
    if scan is not None:
        late = now - scan.last_at > scan_max
        error = _("The daily reminder scan has not run for more than %(hours)s hours.") % {
            "hours": int(scan_max.total_seconds() // 3600)
        }
        scan_check = Check(ok=not late, error=error if late else "", **_age(scan, now))
    elif beat is not None and now - beat.first_at <= scan_max:
        scan_check = Check(ok=True)  # beat started recently: the first daily scan is still to come
    else:
        scan_check = Check(ok=False, error=_("The daily reminder scan has never run."))
    return {"beat": beat_check, "reminder_scan": scan_check}


def health(now: datetime | None = None) -> tuple[bool, dict]:
    """(healthy, the answer's JSON)."""
    now = now or timezone.now()
    checks = {"database": database_check(), "broker": broker_check()}
    if checks["database"].ok:
        checks.update(heartbeat_checks(now))
    else:
        unknown = Check(ok=False, error=_("Unknown: the database can't be reached."))
        checks.update({"beat": unknown, "reminder_scan": unknown})
    healthy = all(c.ok for c in checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {name: check.as_dict() for name, check in checks.items()},
    }
    if not healthy:
        body["reasons"] = list(dict.fromkeys(check.error for check in checks.values() if not check.ok))
    return healthy, body
