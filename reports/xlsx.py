"""The roll-up as an XLSX workbook (openpyxl): the PDF's tables, Vietnamese headings, numbers as
numbers. Call inside ``translation.override("vi")`` (see services.rollup_xlsx)."""

import io
import unicodedata

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HEADER_ROW = 4
NUMBER_FORMAT = "#,##0"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEEEEE")


def nfc(value):
    return unicodedata.normalize("NFC", str(value)) if isinstance(value, str) else value


def sheet_name(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return nfc(text)[:31]


def write_table(
    ws,
    title: str,
    subtitle: str,
    header: list[str],
    rows: list[list],
    widths: list[int],
    bold_rows: frozenset | set = frozenset(),
) -> None:
    ws.cell(row=1, column=1, value=nfc(title)).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=nfc(subtitle)).font = Font(italic=True)
    for j, text in enumerate(header, start=1):
        cell = ws.cell(row=HEADER_ROW, column=j, value=nfc(text))
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(rows):
        r = HEADER_ROW + 1 + i
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=j, value=nfc(value))
            cell.border = BORDER
            if isinstance(value, int) and not isinstance(value, bool):
                cell.number_format = NUMBER_FORMAT
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if i in bold_rows:
                cell.font = Font(bold=True)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)


def figure_header(first: str) -> list[str]:
    return [first, _("Activities"), _("Sessions"), _("Participants"), _("Copies"), _("Online reach"), _("Budget (VND)")]


def figure_values(f: dict) -> list[int]:
    return [f["activities"], f["sessions"], f["participants"], f["copies"], f["online_reach"], f["budget_vnd"]]


def rollup_workbook(rollup: dict) -> bytes:
    """The workbook's bytes. Sheet "Tổng hợp" ends with a total row equal to the roll-up's totals."""
    wb = Workbook()
    plan = rollup["plan"]
    window = rollup["window"]
    subtitle = _("Plan %(number)s · reporting window %(start)s to %(end)s · %(counted)s of %(total)s units counted") % {
        "number": plan["number"],
        "start": window["start"].strftime("%d/%m/%Y"),
        "end": window["end"].strftime("%d/%m/%Y"),
        "counted": rollup["units"]["counted"],
        "total": rollup["units"]["total"],
    }

    # Results by task group and task.
    ws = wb.active
    ws.title = sheet_name(_("Summary"))
    rows, bold = [], set()
    for group in rollup["groups"]:
        bold.add(len(rows))
        rows.append(
            [
                group["number"],
                group["title"],
                group["units_expected"],
                group["units_reporting"],
                *figure_values(group["figures"]),
            ]
        )
        for task in group["tasks"]:
            rows.append(
                [
                    task["code"],
                    task["title"],
                    task["units_expected"],
                    task["units_reporting"],
                    *figure_values(task["figures"]),
                ]
            )
    bold.add(len(rows))
    t = rollup["totals"]
    rows.append([_("Total"), "", t["units_expected"], t["units_reporting"], *figure_values(t)])
    header = [_("Task"), _("Title"), _("Units expected"), _("Units reporting"), *figure_header("")[1:]]
    write_table(
        ws, _("Results by task group and task"), subtitle, header, rows, [8, 60, 12, 12, 12, 12, 14, 14, 16, 18], bold
    )

    # Deadline states.
    order = ["done_on_time", "done_late", "overdue", "due_soon", "not_yet_due"]
    ws = wb.create_sheet(sheet_name(_("Deadlines")))
    rows = [
        [task["code"], task["title"], *[task["obligations"][s] for s in order]]
        for group in rollup["groups"]
        for task in group["tasks"]
    ]
    rows += [
        [d["code"], d["title"], *[d["obligations"][s] for s in order]]
        for d in rollup["deliverables"]
        if not d["code"][:1].isdigit()
    ]
    write_table(
        ws,
        _("Obligations by deadline state"),
        subtitle,
        [_("Task"), _("Title"), _("Done on time"), _("Done late"), _("Overdue"), _("Due soon"), _("Not yet due")],
        rows,
        [8, 60, 14, 14, 12, 12, 14],
    )

    for key, name, title, first in (
        ("by_area", _("By area"), _("Results by area"), _("Area")),
        ("by_target_group", _("By target group"), _("Results by target group"), _("Target group")),
        ("by_form", _("By form"), _("Results by form of dissemination"), _("Form")),
    ):
        ws = wb.create_sheet(sheet_name(name))
        rows = [[row["label"], *figure_values(row)] for row in rollup[key]]
        write_table(ws, title, subtitle, figure_header(first), rows, [45, 12, 12, 14, 14, 16, 18])

    # Report status per unit (the annex).
    ws = wb.create_sheet(sheet_name(_("Units")))
    rows = []
    for i, u in enumerate(rollup["unit_reports"], start=1):
        f = u["figures"]
        on_time = "" if u["on_time"] is None else (_("Yes") if u["on_time"] else _("No"))
        rows.append(
            [
                i,
                u["name"],
                u["area_label"],
                u["report_status_label"],
                on_time,
                *(figure_values(f) if f else [None] * 6),
                u["pilot_models"],
            ]
        )
    write_table(
        ws,
        _("Results of the units"),
        subtitle,
        [_("No."), _("Unit"), _("Area"), _("Report"), _("On time"), *figure_header("")[1:], _("Pilot models")],
        rows,
        [6, 40, 16, 24, 10, 12, 12, 14, 14, 16, 18, 12],
    )

    pm = rollup["pilot_models"]
    ws = wb.create_sheet(sheet_name(_("Pilot models")))
    rows = [
        [
            i,
            m["unit"],
            m["name"],
            m["place"],
            m["target_group_label"],
            m["status_label"],
            m["start_date"],
            _("Yes") if m["counts_toward_target"] else _("No"),
        ]
        for i, m in enumerate(pm["models"], start=1)
    ]
    write_table(
        ws,
        _("Pilot models (task %(task)s): %(reached)s units reached the target")
        % {"task": pm["task"] or "4.1", "reached": pm["units_reached"]},
        subtitle,
        [
            _("No."),
            _("Unit"),
            _("Model"),
            _("Place"),
            _("Target group"),
            _("Status"),
            _("Started"),
            _("Counts toward the target"),
        ],
        rows,
        [6, 36, 40, 24, 24, 14, 12, 14],
    )
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"

    ws = wb.create_sheet(sheet_name(_("Training")))
    rows = [
        [item["task"], row["label"], row["courses"], row["participants"]]
        for item in rollup["training"]
        for row in item["by_region"]
    ]
    write_table(
        ws,
        _("Training courses by task and region"),
        subtitle,
        [_("Task"), _("Region"), _("Courses"), _("Participants")],
        rows,
        [8, 24, 12, 14],
    )

    ws = wb.create_sheet(sheet_name(_("Difficulties and proposals")))
    rows = []
    for kind, label in (("difficulties", _("Difficulty")), ("proposals", _("Proposal"))):
        for group in rollup[kind]:
            for item in group["items"]:
                rows.append([label, group["task"] or _("General"), item["unit"], item["text"]])
    write_table(
        ws,
        _("Difficulties and proposals"),
        subtitle,
        [_("Kind"), _("Task"), _("Unit"), _("Text")],
        rows,
        [14, 10, 36, 90],
    )

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
