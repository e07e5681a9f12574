"""A tile-grid map of the provinces, drawn on the server as inline SVG: one square per provincial
police unit, placed by the province's position (``data/province_tiles.csv``: a row and a column per
province code, for the 63 provinces before 01/07/2025 and the 34 after), coloured by its report's
status through the stylesheet. No tile server, nothing fetched; the names are on the tiles."""

import csv
from datetime import date
from functools import cache
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accounts.models import Unit

TILES = Path(__file__).resolve().parent / "data" / "province_tiles.csv"
MERGER = date(2025, 7, 1)  # the 34 provinces from this day (Resolution 202/2025/QH15)
TILE_W, TILE_H, GAP = 62, 44, 3


@cache
def tile_positions() -> dict[tuple[str, str], tuple[int, int]]:
    """(layout, province code) → (row, column); layout "2024" (63 provinces) or "2025" (34)."""
    with TILES.open(encoding="utf-8") as handle:
        return {(r["layout"], r["code"]): (int(r["row"]), int(r["col"])) for r in csv.DictReader(handle)}


def layout_of(unit: Unit) -> str:
    return "2024" if unit.valid_to is not None and unit.valid_to < MERGER else "2025"


def _label_lines(name: str) -> tuple[str, str]:
    """A province's name on two lines of about equal length ("Thừa Thiên" / "Huế")."""
    words = name.replace(" - ", " ").split()
    if len(words) < 2:
        return name, ""
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:best]), " ".join(words[best:])


def tile_map(*, rows, title: str, map_id: str = "ban-do") -> SafeString:
    """The map of the provinces among ``rows`` (the matrix's rows: unit, report status and label, links)."""
    positions = tile_positions()
    tiles, width, height = [], 0, 0
    for row in rows:
        unit = row.unit
        place = positions.get((layout_of(unit), unit.province_code)) if unit.kind == Unit.Kind.PROVINCE else None
        if place is None:
            continue
        r, c = place
        x, y = c * (TILE_W + GAP), r * (TILE_H + GAP)
        width, height = max(width, x + TILE_W), max(height, y + TILE_H)
        first, second = _label_lines(unit.province_name or unit.short_name or unit.name)
        href = row.report_url or row.unit_url
        tiles.append(
            format_html(
                '<a href="{}" class="tile report-{}"><title>{}: {}</title>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="4"></rect>'
                '<text x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle">{}</text></a>',
                href,
                row.report_status,
                unit.name,
                row.report_status_label,
                x,
                y,
                TILE_W,
                TILE_H,
                x + TILE_W / 2,
                y + (18 if second else 26),
                first,
                x + TILE_W / 2,
                y + 32,
                second,
            )
        )
    if not tiles:
        return SafeString("")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title">'
        '<title id="{}-title">{}</title>{}</svg>',
        width,
        height,
        map_id,
        map_id,
        title,
        format_html_join("", "{}", ((tile,) for tile in tiles)),  # each escaped by format_html above
    )
