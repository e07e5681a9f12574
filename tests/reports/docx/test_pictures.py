"""The PDF's charts as PNG pictures for the DOCX: the same reportlab drawing, painted with Pillow."""

import io

from django.utils import translation
from PIL import Image

from reports.docx.pictures import drawing_png
from reports.pdf.base import register_fonts
from reports.pdf.charts import bar_chart, pie_chart

WIDTH = 165 * 72 / 25.4  # the text's width, in points
BAR_BLUE = (0x3B, 0x5B, 0x92)


def picture(drawing) -> Image.Image:
    return Image.open(io.BytesIO(drawing_png(drawing))).convert("RGB")


def share(image: Image.Image, color: tuple[int, int, int], tolerance: int = 12) -> float:
    colors = image.getcolors(maxcolors=image.width * image.height)
    near = sum(n for n, c in colors if all(abs(a - b) <= tolerance for a, b in zip(c, color, strict=True)))
    return near / (image.width * image.height)


def test_a_bar_chart_is_a_png_as_wide_as_the_text_at_200_dpi():
    register_fonts()
    with translation.override("vi"):
        drawing = bar_chart(WIDTH, ["Bắc", "Trung", "Nam"], [3000, 0, 1500])
    image = picture(drawing)
    assert image.size == (round(drawing.width * 200 / 72), round(drawing.height * 200 / 72))
    assert image.info.get("dpi") and round(image.info["dpi"][0]) == 200
    assert 0.03 < share(image, BAR_BLUE) < 0.5  # the bars are there
    # The bars' heights keep the values' ratio (3.000 is twice 1.500; 0 draws nothing).
    heights = []
    for x in range(image.width):
        heights.append(sum(1 for y in range(image.height) if image.getpixel((x, y)) == BAR_BLUE))
    bars, run = [], []
    for h in [*heights, 0]:
        if h:
            run.append(h)
        elif run:
            bars.append(max(run))
            run = []
    assert len(bars) == 2 and abs(bars[0] / bars[1] - 2) < 0.05


def test_a_pie_has_one_colour_per_slice_and_a_legend():
    register_fonts()
    with translation.override("vi"):
        image = picture(pie_chart(WIDTH, ["Đã chấp nhận", "Chưa gửi"], [1, 3]))
    green, yellow = (0x2E, 0x7D, 0x32), (0xF9, 0xA8, 0x25)  # the palette's first two colours
    assert share(image, yellow) > 2 * share(image, green) > 0.005
    text_pixels = share(image, (0, 0, 0), tolerance=60)
    assert text_pixels > 0.001  # the legend's words


def test_a_whole_pie_and_no_data():
    register_fonts()
    with translation.override("vi"):
        whole = picture(pie_chart(WIDTH, ["Chưa gửi"], [72]))
        empty = picture(pie_chart(WIDTH, ["Chưa gửi"], [0]))
    assert share(whole, (0x2E, 0x7D, 0x32)) > 0.05  # one slice of 100 % is drawn as a disc
    assert share(empty, (255, 255, 255), tolerance=0) > 0.97  # "Không có số liệu" only
