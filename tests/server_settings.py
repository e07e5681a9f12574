"""Settings of the gunicorn server that the failure tests start (tests/failures/): the production
settings, with DATABASE_URL, REDIS_URL and the rest from the environment, except that static files
are named as they are in the apps (no collectstatic, no manifest)."""

from config.settings.prod import *  # noqa: F403
from config.settings.prod import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
