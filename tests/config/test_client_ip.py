"""The client's address behind the trusted proxies (config/client_ip.py)."""

import pytest
from django.test import RequestFactory

from config.client_ip import client_ip


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the client prepended a fake
        (2, "198.51.100.7, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: not to be trusted
        (1, "", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.parametrize("remote", ["", "unix:/run/gunicorn.sock"])
def test_no_readable_address_is_empty(settings, remote):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=remote)) == ""


def test_a_sign_in_without_an_address_is_recorded(reporter):
    """Django's test client signs in with a request that has no REMOTE_ADDR, as a server on a unix
    socket may: the lockout's access log records no address (on PostgreSQL an "inet" column, which
    refused the "-" it used to get), and the sign-in goes through."""
    from axes.models import AccessLog
    from django.test import Client

    Client().force_login(reporter)
    assert AccessLog.objects.get(username="ca01.reporter").ip_address in ("", None)
