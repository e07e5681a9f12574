"""Charts drawn in the report's font: bars (e.g. participants by area) and a pie (reports by status)."""

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from reports.document.text import nfc, number

from .base import FONT

PALETTE = ["#2E7D32", "#F9A825", "#C62828", "#9E9E9E", "#3B5B92", "#6A1B9A"]


def bar_chart(width: float, labels: list[str], values: list[int], *, height_mm: float = 62) -> Drawing:
    height = height_mm * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 22 * mm, 12 * mm
    chart.width, chart.height = width - 30 * mm, height - 20 * mm
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = [nfc(v) for v in labels] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 10
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: number(int(v))
    top = max(values or [0])
    chart.valueAxis.valueMax = max(10, int(top * 1.15) + 1)
    chart.bars[0].fillColor = colors.HexColor("#3B5B92")
    chart.barLabelFormat = lambda v: number(int(v))
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 7
    drawing.add(chart)
    return drawing


def pie_chart(width: float, labels: list[str], values: list[int], *, height_mm: float = 45) -> Drawing:
    """A pie of the non-zero values and a legend of every label ("label: n"); "No data" when all are zero."""
    height = height_mm * mm
    drawing = Drawing(width, height)
    shown = [(label, value) for label, value in zip(labels, values, strict=True) if value]
    if not shown:
        drawing.add(String(width / 2, height / 2, nfc(_("No data")), fontName=FONT, fontSize=11, textAnchor="middle"))
        return drawing
    pie = Pie()
    size = height - 10 * mm
    pie.x, pie.y = 10 * mm, 5 * mm
    pie.width = pie.height = size
    pie.data = [v for _l, v in shown]
    pie.slices.fontName = FONT
    pie.slices.fontSize = 10
    pie.slices.strokeColor = colors.white
    for i, (label, _v) in enumerate(shown):
        pie.slices[i].fillColor = colors.HexColor(PALETTE[labels.index(label) % len(PALETTE)])
    drawing.add(pie)
    x = pie.x + size + 14 * mm
    y = height - 12 * mm
    for label, value in zip(labels, values, strict=True):
        i = labels.index(label)
        drawing.add(Rect(x, y - 1, 8, 8, fillColor=colors.HexColor(PALETTE[i % len(PALETTE)]), strokeColor=None))
        drawing.add(String(x + 12, y, nfc(f"{label}: {number(value)}"), fontName=FONT, fontSize=11))
        y -= 14
    return drawing
