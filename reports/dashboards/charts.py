"""Charts drawn on the server as inline SVG: no script, no library, nothing fetched. Colours come from
the stylesheet through class names (the Content-Security-Policy allows no inline style); each chart
carries its figures as text, so it reads without colour and without the picture."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from config.bounds import grouped

WIDTH = 480
LABEL_WIDTH = 170
VALUE_WIDTH = 80
ROW_HEIGHT = 30
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    css: str = "bar-default"  # a class of the stylesheet that sets the bar's fill
    title: str = ""  # the full label, shown as a tooltip when the label is cut short


def bar_chart(*, title: str, bars: list[Bar], chart_id: str) -> SafeString:
    """A horizontal bar chart: one row per bar, the label at the left, the figure at the right."""
    biggest = max((b.value for b in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, bar in enumerate(bars):
        y = 6 + index * ROW_HEIGHT
        length = round(span * bar.value / biggest) if bar.value else 0
        label = Truncator(bar.label).chars(26)
        rows.append(
            format_html(
                '<g class="{}"><title>{}: {}</title>'
                '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="2"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text></g>',
                bar.css,
                bar.title or bar.label,
                grouped(bar.value),
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 5,
                label,
                LABEL_WIDTH,
                y,
                max(length, 1 if bar.value else 0),
                BAR_HEIGHT,
                LABEL_WIDTH + length + 6,
                y + BAR_HEIGHT - 5,
                grouped(bar.value),
            )
        )
    height = 12 + len(bars) * ROW_HEIGHT
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title">'
        '<title id="{}-title">{}</title>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        title,
        format_html_join("", "{}", ((row,) for row in rows)),  # each row escaped by format_html above
    )


def described(bars: list[Bar]) -> SafeString:
    """The chart's figures as a list, for screen readers and print."""
    return format_html(
        '<ul class="visually-hidden">{}</ul>',
        format_html_join("", "<li>{}: {}</li>", ((b.title or b.label, grouped(b.value)) for b in bars)),
    )
