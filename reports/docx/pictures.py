"""The PDF's charts (``reports.pdf.charts``, reportlab drawings) as PNG pictures for the DOCX.

reportlab's own bitmap renderer (renderPM) needs the rlPyCairo backend and a cairo build, which
are not installable as wheels here; so the same drawing is walked with reportlab's renderer base
and painted with Pillow: rectangles, lines, polygons (pie wedges become polygons) and strings in
the shipped Liberation Serif, drawn at three times the size and scaled down to smooth the edges.
"""

import functools
import io
import math

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.renderbase import Renderer, getStateDelta
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.pdf.base import FONT, FONT_DIR, FONT_FILES, register_fonts

DPI = 200
SUPERSAMPLE = 3


@functools.cache
def _font(name: str, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES.get(name, FONT_FILES[FONT])), pixels)


def _rgba(color, opacity) -> tuple[int, int, int, int] | None:
    if color is None:
        return None
    r, g, b = color.rgb()
    alpha = getattr(color, "alpha", 1) if opacity is None else opacity
    return round(r * 255), round(g * 255), round(b * 255), round(alpha * 255)


class _Canvas:
    """What reportlab's renderer base asks of a canvas; the painting is the renderer's."""

    def saveState(self):
        pass

    def restoreState(self):
        pass


class _PillowRenderer(Renderer):
    """Paints a drawing's shapes on a Pillow image (y upwards in the drawing, downwards in the image)."""

    def __init__(self, image: Image.Image, scale: float):
        self.image = image
        self.paint = ImageDraw.Draw(image)
        self.scale = scale

    # state: reportlab's tracker keeps the transform ('ctm') and the colours, fonts, widths
    def push(self, node):
        self._tracker.push(getStateDelta(node))

    def initState(self, x, y):
        deltas = self._tracker._combined[-1]
        deltas["transform"] = deltas["ctm"] = (1, 0, 0, 1, x, y)
        self._tracker.push(deltas)

    def applyStateChanges(self, delta, newState):
        pass

    def drawNode(self, node):
        self.push(node)
        self.drawNodeDispatcher(node)
        self.pop()

    def state(self, key):
        return self._tracker.getState()[key]

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.state("ctm")
        px, py = a * x + c * y + e, b * x + d * y + f
        return px * self.scale, (self._drawing.height - py) * self.scale

    def width(self) -> int:
        a, b, c, d, _e, _f = self.state("ctm")
        return max(1, round((self.state("strokeWidth") or 0) * self.scale * ((abs(a * d - b * c)) ** 0.5)))

    def stroke(self):
        return _rgba(self.state("strokeColor"), self.state("strokeOpacity"))

    def fill(self):
        return _rgba(self.state("fillColor"), self.state("fillOpacity"))

    def polygon(self, xy: list[float], closed: bool):
        points = [self.point(xy[i], xy[i + 1]) for i in range(0, len(xy) - 1, 2)]
        if closed and self.fill() and len(points) > 2:
            self.paint.polygon(points, fill=self.fill())
        if self.stroke() and self.state("strokeWidth"):
            self.paint.line([*points, points[0]] if closed else points, fill=self.stroke(), width=self.width())

    def drawRect(self, rect):
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self.polygon([x, y, x + w, y, x + w, y + h, x, y + h], closed=True)

    def drawLine(self, line):
        self.polygon([line.x1, line.y1, line.x2, line.y2], closed=False)

    def drawPolyLine(self, p):
        self.polygon(list(p.points), closed=False)

    def drawPolygon(self, p):
        self.polygon(list(p.points), closed=True)

    def drawEllipse(self, e):
        """A whole pie (one slice of 100 %) is an ellipse: drawn as a 180-sided polygon."""
        steps = [2 * math.pi * i / 180 for i in range(180)]
        xy = [v for t in steps for v in (e.cx + e.rx * math.cos(t), e.cy + e.ry * math.sin(t))]
        self.polygon(xy, closed=True)

    def drawCircle(self, c):
        steps = [2 * math.pi * i / 180 for i in range(180)]
        self.polygon([v for t in steps for v in (c.cx + c.r * math.cos(t), c.cy + c.r * math.sin(t))], closed=True)

    def drawString(self, s):
        color = self.fill()
        if color is None or not s.text:
            return
        name, size, anchor = self.state("fontName"), self.state("fontSize"), self.state("textAnchor")
        x = s.x
        if anchor in ("middle", "end"):
            x -= stringWidth(s.text, name, size) / (2 if anchor == "middle" else 1)
        a, _b, _c, d, _e, _f = self.state("ctm")
        pixels = max(1, round(size * self.scale * abs(d or a)))
        self.paint.text(self.point(x, s.y), s.text, font=_font(name, pixels), fill=color, anchor="ls")


def drawing_png(drawing: Drawing, *, dpi: int = DPI) -> bytes:
    """The drawing as a PNG of ``dpi`` dots per inch (a drawing's unit is the point, 1/72 inch)."""
    register_fonts()
    big = dpi / 72 * SUPERSAMPLE
    size = (round(drawing.width * big), round(drawing.height * big))
    image = Image.new("RGB", size, "white")
    _PillowRenderer(image, big).draw(drawing, _Canvas(), showBoundary=False)
    image = image.resize((size[0] // SUPERSAMPLE, size[1] // SUPERSAMPLE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()
