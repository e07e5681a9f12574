"""The signed-in user's security page (/bao-mat/): turn two-step sign-in on (scan a QR code, enter the
first code), see the recovery codes once, make new ones, turn it off (unless required), and see and
revoke the API tokens signed in with the user's account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from accounts.forms import CodeForm, EnrolForm
from accounts.signin import RECOVERY_CODES_KEY, enrol_context
from accounts.tokens import token_revoke, tokens_active
from accounts.two_factor import (
    code_verify,
    has_second_step,
    recovery_codes_left,
    recovery_codes_make,
    second_step_remove,
    second_step_required,
    totp_confirm,
    totp_pending,
    totp_start,
)


def _page(request, *, enrol_form=None, code_form=None, status=200):
    user = request.user
    enrolled = has_second_step(user)
    pending = None if enrolled else totp_pending(user=user)
    context = {
        "enrolled": enrolled,
        "required": second_step_required(user),
        "codes": request.session.pop(RECOVERY_CODES_KEY, None),
        "codes_left": recovery_codes_left(user) if enrolled else 0,
        "code_form": code_form or CodeForm(),
        "tokens": list(tokens_active(user=user)),
    }
    if pending is not None:
        context.update(enrol_context(user, pending, enrol_form or EnrolForm()))
    return render(request, "accounts/security.html", context, status=status)


def _confirm(request):
    user = request.user
    device = totp_pending(user=user)
    form = EnrolForm(request.POST)
    if device is None:
        return redirect("pages:security")
    if form.is_valid():
        try:
            codes = totp_confirm(device=device, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages)
        else:
            otp_login(request, device)
            request.session[RECOVERY_CODES_KEY] = codes
            messages.success(request, _("Two-step sign-in is on. Keep your recovery codes somewhere safe."))
            return redirect("pages:security")
    return _page(request, enrol_form=form, status=400)


def _with_code(request, action):
    """Making new recovery codes and turning the second step off both take a current code."""
    user = request.user
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            code_verify(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages)
        else:
            if action == "codes":
                request.session[RECOVERY_CODES_KEY] = recovery_codes_make(user=user)
                messages.success(request, _("New recovery codes are made; the old ones no longer work."))
            else:
                second_step_remove(user=user)
                messages.success(request, _("Two-step sign-in is off."))
            return redirect("pages:security")
    return _page(request, code_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def security(request):
    user = request.user
    if request.method == "GET":
        return _page(request)
    action = request.POST.get("action")
    enrolled = has_second_step(user)
    if action == "start" and not enrolled:
        totp_start(user=user)
    elif action == "confirm" and not enrolled:
        return _confirm(request)
    elif (action == "codes" and enrolled) or (action == "remove" and enrolled and not second_step_required(user)):
        return _with_code(request, action)
    elif action == "revoke-token":
        raw = request.POST.get("token", "")
        token = tokens_active(user=user).filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
        if token is not None:
            token_revoke(token=token)
            messages.success(request, _("The token is revoked."))
    return redirect("pages:security")
