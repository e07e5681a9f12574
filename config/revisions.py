"""Optimistic concurrency for every editable record: each row has a revision; a write locks the row,
checks the revision the client read (If-Match) and raises StaleRevision if somebody changed it since."""

from config.bounds import record_bounded


class Conflict(Exception):
    """The request is valid but the record's state forbids it (HTTP 409, Vietnamese message)."""


class StaleRevision(Exception):
    """The client's copy is out of date (HTTP 412): somebody changed the record since it was read."""


def lock_current(model, *, pk: int, expected_revision: int | None):
    """Lock the row and check the client's revision (from If-Match); raise StaleRevision if stale."""
    obj = model.objects.select_for_update().get(pk=pk)
    if expected_revision is not None and obj.revision != expected_revision:
        raise StaleRevision
    return obj


def apply_changes(obj, values: dict, *, by=None):
    """Set ``values`` on ``obj`` and save it with the next revision, recording ``by`` in its history.
    Text is stored in NFC and every field is checked against its bounds first (config.bounds)."""
    for name, value in values.items():
        setattr(obj, name, value)
    record_bounded(obj)
    if obj.pk is not None:
        obj.revision += 1
    obj._history_user = by
    obj.save()
    return obj


def record_delete(model, *, pk: int, by, expected_revision: int | None) -> None:
    """Delete a unit's record after checking the revision the client read (StaleRevision if stale);
    the history keeps who deleted it and when."""
    current = lock_current(model, pk=pk, expected_revision=expected_revision)
    current._history_user = by
    current.delete()
