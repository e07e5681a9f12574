"""How much one import may hold: a file's size, its uncompressed size, its rows (bounded before reading)."""

from django.conf import settings

MAX_BYTES = getattr(settings, "ACTIVITY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


MAX_ROWS = getattr(settings, "ACTIVITY_IMPORT_MAX_ROWS", 20_000)


# A ZIP of a few MB can inflate to gigabytes; a real 20,000-row workbook is about 20 MB uncompressed.
MAX_UNCOMPRESSED_BYTES = getattr(settings, "ACTIVITY_IMPORT_MAX_UNCOMPRESSED_BYTES", 64 * 1024 * 1024)


# What a worksheet may declare or use, checked before the reader allocates for it: a cell at XFD1048576
# would make it ask for the whole grid. A sheet may hold the heading and some blank lines beyond the rows.
MAX_SHEET_ROWS = MAX_ROWS + 1_000
MAX_COLUMNS = 64
MAX_CELLS = MAX_SHEET_ROWS * 40


BATCH_SIZE = 500
