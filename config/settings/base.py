"""Settings shared by every environment. Values come from the environment (django-environ);
a malformed value fails loudly at start-up."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "config.admin_site.AdminConfig",  # django.contrib.admin, with the second sign-in step where required
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "config.third_party_apps.AxesConfig",  # django-axes, named in Vietnamese in the admin
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "accounts",
    "plans",
    "tasks",
    "reports",
    "reminders",
    "ops",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.middleware.NumberOutOfRangeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plans.context.plan_picker",
            ],
        },
    },
]

# Embedded default: SQLite under var/. Production sets DATABASE_URL (PostgreSQL).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
# A connection kept between requests is checked before it is reused, so the app recovers by itself
# once PostgreSQL is back after a restart; a server that doesn't answer fails within a few seconds.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _timeout = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", _timeout)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "pages:login"

# Sign-in and sessions (accounts/): sessions are stored with their user (accounts/sessions.py) so that a
# password change or a deactivation ends them all; a session idle for SESSION_IDLE_MINUTES ends.
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_SAVE_EVERY_REQUEST = True
# API tokens (accounts/tokens.py): a new one at each sign-in, valid this long, stored hashed.
API_TOKEN_LIFETIME_HOURS = env.int("API_TOKEN_LIFETIME_HOURS", default=12)
# Two-step sign-in (TOTP, django-otp) is open to every user; required for reviewers and administrators
# (and anyone with the admin) when this is on: on in production, off in the demo.
OTP_REQUIRED_FOR_REVIEWERS = env.bool("OTP_REQUIRED_FOR_REVIEWERS", default=False)
OTP_TOTP_ISSUER = "PBGDPL - Bộ Công an"
# The client's address behind a reverse proxy: the header the proxy sets and how many trusted proxies
# append to it (0: no proxy, REMOTE_ADDR is the client). The lockout and the security log use it.
TRUSTED_PROXY_IP_HEADER = env.str("TRUSTED_PROXY_IP_HEADER", default="HTTP_X_FORWARDED_FOR")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Language, time zone, formats: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Evidence files are never served from MEDIA_URL: only through the permission-checked view.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)

# Mail: SMTP when EMAIL_URL is set, otherwise files under var/mail/.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="pbgdpl@bocongan.gov.vn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under var/.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),  # kombu's default is ./control, in the working directory
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=900)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["config.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "config.api.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.api_schema.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DATE_FORMAT": "iso-8601",
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
    "COERCE_DECIMAL_TO_STRING": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": _("API of the legal education plan tracker - Ministry of Public Security"),
    "DESCRIPTION": _("Plans, tasks, units, obligations, activities and results reports."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No call to the online validator (the CSP would refuse it: nothing is fetched from elsewhere).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # The error answers (400, 401, 403, 404, 409, 412, 415, 428) are documented once, by a hook.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api_schema.document_errors",
        "config.api_descriptions.describe_parameters",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ScopeEnum": "plans.models.Scope",
        "UnitKindEnum": "accounts.models.Unit.Kind",
        "DeliverableKindEnum": "plans.models.Deliverable.Kind",
        "AreaEnum": "accounts.models.Area",
        "ProgressStatusEnum": "tasks.models.ProgressStatus",
        "TargetGroupEnum": "tasks.models.TargetGroup",
        "DisseminationFormEnum": "tasks.models.DisseminationForm",
        "TopicEnum": "tasks.models.Topic",
        "PlanStatusEnum": "plans.models.Plan.Status",
    },
}

# django-axes: after AXES_FAILURE_LIMIT failed sign-ins from one client address (for one account, or
# for all accounts together) that address is locked for AXES_COOLOFF_MINUTES; other addresses are not,
# so nobody can lock a user out from elsewhere. The address is read as config/client_ip.py says.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Product settings.
DUE_SOON_DAYS = env.int("DUE_SOON_DAYS", default=7)
REMINDER_OFFSETS = env.list("REMINDER_OFFSETS", cast=int, default=[14, 7, 3, 1, 0])
REMINDER_OVERDUE_REPEAT_DAYS = env.int("REMINDER_OVERDUE_REPEAT_DAYS", default=7)
REMINDER_INCLUDE_REPORTERS = env.bool("REMINDER_INCLUDE_REPORTERS", default=False)
# Delivery of reminder emails (seconds): waits after the 1st, 2nd, 3rd… temporary SMTP failure; the
# attempts after which a temporary failure is recorded as failed; how old a claim must be to belong
# to a dead worker; when a queued, unsent email is queued again; the longest wait queued directly
# (longer ones are left to the periodic retry scan, never an ETA).
REMINDER_RETRY_BACKOFF = env.list("REMINDER_RETRY_BACKOFF", cast=int, default=[10, 30, 60, 300])
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=100)
REMINDER_CLAIM_TIMEOUT = env.int("REMINDER_CLAIM_TIMEOUT", default=300)
REMINDER_REQUEUE_AFTER = env.int("REMINDER_REQUEUE_AFTER", default=600)
REMINDER_MAX_COUNTDOWN = env.int("REMINDER_MAX_COUNTDOWN", default=60)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="Demo@2024")

# Operations (ops/): /healthz's limits in seconds (how long a service may take to answer, how old beat's
# heartbeat and the daily reminder scan may be), and where `manage.py backup` writes by default.
HEALTHZ_TIMEOUT = env.int("HEALTHZ_TIMEOUT", default=3)
HEALTHZ_BEAT_MAX_AGE = env.int("HEALTHZ_BEAT_MAX_AGE", default=10 * 60)
HEALTHZ_REMINDER_SCAN_MAX_AGE = env.int("HEALTHZ_REMINDER_SCAN_MAX_AGE", default=26 * 3600)
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
PG_BIN_DIR = env.str("PG_BIN_DIR", default="")  # where pg_dump/pg_restore are, if not the newest Debian ones

# Django's own logging (django.utils.log.DEFAULT_LOGGING) gives the "django" logger a console handler of
# its own when DEBUG is on, and the record propagates to the root's as well: every request warning was
# written twice ("Bad Request: …" bare, then with the root's format). The "django" logger is configured
# here without handlers, so that its records reach the console once, through the root.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
