"""The security page (accounts/security_page.py): turn the second step on and off, new recovery codes,
revoke one's own API tokens."""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tokens import token_issue, tokens_active
from tests.accounts.otp import code_now, enrol
from tests.pages import text


def test_turning_two_step_sign_in_on_and_off(client_as, reporter, clock):
    client = client_as(reporter)
    page = text(client.get("/bao-mat/"))
    assert "Đang tắt." in page and "Cài đặt đăng nhập hai bước" in page
    client.post("/bao-mat/", {"action": "start"})
    page = text(client.get("/bao-mat/"))
    assert '<svg class="qr"' in page
    device = TOTPDevice.objects.get(user=reporter, confirmed=False)
    assert client.post("/bao-mat/", {"action": "confirm", "code": "000000x"}).status_code == 400
    clock.shift(30)
    done = client.post("/bao-mat/", {"action": "confirm", "code": code_now(device)}, follow=True)
    assert "Đã bật đăng nhập hai bước" in text(done)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", text(done))
    assert len(codes) == 10
    assert "Số mã khôi phục còn lại: 10." in text(client.get("/bao-mat/"))

    assert client.post("/bao-mat/", {"action": "remove", "code": "wrong"}).status_code == 400
    clock.shift(30)
    off = client.post("/bao-mat/", {"action": "remove", "code": code_now(device)}, follow=True)
    assert "Đã tắt đăng nhập hai bước." in text(off)
    assert not TOTPDevice.objects.filter(user=reporter).exists()


def test_new_recovery_codes_replace_the_old_ones(client_as, reporter, clock):
    device, old = enrol(reporter)
    client = client_as(reporter)
    clock.shift(30)
    made = client.post("/bao-mat/", {"action": "codes", "code": code_now(device)}, follow=True)
    fresh = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", text(made))
    assert len(fresh) == 10 and not set(fresh) & set(old)


def test_where_required_it_cant_be_turned_off(client_as, reviewer, settings, clock):
    device, _ = enrol(reviewer)
    client = client_as(reviewer)
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # as the second step leaves it
    session.save()
    page = text(client.get("/bao-mat/"))
    assert "không thể tắt" in page and 'value="remove"' not in page
    clock.shift(30)
    client.post("/bao-mat/", {"action": "remove", "code": code_now(device)})
    assert TOTPDevice.objects.filter(user=reviewer, confirmed=True).exists()


def test_users_see_and_revoke_only_their_own_tokens(client_as, reporter, other_reporter):
    mine, mine_key = token_issue(user=reporter, user_agent="python-requests/2.32")
    theirs, _ = token_issue(user=other_reporter)
    client = client_as(reporter)
    page = text(client.get("/bao-mat/"))
    assert mine.prefix in page and "python-requests/2.32" in page and theirs.prefix not in page
    assert mine_key not in page
    client.post("/bao-mat/", {"action": "revoke-token", "token": str(theirs.pk)})
    client.post("/bao-mat/", {"action": "revoke-token", "token": "99999999999999999999999"})
    assert list(tokens_active(user=other_reporter)) == [theirs]
    done = client.post("/bao-mat/", {"action": "revoke-token", "token": str(mine.pk)}, follow=True)
    assert "Đã thu hồi mã truy cập." in text(done)
    assert list(tokens_active(user=reporter)) == []
