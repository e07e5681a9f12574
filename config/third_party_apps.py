"""Third-party apps under a Vietnamese name in the admin: django-axes names its app "Axes" in English,
without gettext; the admin shows this name instead (its models keep their own). django-axes also names
each record in English without gettext ("Access Log for ca01.reporter @ 2024-…", shown as the title of
its page, in the breadcrumbs and in the list's "select" boxes): its models are named in Vietnamese here,
with the time in the site's time zone."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S") if moment else "-"


def access_log_name(log) -> str:
    return gettext("Sign-ins of %(username)s, %(time)s") % {"username": log.username, "time": _when(log.attempt_time)}


def access_attempt_name(attempt) -> str:
    return gettext("Failed sign-ins of %(username)s from %(ip)s, the last at %(time)s") % {
        "username": attempt.username,
        "ip": attempt.ip_address or "-",
        "time": _when(attempt.attempt_time),
    }


def access_failure_name(failure) -> str:
    if failure.locked_out:
        message = gettext("Failed sign-in of %(username)s from %(ip)s at %(time)s (locked out)")
    else:
        message = gettext("Failed sign-in of %(username)s from %(ip)s at %(time)s")
    return message % {
        "username": failure.username,
        "ip": failure.ip_address or "-",
        "time": _when(failure.attempt_time),
    }


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessLog.__str__ = access_log_name
        AccessAttempt.__str__ = access_attempt_name
        AccessFailureLog.__str__ = access_failure_name
