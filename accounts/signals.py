"""Security log: logins, failed logins and logouts go to the ``security`` logger, with the client's
address (config/client_ip.py). A password change or a deactivation ends the user's sign-ins."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accounts.models import User
from config.client_ip import client_ip

log = logging.getLogger("security")


def _address(request):
    return client_ip(request) if request is not None else "-"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    log.info("login user=%s addr=%s", user.get_username(), _address(request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    log.info("logout user=%s addr=%s", getattr(user, "username", "-"), _address(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login-failed user=%s addr=%s", credentials.get("username", "-"), _address(request))


@receiver(pre_save, sender=User)
def note_credentials_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a user is saved: is the password changing, or the user being deactivated? A password
    hash upgraded at sign-in (Django saves only the password, with no new password set) is not a change."""
    instance._ends_sign_ins = False
    if raw or instance.pk is None:
        return
    if update_fields is not None:
        fields = set(update_fields)
        if not fields & {"password", "is_active"}:
            return
        if fields == {"password"} and getattr(instance, "_password", None) is None:
            return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is not None:
        instance._ends_sign_ins = before["password"] != instance.password or (
            before["is_active"] and not instance.is_active
        )


@receiver(post_save, sender=User)
def end_sign_ins_on_credentials_change(sender, instance, **kwargs):
    if getattr(instance, "_ends_sign_ins", False):
        from accounts.tokens import sign_ins_end

        instance._ends_sign_ins = False
        sign_ins_end(user=instance)
        log.info("sign-ins-ended user=%s", instance.get_username())
