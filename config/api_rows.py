"""Read-only API rows written out directly. A list of 50 rows through DRF's field machinery (the
fields copied per serializer, each value read through ``get_attribute`` and its field's
``to_representation``) cost most of the request's CPU; the output serializers of the frequent lists
override ``to_representation`` with these helpers, which give each value exactly as its DRF field
does (tests/config/test_api_rows.py compares both on every such serializer)."""

from rest_framework import serializers

_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()


def api_datetime(value):
    """As DRF's DateTimeField: in the current time zone, ISO 8601 ('Z' for UTC); None stays None."""
    return None if value is None else _DATETIME.to_representation(value)


def api_date(value):
    """As DRF's DateField (ISO 8601); None stays None."""
    return None if value is None else _DATE.to_representation(value)


def api_choice(value):
    """As DRF's ChoiceField on a model's choices: the stored string ('' and None unchanged)."""
    return value if value in ("", None) else str(value)


def fields_of(serializer: serializers.Serializer, instance) -> dict:
    """What DRF's own ``Serializer.to_representation`` gives: the reference the rows are tested against."""
    return serializers.Serializer.to_representation(serializer, instance)
