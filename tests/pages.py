"""Helpers for the web page tests (Django's test client; the ``client_as`` and ``csrf_client_as``
fixtures are in tests/conftest.py)."""


def text(response) -> str:
    return response.content.decode()


def csrf_post(client, url, data=None, **kwargs):
    """POST with the CSRF token the page would carry (the clients enforce CSRF checks)."""
    client.get("/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": token}, **kwargs)
