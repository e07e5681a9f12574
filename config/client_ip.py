"""The client's address, as the sign-in lockout (django-axes) and the security log see it.

Behind a reverse proxy every request comes from the proxy's address. Each trusted proxy appends the
address it received the request from to a header (X-Forwarded-For, by default), so with
TRUSTED_PROXY_COUNT proxies in front of the application the client is the entry that many places from
the end; anything before it was written by the client and can't be trusted. Without a proxy
(TRUSTED_PROXY_COUNT = 0) the client is REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of whoever sent ``request``: from the trusted proxy's header, else REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part for part in request.META.get(settings.TRUSTED_PROXY_IP_HEADER, "").split(",") if part.strip()]
        if len(forwarded) >= count:
            address = _address(forwarded[-count])
            if address:
                return address
    # Nothing readable (a unix socket, a request made without one): "", as the lockout's address
    # column takes an address or nothing, never other text.
    return _address(remote) or ""
