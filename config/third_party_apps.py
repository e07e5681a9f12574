"""Third-party apps under a Vietnamese name in the admin: django-axes names its app "Axes" in English,
without gettext; the admin shows this name instead (its models keep their own)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")
