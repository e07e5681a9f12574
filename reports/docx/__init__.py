"""Reports as editable Word documents (DOCX, python-docx) in the Decree 30/2020/NĐ-CP layout,
rendered from ``reports.document`` (the same words, tables and charts as the PDF).

- ``base``: the one small base of every DOCX (A4 with the Decree 30 margins, Times New Roman, the
  styles with real Word headings, the page number in the header from page 2, text runs that stay
  text, the report's tables with a repeated header row, pictures, bytes out);
- ``pictures``: the PDF's charts as PNG;
- ``frame``: the letterhead as a borderless two-column table, "Kính gửi", the signature block;
- ``results_report``: a results report's blocks in that frame (``results_docx``).

No template file: the styles are made in code on python-docx's default document.
"""
