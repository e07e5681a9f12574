"""manage.py clone_plan NUMBER --year YYYY --number NEW --signed YYYY-MM-DD: carry a plan into a later year."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.cloning import plan_clone
from plans.models import Plan
from tasks.obligations.services import plan_publish


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": value}) from None


def _confirmed(values: list[str]) -> dict[date, date]:
    out = {}
    for value in values:
        old, sep, new = value.partition("=")
        if not sep:
            raise CommandError(_("“%(value)s”: write OLD=NEW, e.g. 2024-02-29=2026-03-02") % {"value": value})
        out[_day(old.strip())] = _day(new.strip())
    return out


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Copy a plan into a later year as a draft: dates moved to that year, units replaced by those valid "
            "then. The draft makes no obligations until it is published (--publish, or the button on its page)."
        )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="NUMBER", help=_("the number of the plan to copy, e.g. 762/QĐ-BCA-V03"))
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--number", required=True, help=_("the new plan's number"))
        parser.add_argument("--signed", required=True, metavar="YYYY-MM-DD", help=_("the new plan's signing date"))
        parser.add_argument("--title", default="", help=_("the new plan's title (default: the old one, year moved)"))
        parser.add_argument(
            "--date",
            action="append",
            default=[],
            metavar="OLD=NEW",
            help=_("a date V03 confirms for the new year, e.g. 2024-02-29=2026-03-02 (default: 29/02 becomes 28/02)"),
        )
        parser.add_argument("--publish", action="store_true", help=_("publish the copy now (makes its obligations)"))

    def handle(self, *args, source, year, number, signed, title, date, publish, **options):
        plan = Plan.objects.filter(number=source).first()
        if plan is None:
            raise CommandError(_("No plan numbered %(number)s.") % {"number": source})
        try:
            result = plan_clone(
                source=plan,
                year=year,
                number=number,
                signed_on=_day(signed),
                title=title,
                confirmed=_confirmed(date),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        new = result.plan
        self.stdout.write(
            _(
                "Draft plan %(number)s for %(year)s made from %(source)s: %(tasks)d tasks, %(deliverables)d "
                "deliverables."
            )
            % {
                "number": new.number,
                "year": new.year,
                "source": plan.number,
                "tasks": new.groups.values("tasks").count(),
                "deliverables": new.deliverables.count(),
            }
        )
        for old, units in result.units_replaced.items():
            self.stdout.write(_("  %(old)s → %(new)s") % {"old": old, "new": ", ".join(units)})
        for warning in result.warnings():
            self.stdout.write(self.style.WARNING("  " + warning))
        if publish:
            synced = plan_publish(plan=new)
            self.stdout.write(_("Published: %(count)d obligations made.") % {"count": synced.created})
        else:
            message = _("Check the draft, then publish it: manage.py publish_plan %(number)s")
            self.stdout.write(message % {"number": new.number})
