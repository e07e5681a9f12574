"""The base of every DOCX: A4 with the Decree 30 margins, Times New Roman, Word's heading styles,
the page number from page 2, text that stays text, the report's tables with a repeated header."""

import io

from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reports.docx.base import DocxDocument, plain
from reports.tables import CENTER, NUMBER, TEXT, Column, Table

from .reading import fields, open_docx, out_of_order


def a_table() -> Table:
    return Table(
        key="t",
        title="T",
        sheet="T",
        columns=[Column("Mã", CENTER, 20, 8), Column("Tên đầy đủ", TEXT, None, 60), Column("Số", NUMBER, 30, 12)],
        rows=[["1.1", "Một tên rất dài", 1200], ["Tổng", "", None]],
        bold_rows={1},
    )


def made(build) -> Document:
    with translation.override("vi"):
        d = DocxDocument()
        build(d)
        return open_docx(d.save(title="Báo cáo", author="Cục Pháp chế"))


def test_a4_with_the_decree_30_margins_and_times_new_roman():
    doc = made(lambda d: d.paragraph("Nội dung."))
    section = doc.sections[0]
    mm = [round(x.mm, 1) for x in (section.page_width, section.page_height)]
    assert mm == [210, 297]  # A4 (in twips: 11906 × 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(x.mm, 1) for x in margins] == [20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.paragraph_format.space_after == Pt(6)
    # No theme font is left to override Times New Roman (Word would show Calibri/Cambria).
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        assert not any("Theme" in name for name in fonts.attrib), fonts.attrib
    lang = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "vi-VN"
    assert doc.core_properties.title == "Báo cáo" and doc.core_properties.author == "Cục Pháp chế"


def test_headings_are_words_heading_styles_in_black_times_new_roman():
    doc = made(lambda d: [d.paragraph("I. KẾT QUẢ", "Heading 1"), d.paragraph("1.1. Công tác", "Heading 3")])
    found = [(p.style.name, p.text) for p in doc.paragraphs]
    assert found == [("Heading 1", "I. KẾT QUẢ"), ("Heading 3", "1.1. Công tác")]
    for level, italic in ((1, False), (2, False), (3, True)):
        style = doc.styles[f"Heading {level}"]
        assert style.font.name == "Times New Roman" and style.font.size == Pt(14)
        assert style.font.bold is True and bool(style.font.italic) is italic
        assert str(style.font.color.rgb) == "000000" and style.font.color.theme_color is None
        # What the navigation pane and a table of contents read: the outline level.
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)


def test_page_number_in_the_header_from_page_2():
    doc = made(lambda d: d.paragraph("Nội dung."))
    section = doc.sections[0]
    assert section.different_first_page_header_footer is True
    assert not section.first_page_header.is_linked_to_previous
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER or header.style.paragraph_format.alignment == (
        WD_ALIGN_PARAGRAPH.CENTER
    )
    codes = [t.text for t in header._p.iter(qn("w:instrText"))]
    assert codes == [" PAGE "]
    kinds = [f.get(qn("w:fldCharType")) for f in header._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_typed_text_stays_text():
    """What a user typed is a run of text: no field, no hyperlink, nothing XML refuses; NFC."""
    typed = [
        '=HYPERLINK("http://evil.example/x","Bấm vào đây")',
        "{ PAGE } <w:fldSimple w:instr='HYPERLINK'/> & <b>đậm</b>",
        "Thi\u0301 điểm\x00\x07 mô hình\x1b",  # decomposed í, control characters
    ]
    doc = made(lambda d: [d.paragraph(t) for t in typed])
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == typed[:2]
    assert texts[2] == "Thí điểm mô hình"
    body = doc.element.body
    assert fields(doc) == []
    assert not list(body.iter(qn("w:hyperlink"))) and not list(body.iter(qn("w:fldChar")))
    assert not doc.part.rels or all("hyperlink" not in r.reltype for r in doc.part.rels.values())


def test_plain_text_helper():
    assert plain("A\r\nB\rC") == "A\nB\nC"
    assert plain("o\u0301") == "ó"
    assert plain("x\x00\x0b\x0cy\ufffe") == "xy"


def test_a_grid_prints_the_columns_that_fit_the_page_with_a_repeated_header():
    doc = made(lambda d: d.grid(a_table()))
    (table,) = doc.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Mã", "Số"], ["1.1", "1.200"], ["Tổng", "—"]]
    assert [round(c.width.mm) for c in table.rows[0].cells] == [20, 30]
    head, first, total = table.rows
    assert head._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert first._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(r.bold for r in total.cells[0].paragraphs[0].runs) and not first.cells[0].paragraphs[0].runs[0].bold
    assert first.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # numbers
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert table.style.name == "Table Grid"


def test_what_we_write_is_in_the_schemas_order():
    def build(d):
        d.grid(a_table())
        table = d.layout_table([60, 105], rows=2, center=True)
        d.paragraph("A", "Letterhead", into=table.rows[0].cells[0])
        d.rule(30, 60, into=table.rows[0].cells[0])
        d.rule(45, 165, before=2, after=10)

    doc = made(build)
    assert out_of_order(doc.element.body) == []
    assert out_of_order(doc.styles.element) == []


def test_the_file_opens_again_and_is_a_word_document():
    with translation.override("vi"):
        d = DocxDocument()
        d.paragraph("Nội dung.")
        content = d.save(title="T", author="A")
    assert Document(io.BytesIO(content)).paragraphs[0].text == "Nội dung."
