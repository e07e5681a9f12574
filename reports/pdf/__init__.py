"""PDF reports as Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

- ``base``: the one small base of every PDF (fonts registered once per process, A4 page with the
  Decree 30 margins and page numbers, number and date helpers, the report's tables as grids);
- ``charts``: bar and pie charts in the report's font;
- ``decree30``: the letterhead and the signature block, from the unit registry;
- ``results_report``: the body a results report has whoever issues it;
- ``ministry``: the Ministry's compiled report; ``unit_report``: a unit's own report.
"""
