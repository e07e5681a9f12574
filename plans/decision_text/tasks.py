"""Part II as the plan file writes it: task groups, their tasks, each task's units, partners, target
and deliverables (their keys are given by ``writer.assign_keys``)."""

from django.utils.translation import gettext as _

from plans.decision_text.duties import (
    Context,
    Due,
    TaskParts,
    deliverable_kind,
    responsible,
    responsible_for,
    target,
    task_parts,
)
from plans.decision_text.reading import DecisionTextError
from plans.decision_text.sections import Item, Leaf, Section, outline, proper_words, read_leaf
from plans.decision_text.units import Names, combined_scope


def _deadline(ctx: Context, due: Due, code: str) -> dict:
    if due.deadline is not None and due.deadline.readable:
        return due.deadline.spec
    if due.deadline is not None:
        message = _("“%(text)s” is not a date; the whole year %(year)d is written in its place.")
    elif due.text:
        message = _("The deadline “%(text)s” could not be read; the whole year %(year)d is written in its place.")
    else:
        message = _(
            "Task %(code)s has no deadline (“Thời gian thực hiện: …”); the whole year %(year)d is written in its place."
        )
    ctx.warn(due.offset, message % {"text": due.text, "year": ctx.year, "code": code}, code)
    return {"year": ctx.year}


def _lead(parts: TaskParts) -> Names:
    lead = Names()
    for statement in parts.said:
        lead.extend(statement.lead)
    lead.unknown = []
    return lead


def _deliverables(ctx: Context, parts: TaskParts, leaf: Leaf, code: str, titles: str) -> list[dict]:
    lead = _lead(parts)
    dated = parts.dated or [Due("", None, "", leaf.head_start)]
    out = []
    for due in dated:
        if len(dated) > 1 and parts.said:
            names, recipient = responsible_for(ctx, due, dated, parts.said)
            title = due.label or leaf.title
        else:
            names, title = lead, leaf.title
            recipient = next((s.recipient for s in parts.said if s.recipient), "")
        units, scope = responsible(ctx, names)
        deliverable = {"title": title, "kind": deliverable_kind(title, titles, scope)}
        if scope:
            deliverable["responsible_scope"] = scope
        deliverable["responsible"] = units
        if recipient:
            deliverable["recipient"] = recipient
        deliverable["deadline"] = _deadline(ctx, due, code)
        deliverable["deadline_text"] = due.text
        out.append(deliverable)
    return out


def _warn_missing(ctx: Context, parts: TaskParts, leaf: Leaf, code: str) -> None:
    for statement in parts.said:
        ctx.warn_unknown(statement.lead, code)
        ctx.warn_unknown(statement.coordinating, code)
    ctx.warn_unknown(parts.coordinating, code)
    if not any(s.lead.units or s.lead.scopes for s in parts.said):
        ctx.warn(
            leaf.head_start,
            _("Task %(code)s names no unit to carry it out (“Cơ quan thực hiện: …”).") % {"code": code},
            code,
        )


def task_data(ctx: Context, item: Item, leaf: Leaf, parent_title: str = "") -> dict:
    """One task of part II in the plan file's terms."""
    code = item.code
    parts = task_parts(ctx, leaf)
    _warn_missing(ctx, parts, leaf, code)
    task: dict = {"code": code, "title": leaf.title}
    if parent_title:
        task["parent_title"] = parent_title
    if leaf.content:
        task["content"] = leaf.content
    if leaf.blocks:
        task["responsibility_text"] = ctx.flat.slice(leaf.blocks[0].label_start, item.end)
    lead = _lead(parts)
    task["lead"] = list(lead.units)
    if lead_scope := combined_scope(lead.scopes):
        task["lead_scope"] = lead_scope
    coordinating = parts.coordinating
    if units := [u for u in coordinating.units if u not in lead.units]:
        task["coordinating"] = units
    if coordinating_scope := combined_scope(coordinating.scopes):
        task["coordinating_scope"] = coordinating_scope
    if coordinating.partners:
        task["partners"] = list(coordinating.partners)
    deliverables = _deliverables(ctx, parts, leaf, code, f"{leaf.title} {parent_title}")
    text = ctx.flat.slice(item.body, item.end)
    if found := target(ctx, text, {d["kind"] for d in deliverables}, item.body, code):
        task["target"] = found
    task["deliverables"] = deliverables
    return task


def _tasks_of(ctx: Context, item: Item, proper: set[str]) -> list[dict]:
    if item.children:
        parent_title = ctx.flat.slice(item.body, item.children[0].start).strip(" -–")
        return [task_data(ctx, c, read_leaf(ctx.flat, ctx.registry, c, proper), parent_title) for c in item.children]
    return [task_data(ctx, item, read_leaf(ctx.flat, ctx.registry, item, proper))]


def groups_data(ctx: Context, section: Section) -> list[dict]:
    """Every task group of part II with its tasks; a group that is itself the task (“2. Tiếp tục
    rà soát …” with its own “Cơ quan thực hiện”) has one task numbered as the group."""
    proper = proper_words(ctx.flat)
    groups = outline(ctx.flat, section, ctx.warnings)
    if not groups:
        raise DecisionTextError(
            _("Part %(part)s lists no numbered task group (“1. …”).") % {"part": section.heading},
            ctx.flat.line_at(section.start),
        )
    out = []
    for group in groups:
        if group.children and group.children[0].code[-1].isalpha():  # “8. … a) … b) …”
            title = ctx.flat.slice(group.body, group.children[0].start).strip(" -–")
            tasks = _tasks_of(ctx, group, proper)
        elif group.children:
            title = ctx.flat.slice(group.body, group.children[0].start).strip(" -–")
            tasks = [t for child in group.children for t in _tasks_of(ctx, child, proper)]
        else:
            leaf = read_leaf(ctx.flat, ctx.registry, group, proper)
            title = leaf.title
            tasks = _tasks_of(ctx, group, proper) if leaf.blocks else []
        if not tasks:
            ctx.warn(
                group.start,
                _(
                    "Group %(code)s has no task: neither numbered tasks (%(code)s.1, …) nor who carries it out "
                    "and by when."
                )
                % {"code": group.code},
                group.code,
            )
        out.append({"number": group.code, "title": title, "tasks": tasks})
    return out
