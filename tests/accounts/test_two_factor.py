"""Two-step sign-in's rules (accounts/two_factor.py): setting up, codes, recovery codes, who must."""

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import (
    code_verify,
    has_second_step,
    qr_svg,
    recovery_codes_left,
    recovery_codes_make,
    second_step_needed,
    second_step_remove,
    second_step_required,
    totp_confirm,
    totp_start,
)
from tests.accounts.otp import code_now, enrol


def test_setting_up_takes_a_right_code_and_gives_ten_recovery_codes(reporter, clock):
    device = totp_start(user=reporter)
    assert not has_second_step(reporter)  # not until confirmed
    with pytest.raises(ValidationError, match="Mã không đúng: kiểm tra giờ trên điện thoại"):
        totp_confirm(device=device, code="12345")
    clock.shift(30)
    codes = totp_confirm(device=device, code=code_now(device))
    assert has_second_step(reporter)
    assert len(codes) == 10 == len(set(codes)) == recovery_codes_left(reporter)


def test_a_code_is_accepted_once_and_wrong_codes_make_one_wait(reporter, clock):
    device, _ = enrol(reporter)
    clock.shift(30)
    code = code_now(device)
    assert code_verify(user=reporter, code=f" {code[:3]} {code[3:]} ") == device
    with pytest.raises(ValidationError, match="Mã không đúng hoặc đã được dùng"):
        code_verify(user=reporter, code=code)
    with pytest.raises(ValidationError, match=r"Nhập sai mã nhiều lần: hãy chờ \d+ giây"):
        code_verify(user=reporter, code=code)
    with pytest.raises(ValidationError, match="Nhập mã từ ứng dụng xác thực"):
        code_verify(user=reporter, code="  ")


def test_each_recovery_code_works_once_and_new_ones_replace_the_old(reporter, clock):
    _, codes = enrol(reporter)
    assert isinstance(code_verify(user=reporter, code=codes[3]), StaticDevice)
    assert recovery_codes_left(reporter) == 9
    clock.shift(60)
    with pytest.raises(ValidationError):
        code_verify(user=reporter, code=codes[3])
    fresh = recovery_codes_make(user=reporter)
    clock.shift(60)
    with pytest.raises(ValidationError):
        code_verify(user=reporter, code=codes[4])
    clock.shift(60)
    assert code_verify(user=reporter, code=fresh[0])


def test_who_must_have_it(db, reporter, leader, reviewer, settings):
    admin = User.objects.create_user("admin", password="x-Pass-123", role=User.Role.ADMIN)
    staff_reporter = User.objects.create_user("staff", password="x-Pass-123", is_staff=True)
    everyone = [reporter, leader, reviewer, admin, staff_reporter]
    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    assert [second_step_required(u) for u in everyone] == [False] * 5
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    assert [second_step_required(u) for u in everyone] == [False, False, True, True, True]


def test_needed_when_turned_on_even_if_not_required(reporter, settings, clock):
    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    assert not second_step_needed(reporter)
    enrol(reporter)
    assert second_step_needed(reporter)
    second_step_remove(user=reporter)
    assert not second_step_needed(reporter)
    assert not TOTPDevice.objects.filter(user=reporter).exists()


def test_the_qr_code_is_inline_svg_without_inline_style():
    svg = qr_svg("otpauth://totp/PBGDPL:ca01.reporter?secret=ABCDEFGH")
    assert svg.startswith('<svg class="qr" role="img" aria-label="Mã QR để quét bằng ứng dụng"')
    assert "style" not in svg and "<script" not in svg
