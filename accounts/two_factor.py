"""Two-step sign-in (django-otp): a TOTP authenticator app, and one-time recovery codes.

Every user may turn it on. Reviewers, administrators and anyone with the admin must have it when
OTP_REQUIRED_FOR_REVIEWERS is on (production). Whoever has it must give a code at every sign-in: the
page (a second step), the admin (through the same page) and the API's token endpoint (field ``otp``).
"""

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def second_step_required(user: User) -> bool:
    """Must this user give a code to sign in, whether or not they turned it on themselves (the setting,
    for reviewers, administrators and admin users)."""
    return bool(settings.OTP_REQUIRED_FOR_REVIEWERS and (user.is_reviewer or user.is_staff or user.is_superuser))


def has_second_step(user: User) -> bool:
    """Has the user an authenticator app set up (a confirmed TOTP device)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_step_needed(user: User) -> bool:
    """Does signing this user in take a code: required for them, or turned on by them."""
    return second_step_required(user) or user_has_device(user)


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _seconds_throttled(user: User) -> int:
    """How long every device of the user refuses codes after wrong ones (0 if one accepts them now)."""
    waits = []
    for device in devices_for_user(user):
        allowed, data = device.verify_is_allowed()
        if allowed:
            return 0
        until = (data or {}).get("locked_until")
        waits.append(max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1)
    return min(waits) if waits else 0


def code_verify(*, user: User, code: str):
    """The device that accepts ``code`` (an authenticator's six digits, or an unused recovery code, which
    is then used up); ValidationError in Vietnamese otherwise. A code is accepted once."""
    code = normalise_code(code)
    if not code:
        raise ValidationError(_("Enter the code from your authenticator app, or a recovery code."), code="required")
    wait = _seconds_throttled(user)
    if wait:
        raise ValidationError(
            _("Too many wrong codes: wait %(seconds)s seconds, then try again.") % {"seconds": wait}, code="throttled"
        )
    device = match_token(user, code)
    if device is None:
        raise ValidationError(_("This code is wrong or has already been used."), code="invalid")
    return device


def totp_start(*, user: User) -> TOTPDevice:
    """A new authenticator set-up for ``user``, not yet confirmed (any earlier unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def totp_pending(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def totp_confirm(*, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the set-up with a code from the app; returns new recovery codes (to show once)."""
    if not device.verify_token(normalise_code(code)):
        raise ValidationError(_("This code is wrong: check the time on your phone and enter the new code."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return recovery_codes_make(user=device.user)


def recovery_codes_make(*, user: User) -> list[str]:
    """New recovery codes for ``user``, replacing any earlier ones; each works once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_step_remove(*, user: User) -> None:
    """Remove the user's authenticator and recovery codes (the user, or an administrator for a lost phone)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def qr_svg(text: str) -> str:
    """``text`` as a QR code in inline SVG markup (no image request, nothing inline to style)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    label = format_html('<svg class="qr" role="img" aria-label="{}"', _("QR code to scan with the app"))
    return mark_safe(svg.replace("<svg", label, 1))  # noqa: S308 (qrcode's own markup, our escaped label)


class SecondStepMiddleware:
    """Where the second step is required, a web session that was signed in without it (before the
    setting was turned on, or before the user became a reviewer) is ended: its user signs in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.OTP_REQUIRED_FOR_REVIEWERS:
            user = request.user
            if user.is_authenticated and second_step_required(user) and not user.is_verified():
                logout(request)
        return self.get_response(request)
