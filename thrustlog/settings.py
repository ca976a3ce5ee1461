"""Thrustlog settings, read from the environment. Every variable is listed in .env.example."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from thrustlog.env import env_bool, env_choice, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY", debug=DEBUG, dev_default="dev-only-insecure-key-never-use-in-production"
)
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    "rest_framework",
    "knox",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "tracker",
    "advice",
    "coaching",
    "reports",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers gzipped (static files come precompressed from WhiteNoise). Django
    # pads compressed pages at random against BREACH-style guessing of the CSRF token.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tracker.middleware.LoginRequiredExceptApiMiddleware",
    "tracker.middleware.AthleteTimezoneMiddleware",
    "tracker.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: turns a locked-out sign-in into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thrustlog.urls"
WSGI_APPLICATION = "thrustlog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.preferences.context",
            ],
            "builtins": ["tracker.templatetags.thrustlog"],
        },
    },
]

# Lets widgets use templates from templates/ (the chip radios).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Keep connections between requests; a new PostgreSQL connection per request is slow.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one request writes; the timeout waits out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Files the app keeps between requests (uploads waiting for their import). Several machines
# (web servers and workers) must share it, e.g. one mounted volume.
DATA_DIR = Path(env_str("THRUSTLOG_DATA_DIR") or BASE_DIR / "data")

# Background work (thrustlog/tasks.py): imports, roster rows, periodic clean-ups. "database"
# keeps the queue in the app's own database (`manage.py db_worker` runs it); "rq" puts it in
# Redis (`manage.py rqworker default --job-class django_tasks_rq.Job` on any machines).
TASKS_BACKEND = env_choice("TASKS_BACKEND", "database", ("database", "rq", "immediate"))
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {
            "URL": env_str("TASKS_REDIS_URL", "redis://127.0.0.1:6379/1"),
            # An import of the largest file allowed takes well under this.
            "DEFAULT_TIMEOUT": 30 * 60,
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":  # runs each task inside the request (tests, one-off scripts)
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often `manage.py run_periodic` looks for periodic jobs that are due (thrustlog/periodic.py).
PERIODIC_TICK_SECONDS = env_int("PERIODIC_TICK_SECONDS", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes first: it refuses a locked name or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracker:today"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# Every text of the app is English: a German browser must not get Django's German messages
# ("Dieses Feld ...") or its German date formats inside English pages. Forms read decimal
# commas and ISO dates themselves (tracker/fields.py), so nothing depends on the language.
LANGUAGES = [("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# collectstatic minifies the project's scripts and styles with this esbuild (package.json pins
# it; `npm ci` installs it). Without it they are deployed as written, larger.
ESBUILD = env_str("ESBUILD") or str(BASE_DIR / "node_modules" / ".bin" / "esbuild")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names let browsers cache static files for a year; compressed copies save bytes.
        "BACKEND": "thrustlog.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Web Push (notifications/push.py): the server's VAPID key pair (`manage.py vapid_keys` makes
# one) and a contact for push services. Unset keys: push is off, and notifications go by e-mail.
WEBPUSH_VAPID_PUBLIC_KEY = env_str("WEBPUSH_VAPID_PUBLIC_KEY")
WEBPUSH_VAPID_PRIVATE_KEY = env_str("WEBPUSH_VAPID_PRIVATE_KEY")
WEBPUSH_VAPID_SUBJECT = env_str("WEBPUSH_VAPID_SUBJECT", "mailto:noreply@localhost")
# The push services whose https endpoints browsers may register (the server posts to them).
PUSH_ENDPOINT_HOSTS = env_list(
    "PUSH_ENDPOINT_HOSTS",
    [
        "fcm.googleapis.com",  # Chrome, Edge, Android
        "push.services.mozilla.com",  # Firefox
        "notify.windows.com",  # Edge (legacy)
        "push.apple.com",  # Safari, iOS home-screen apps
    ],
)
# The site's address for links in e-mails ("https://thrustlog.example.com"); empty: no link.
SITE_URL = env_str("THRUSTLOG_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Thrustlog <noreply@localhost>")

# Security: strict by default whenever debug is off. Behind a TLS-terminating proxy set
# DJANGO_SECURE_SSL_REDIRECT=0 (and let the proxy redirect).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 60  # athletes stay signed in on their phone for 60 days

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # No inline styles: plotly.js sets element styles from script (allowed) and finds its
        # own rules in static/vendor/plotly/plotly.css instead of adding a <style>.
        "style-src": ["'self'"],
        # plotly.js (d3) writes one empty style attribute (style="") on a colour bar: that
        # one value is allowed by its hash, no other style attribute is.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
        ],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.DeviceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON in and out only: a form post answers 415 and an HTML-only Accept 406, never a guess.
    # (A view that takes files, like the coming import, names its own parsers.)
    "DEFAULT_PARSER_CLASSES": ["tracker.api.parsers.ExactJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # DRF's handler, plus a JSON 413 for bodies over DATA_UPLOAD_MAX_MEMORY_SIZE.
    "EXCEPTION_HANDLER": "tracker.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "tracker.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "COERCE_DECIMAL_TO_STRING": False,
    # People are not limited, failed sign-ins are (AXES_* below): a gym shares one address.
    "DEFAULT_THROTTLE_RATES": {
        "register": env_str("API_RATE_REGISTER", "120/min"),
    },
}

# Limits on what a stranger may ask (accounts/limits.py), per address and per account, in the
# shared cache. A gym shares one address: 60 sign-ups a minute from one must pass.
RATE_LIMITS = {
    "signup_per_address": env_str("RATE_SIGNUP_ADDRESS", "120/min"),
    "signup_per_address_daily": env_str("RATE_SIGNUP_ADDRESS_DAILY", "1000/d"),
    "password_reset_per_address": env_str("RATE_PASSWORD_RESET_ADDRESS", "30/h"),
    "password_reset_per_email": env_str("RATE_PASSWORD_RESET_EMAIL", "3/h"),
    "invitation_failures_per_account": env_str("RATE_INVITATION_FAILURES_ACCOUNT", "10/h"),
    "invitation_failures_per_address": env_str("RATE_INVITATION_FAILURES_ADDRESS", "50/h"),
    "imports_per_account": env_str("RATE_IMPORTS_ACCOUNT", "30/h"),
    "imports_per_address": env_str("RATE_IMPORTS_ADDRESS", "120/h"),
    "two_step_failures_per_account": env_str("RATE_TWO_STEP_FAILURES_ACCOUNT", "10/15min"),
    "two_step_failures_per_address": env_str("RATE_TWO_STEP_FAILURES_ADDRESS", "50/15min"),
    "share_link_failures_per_address": env_str("RATE_SHARE_LINK_FAILURES_ADDRESS", "60/h"),
}
# How long the phone waits for the server to answer one post from its outbox (a set, a session,
# a check-in) before it gives up and tries again later: a weak signal can leave a connection
# open that never answers (static/js/offline/sync.js).
OFFLINE_SEND_TIMEOUT_SECONDS = env_int("OFFLINE_SEND_TIMEOUT_SECONDS", 15)
if OFFLINE_SEND_TIMEOUT_SECONDS < 1:
    raise ImproperlyConfigured("OFFLINE_SEND_TIMEOUT_SECONDS must be at least 1.")
# With a signal, how long the set form waits for that answer before it tells the athlete the
# set is kept on the phone and lets them go on (static/js/offline/forms.js): a lifter between
# sets should not stare at "Sending…", and the set is safe either way.
OFFLINE_ANSWER_WAIT_SECONDS = env_int("OFFLINE_ANSWER_WAIT_SECONDS", 3)

# Two-step sign-in (accounts/two_step.py): the name authenticator apps show.
OTP_TOTP_ISSUER = "Thrustlog"

# API tokens (django-rest-knox, one per device, only their hash stored): they expire
# API_TOKEN_DAYS after their last use (at most a year after they were issued), and end when
# revoked in Settings or when the password changes.
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations would create its default token table even though accounts.ApiToken
# replaces it; a table nobody uses, holding a foreign key to users, breaks `flush` (and every
# transactional test) on PostgreSQL. Without them, knox has no table at all.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("API_TOKEN_DAYS", 30)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=365),
    "MIN_REFRESH_INTERVAL": 60 * 60,
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Thrustlog API",
    "DESCRIPTION": (
        "The public API of Thrustlog (shared/contract.md section 2). Loads are kilograms; dates "
        "are YYYY-MM-DD. Authenticate with the header `Authorization: Token <token>` (from "
        "POST /api/v1/auth/token/) or the browser session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The contract's vocabularies by their own names (Padding and Equipment share "machine").
    "ENUM_NAME_OVERRIDES": {
        "PainRegion": "tracker.choices.PainRegion",
        "PainTiming": "tracker.choices.PainTiming",
        "PainCharacter": "tracker.choices.PainCharacter",
        "FootDistance": "tracker.choices.FootDistance",
        "StanceWidth": "tracker.choices.StanceWidth",
        "Padding": "tracker.choices.Padding",
        "Equipment": "tracker.choices.Equipment",
        "RedFlag": "tracker.choices.RedFlag",
        "Exercise": "tracker.choices.Exercise",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tracker.api.schema.add_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint (the report's PDF) logs every layout step at INFO, and each CSS rule meant
    # for screens only at WARNING: neither is news.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Failed sign-ins (django-axes; rules it cannot say itself are in accounts/signin.py). Counted in
# the database, so every worker and server sees one count; limited per username (as Django
# normalises it) and per client address, never per person: successful sign-ins do not count.
SIGN_IN_LOCK_MINUTES = env_int("SIGN_IN_LOCK_MINUTES", 15)
SIGN_IN_FAILURES_PER_ADDRESS = env_int("SIGN_IN_FAILURES_PER_ADDRESS", 50)
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURES_PER_USERNAME", 10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_LOCK_MINUTES)
AXES_HANDLER = "accounts.signin.SignInLimitsHandler"
AXES_USERNAME_CALLABLE = "accounts.signin.username_key"
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
# A locked name stays locked SIGN_IN_LOCK_MINUTES after its last counted failure; guesses
# during the lock are refused without being counted, so they cannot stretch it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Axes' log of successful sign-ins would grow by a row for every sign-in; not needed.
AXES_DISABLE_ACCESS_LOG = True
# The client address (accounts/signin.py): the socket's, unless this many proxies, each
# appending the address it saw to X-Forwarded-For, stand in front of the app. A client can
# write any X-Forwarded-For it likes, so it is read only when proxies are named.
TRUSTED_PROXIES = env_int("THRUSTLOG_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "accounts.signin.client_address"
