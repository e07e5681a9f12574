"""manage.py compile_report: the Ministry's report from the command line, as PDF, DOCX or XLSX."""

from django.core.management import call_command
from openpyxl import load_workbook

from accounts.models import Unit

from ...data import fill
from ...docx.reading import all_text, headings, open_docx
from ...pdf.reading import flat, pdf_text


def test_compile_report_command(plan, tmp_path, settings):
    fill(plan, units=list(Unit.objects.filter(key__in=["ca01", "ca79", "ca48", "v03", "ca02", "ca31"])), per_unit=5)
    settings.MEDIA_ROOT = tmp_path / "media"
    out = tmp_path / "out" / "bao-cao.pdf"
    call_command("compile_report", "762/QĐ-BCA-V03", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert "BÁO CÁO" in flat(pdf_text(out.read_bytes()))
    xlsx = tmp_path / "bao-cao.xlsx"
    call_command("compile_report", "762/QĐ-BCA-V03", "--out", str(xlsx), "--include-submitted")
    assert load_workbook(xlsx).sheetnames[0] == "Tổng hợp"
    docx = tmp_path / "bao-cao.docx"
    call_command("compile_report", "762/QĐ-BCA-V03", "--out", str(docx), "--area", "nam")
    doc = open_docx(docx.read_bytes())
    assert doc.paragraphs[0].text == "BÁO CÁO" or "BÁO CÁO" in all_text(doc)
    assert ("Heading 1", "I. KẾT QUẢ THỰC HIỆN") in headings(doc)
