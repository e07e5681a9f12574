"""PDF reports as Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I), rendered
from ``reports.document`` (what a report says is written there, once, for the PDF and the DOCX).

- ``base``: the one small base of every PDF (fonts registered once per process, A4 page with the
  Decree 30 margins and page numbers, the report's tables as grids);
- ``charts``: bar and pie charts in the report's font (the DOCX shows the same drawings as pictures);
- ``decree30``: the letterhead and the signature block;
- ``results_report``: a results report's blocks in that frame (``ResultsPdf``).
"""
