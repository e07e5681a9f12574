"""Writes of the ops app: recording that a periodic job ran."""

from datetime import datetime

from django.utils import timezone

from ops.models import Heartbeat


def heartbeat_record(*, name: str, at: datetime | None = None) -> None:
    """Record that the periodic job ``name`` ran now (one UPDATE; an INSERT the first time)."""
    at = at or timezone.now()
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_at": at}, create_defaults={"first_at": at, "last_at": at}
    )
