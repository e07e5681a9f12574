"""Settings of the Celery worker processes started by the reminder integration tests: the test
settings (config.settings.test, with DATABASE_URL / REDIS_URL from the environment), plus real SMTP
on loopback, a private queue and short reminder timings, all from the environment."""

from config.settings.test import *  # noqa: F403
from config.settings.test import env

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = env.int("TEST_SMTP_PORT")
EMAIL_TIMEOUT = 10
EMAIL_USE_TLS = EMAIL_USE_SSL = False
CELERY_TASK_DEFAULT_QUEUE = env.str("TEST_CELERY_QUEUE")
REMINDER_RETRY_BACKOFF = env.list("REMINDER_RETRY_BACKOFF", cast=int, default=[1, 2, 3, 5])
REMINDER_CLAIM_TIMEOUT = env.int("REMINDER_CLAIM_TIMEOUT", default=3)
REMINDER_REQUEUE_AFTER = env.int("REMINDER_REQUEUE_AFTER", default=3)
