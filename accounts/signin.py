"""Signing in on the web pages (and so into the admin): the password, then, where the user has or must
have the second step, a code from the authenticator app or a recovery code. A user who must have it and
has not set it up yet sets it up here, before being let in.

Between the two steps the session holds only who passed the password and when (for PENDING_SECONDS);
the user is signed in, and the session key changes (Django's login), once the code is right."""

import time

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.forms import CodeForm, EnrolForm
from accounts.models import User
from accounts.two_factor import (
    code_verify,
    has_second_step,
    qr_svg,
    recovery_codes_left,
    second_step_needed,
    totp_confirm,
    totp_pending,
    totp_start,
)

PENDING_KEY = "signin_pending"
PENDING_SECONDS = 300
MAX_CODE_TRIES = 5
RECOVERY_CODES_KEY = "recovery_codes"


class PasswordStepView(auth_views.LoginView):
    """The first step: Django's sign-in form (django-axes counts its failures). A user who needs no
    code is signed in here; the others go on to the code."""

    template_name = "accounts/login.html"
    next_page = "pages:home"

    def form_valid(self, form):
        user = form.get_user()
        if not second_step_needed(user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
            "tries": 0,
        }
        return redirect("pages:login-code")


def _pending(request) -> tuple[User, dict] | None:
    data = request.session.get(PENDING_KEY)
    if not data:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if user is None or time.time() - data["since"] > PENDING_SECONDS or data["tries"] >= MAX_CODE_TRIES:
        request.session.pop(PENDING_KEY, None)
        return None
    return user, data


def _code_failed(request, user: User, data: dict) -> None:
    """A wrong code counts as a failed sign-in (django-axes); after MAX_CODE_TRIES the password is asked again."""
    data["tries"] += 1
    request.session[PENDING_KEY] = data
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def _finish(request, user: User, data: dict, device):
    request.session.pop(PENDING_KEY, None)
    auth_login(request, user, backend=data["backend"])
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        messages.warning(
            request,
            _("You signed in with a recovery code; %(left)s codes are left. Make new ones on the security page.")
            % {"left": recovery_codes_left(user)},
        )
    return redirect(data["next"])


def code_step(request):
    """The second step: a code from the app or a recovery code (or, the first time, setting the app up)."""
    pending = _pending(request)
    if pending is None:
        messages.error(request, _("Your sign-in has expired or was not started: enter your password again."))
        return redirect("pages:login")
    user, data = pending
    if not has_second_step(user):
        return _enrol_at_sign_in(request, user, data)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = code_verify(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages)
            _code_failed(request, user, data)
        else:
            return _finish(request, user, data, device)
        if data["tries"] >= MAX_CODE_TRIES:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, _("Too many wrong codes: enter your password again."))
            return redirect("pages:login")
    status = 400 if form.errors else 200
    return render(request, "accounts/second_step.html", {"form": form, "person": user}, status=status)


def enrol_context(user: User, device, form) -> dict:
    """What the set-up shows: the QR code, the same secret as text, and the form for the first code."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return {
        "qr": qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "enrol_form": form,
        "person": user,
    }


def _enrol_at_sign_in(request, user: User, data: dict):
    """A user who must have the second step and has none sets the app up before being let in."""
    device = totp_pending(user=user) or totp_start(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_confirm(device=device, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages)
            _code_failed(request, user, data)
        else:
            _finish(request, user, data, device)
            request.session[RECOVERY_CODES_KEY] = codes
            messages.success(request, _("Two-step sign-in is on. Keep your recovery codes somewhere safe."))
            return redirect("pages:security")
    context = {**enrol_context(user, device, form), "required": True}
    return render(request, "accounts/second_step_enrol.html", context, status=400 if form.errors else 200)
