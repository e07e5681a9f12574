"""The results reports as documents, whatever they are rendered to: the words, the numbered
sections, the tables and the charts, said once and rendered by ``reports.pdf`` and ``reports.docx``.

- ``text``: numbers (1.234.567), dates (05/03/2024) and table cells as Vietnamese text, NFC;
- ``blocks``: what a document is made of (headings, paragraphs, captioned tables, charts, an
  annex) and ``ReportDocument``, the letterhead, the body and the annexes;
- ``frame``: the Decree 30/2020/NĐ-CP frame: ``Letterhead`` (issuer, number, place and date,
  recipients, signer) from the unit registry, and the frame's fixed words;
- ``results``: the body a results report has whoever issues it;
- ``ministry``: the Ministry's compiled report; ``unit_report``: a unit's own report.

Build inside ``translation.override("vi")`` and the plan's time zone (``reports.services``).
"""
