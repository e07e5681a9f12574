"""The load test's settings: production's (PostgreSQL, Redis, DEBUG off, persistent connections,
PBKDF2 passwords, every middleware) minus what the TLS proxy in front of gunicorn does, since the
test speaks plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies not marked Secure, the client's
address is REMOTE_ADDR. Static files are not fetched by the test, so no manifest is needed. The
demo's rule applies to the second sign-in step (off), as under `make run`."""

from config.settings.prod import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
TRUSTED_PROXY_COUNT = 0
OTP_REQUIRED_FOR_REVIEWERS = False
ALLOWED_HOSTS = ["127.0.0.1"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405 - one line per request would cost more than the request
