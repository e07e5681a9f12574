"""Two-step sign-in in tests: a stopped clock (the ``clock`` fixture of tests/accounts/conftest.py), an
authenticator set up through the service, and the code an app would show now (django_otp.oath.totp)."""

from datetime import UTC, datetime

import time_machine
from django_otp.oath import totp

from accounts.two_factor import totp_confirm, totp_start

PASSWORD = "pw-Test-123"


def stopped_clock():
    """Time stands still at 08:00 on 02/12/2024 (Vietnam time) until the test shifts it: a TOTP code is
    accepted once per 30-second step, so a test moves on 30 seconds before using the next one."""
    with time_machine.travel(datetime(2024, 12, 2, 1, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def code_now(device) -> str:
    """The six digits the user's app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def enrol(user):
    """Set up the user's authenticator as the security page does; returns (device, recovery codes)."""
    device = totp_start(user=user)
    codes = totp_confirm(device=device, code=code_now(device))
    device.refresh_from_db()
    return device, codes
