from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.demo import demo_users_seed
from demo.seed import demo_data_seed


class Command(BaseCommand):
    help = "Create the demo users and demo data. Idempotent; refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("seed_demo only runs with DEBUG on: it creates users with a known password."))
        created = demo_users_seed()
        self.stdout.write(
            _("Demo users: %(created)d created. Password: %(password)s")
            % {"created": created, "password": settings.DEMO_PASSWORD}
        )
        filled = demo_data_seed()
        self.stdout.write(_("Demo data: %(units)d units filled.") % {"units": filled})
