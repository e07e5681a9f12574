"""Part III (“TỔ CHỨC THỰC HIỆN”): who coordinates the plan (“Giao Cục … là cơ quan tham mưu …”),
the units' results report and its deadline (“… báo cáo kết quả gửi về Bộ Công an (qua Cục …)
trước ngày 15/12/2024 …”), what the coordinator then does with it (“… để tổng hợp, báo cáo Thủ
tướng Chính phủ, lãnh đạo Bộ Công an”), and the reporting window."""

import re
from datetime import date

from django.utils.translation import gettext as _

from accounts.text import name_key
from plans.decision_text.deadlines import Deadline, find_deadlines
from plans.decision_text.duties import Context, recipient, responsible
from plans.decision_text.reading import capitalise
from plans.decision_text.sections import Item, Section, numbered
from plans.decision_text.units import Names, read_subject
from plans.models import Deliverable

DECREE_09 = (
    "Nghị định số 09/2019/NĐ-CP của Chính phủ quy định về chế độ báo cáo của cơ quan hành chính nhà nước: "
    "thời gian chốt số liệu báo cáo định kỳ hằng năm tính từ ngày 15 tháng 12 năm trước kỳ báo cáo đến "
    "ngày 14 tháng 12 của kỳ báo cáo"
)
_D = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
WINDOW = re.compile(rf"chốt số liệu[^.;]*?từ\s+ngày\s+{_D}\s+đến\s+(?:hết\s+)?ngày\s+{_D}", re.I)
FOLLOW_UP = re.compile(r"^\s*,?\s*để\s+(.+?)\s*[.;]?\s*$", re.S)


def report_window(ctx: Context, number: str, year: int) -> dict:
    """The window the results count: as the decision states it (“thời gian chốt số liệu … từ ngày
    … đến ngày …”), else Decree 09/2019/NĐ-CP's for a yearly report: 15/12 of the year before to 14/12."""
    m = WINDOW.search(ctx.flat.text)
    if m:
        try:
            start = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            end = date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
            return {"start": start, "end": end, "source": f"Quyết định số {number}: {m.group().strip()}"}
        except ValueError:
            pass
    return {"start": date(year - 1, 12, 15), "end": date(year, 12, 14), "source": DECREE_09}


def _subject(ctx: Context, item: Item) -> Names:
    """The first units the item names (“Căn cứ Kế hoạch này, Công an các đơn vị, địa phương có
    trách nhiệm …”)."""
    start, stop = ctx.flat.token_index(item.body), ctx.flat.token_index(item.end)
    for i in range(start, stop):
        names = read_subject(ctx.registry, ctx.flat, i, stop)
        if names.scopes or [u for u in names.units if ctx.registry.unit_kinds.get(u) != "ministry"]:
            return names
    return Names()


def _report(ctx: Context, item: Item, deadline: Deadline, at: int, subject: Names) -> tuple[dict, str]:
    """The units' results report: responsible, recipient (“qua Cục …”), deadline. Its title names
    what it is (“Báo cáo kết quả thực hiện Kế hoạch”) and where it goes, as the text writes it."""
    text = ctx.flat.text
    stop = ctx.flat.token_index(item.body + deadline.start)
    to = recipient(ctx, ctx.flat.token_index(at), stop)
    sent = re.search(r"gửi\s+(?:về|đến|tới)\s+[^;]*?(?:\)|(?=\s+trước\b)|$)", text[at : item.body + deadline.start])
    title = "Báo cáo kết quả thực hiện Kế hoạch" + (f" {sent.group().strip()}" if sent else "")
    units, scope = responsible(ctx, subject)
    out = {"title": title, "kind": Deliverable.Kind.ANNUAL_REPORT}
    if scope:
        out["responsible_scope"] = scope
    out["responsible"] = units
    if to:
        out["recipient"] = to
    out["deadline"] = deadline.spec
    out["deadline_text"] = deadline.text
    return out, to


def _follow_up(ctx: Context, item: Item, deadline: Deadline, by: str) -> dict | None:
    """What the recipient does with the reports (“… để tổng hợp, báo cáo Thủ tướng Chính phủ, lãnh
    đạo Bộ Công an”): a deliverable of its own. The decision gives it no date: it is due by the end
    of the plan's year, after the units' reports."""
    m = FOLLOW_UP.match(ctx.flat.text[item.body + deadline.end : item.end])
    if not m or not by or not re.search(r"tổng hợp|báo cáo", name_key(m.group(1))):
        return None
    return {
        "title": capitalise(m.group(1)),
        "kind": Deliverable.Kind.MINISTRY_REPORT,
        "responsible": [by],
        "deadline": {"year": ctx.year},
        "deadline_text": "",
    }


def _duties(ctx: Context, item: Item, coordinator: str) -> list[dict]:
    text = ctx.flat.text[item.body : item.end]
    deadlines = [d for d in find_deadlines(text, strict=True) if d.readable]
    if not deadlines:
        return []
    subject = _subject(ctx, item)
    report = re.search(r"báo cáo kết quả", text, re.I)
    out = []
    for deadline in deadlines:
        if report and report.start() < deadline.start:
            duty, to = _report(ctx, item, deadline, item.body + report.start(), subject)
            out.append(duty)
            if follow := _follow_up(ctx, item, deadline, to or coordinator):
                out.append(follow)
            report = None
            continue
        units, scope = responsible(ctx, subject)
        sentence = re.split(r"(?<=[.;])\s", text[: deadline.start])[-1]
        duty = {"title": capitalise(sentence.strip(" ,"))[:500], "kind": Deliverable.Kind.ACTIVITY}
        if scope:
            duty["responsible_scope"] = scope
        out.append({**duty, "responsible": units, "deadline": deadline.spec, "deadline_text": deadline.text})
    return out


def _coordinator(ctx: Context, item: Item) -> str:
    """“Giao Cục Pháp chế … là cơ quan tham mưu …”: the department named after “Giao”."""
    tokens = ctx.flat.tokens
    i = ctx.flat.token_index(item.body)
    if i >= len(tokens) or tokens[i].key != "giao":
        return ""
    names = read_subject(ctx.registry, ctx.flat, i + 1, ctx.flat.token_index(item.end))
    return next((u for u in names.units if ctx.registry.unit_kinds.get(u) != "ministry"), "")


def read_organisation(ctx: Context, section: Section | None) -> tuple[str, list[dict]]:
    """The coordinator and the dated duties of part III, by item (“III.3”)."""
    if section is None:
        return "", []
    items = numbered(ctx.flat, section.body, section.end, "", ctx.warnings)
    coordinator = next((c for c in (_coordinator(ctx, item) for item in items) if c), "")
    roman = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII"}[section.value]
    out = []
    for item in items:
        if duties := _duties(ctx, item, coordinator):
            out.append({"section": f"{roman}.{item.code}", "deliverables": duties})
    if not any(d["kind"] == Deliverable.Kind.ANNUAL_REPORT for s in out for d in s["deliverables"]):
        ctx.warn(section.start, _("Part %(part)s sets no results report with a deadline.") % {"part": roman})
    return coordinator, out
