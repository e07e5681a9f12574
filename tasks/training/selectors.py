"""Reads of training courses."""

from django.db.models import Q

from config.lists import narrowed


def training_filtered(qs, *, filters: dict):
    """``qs`` narrowed by the list's filters (every key optional)."""
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(place__icontains=q))
    return narrowed(
        qs,
        filters,
        {
            "task": "task_id",
            "region": "region",
            "date_from": "start_date__gte",
            "date_to": "start_date__lte",
            "unit": "unit_id",
        },
    )
