"""Settings of the Celery worker processes started by the integration tests (tests/workers.py): the
test settings (config.settings.test, with DATABASE_URL / REDIS_URL / TEST_MEDIA_ROOT from the
environment, so that the workers share the test process's database and files), a private queue,
short reminder timings and, when TEST_SMTP_PORT is given, real SMTP on loopback (without it, mail
stays in Django's locmem backend of the test settings: a report worker sends none)."""

from config.settings.test import *  # noqa: F403
from config.settings.test import env

CELERY_TASK_DEFAULT_QUEUE = env.str("TEST_CELERY_QUEUE")
if env.int("TEST_SMTP_PORT", default=0):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = env.int("TEST_SMTP_PORT")
    EMAIL_TIMEOUT = 10
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
REMINDER_RETRY_BACKOFF = env.list("REMINDER_RETRY_BACKOFF", cast=int, default=[1, 2, 3, 5])
REMINDER_CLAIM_TIMEOUT = env.int("REMINDER_CLAIM_TIMEOUT", default=3)
REMINDER_REQUEUE_AFTER = env.int("REMINDER_REQUEUE_AFTER", default=3)
