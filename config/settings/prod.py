"""Production: PostgreSQL, Redis, SMTP, behind HTTPS. Every secret comes from the environment."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
# Rotating the key: the new one in DJANGO_SECRET_KEY, the old one here until sessions signed with it
# have moved on (README, "Security and operations").
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # recover by itself after PostgreSQL restarts
_timeout = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", _timeout)
CELERY_BROKER_URL = env.str("REDIS_URL")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer may probe gunicorn itself over plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Two-step sign-in for reviewers and administrators; the client's address from the TLS proxy in front
# (one proxy appending to X-Forwarded-For; set TRUSTED_PROXY_COUNT=0 when gunicorn faces clients).
OTP_REQUIRED_FOR_REVIEWERS = env.bool("OTP_REQUIRED_FOR_REVIEWERS", default=True)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
