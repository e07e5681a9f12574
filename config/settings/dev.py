"""Local development: `make run` on the embedded defaults (SQLite, filesystem broker, mail files)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-9f2b7c1e4d")
# The demo's users sign in with their password alone (`make run`); turn it on to try the second step.
OTP_REQUIRED_FOR_REVIEWERS = env.bool("OTP_REQUIRED_FOR_REVIEWERS", default=False)
