"""How much one import may hold: a file's size, its uncompressed size, its rows (bounded before reading)."""

from django.conf import settings

MAX_BYTES = getattr(settings, "ACTIVITY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


MAX_ROWS = getattr(settings, "ACTIVITY_IMPORT_MAX_ROWS", 20_000)


# A ZIP of a few MB can inflate to gigabytes; a real 20,000-row workbook stays far below this.
MAX_UNCOMPRESSED_BYTES = 25 * MAX_BYTES


BATCH_SIZE = 500
