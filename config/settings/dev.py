"""Local development: `make run` on the embedded defaults (SQLite, filesystem broker, mail files)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-9f2b7c1e4d")
# The demo's users sign in with their password alone (`make run`); turn it on to try the second step.
OTP_REQUIRED_FOR_REVIEWERS = env.bool("OTP_REQUIRED_FOR_REVIEWERS", default=False)
# The links in emails follow the port `make run` serves on (`PORT=8001 make run`), unless SITE_URL says otherwise.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip("/")
