"""``{% obligation_row row %}``: one obligation on a unit's dashboard (its deadline, activities,
target and progress form), written out here rather than as ~60 template nodes a row (translations,
an include, three links, the progress select): most of the dashboard's CPU. The same HTML as the
template it replaced, byte for byte (tests/reports/dashboards/test_obligation_row.py)."""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from config.pages import choice_label, csrf_input, url_with_id

register = template.Library()

_words: dict[str | None, dict[str, str]] = {}
NOT_THROUGH_THE_FORM = ("unit_plan", "annual_report")


def words() -> dict[str, str]:
    """The row's fixed words in the active language (translated once per language)."""
    language = get_language()
    if language not in _words:
        _words[language] = {
            "log": _("Log an activity"),
            "deadline": _("Deadline"),
            "logged": _("Activities logged"),
            "target": _("Target"),
            "toward": _("Progress toward the target"),
            "progress": _("Progress"),
            "save": _("Save"),
        }
    return _words[language]


def page_url(context, name: str) -> str:
    """``{% url name %}``, reversed once per page (the render's own cache)."""
    urls = context.render_context.setdefault("obligation_row_urls", {})
    if name not in urls:
        urls[name] = reverse(name)
    return urls[name]


def esc(value) -> str:
    """As ``{{ value }}``: localized (numbers get the thousands separator), then escaped."""
    return conditional_escape(str(localize(value)))


def title_cell(row, o, context, word) -> str:
    d = o.deliverable
    code = esc(d.code)
    link = ""
    if context.get("can_update") and row.can_log:
        taken_over = context.get("taken_over")
        query = f"?task={conditional_escape(quote(str(d.task.code)))}" + (
            f"&amp;{esc(taken_over)}" if taken_over else ""
        )
        visually_hidden = _("for task %(code)s") % {"code": code}  # as blocktranslate: the value escaped
        link = (
            f'<a class="button secondary small log-link" href="{page_url(context, "pages:activity-create")}{query}">'
            f'{conditional_escape(word["log"])}<span class="visually-hidden"> {visually_hidden}</span></a>'
        )
    title = conditional_escape(Truncator(str(d.title)).chars(120))
    return (
        f'      <th scope="row" class="task-cell"><span class="code">{code}</span> '
        f'<span class="task-title">{title}</span>\n        {link}</th>\n'
    )


def deadline_cell(row, o, word) -> str:
    days = ""
    if row.days_text:
        late = " late" if row.state == "overdue" else ""
        days = f'<span class="days{late}">{esc(row.days_text)}</span>'
    return (
        f'      <td class="deadline-cell" data-label="{conditional_escape(word["deadline"])}">'
        f'<span class="badge state-{esc(row.state)}">{esc(row.state_label)}</span>\n\n'
        f'        <span class="nowrap">{esc(o.deliverable.deadline_label())}</span>{days}</td>\n'
    )


def activities_cell(row, o, context, word) -> str:
    cell = "—"
    if o.deliverable.task:
        unit = "" if context.get("can_update") else f"&amp;unit={context['unit'].pk}"
        count = ngettext("%(n)s activity", "%(n)s activities", row.activities) % {"n": esc(row.activities)}
        people = _("%(people)s participants") % {"people": esc(row.participants)}
        cell = (
            f'<a href="{page_url(context, "pages:activities")}?task={o.deliverable.task_id}{unit}">{count}</a>\n'
            f'        <span class="days">{people}</span>'
        )
    return f'      <td data-label="{conditional_escape(word["logged"])}">{cell}</td>\n'


def target_cell(row, word) -> str:
    cell = "—"
    if target := row.target:
        done, required = esc(target.done), esc(target.required)
        toward = conditional_escape(word["toward"])
        cell = (
            f'<progress max="{target.required}" value="{target.done}" aria-label="{toward}">'
            f"{done}/{required}</progress>\n"
            f'        <span class="progress-label">{done}/{required} {esc(target.label)}</span>'
        )
    return f'      <td data-label="{conditional_escape(word["target"])}">{cell}</td>\n'


def progress_cell(o, context, word) -> str:
    head = f'      <td data-label="{conditional_escape(word["progress"])}">\n'
    if context.get("can_update") and o.deliverable.kind not in NOT_THROUGH_THE_FORM and not o.completed_at:
        options = "".join(
            f'<option value="{esc(value)}"{" selected" if value == o.status else ""}>{esc(label)}</option>'
            for value, label in context.get("status_choices") or ()
        )
        label = _("Progress of %(code)s") % {"code": esc(o.deliverable.code)}
        action = url_with_id(context.render_context, "pages:obligation-status", o.pk)
        return (
            f"{head}        \n"
            f'        <form method="post" action="{action}" '
            'class="inline status-form">\n'
            f"          {csrf_input(context)}\n"
            f'          <label class="visually-hidden" for="status-{o.pk}">{label}</label>\n'
            f'          <select id="status-{o.pk}" name="status">\n'
            f"            {options}\n"
            "          </select>\n"
            f'          <button type="submit" class="small secondary">{conditional_escape(word["save"])}</button>\n'
            "        </form>\n"
            "        \n"
            "      </td>\n"
        )
    done = f"<br><small>{date_format(template_localtime(o.completed_at), 'd/m/Y')}</small>" if o.completed_at else ""
    return f"{head}        \n        {esc(choice_label(o, 'status'))}{done}\n        \n      </td>\n"


@register.simple_tag(takes_context=True)
def obligation_row(context, row) -> SafeString:
    o, word = row.obligation, words()
    return mark_safe(  # noqa: S308 - every value is escaped in the cells
        f'\n    <tr id="nghia-vu-{o.pk}">\n'
        + title_cell(row, o, context, word)
        + deadline_cell(row, o, word)
        + activities_cell(row, o, context, word)
        + target_cell(row, word)
        + progress_cell(o, context, word)
        + "    </tr>\n    "
    )
