"""``{% activity_row a show_unit %}``: one activity in a list (the activity list, a unit's latest
activities), written out here rather than through a template include: a page of 25 rows rendered
about 30 template nodes and 7 translations per row, most of the page's CPU. The same HTML as the
template it replaced, byte for byte (tests/tasks/activities/test_activity_row.py)."""

from django import template
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.pages import choice_label, url_with_id

register = template.Library()

_labels: dict[str | None, dict[str, str]] = {}


def labels() -> dict[str, str]:
    """The cells' data-label attributes in the active language (translated once per language)."""
    language = get_language()
    if language not in _labels:
        words = {
            "date": _("Date"),
            "unit": _("Unit"),
            "task": _("Task"),
            "activity": _("Activity"),
            "form": _("Form"),
            "sessions": _("Sessions"),
            "participants": _("Participants"),
        }
        _labels[language] = {key: conditional_escape(word) for key, word in words.items()}
    return _labels[language]


def esc(value) -> str:
    return conditional_escape(str(value))


def day(value) -> str:
    return date_format(value, "d/m/Y")


@register.simple_tag(takes_context=True)
def activity_row(context, a, show_unit) -> SafeString:
    word = labels()
    dates = day(a.start_date) + (f"–{day(a.end_date)}" if a.end_date and a.end_date != a.start_date else "")
    unit = f'<td data-label="{word["unit"]}">{esc(a.unit.short_name or a.unit.name)}</td>' if show_unit else ""
    place = ""
    if a.commune or a.district:
        comma = ", " if a.commune and a.district else ""
        place = f'<br><small class="muted">{esc(a.commune)}{comma}{esc(a.district)}</small>'
    url = conditional_escape(url_with_id(context.render_context, "pages:activity", a.pk))
    return mark_safe(  # noqa: S308 - every value above is escaped
        "\n<tr>\n"
        f'    <td class="nowrap" data-label="{word["date"]}">{dates}</td>\n'
        f"    {unit}\n"
        f'    <td class="code" data-label="{word["task"]}" title="{esc(a.task.title)}">{esc(a.task.code)}</td>\n'
        f'    <td data-label="{word["activity"]}"><a href="{url}">{esc(a.title)}</a>{place}</td>\n'
        f'    <td data-label="{word["form"]}">{esc(choice_label(a, "form"))}</td>\n'
        f'    <td class="num" data-label="{word["sessions"]}">{esc(localize(a.sessions))}</td>\n'
        f'    <td class="num" data-label="{word["participants"]}">{esc(localize(a.participants))}</td>\n'
        "  </tr>\n"
    )
